import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// The diary (R5, R10.2): invalidation stamps for prepared week payloads, what-changed markers,
// private calendar feeds, and covering indexes for the week queries.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One counter per (school, scope, week): scope is a student, class or group id, or '*' for the
  // whole school; week_start is a Monday, or '*' for every week. Bumped in the same transaction as
  // each write that changes a diary week, read (one primary-key range) before reusing a cached week.
  await db.schema
    .createTable('diary_stamps')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('diary_stamps_pk', ['school_id', 'scope_id', 'week_start'])
    .execute();

  // When a viewer (user) last marked a student's diary as seen: grades and marks entered later are new.
  await db.schema
    .createTable('diary_seen')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('diary_seen_pk', ['user_id', 'student_id'])
    .execute();

  // A private calendar URL of one user for one student; only the token's SHA-256 is stored.
  await db.schema
    .createTable('diary_calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('diary_calendar_feeds_token').on('diary_calendar_feeds').column('token_hash').unique().execute();
  await db.schema
    .createIndex('diary_calendar_feeds_owner')
    .on('diary_calendar_feeds')
    .columns(['user_id', 'student_id'])
    .unique()
    .execute();

  // Covering indexes for the week and period views: each reads one student's rows of a date range
  // without touching the table (SQLite and PostgreSQL both use index-only scans for these).
  await db.schema
    .createIndex('grades_diary_week')
    .on('grades')
    .columns([
      'student_id',
      'work_date',
      'school_id',
      'curriculum_id',
      'lesson_id',
      'work_type_id',
      'value',
      'numeric_value',
      'entered_at',
      'updated_at',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('attendance_marks_diary_week')
    .on('attendance_marks')
    .columns(['student_id', 'lesson_date', 'school_id', 'lesson_id', 'mark', 'updated_at'])
    .execute();
  await db.schema.createIndex('lessons_diary_due').on('lessons').columns(['curriculum_id', 'homework_due_on']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
