/** Read budgets (migration 016, decision 013): personal-data records served per user and window. */
export interface ReadBudgetCountersTable {
  user_id: string;
  /** 'hour' or 'day'. */
  window_kind: string;
  /** The window's first instant, ISO UTC. */
  window_start: string;
  reads: number;
}

/** A staff account over its read budget in a school: one row per window, for the director. */
export interface ReadBudgetAlertsTable {
  id: string;
  school_id: string;
  user_id: string;
  window_kind: string;
  window_start: string;
  reads: number;
  budget: number;
  created_at: string;
  seen_at: string | null;
  seen_by: string | null;
}
