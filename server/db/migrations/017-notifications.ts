import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Notifications (issue 13, R8): what each family chose per child (nothing until they turn it on),
// their verified contacts (an e-mail link, a 6-digit SMS code), the outbox written in the
// transaction of the change and drained by the worker, the SMPP message ids that delivery
// receipts name, and a school's monthly SMS budget.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notify_settings')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    // JSON: { [event]: { email, sms, inapp, night } } — an event missing or false is off.
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('quiet_from', 'text', (c) => c.notNull())
    .addColumn('quiet_to', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_settings_pk', ['user_id', 'student_id'])
    .execute();
  await db.schema.createIndex('notify_settings_student').on('notify_settings').columns(['school_id', 'student_id']).execute();

  await db.schema
    .createTable('notify_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    // SHA-256 of the e-mail link's token or of the SMS code; cleared once verified.
    .addColumn('secret_hash', 'text')
    .addColumn('secret_expires_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sends', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notify_contacts_user_channel', ['user_id', 'channel'])
    .execute();

  await db.schema
    .createTable('notify_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    // event × recipient × channel: a change seen twice never queues a second notice.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('provider', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('segments', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notify_outbox_due').on('notify_outbox').columns(['status', 'not_before']).execute();
  await db.schema.createIndex('notify_outbox_user').on('notify_outbox').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('notify_outbox_school').on('notify_outbox').columns(['school_id', 'created_at']).execute();
  await db.schema.createIndex('notify_outbox_student').on('notify_outbox').columns(['school_id', 'student_id', 'status']).execute();
  await db.schema.createIndex('notify_outbox_batch').on('notify_outbox').column('batch_id').execute();

  await db.schema
    .createTable('notify_sms_parts')
    .addColumn('provider_id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notify_school_settings')
    .addColumn('school_id', 'text', (c) => c.primaryKey())
    // SMS segments a month; null: no limit set.
    .addColumn('sms_monthly_budget', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notify_school_settings').execute();
  await db.schema.dropTable('notify_sms_parts').execute();
  await db.schema.dropTable('notify_outbox').execute();
  await db.schema.dropTable('notify_contacts').execute();
  await db.schema.dropTable('notify_settings').execute();
}
