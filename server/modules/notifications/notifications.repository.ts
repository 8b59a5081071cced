import { sql } from 'kysely';
import { validConsents } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { NotifyOutboxTable } from './notifications.table.js';

export type OutboxRow = NotifyOutboxTable;
export type NewNotice = Omit<
  NotifyOutboxTable,
  | 'attempts'
  | 'locked_until'
  | 'batch_id'
  | 'reason'
  | 'provider'
  | 'provider_id'
  | 'subject'
  | 'body'
  | 'segments'
  | 'sent_at'
  | 'delivered_at'
  | 'read_at'
> & { reason?: string | null };

// ---------------------------------------------------------------- settings

export async function settingsOf(db: Db, userId: string, schoolId: string) {
  return db.selectFrom('notify_settings').selectAll().where('user_id', '=', userId).where('school_id', '=', schoolId).execute();
}

export async function settingsForStudents(db: Db, schoolId: string, studentIds: readonly string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('notify_settings')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('student_id', 'in', [...studentIds])
    .execute();
}

export async function settingFor(db: Db, userId: string, studentId: string) {
  return db.selectFrom('notify_settings').selectAll().where('user_id', '=', userId).where('student_id', '=', studentId).executeTakeFirst();
}

export async function upsertSettings(
  db: Db,
  row: { user_id: string; student_id: string; school_id: string; events: string; quiet_from: string; quiet_to: string; language: string },
  token: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('notify_settings')
    .values({ ...row, unsubscribe_token: token, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['user_id', 'student_id']).doUpdateSet({
        events: row.events,
        quiet_from: row.quiet_from,
        quiet_to: row.quiet_to,
        language: row.language,
        updated_at: now,
      }),
    )
    .execute();
}

export async function settingByUnsubscribeToken(db: Db, token: string) {
  return db.selectFrom('notify_settings').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst();
}

export async function setEvents(db: Db, userId: string, studentId: string, events: string, now: string): Promise<void> {
  await db
    .updateTable('notify_settings')
    .set({ events, updated_at: now })
    .where('user_id', '=', userId)
    .where('student_id', '=', studentId)
    .execute();
}

/** Names of students for the settings page (read-only look-up of the people module's table). */
export async function studentNames(db: Db, schoolId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('students')
    .select(['id', 'surname', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...ids])
    .orderBy('surname')
    .orderBy('name')
    .execute();
}

// ---------------------------------------------------------------- contacts

export async function contactsOf(db: Db, userId: string) {
  return db.selectFrom('notify_contacts').selectAll().where('user_id', '=', userId).execute();
}

export async function contactOf(db: Db, userId: string, channel: string) {
  return db.selectFrom('notify_contacts').selectAll().where('user_id', '=', userId).where('channel', '=', channel).executeTakeFirst();
}

export async function verifiedAddress(db: Db, userId: string, channel: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('notify_contacts')
    .select('address')
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .where('verified_at', 'is not', null)
    .executeTakeFirst();
  return row?.address;
}

export async function saveContact(
  db: Db,
  row: {
    id: string;
    user_id: string;
    channel: string;
    address: string;
    secret_hash: string;
    secret_expires_at: string;
    created_at: string;
  },
): Promise<void> {
  await db
    .insertInto('notify_contacts')
    .values({ ...row, verified_at: null, attempts: 0, sends: 1 })
    .onConflict((oc) =>
      oc.columns(['user_id', 'channel']).doUpdateSet((eb) => ({
        address: row.address,
        verified_at: null,
        secret_hash: row.secret_hash,
        secret_expires_at: row.secret_expires_at,
        attempts: 0,
        // A new address starts its own count of codes; the same address keeps counting.
        sends: sql<number>`case when ${eb.ref('notify_contacts.address')} = ${row.address} then ${eb.ref('notify_contacts.sends')} + 1 else 1 end`,
      })),
    )
    .execute();
}

/** Counts a wrong code; answers the attempts now used, only while the code is still live. */
export async function countAttempt(db: Db, id: string): Promise<void> {
  await db
    .updateTable('notify_contacts')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markVerified(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('notify_contacts')
    .set({ verified_at: now, secret_hash: null, secret_expires_at: null })
    .where('id', '=', id)
    .where('verified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function contactBySecret(db: Db, channel: string, hash: string) {
  return db.selectFrom('notify_contacts').selectAll().where('channel', '=', channel).where('secret_hash', '=', hash).executeTakeFirst();
}

export async function deleteContact(db: Db, userId: string, channel: string): Promise<void> {
  await db.deleteFrom('notify_contacts').where('user_id', '=', userId).where('channel', '=', channel).execute();
}

// ---------------------------------------------------------------- the consent gate

/**
 * The consent gate (R6.5, issue 13 item 2): a notice about a child goes to this account over this
 * channel only under a consent in force (the one definition, validConsents) that covers the child
 * and, for e-mail and SMS, allows placing that contact: the parent's column of Приложение 2
 * («Адрес электронной почты», «Мобильный телефон») for a parent who signed it, the child's column
 * («Адрес электронной почты», «Домашний телефон») for a student themself.
 * Read-only look-ups of the people and service modules' tables.
 */
export async function consentAllows(
  db: Db,
  schoolId: string,
  userId: string,
  studentId: string,
  channel: string,
  onDate: string,
): Promise<boolean> {
  const parentField = channel === 'email' ? '%"email"%' : channel === 'sms' ? '%"mobilePhone"%' : '%';
  const childField = channel === 'email' ? '%"email"%' : channel === 'sms' ? '%"homePhone"%' : '%';
  const asParent = await validConsents(db, schoolId, onDate)
    .innerJoin('parents as p', 'p.id', 'c.parent_id')
    .innerJoin('student_parents as sp', (j) => j.onRef('sp.parent_id', '=', 'p.id').onRef('sp.student_id', '=', 'c.student_id'))
    .where('c.student_id', '=', studentId)
    .where('p.user_id', '=', userId)
    .where('c.parent_fields', 'like', parentField)
    .executeTakeFirst();
  if (asParent) return true;
  const asSelf = await validConsents(db, schoolId, onDate)
    .innerJoin('students as s', 's.id', 'c.student_id')
    .where('c.student_id', '=', studentId)
    .where('s.user_id', '=', userId)
    .where('c.child_fields', 'like', childField)
    .executeTakeFirst();
  return asSelf !== undefined;
}

/** The schools where this account's family role may place a contact of this channel (verification needs one). */
export async function schoolsAllowingContact(
  db: Db,
  userId: string,
  channel: 'email' | 'sms',
  onDate: (schoolId: string) => Promise<string>,
) {
  const children = await db
    .selectFrom('student_parents as sp')
    .innerJoin('parents as p', 'p.id', 'sp.parent_id')
    .select(['sp.school_id', 'sp.student_id'])
    .where('p.user_id', '=', userId)
    .union(db.selectFrom('students as s').select(['s.school_id', 's.id as student_id']).where('s.user_id', '=', userId))
    .execute();
  for (const c of children) {
    if (await consentAllows(db, c.school_id, userId, c.student_id, channel, await onDate(c.school_id))) return c.school_id;
  }
  return null;
}

// ---------------------------------------------------------------- facts of events (read-only joins onto the journal's tables)

export async function gradeFacts(db: Db, schoolId: string, gradeId: string) {
  return db
    .selectFrom('grades as g')
    .innerJoin('students as s', 's.id', 'g.student_id')
    .innerJoin('curriculum as c', 'c.id', 'g.curriculum_id')
    .innerJoin('subjects as sub', 'sub.id', 'c.subject_id')
    .leftJoin('work_types as w', 'w.id', 'g.work_type_id')
    .select([
      'g.id',
      'g.student_id',
      'g.value',
      'g.work_date',
      's.name as child_name',
      's.surname as child_surname',
      'sub.name as subject',
      'w.name as work',
      'w.code as work_code',
    ])
    .where('g.school_id', '=', schoolId)
    .where('g.id', '=', gradeId)
    .executeTakeFirst();
}

export async function attendanceFacts(db: Db, schoolId: string, markId: string) {
  return db
    .selectFrom('attendance_marks as a')
    .innerJoin('students as s', 's.id', 'a.student_id')
    .innerJoin('curriculum as c', 'c.id', 'a.curriculum_id')
    .innerJoin('subjects as sub', 'sub.id', 'c.subject_id')
    .select([
      'a.id',
      'a.student_id',
      'a.mark',
      'a.lesson_date',
      's.name as child_name',
      's.surname as child_surname',
      'sub.name as subject',
    ])
    .where('a.school_id', '=', schoolId)
    .where('a.id', '=', markId)
    .executeTakeFirst();
}

export async function periodGradeFacts(db: Db, schoolId: string, id: string) {
  return db
    .selectFrom('period_grades as pg')
    .innerJoin('students as s', 's.id', 'pg.student_id')
    .innerJoin('curriculum as c', 'c.id', 'pg.curriculum_id')
    .innerJoin('subjects as sub', 'sub.id', 'c.subject_id')
    .leftJoin('study_periods as sp', 'sp.id', 'pg.period_key')
    .select([
      'pg.id',
      'pg.student_id',
      'pg.value',
      'pg.kind',
      's.name as child_name',
      's.surname as child_surname',
      'sub.name as subject',
      'sp.name as period',
    ])
    .where('pg.school_id', '=', schoolId)
    .where('pg.id', '=', id)
    .executeTakeFirst();
}

/** A lesson's homework and the students of its class or group on its date. */
export async function homeworkFacts(db: Db, schoolId: string, lessonId: string) {
  const lesson = await db
    .selectFrom('lessons as l')
    .innerJoin('curriculum as c', 'c.id', 'l.curriculum_id')
    .innerJoin('subjects as sub', 'sub.id', 'c.subject_id')
    .select(['l.id', 'l.date', 'l.homework', 'l.homework_due_on', 'c.class_id', 'c.group_id', 'sub.name as subject'])
    .where('l.school_id', '=', schoolId)
    .where('l.id', '=', lessonId)
    .executeTakeFirst();
  if (!lesson?.homework || lesson.homework.trim() === '') return undefined;
  const onDate = lesson.date;
  const members = lesson.class_id
    ? await db
        .selectFrom('class_memberships as m')
        .innerJoin('students as s', 's.id', 'm.student_id')
        .select(['s.id', 's.name', 's.surname'])
        .where('m.school_id', '=', schoolId)
        .where('m.class_id', '=', lesson.class_id)
        .where('m.starts_on', '<=', onDate)
        .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', onDate)]))
        .execute()
    : await db
        .selectFrom('group_memberships as m')
        .innerJoin('students as s', 's.id', 'm.student_id')
        .select(['s.id', 's.name', 's.surname'])
        .where('m.school_id', '=', schoolId)
        .where('m.group_id', '=', lesson.group_id as string)
        .where('m.starts_on', '<=', onDate)
        .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', onDate)]))
        .execute();
  return { ...lesson, homework: lesson.homework, members };
}

export async function schoolName(db: Db, schoolId: string): Promise<string> {
  const row = await db.selectFrom('schools').select('short_name').where('id', '=', schoolId).executeTakeFirst();
  return row?.short_name ?? '';
}

// ---------------------------------------------------------------- outbox: writing

/** Inserts notices; a dedupe key already there (the same event for the same recipient and channel) is skipped. */
export async function insertNotices(db: Db, rows: readonly NewNotice[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notify_outbox')
    .values(rows.map((r) => ({ ...r, reason: r.reason ?? null, attempts: 0 })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Cancels what is still queued about an entity (a grade deleted before its notice went out). */
export async function cancelQueuedForEntity(db: Db, schoolId: string, entityId: string, reason: string): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ status: 'cancelled', reason })
    .where('school_id', '=', schoolId)
    .where('entity_id', '=', entityId)
    .where('status', '=', 'queued')
    .execute();
}

export async function queuedForStudents(db: Db, schoolId: string, studentIds: readonly string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('notify_outbox')
    .select(['id', 'user_id', 'student_id', 'channel'])
    .where('school_id', '=', schoolId)
    .where('student_id', 'in', [...studentIds])
    .where('status', 'in', ['queued', 'sending'])
    .execute();
}

export async function cancelNotices(db: Db, ids: readonly string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notify_outbox')
    .set({ status: 'cancelled', reason, locked_until: null })
    .where('id', 'in', [...ids])
    .where('status', 'in', ['queued', 'sending'])
    .execute();
}

// ---------------------------------------------------------------- outbox: the worker

/**
 * Claims due notices for this worker: marks them `sending` with a lease and a batch id. On
 * PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED, so workers on several nodes
 * take disjoint sets; SQLite has one writer at a time, so the UPDATE alone is enough. A notice
 * whose lease ran out (its worker died mid-send) is claimed again: the at-least-once step.
 */
export async function claimDue(
  db: Db,
  o: { now: string; coalesceCutoff: string; leaseUntil: string; batchId: string; limit: number; rowLocks: boolean },
): Promise<OutboxRow[]> {
  return db.transaction().execute(async (trx) => {
    let candidates = trx
      .selectFrom('notify_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('status', '=', 'queued'),
            eb.or([
              eb.and([eb('event', '=', 'grade'), eb('channel', '!=', 'inapp'), eb('not_before', '<=', o.coalesceCutoff)]),
              eb.and([eb.or([eb('event', '!=', 'grade'), eb('channel', '=', 'inapp')]), eb('not_before', '<=', o.now)]),
            ]),
          ]),
          eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', o.now)]),
        ]),
      )
      .orderBy('not_before')
      .limit(o.limit);
    if (o.rowLocks) candidates = candidates.forUpdate().skipLocked();
    const ids = (await candidates.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable('notify_outbox')
      .set((eb) => ({ status: 'sending', locked_until: o.leaseUntil, batch_id: o.batchId, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .execute();
    return trx.selectFrom('notify_outbox').selectAll().where('id', 'in', ids).execute();
  });
}

/** Queued grade notices of the same child, recipient and channel: they ride along in one message. */
export async function claimSiblings(
  db: Db,
  row: OutboxRow,
  o: { leaseUntil: string; batchId: string; rowLocks: boolean },
): Promise<OutboxRow[]> {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('notify_outbox')
      .select('id')
      .where('user_id', '=', row.user_id)
      .where('student_id', '=', row.student_id as string)
      .where('channel', '=', row.channel)
      .where('event', '=', row.event)
      .where('status', '=', 'queued')
      .limit(50);
    if (o.rowLocks) q = q.forUpdate().skipLocked();
    const ids = (await q.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable('notify_outbox')
      .set((eb) => ({ status: 'sending', locked_until: o.leaseUntil, batch_id: o.batchId, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .where('status', '=', 'queued')
      .execute();
    return trx.selectFrom('notify_outbox').selectAll().where('id', 'in', ids).where('batch_id', '=', o.batchId).execute();
  });
}

/** Records a send: only rows still held by this claim change (a cancelled notice stays cancelled). */
export async function markSent(
  db: Db,
  ids: readonly string[],
  batchId: string,
  s: {
    now: string;
    provider: string;
    providerId: string | null;
    subject: string;
    body: string;
    segments: number | null;
    parts: readonly string[];
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notify_outbox')
      .set({
        status: 'sent',
        sent_at: s.now,
        locked_until: null,
        reason: null,
        provider: s.provider,
        provider_id: s.providerId,
        subject: s.subject,
        body: s.body,
        segments: s.segments,
      })
      .where('id', 'in', [...ids])
      .where('batch_id', '=', batchId)
      .where('status', '=', 'sending')
      .execute();
    const head = ids[0];
    if (head && s.parts.length > 0) {
      await trx
        .insertInto('notify_sms_parts')
        .values(s.parts.map((p) => ({ provider_id: `${s.provider}:${p}`, outbox_id: head })))
        .onConflict((oc) => oc.column('provider_id').doNothing())
        .execute();
    }
  });
}

export async function markRetry(db: Db, ids: readonly string[], batchId: string, nextAt: string, reason: string): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ status: 'queued', not_before: nextAt, locked_until: null, reason })
    .where('id', 'in', [...ids])
    .where('batch_id', '=', batchId)
    .where('status', '=', 'sending')
    .execute();
}

export async function markFailed(
  db: Db,
  ids: readonly string[],
  batchId: string,
  reason: string,
  body?: { subject: string; body: string },
): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ status: 'failed', locked_until: null, reason, ...(body ? { subject: body.subject, body: body.body } : {}) })
    .where('id', 'in', [...ids])
    .where('batch_id', '=', batchId)
    .where('status', '=', 'sending')
    .execute();
}

export async function markCancelled(db: Db, ids: readonly string[], batchId: string, reason: string): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ status: 'cancelled', locked_until: null, reason })
    .where('id', 'in', [...ids])
    .where('batch_id', '=', batchId)
    .where('status', '=', 'sending')
    .execute();
}

/** Puts a claimed notice back until a later time without counting a try (quiet hours). */
export async function defer(db: Db, ids: readonly string[], batchId: string, until: string): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set((eb) => ({ status: 'queued', not_before: until, locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', [...ids])
    .where('batch_id', '=', batchId)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * A delivery receipt: the SMS whose part this was is delivered, or failed with the receipt's state.
 * The rows of that one message (coalesced notices share its provider id) change, nothing else of
 * the claim it was sent in.
 */
export async function applyReceipt(
  db: Db,
  provider: string,
  providerId: string,
  delivered: boolean,
  state: string,
  now: string,
): Promise<boolean> {
  const part = await db
    .selectFrom('notify_sms_parts')
    .select('outbox_id')
    .where('provider_id', '=', `${provider}:${providerId}`)
    .executeTakeFirst();
  if (!part) return false;
  const head = await db.selectFrom('notify_outbox').select(['provider', 'provider_id']).where('id', '=', part.outbox_id).executeTakeFirst();
  if (!head?.provider_id || head.provider !== provider) return false;
  await db
    .updateTable('notify_outbox')
    .set(delivered ? { status: 'delivered', delivered_at: now } : { status: 'failed', reason: `receipt: ${state}` })
    .where('provider', '=', provider)
    .where('provider_id', '=', head.provider_id)
    .where('channel', '=', 'sms')
    .where('status', 'in', ['sent', 'delivered'])
    .execute();
  return true;
}

// ---------------------------------------------------------------- reading

export async function feedOf(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('notify_outbox')
    .selectAll()
    .where('user_id', '=', userId)
    .where('channel', '=', 'inapp')
    .where('status', '=', 'sent')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notify_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('channel', '=', 'inapp')
    .where('status', '=', 'sent')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function markRead(db: Db, userId: string, now: string): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('channel', '=', 'inapp')
    .where('read_at', 'is', null)
    .execute();
}

export async function historyOf(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('notify_outbox')
    .selectAll()
    .where('user_id', '=', userId)
    .where('channel', '!=', 'inapp')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function deliveryLog(
  db: Db,
  schoolId: string,
  q: { status?: string; channel?: string; fromAt?: string; toAt?: string },
  limit: number,
) {
  let query = db
    .selectFrom('notify_outbox as o')
    .leftJoin('notify_contacts as c', (j) => j.onRef('c.user_id', '=', 'o.user_id').onRef('c.channel', '=', 'o.channel'))
    .selectAll('o')
    .select('c.address')
    .where('o.school_id', '=', schoolId);
  if (q.status) query = query.where('o.status', '=', q.status);
  if (q.channel) query = query.where('o.channel', '=', q.channel);
  if (q.fromAt) query = query.where('o.created_at', '>=', q.fromAt);
  if (q.toAt) query = query.where('o.created_at', '<', q.toAt);
  return query.orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').limit(limit).execute();
}

export async function smsSegmentsSince(db: Db, schoolId: string, sinceAt: string): Promise<number> {
  const row = await db
    .selectFrom('notify_outbox')
    .select((eb) => eb.fn.sum<number>('segments').as('n'))
    .where('school_id', '=', schoolId)
    .where('channel', '=', 'sms')
    .where('status', 'in', ['sent', 'delivered'])
    .where('sent_at', '>=', sinceAt)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function smsBudget(db: Db, schoolId: string): Promise<number | null> {
  const row = await db
    .selectFrom('notify_school_settings')
    .select('sms_monthly_budget')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return row?.sms_monthly_budget ?? null;
}

export async function setSmsBudget(db: Db, schoolId: string, budget: number | null, now: string): Promise<void> {
  await db
    .insertInto('notify_school_settings')
    .values({ school_id: schoolId, sms_monthly_budget: budget, updated_at: now })
    .onConflict((oc) => oc.column('school_id').doUpdateSet({ sms_monthly_budget: budget, updated_at: now }))
    .execute();
}
