import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Timetable (R2) and the class journal (R3, R4). Same data rules as 001: app-generated text ids,
// 'YYYY-MM-DD' dates, ISO UTC instants, 0/1 booleans, school_id on every row.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Weekly timetable: one row per curriculum item, weekday and lesson number, valid for a date range.
  await db.schema
    .createTable('timetable_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull().references('curriculum.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull()) // 1 = Monday … 6 = Saturday
    .addColumn('lesson_number', 'integer', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull()) // inclusive
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('timetable_entries_curriculum').on('timetable_entries').columns(['curriculum_id', 'valid_from']).execute();
  await db.schema.createIndex('timetable_entries_school').on('timetable_entries').columns(['school_id', 'weekday']).execute();

  // One-off change of one lesson (curriculum item, date, lesson number).
  await db.schema
    .createTable('timetable_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull().references('curriculum.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('lesson_number', 'integer', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('substitute_teacher_id', 'text', (c) => c.references('staff.id'))
    .addColumn('room', 'text')
    .addColumn('moved_to_date', 'text')
    .addColumn('moved_to_lesson_number', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('timetable_changes_lesson')
    .on('timetable_changes')
    .columns(['curriculum_id', 'date', 'lesson_number'])
    .unique()
    .execute();
  await db.schema.createIndex('timetable_changes_school_date').on('timetable_changes').columns(['school_id', 'date']).execute();
  await db.schema.createIndex('timetable_changes_moved').on('timetable_changes').columns(['school_id', 'moved_to_date']).execute();
  await db.schema.createIndex('timetable_changes_substitute').on('timetable_changes').columns(['substitute_teacher_id', 'date']).execute();

  // Thematic plan (КТП): ordered topics of one curriculum item; replaced as a whole on import.
  await db.schema
    .createTable('thematic_plan_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull().references('curriculum.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('homework', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('thematic_plan_items_curriculum')
    .on('thematic_plan_items')
    .columns(['curriculum_id', 'ordinal'])
    .unique()
    .execute();

  // A lesson that holds journal content; the unique key lets the journal materialise it on first write.
  await db.schema
    .createTable('lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull().references('curriculum.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('lesson_number', 'integer', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('homework', 'text')
    .addColumn('homework_due_on', 'text')
    .addColumn('control_work_type_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('entered_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lessons_key').on('lessons').columns(['curriculum_id', 'date', 'lesson_number']).unique().execute();
  await db.schema.createIndex('lessons_school_date').on('lessons').columns(['school_id', 'date']).execute();

  await db.schema
    .createTable('lesson_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lesson_attachments_lesson').on('lesson_attachments').column('lesson_id').execute();

  // A school's own grade scales; built-in scales live in code. values: JSON [{value, numeric}].
  await db.schema
    .createTable('grade_scales')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grade_scales_unique').on('grade_scales').columns(['school_id', 'name']).unique().execute();

  // Per-school journal settings (one row at most): the default scale.
  await db.schema
    .createTable('journal_settings')
    .addColumn('school_id', 'text', (c) => c.primaryKey().references('schools.id'))
    .addColumn('default_scale', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Work types with weights; a school's defaults are written on first use (code = built-in kind).
  await db.schema
    .createTable('work_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addColumn('is_control', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_types_school').on('work_types').columns(['school_id', 'ordinal']).execute();
  await db.schema.createIndex('work_types_code').on('work_types').columns(['school_id', 'code']).unique().execute();

  // Grades: lesson_id null for a dated piece of work outside a lesson. work_date is the lesson's
  // date (or the work's), entered_at the moment entered: together they give timeliness (R9.2).
  await db.schema
    .createTable('grades')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull().references('curriculum.id'))
    .addColumn('lesson_id', 'text', (c) => c.references('lessons.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('numeric_value', 'real')
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('work_type_id', 'text', (c) => c.notNull().references('work_types.id'))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grades_curriculum_date').on('grades').columns(['curriculum_id', 'work_date']).execute();
  await db.schema.createIndex('grades_student_date').on('grades').columns(['student_id', 'work_date']).execute();
  await db.schema.createIndex('grades_lesson').on('grades').column('lesson_id').execute();
  await db.schema.createIndex('grades_school_entered').on('grades').columns(['school_id', 'entered_at']).execute();

  await db.schema
    .createTable('attendance_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull().references('curriculum.id'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('lesson_date', 'text', (c) => c.notNull())
    .addColumn('mark', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attendance_marks_lesson_student')
    .on('attendance_marks')
    .columns(['lesson_id', 'student_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('attendance_marks_curriculum_date')
    .on('attendance_marks')
    .columns(['curriculum_id', 'lesson_date'])
    .execute();
  await db.schema.createIndex('attendance_marks_student_date').on('attendance_marks').columns(['student_id', 'lesson_date']).execute();

  // Period, year, exam and final grades. period_key: the study period id for kind 'period', '' otherwise
  // (a NOT NULL key so the unique index holds on both databases).
  await db.schema
    .createTable('period_grades')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull().references('curriculum.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('period_grades_key')
    .on('period_grades')
    .columns(['curriculum_id', 'student_id', 'kind', 'period_key'])
    .unique()
    .execute();

  // Append-only history of every journal change (R3.4): old → new, who, when, why.
  await db.schema
    .createTable('journal_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('curriculum_id', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull()) // grade | attendance | lesson | period_grade
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // create | update | delete
    .addColumn('student_id', 'text')
    .addColumn('lesson_id', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journal_history_entity').on('journal_history').columns(['entity_id', 'changed_at']).execute();
  await db.schema.createIndex('journal_history_curriculum').on('journal_history').columns(['curriculum_id', 'changed_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
