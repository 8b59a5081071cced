/** Invalidation counter of prepared diary weeks (see migration 005-diary). */
export interface DiaryStampsTable {
  school_id: string;
  /** A student, class or group id, or '*' for the whole school. */
  scope_id: string;
  /** A Monday ('YYYY-MM-DD') or '*' for every week. */
  week_start: string;
  version: number;
}

/** When a user last marked a student's diary as seen. */
export interface DiarySeenTable {
  school_id: string;
  user_id: string;
  student_id: string;
  seen_at: string;
}

/** A private calendar feed; the token itself is never stored. */
export interface DiaryCalendarFeedsTable {
  id: string;
  school_id: string;
  user_id: string;
  student_id: string;
  token_hash: string;
  created_at: string;
}
