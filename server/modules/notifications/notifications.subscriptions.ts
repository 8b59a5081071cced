import { createHash } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { newId } from '../../lib/ids.js';
import { ChangeKind, type RecordedChange, subscribeToChanges } from '../changes/changes.service.js';
import { schoolToday } from '../school/school.service.js';
import * as repo from './notifications.repository.js';
import { childLabel, type NoticePayload } from './notify-text.js';
import { parseEvents } from './settings.js';

type Event = 'grade' | 'attendance' | 'homework' | 'periodGrade';
const CHANNELS = ['inapp', 'email', 'sms'] as const;
const NOTIFIED_MARKS = new Set(['absent', 'ill', 'excused', 'late']);

/** The school's day at the change (the gate's consents and leavings are dated); only the zone is read. */
const todayAt = (trx: Db, schoolId: string, at: string) => schoolToday({ db: trx, clock: { now: () => new Date(at) } } as Deps, schoolId);

/**
 * Queues a notice for each family member who chose this event for this child, per chosen channel,
 * in the writer's transaction. The dedupe key (event × recipient × channel) makes a change seen
 * twice queue nothing new. The consent gate and the verified contact are asked again when sending.
 */
async function enqueue(
  trx: Db,
  change: RecordedChange,
  event: Event,
  entityId: string,
  dedupeBase: string,
  perStudent: ReadonlyMap<string, NoticePayload>,
): Promise<void> {
  const settings = await repo.settingsForStudents(trx, change.schoolId, [...perStudent.keys()]);
  const rows: repo.NewNotice[] = [];
  for (const s of settings) {
    const payload = perStudent.get(s.student_id);
    if (!payload) continue;
    const choice = parseEvents(s.events)[event];
    for (const channel of CHANNELS) {
      if (!choice[channel]) continue;
      rows.push({
        id: newId(),
        school_id: change.schoolId,
        user_id: s.user_id,
        student_id: s.student_id,
        channel,
        event,
        entity_id: entityId,
        dedupe_key: `${dedupeBase}:${s.user_id}:${channel}`,
        payload: JSON.stringify(payload),
        language: s.language,
        status: 'queued',
        not_before: change.at,
        created_at: change.at,
      });
    }
  }
  await repo.insertNotices(trx, rows);
}

/** After a consent, a kinship link or a move changed: what is queued and no longer allowed is cancelled (R6.5). */
async function recheckQueued(trx: Db, change: RecordedChange): Promise<void> {
  const queued = await repo.queuedForStudents(trx, change.schoolId, change.students);
  if (queued.length === 0) return;
  const today = await todayAt(trx, change.schoolId, change.at);
  const verdicts = new Map<string, boolean>();
  const cancel: string[] = [];
  for (const q of queued) {
    const key = `${q.user_id}:${q.student_id}:${q.channel}`;
    let allowed = verdicts.get(key);
    if (allowed === undefined) {
      allowed = await repo.consentAllows(trx, change.schoolId, q.user_id, q.student_id as string, q.channel, today);
      verdicts.set(key, allowed);
    }
    if (!allowed) cancel.push(q.id);
  }
  await repo.cancelNotices(trx, cancel, 'consent');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** What a change means for the outbox; every kind decides (the compiler asks when one is added). */
async function onChange(trx: Db, change: RecordedChange): Promise<void> {
  switch (change.kind) {
    case ChangeKind.grade: {
      if (!change.entityId) return;
      if (change.action === 'delete') return repo.cancelQueuedForEntity(trx, change.schoolId, change.entityId, 'deleted');
      if ((await repo.settingsForStudents(trx, change.schoolId, change.students)).length === 0) return;
      const g = await repo.gradeFacts(trx, change.schoolId, change.entityId);
      if (!g) return;
      const payload: NoticePayload = {
        kind: 'grade',
        child: childLabel(g.child_name, g.child_surname),
        subject: g.subject,
        value: g.value,
        work: g.work ?? '',
        workCode: g.work_code,
        date: g.work_date,
      };
      return enqueue(trx, change, 'grade', g.id, `grade:${g.id}:${g.value}`, new Map([[g.student_id, payload]]));
    }
    case ChangeKind.attendance: {
      if (!change.entityId) return;
      if (change.action === 'delete') return repo.cancelQueuedForEntity(trx, change.schoolId, change.entityId, 'deleted');
      if ((await repo.settingsForStudents(trx, change.schoolId, change.students)).length === 0) return;
      const a = await repo.attendanceFacts(trx, change.schoolId, change.entityId);
      if (!a || !NOTIFIED_MARKS.has(a.mark)) return;
      const payload: NoticePayload = {
        kind: 'attendance',
        child: childLabel(a.child_name, a.child_surname),
        subject: a.subject,
        mark: a.mark,
        date: a.lesson_date,
      };
      return enqueue(trx, change, 'attendance', a.id, `attendance:${a.id}:${a.mark}`, new Map([[a.student_id, payload]]));
    }
    case ChangeKind.periodGrade: {
      if (!change.entityId) return;
      if (change.action === 'delete') return repo.cancelQueuedForEntity(trx, change.schoolId, change.entityId, 'deleted');
      if ((await repo.settingsForStudents(trx, change.schoolId, change.students)).length === 0) return;
      const p = await repo.periodGradeFacts(trx, change.schoolId, change.entityId);
      if (!p) return;
      const payload: NoticePayload = {
        kind: 'periodGrade',
        child: childLabel(p.child_name, p.child_surname),
        subject: p.subject,
        value: p.value,
        period: p.period ?? p.kind,
      };
      return enqueue(trx, change, 'periodGrade', p.id, `period:${p.id}:${p.value}`, new Map([[p.student_id, payload]]));
    }
    case ChangeKind.lessonRecord: {
      if (!change.entityId || change.action === 'delete') return;
      const h = await repo.homeworkFacts(trx, change.schoolId, change.entityId);
      if (!h) return;
      const perStudent = new Map<string, NoticePayload>();
      for (const m of h.members) {
        perStudent.set(m.id, {
          kind: 'homework',
          child: childLabel(m.name, m.surname),
          subject: h.subject,
          text: h.homework.slice(0, 500),
          due: h.homework_due_on ?? h.date,
        });
      }
      // The same homework saved again (a topic corrected) is not news: the key names its text and due date.
      return enqueue(trx, change, 'homework', h.id, `homework:${h.id}:${digest(`${h.homework}\n${h.homework_due_on ?? ''}`)}`, perStudent);
    }
    case ChangeKind.consent:
    case ChangeKind.parentLink:
    case ChangeKind.rosterMove:
    case ChangeKind.student:
      return recheckQueued(trx, change);
    case ChangeKind.attachment:
    case ChangeKind.periodClosing:
    case ChangeKind.gradingSettings:
    case ChangeKind.thematicPlan:
    case ChangeKind.timetableEntry:
    case ChangeKind.timetableChange:
    case ChangeKind.staff:
    case ChangeKind.classes:
    case ChangeKind.curriculum:
    case ChangeKind.calendar:
    case ChangeKind.bells:
    case ChangeKind.school:
    case ChangeKind.parent:
    case ChangeKind.application:
    case ChangeKind.accessCode:
    case ChangeKind.workingCalendar:
    case ChangeKind.complaint:
    case ChangeKind.inspection:
    case ChangeKind.account:
      return;
    default: {
      const unhandled: never = change.kind;
      throw new Error(`notifications: change kind ${String(unhandled)} has no rule`);
    }
  }
}

export const NOTIFIED_KINDS = [
  ChangeKind.grade,
  ChangeKind.attendance,
  ChangeKind.periodGrade,
  ChangeKind.lessonRecord,
  ChangeKind.consent,
  ChangeKind.parentLink,
  ChangeKind.rosterMove,
  ChangeKind.student,
] as const;

/** Installs the outbox writer: notices are queued in the transaction of their change (decision 014). */
export function subscribeNotifications(): void {
  subscribeToChanges('notifications.outbox', NOTIFIED_KINDS, onChange);
}
