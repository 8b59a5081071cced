import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Shared rules: ids are app-generated text; calendar dates are 'YYYY-MM-DD' text; instants are
// ISO-8601 UTC text; booleans are integers 0/1 (one representation on both databases).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.references('operators.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('director_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('schools_operator').on('schools').column('operator_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('ru'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('operator_id', 'text', (c) => c.references('operators.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_assignments_user').on('role_assignments').column('user_id').execute();
  await db.schema
    .createIndex('role_assignments_unique')
    .on('role_assignments')
    .columns(['user_id', 'role', 'school_id', 'operator_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha-256 of the cookie token; the token itself is never stored
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('academic_years')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('academic_years_school').on('academic_years').columns(['school_id', 'starts_on']).execute();

  await db.schema
    .createTable('study_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('year_id', 'text', (c) => c.notNull().references('academic_years.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // quarter | trimester | half_year
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('grade_from', 'integer', (c) => c.notNull())
    .addColumn('grade_to', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema.createIndex('study_periods_year').on('study_periods').columns(['school_id', 'year_id']).execute();

  await db.schema
    .createTable('holidays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('year_id', 'text', (c) => c.notNull().references('academic_years.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // vacation | public_holiday | day_off
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('holidays_year').on('holidays').columns(['school_id', 'year_id']).execute();

  await db.schema
    .createTable('bells')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('lesson_number', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull()) // HH:MM, school time zone
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bells_unique').on('bells').columns(['school_id', 'lesson_number']).unique().execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('patronymic', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .execute();
  await db.schema.createIndex('staff_school').on('staff').columns(['school_id', 'surname']).execute();
  await db.schema.createIndex('staff_user').on('staff').column('user_id').execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('year_id', 'text', (c) => c.notNull().references('academic_years.id'))
    .addColumn('grade_level', 'integer', (c) => c.notNull())
    .addColumn('letter', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('class_teacher_id', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('classes_unique').on('classes').columns(['school_id', 'year_id', 'name']).unique().execute();
  await db.schema.createIndex('classes_teacher').on('classes').column('class_teacher_id').execute();

  await db.schema
    .createTable('study_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('year_id', 'text', (c) => c.notNull().references('academic_years.id'))
    .addColumn('class_id', 'text', (c) => c.references('classes.id')) // null: a cross-class group
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('study_groups_school').on('study_groups').columns(['school_id', 'year_id']).execute();
  await db.schema.createIndex('study_groups_class').on('study_groups').column('class_id').execute();

  await db.schema
    .createTable('subjects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subjects_unique').on('subjects').columns(['school_id', 'name']).unique().execute();

  await db.schema
    .createTable('curriculum')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('year_id', 'text', (c) => c.notNull().references('academic_years.id'))
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('class_id', 'text', (c) => c.references('classes.id'))
    .addColumn('group_id', 'text', (c) => c.references('study_groups.id'))
    .addColumn('hours_per_week', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('curriculum_teacher').on('curriculum').columns(['teacher_id', 'year_id']).execute();
  await db.schema.createIndex('curriculum_class').on('curriculum').columns(['class_id']).execute();
  await db.schema.createIndex('curriculum_group').on('curriculum').columns(['group_id']).execute();
  await db.schema.createIndex('curriculum_school').on('curriculum').columns(['school_id', 'year_id']).execute();

  await db.schema
    .createTable('students')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('file_number', 'text', (c) => c.notNull())
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('patronymic', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('residence_address', 'text')
    .addColumn('registration_address', 'text')
    .addColumn('home_phone', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('birth_certificate', 'text')
    .addColumn('has_home_pc', 'integer')
    .addColumn('email', 'text')
    .addColumn('foreign_language', 'text')
    .addColumn('additional_education', 'text')
    .addColumn('study_form', 'text', (c) => c.notNull().defaultTo('full_time'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('students_file_number').on('students').columns(['school_id', 'file_number']).unique().execute();
  await db.schema.createIndex('students_user').on('students').column('user_id').execute();

  await db.schema
    .createTable('parents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('patronymic', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sex', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('residence_address', 'text')
    .addColumn('home_phone', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('workplace', 'text')
    .addColumn('position', 'text')
    .addColumn('work_phone', 'text')
    .addColumn('email', 'text')
    .addColumn('school_help', 'text')
    .addColumn('extra_contact', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parents_school').on('parents').columns(['school_id', 'surname']).execute();
  await db.schema.createIndex('parents_user').on('parents').column('user_id').execute();

  await db.schema
    .createTable('student_parents')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('parent_id', 'text', (c) => c.notNull().references('parents.id'))
    .addColumn('kinship', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('student_parents_pk', ['student_id', 'parent_id'])
    .execute();
  await db.schema.createIndex('student_parents_parent').on('student_parents').column('parent_id').execute();

  await db.schema
    .createTable('student_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // enrol | transfer | leave | group_join | group_leave
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text', (c) => c.references('classes.id'))
    .addColumn('group_id', 'text', (c) => c.references('study_groups.id'))
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('order_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('student_movements_student').on('student_movements').columns(['student_id', 'on_date']).execute();
  await db.schema.createIndex('student_movements_school').on('student_movements').columns(['school_id', 'on_date']).execute();

  // Projection of student_movements for "who is in 5А on date D"; rewritten only by the movement
  // service in the same transaction as the movement it follows from.
  await db.schema
    .createTable('class_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text') // inclusive last day; null while current
    .execute();
  await db.schema.createIndex('class_memberships_class').on('class_memberships').columns(['class_id', 'starts_on']).execute();
  await db.schema.createIndex('class_memberships_student').on('class_memberships').columns(['student_id', 'starts_on']).execute();

  await db.schema
    .createTable('group_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('study_groups.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .execute();
  await db.schema.createIndex('group_memberships_group').on('group_memberships').columns(['group_id', 'starts_on']).execute();
  await db.schema.createIndex('group_memberships_student').on('group_memberships').columns(['student_id', 'starts_on']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_school_at').on('audit_log').columns(['school_id', 'at']).execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_user_id', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
