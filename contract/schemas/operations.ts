import { type Static, Type } from '@sinclair/typebox';

/** Issue 16 (decision 016): the installation's backups and their restore drills. */

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const BackupRun = Type.Object({
  id: Type.String(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual'), Type.Literal('cli')]),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  status: Type.Union([Type.Literal('running'), Type.Literal('ok'), Type.Literal('failed')]),
  fileName: Nullable(Type.String()),
  sizeBytes: Type.Union([Type.Integer(), Type.Null()]),
  schemaVersion: Nullable(Type.String()),
  encrypted: Type.Boolean(),
  /** Why it failed (a technical message with no personal data). */
  error: Nullable(Type.String()),
  drill: Type.Union([
    Type.Object({
      status: Type.Union([Type.Literal('ok'), Type.Literal('failed')]),
      at: Type.String(),
      ms: Type.Union([Type.Integer(), Type.Null()]),
      error: Nullable(Type.String()),
    }),
    Type.Null(),
  ]),
  /** Deleted by retention (BACKUP_KEEP). */
  pruned: Type.Boolean(),
});
export type BackupRun = Static<typeof BackupRun>;

export const BackupList = Type.Object({
  items: Type.Array(BackupRun),
  /** BACKUP_TIME (HH:MM UTC) of the daily backup and drill, or null when off. */
  schedule: Nullable(Type.String()),
  keep: Type.Integer(),
  encrypted: Type.Boolean(),
  /** The last drill or the last backup failed. */
  alarm: Type.Boolean(),
});
export type BackupList = Static<typeof BackupList>;
