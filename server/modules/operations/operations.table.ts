/** Backups and their restore drills (migration 020, issue 16): one row per backup, installation-wide. */
export interface BackupRunsTable {
  id: string;
  /** 'schedule' (the worker), 'manual' (the web page) or 'cli' (`otmetka backup`). */
  trigger: string;
  /** The scheduled run's day (schedule:YYYY-MM-DD): unique, so one node of many runs it. */
  schedule_key: string | null;
  requested_by: string | null;
  started_at: string;
  finished_at: string | null;
  /** 'running', 'ok' or 'failed'. */
  status: string;
  file_name: string | null;
  size_bytes: number | null;
  schema_version: string | null;
  encrypted: number;
  error: string | null;
  /** The drill of this backup: 'ok' or 'failed', null until one ran. */
  drill_status: string | null;
  drill_at: string | null;
  drill_ms: number | null;
  drill_error: string | null;
  /** When retention deleted the file. */
  pruned_at: string | null;
}
