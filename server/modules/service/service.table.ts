/** Tables of the public service (migration 004): applications, consents, access codes, calendars. */
export interface ServiceApplicationsTable {
  id: string;
  school_id: string;
  reg_year: number;
  reg_seq: number;
  number: string;
  registered_on: string;
  registered_at: string;
  registered_by: string;
  parent_surname: string;
  parent_name: string;
  parent_patronymic: string;
  address_city: string;
  address_street: string;
  address_house: string;
  address_building: string;
  address_flat: string;
  phone: string;
  passport_series: string;
  passport_number: string;
  passport_issued_by: string;
  personal_data_erased_at: string | null;
  child_full_name: string;
  child_class: string;
  student_id: string | null;
  parent_id: string | null;
  status: string;
  decision: string | null;
  refusal_ground: string | null;
  decision_note: string;
  decided_on: string | null;
  decided_at: string | null;
  decided_by: string | null;
  order_number: string | null;
  order_date: string | null;
  ordered_by: string | null;
  access_issued_on: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface ServiceConsentsTable {
  id: string;
  school_id: string;
  application_id: string | null;
  student_id: string | null;
  parent_id: string | null;
  child_full_name: string;
  parent_full_name: string;
  child_fields: string;
  parent_fields: string;
  purposes: string;
  depersonalised_only: number;
  signed_on: string;
  received_on: string;
  withdrawn_on: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  operator_copy_sent_on: string | null;
  operator_copy_method: string | null;
  created_by: string;
  created_at: string;
}

export interface AccessCodesTable {
  id: string;
  school_id: string;
  kind: string;
  student_id: string;
  application_id: string | null;
  code_hash: string;
  issued_by: string;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  revoked_at: string | null;
}

export interface WorkingCalendarsTable {
  school_id: string;
  year: number;
  holidays: string;
  workdays: string;
  updated_by: string;
  updated_at: string;
}
