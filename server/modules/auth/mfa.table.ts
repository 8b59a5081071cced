/** A TOTP second factor (RFC 6238); confirmed_at is null until the first code confirms enrolment. */
export interface MfaTotpTable {
  user_id: string;
  /** The base32 secret, sealed with MFA_KEY when set ("v1:" + AES-256-GCM); never sent back after enrolment. */
  secret: string;
  created_at: string;
  confirmed_at: string | null;
  /** The last 30-second step a code was accepted for: a code is never accepted twice. */
  last_step: number | null;
}

export interface MfaRecoveryCodesTable {
  user_id: string;
  /** sha256 of the normalised code; the code itself is shown once. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A sign-in whose password was right and which waits for a second factor (or its enrolment). */
export interface MfaChallengesTable {
  /** sha256 of the token in the otmetka_mfa cookie. */
  id: string;
  user_id: string;
  stage: 'verify' | 'enrol';
  ip: string;
  created_at: string;
  expires_at: string;
}

/** A school's second-factor rule (migration 016): with staff_mfa_required every staff role there must enrol. */
export interface MfaSchoolSettingsTable {
  school_id: string;
  staff_mfa_required: number;
  updated_by: string | null;
  updated_at: string;
}
