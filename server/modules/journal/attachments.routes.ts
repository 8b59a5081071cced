import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, Id } from '../../../contract/schemas/common.js';
import { actorOf } from '../../http/auth-gate.js';
import { readSingleFile } from '../../http/upload.js';
import type { Deps } from '../../lib/deps.js';
import {
  ATTACHMENT_MAX_BYTES,
  addAttachment,
  attachmentTooLarge,
  deleteAttachment,
  readAttachment,
  requireAttachmentWrite,
} from './attachments.service.js';

const tags = ['journal'];
const AttachmentParams = Type.Object({ schoolId: Id, id: Id, attachmentId: Id });

/** Homework attachments of a lesson: multipart upload, download by those who may see the lesson. */
export function attachmentRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5 } });

    app.post(
      '/api/schools/:schoolId/lessons/:id/attachments',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Attach a homework file to a lesson (multipart; PDF, images, DOCX, XLSX, PPTX, ODT, TXT; up to 10 MB)',
          params: Type.Object({ schoolId: Id, id: Id }),
          response: {
            201: Type.Object({
              id: Type.String(),
              fileName: Type.String(),
              contentType: Type.String(),
              size: Type.Integer(),
              uploadedAt: Type.String(),
            }),
            413: ErrorResponse,
            415: ErrorResponse,
            422: ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        // Access is decided before a byte of the file is read (issue 12.7).
        await requireAttachmentWrite(deps, actor, request.params.schoolId, request.params.id);
        const file = await readSingleFile(request, ATTACHMENT_MAX_BYTES, attachmentTooLarge);
        return reply.status(201).send(await addAttachment(deps, actor, request.params.schoolId, request.params.id, file));
      },
    );

    app.get(
      '/api/schools/:schoolId/lessons/:id/attachments/:attachmentId',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'Download a homework attachment', params: AttachmentParams },
      },
      async (request, reply) => {
        const file = await readAttachment(deps, actorOf(request), request.params.schoolId, request.params.id, request.params.attachmentId);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .send(file.data);
      },
    );

    app.delete(
      '/api/schools/:schoolId/lessons/:id/attachments/:attachmentId',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'Remove a homework attachment', params: AttachmentParams, response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        await deleteAttachment(deps, actorOf(request), request.params.schoolId, request.params.id, request.params.attachmentId);
        return reply.status(204).send(null);
      },
    );
  };
}
