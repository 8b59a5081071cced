export interface AuditLogTable {
  id: string;
  school_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON without personal data: field names changed, counts, reasons. */
  details: string;
  ip: string;
  at: string;
}
