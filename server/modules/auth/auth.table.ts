export interface UsersTable {
  id: string;
  login: string;
  password_hash: string | null;
  display_name: string;
  locale: string;
  is_demo: number;
  disabled_at: string | null;
  /** Who disabled the account (migration 010); null while enabled. */
  disabled_by: string | null;
  password_changed_at: string;
  /** Until when an administrator's temporary password signs in (migration 014); null: the owner's own. */
  password_temporary_until: string | null;
  created_at: string;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  role: string;
  school_id: string | null;
  operator_id: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  /** When this session's second factor was last checked (migration 013); null without one. */
  mfa_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
  /** The token of the last admitted attempt (decision 007). */
  attempt_token: string | null;
}

export interface LoginAddressesTable {
  user_id: string;
  ip: string;
  last_success_at: string;
}
