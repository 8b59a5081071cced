import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// The public service (seed 002 §2–3, Приложения 1–2; seed 000 §2–3) and its oversight
// (seed 002 §4–5): applications, consents, access codes, the working-day calendar, complaints
// and inspections. Same data rules as 001: text ids, 'YYYY-MM-DD' dates, ISO UTC instants, 0/1.

export async function up(db: Kysely<unknown>): Promise<void> {
  // «Журнал регистрации заявлений» (seed 002 §3.2.2). Passport data is kept only here, for the
  // check of §3.2.1, and erased when the consent is withdrawn (docs/decisions/consent-withdrawal.md).
  await db.schema
    .createTable('service_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('reg_year', 'integer', (c) => c.notNull())
    .addColumn('reg_seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('parent_surname', 'text', (c) => c.notNull())
    .addColumn('parent_name', 'text', (c) => c.notNull())
    .addColumn('parent_patronymic', 'text', (c) => c.notNull())
    .addColumn('address_city', 'text', (c) => c.notNull())
    .addColumn('address_street', 'text', (c) => c.notNull())
    .addColumn('address_house', 'text', (c) => c.notNull())
    .addColumn('address_building', 'text', (c) => c.notNull())
    .addColumn('address_flat', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('passport_series', 'text', (c) => c.notNull())
    .addColumn('passport_number', 'text', (c) => c.notNull())
    .addColumn('passport_issued_by', 'text', (c) => c.notNull())
    .addColumn('personal_data_erased_at', 'text')
    .addColumn('child_full_name', 'text', (c) => c.notNull())
    .addColumn('child_class', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text', (c) => c.references('students.id'))
    .addColumn('parent_id', 'text', (c) => c.references('parents.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // registered | granted | refused | ordered | issued
    .addColumn('decision', 'text') // granted | refused
    .addColumn('refusal_ground', 'text')
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_on', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('order_number', 'text')
    .addColumn('order_date', 'text')
    .addColumn('ordered_by', 'text')
    .addColumn('access_issued_on', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_applications_number')
    .on('service_applications')
    .columns(['school_id', 'reg_year', 'reg_seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('service_applications_registered')
    .on('service_applications')
    .columns(['school_id', 'registered_on'])
    .execute();
  await db.schema.createIndex('service_applications_student').on('service_applications').column('student_id').execute();

  // Приложение 2: which fields of each column may be placed in the system, and the purposes.
  // parent_id null: signed by the student themself (an adult student) or not yet linked.
  await db.schema
    .createTable('service_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('application_id', 'text', (c) => c.references('service_applications.id'))
    .addColumn('student_id', 'text', (c) => c.references('students.id'))
    .addColumn('parent_id', 'text', (c) => c.references('parents.id'))
    .addColumn('child_full_name', 'text', (c) => c.notNull())
    .addColumn('parent_full_name', 'text', (c) => c.notNull())
    .addColumn('child_fields', 'text', (c) => c.notNull()) // JSON array of field codes
    .addColumn('parent_fields', 'text', (c) => c.notNull())
    .addColumn('purposes', 'text', (c) => c.notNull())
    .addColumn('depersonalised_only', 'integer', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('withdrawn_on', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('operator_copy_sent_on', 'text')
    .addColumn('operator_copy_method', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_consents_student').on('service_consents').columns(['student_id', 'parent_id']).execute();
  await db.schema.createIndex('service_consents_school').on('service_consents').columns(['school_id', 'received_on']).execute();
  await db.schema.createIndex('service_consents_application').on('service_consents').column('application_id').execute();

  // One-time registration codes (seed 000 §3.2); only a hash is stored.
  await db.schema
    .createTable('access_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // parent | student
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('application_id', 'text', (c) => c.references('service_applications.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('access_codes_student').on('access_codes').columns(['school_id', 'student_id']).execute();

  // A school's own working-day calendar for a year; without a row the shipped production
  // calendar applies.
  await db.schema
    .createTable('working_calendars')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull()) // JSON array of dates
    .addColumn('workdays', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('working_calendars_pk', ['school_id', 'year'])
    .execute();

  // Книга регистрации жалоб (seed 002 §2.13 row 1, §5).
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('reg_year', 'integer', (c) => c.notNull())
    .addColumn('reg_seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull()) // oral | written | electronic
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('complainant_name', 'text', (c) => c.notNull())
    .addColumn('complainant_address', 'text', (c) => c.notNull())
    .addColumn('substance', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('extended_due_on', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('extension_notice_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // open | answered | declined
    .addColumn('answer_text', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('answer_method', 'text')
    .addColumn('repeat_of_id', 'text')
    .addColumn('declined_on', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaints_number').on('complaints').columns(['school_id', 'reg_year', 'reg_seq']).unique().execute();

  // Учёт проверок качества (seed 002 §2.13 row 1, §4.1): planned at most once a year — the
  // unique (school, planned_year) index enforces it; unplanned ones leave planned_year null.
  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // planned | unplanned
    .addColumn('planned_year', 'integer')
    .addColumn('complaint_id', 'text', (c) => c.references('complaints.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('order_ref', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('result_text', 'text')
    .addColumn('result_on', 'text')
    .addColumn('result_sent_on', 'text')
    .addColumn('result_sent_method', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspections_planned_once').on('inspections').columns(['school_id', 'planned_year']).unique().execute();
  await db.schema.createIndex('inspections_school').on('inspections').columns(['school_id', 'starts_on']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
