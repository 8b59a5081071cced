import type { Generated } from 'kysely';

/**
 * One row per recorded change (migration 006-changes): what kind of thing changed, in which
 * school, by whom and when, and the scopes it touched. Written in the transaction of the change
 * through recordChange(); read by whatever needs the order or the posting time of changes.
 */
export interface ChangeLogTable {
  /** Increasing within the database (SQLite rowid, PostgreSQL bigserial). */
  seq: Generated<number>;
  school_id: string;
  kind: string;
  action: string;
  entity_id: string | null;
  actor_id: string | null;
  at: string;
  /** JSON of ChangeScopes (students, groups, curricula, dates, wholeSchool). */
  scopes: string;
}
