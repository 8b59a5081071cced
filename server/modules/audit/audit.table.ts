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
  /** The row's place in its school's chain, the previous row's hash and its own (migration 015, server/db/hash-chain.ts). */
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}
