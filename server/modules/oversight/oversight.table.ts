/** Tables of oversight (migration 004): the complaint book and the register of quality checks. */
export interface ComplaintsTable {
  id: string;
  school_id: string;
  reg_year: number;
  reg_seq: number;
  number: string;
  form: string;
  addressee: string;
  complainant_name: string;
  complainant_address: string;
  substance: string;
  registered_on: string;
  due_on: string;
  extended_due_on: string | null;
  extension_reason: string | null;
  extension_notice_on: string | null;
  status: string;
  answer_text: string | null;
  answered_on: string | null;
  answer_method: string | null;
  repeat_of_id: string | null;
  declined_on: string | null;
  search_text: string;
  created_by: string;
  created_at: string;
}

export interface InspectionsTable {
  id: string;
  school_id: string;
  kind: string;
  planned_year: number | null;
  complaint_id: string | null;
  subject: string;
  order_ref: string;
  starts_on: string;
  result_text: string | null;
  result_on: string | null;
  result_sent_on: string | null;
  result_sent_method: string | null;
  created_by: string;
  created_at: string;
}
