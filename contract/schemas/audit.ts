import { type Static, Type } from '@sinclair/typebox';
import { Nullable } from './common.js';

/**
 * The audit log (R7.3) as GET /api/schools/:schoolId/audit answers it: who did what, when and
 * from where. `details` never carries personal data (see server/modules/audit/audit.service.ts).
 */
export const AuditRecordSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  actorUserId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  ip: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditRecord = Static<typeof AuditRecordSchema>;

export const AuditListSchema = Type.Object({ items: Type.Array(AuditRecordSchema) });
export type AuditList = Static<typeof AuditListSchema>;
