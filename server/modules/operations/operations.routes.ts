import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BackupList, BackupRun } from '../../../contract/schemas/operations.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { backupSettled, listBackups, requestBackup } from './operations.service.js';

/** The installation's backups with their size, result and restore drill (issue 16; operators). */
export function operationsRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // A backup started from the page outlives its request: closing the app waits for it (and its
    // drill), so nothing still reads the database while it is being closed or dropped.
    app.addHook('onClose', async () => backupSettled());

    app.get(
      '/api/operations/backups',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['operations'],
          summary: 'Backups, newest first, with size, result and drill; the schedule and whether an alarm stands (operators)',
          response: { 200: BackupList },
        },
      },
      async (request) => (await listBackups(deps, actorOf(request))) as BackupList,
    );

    app.post(
      '/api/operations/backups',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['operations'],
          summary: 'Starts a backup and its restore drill now; answers at once with the running backup (operators)',
          response: { 202: BackupRun },
        },
      },
      async (request, reply) => reply.code(202).send((await requestBackup(deps, actorOf(request))) as BackupRun),
    );
  };
}
