import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type Locale, translate } from '../../../contract/i18n/index.js';
import type { Actor } from '../../access/actor.js';
import { loadActor } from '../../access/load-actor.js';
import type { Db } from '../../db/connect.js';
import { addDays, weekStart } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { schoolTimeZone } from '../school/school.service.js';
import * as repo from './diary.repository.js';
import { requireDiaryRead, schoolToday } from './diary-access.js';
import { prepareWeek, studentCurricula } from './diary-week.js';
import { type CalendarEvent, renderCalendar } from './ical.js';

/** Weeks in the feed: two back, the current one and four ahead. */
const WEEKS_BACK = 2;
const WEEKS_AHEAD = 4;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
export const feedPath = (token: string) => `/api/calendar/${token}.ics`;

/**
 * R10.2: creates (or rotates) the viewer's private calendar URL for a student. The token is 256
 * random bits and only its hash is stored, so the URL is shown once; a new one replaces the old.
 */
export async function createCalendarFeed(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
): Promise<{ path: string; createdAt: string }> {
  await requireDiaryRead(deps, actor, schoolId, studentId, await schoolToday(deps, schoolId));
  if (!actor.userId) throw notFound();
  const userId = actor.userId;
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.replaceFeed(trx, { id, schoolId, userId, studentId, tokenHash: hashOf(token), createdAt: now.toISOString() });
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.create, entity: 'diary_calendar_feed', entityId: id });
  });
  return { path: feedPath(token), createdAt: now.toISOString() };
}

/** Revokes the viewer's calendar URL for a student; 404 when there is none. */
export async function revokeCalendarFeed(deps: Deps, actor: Actor, schoolId: string, studentId: string): Promise<void> {
  await requireDiaryRead(deps, actor, schoolId, studentId, await schoolToday(deps, schoolId));
  if (!actor.userId) throw notFound();
  const userId = actor.userId;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await repo.deleteFeed(trx, schoolId, userId, studentId);
    if (deleted === 0) throw notFound();
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.delete, entity: 'diary_calendar_feed', entityId: studentId });
  });
}

/**
 * Ends every private calendar URL of an account, inside the caller's transaction: a password change
 * or an administrator's reset ends them with the sessions (issue 12 point 8, decision 008), since
 * whoever learnt the old password may have made one. Records the change in each school concerned.
 */
export async function endCalendarFeedsOf(trx: Db, userId: string, actorId: string | null, now: Date): Promise<void> {
  for (const schoolId of await repo.deleteFeedsOfUser(trx, userId)) {
    await recordChange(trx, { kind: ChangeKind.account, action: 'delete', schoolId, entityId: userId, actorId, at: now.toISOString() });
  }
}

/**
 * The feed's text for a token ('<token>.ics'). The token is the credential: the owner's access is
 * checked again on every fetch, so a withdrawn consent or a lost role stops the feed at once.
 */
export async function calendarFeedText(deps: Deps, file: string): Promise<string> {
  const token = file.replace(/\.ics$/, '');
  const feed = await repo.findFeedByHash(deps.db, hashOf(token));
  if (!feed) throw notFound();
  const user = await deps.db.selectFrom('users').select(['locale', 'disabled_at']).where('id', '=', feed.user_id).executeTakeFirst();
  if (!user || user.disabled_at) throw notFound();
  const locale = user.locale === 'en' ? 'en' : 'ru';
  const owner = await loadActor(deps.db, feed.user_id, 'calendar-feed', locale, (id) => schoolToday(deps, id));
  const today = await schoolToday(deps, feed.school_id);
  const reader = await requireDiaryRead(deps, owner, feed.school_id, feed.student_id, today);
  if (reader === 'staff') {
    await recordAudit(deps.db, owner, deps.clock.now(), {
      schoolId: feed.school_id,
      action: AuditAction.read,
      entity: 'diary',
      entityId: feed.student_id,
      details: { view: 'calendar' },
    });
  }
  const zone = await schoolTimeZone(deps, feed.school_id);
  const first = addDays(weekStart(today), -7 * WEEKS_BACK);
  const events: CalendarEvent[] = [];
  let studentName = '';
  for (let i = 0; i <= WEEKS_BACK + WEEKS_AHEAD; i++) {
    const { week } = await prepareWeek(deps, locale, feed.school_id, feed.student_id, addDays(first, 7 * i));
    studentName = `${week.student.name} ${week.student.surname}`;
    for (const day of week.days) {
      for (const lesson of day.lessons) {
        if (!lesson.startsAt || !lesson.endsAt) continue;
        const change = lesson.change;
        const movedTo = change?.movedTo ? movedText(locale, 'diaryWeb.change.movedTo', change.movedTo) : '';
        const cancelled = change?.cancelled ?? false;
        // What the web's day card shows, in the same words: changes first, then the lesson.
        const description = [
          change?.cancelled && !change.movedTo ? translate(locale, 'diaryWeb.change.cancelled') : '',
          movedTo,
          change?.movedFrom ? movedText(locale, 'diaryWeb.change.movedFrom', change.movedFrom) : '',
          change?.substitute ? translate(locale, 'diaryWeb.change.substitute') : '',
          change?.room ? translate(locale, 'diaryWeb.change.room', { room: change.room }) : '',
          change?.note ? translate(locale, 'diaryWeb.lesson.note', { note: change.note }) : '',
          lesson.controlWork ? translate(locale, 'diaryWeb.lesson.controlWork', { name: lesson.controlWork }) : '',
          lesson.topic ? `${translate(locale, 'diary.ical.topic')}: ${lesson.topic}` : '',
          lesson.homework ? homeworkText(locale, lesson.homework) : '',
          `${translate(locale, 'diary.ical.teacher')}: ${lesson.teacherName}`,
        ]
          .filter(Boolean)
          .join('\n');
        const subject = cancelled ? `${translate(locale, 'diary.ical.cancelled')}: ${lesson.subjectName}` : lesson.subjectName;
        events.push({
          uid: `${lesson.curriculumId}-${day.date}-${lesson.lessonNumber}@otmetka`,
          date: day.date,
          startsAt: lesson.startsAt,
          endsAt: lesson.endsAt,
          // A moved lesson stays in its old slot, cancelled, saying where it went.
          summary: movedTo ? `${lesson.subjectName} (${movedTo})` : subject,
          location: change?.room ?? lesson.room,
          description,
          cancelled,
        });
      }
    }
  }
  return renderCalendar({
    name: translate(locale, 'diary.ical.calendarName', { name: studentName }),
    timeZone: zone,
    now: deps.clock.now(),
    events,
  });
}

/**
 * A homework attachment, only to someone who may read this student's diary and only when the
 * attachment belongs to a lesson the student follows.
 */
export async function openDiaryAttachment(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  attachmentId: string,
): Promise<{ fileName: string; contentType: string; size: number; stream: Readable }> {
  await requireDiaryRead(deps, actor, schoolId, studentId, await schoolToday(deps, schoolId));
  const attachment = await repo.findAttachment(deps.db, schoolId, attachmentId);
  if (!attachment) throw notFound();
  const { items, onRoster } = await studentCurricula(deps, schoolId, studentId, attachment.date, attachment.date);
  const item = items.find((i) => i.id === attachment.curriculum_id);
  if (!item || !onRoster(item, attachment.date)) throw notFound();
  // Stored paths are relative to the data directory; never follow one outside it.
  const root = path.resolve(deps.config.dataDir);
  const file = path.resolve(root, attachment.storage_path);
  if (!file.startsWith(`${root}${path.sep}`)) throw notFound();
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw notFound();
  return { fileName: attachment.file_name, contentType: attachment.content_type, size: info.size, stream: createReadStream(file) };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** «01.12» as the web writes a short date. */
function shortDate(locale: Locale, iso: string): string {
  const [, month, day] = iso.split('-').map(Number) as [number, number, number];
  return translate(locale, 'web.date.dayMonth', { day: pad2(day), month: pad2(month) });
}

function movedText(
  locale: Locale,
  key: 'diaryWeb.change.movedTo' | 'diaryWeb.change.movedFrom',
  where: { date: string; lessonNumber: number },
): string {
  return translate(locale, key, { date: shortDate(locale, where.date), number: where.lessonNumber });
}

/** «Домашнее задание (к 01.12): …», the due date as the web shows it. */
function homeworkText(locale: Locale, homework: { text: string; dueOn: string | null }): string {
  const due = homework.dueOn ? ` (${translate(locale, 'diaryWeb.lesson.dueOn', { date: shortDate(locale, homework.dueOn) })})` : '';
  return `${translate(locale, 'diary.ical.homework')}${due}: ${homework.text}`;
}
