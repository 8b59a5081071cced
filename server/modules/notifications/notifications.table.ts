/** What a family chose for one child (R8.1): per event, per channel; nothing is on by default. */
export interface NotifySettingsTable {
  user_id: string;
  student_id: string;
  school_id: string;
  events: string;
  quiet_from: string;
  quiet_to: string;
  language: string;
  unsubscribe_token: string;
  updated_at: string;
}

/** An account's e-mail address and phone, used only once verified. */
export interface NotifyContactsTable {
  id: string;
  user_id: string;
  channel: string;
  address: string;
  verified_at: string | null;
  secret_hash: string | null;
  secret_expires_at: string | null;
  attempts: number;
  sends: number;
  created_at: string;
}

/** One notice to one recipient over one channel, from its change to its delivery. */
export interface NotifyOutboxTable {
  id: string;
  school_id: string;
  user_id: string;
  student_id: string | null;
  channel: string;
  event: string;
  entity_id: string | null;
  dedupe_key: string;
  payload: string;
  language: string;
  status: string;
  attempts: number;
  not_before: string;
  locked_until: string | null;
  batch_id: string | null;
  reason: string | null;
  provider: string | null;
  provider_id: string | null;
  subject: string | null;
  body: string | null;
  segments: number | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
}

/** SMPP message ids of each part of an SMS, which delivery receipts name. */
export interface NotifySmsPartsTable {
  provider_id: string;
  outbox_id: string;
}

export interface NotifySchoolSettingsTable {
  school_id: string;
  sms_monthly_budget: number | null;
  updated_at: string;
}
