import { createHash } from 'node:crypto';
import type { DiaryGrades, DiarySubjectGrades, DiaryWeek } from '../../../contract/schemas/diary.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { addDays, weekStart } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { notFound, unauthenticated } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { explainPeriodMark, meanOf, numericOnScale, periodMarkScales } from '../journal/averages.service.js';
import { loadCurricula } from '../timetable/timetable.service.js';
import * as repo from './diary.repository.js';
import { type DiaryReader, diaryReaderOf, requireDiaryRead, schoolToday } from './diary-access.js';
import { type CachedWeek, WeekBody, WeekCache } from './diary-cache.js';
import { ALL } from './diary-stamps.js';
import { type PreparedWeek, prepareWeek, studentCurricula, workTypeName } from './diary-week.js';
import { changeTimesInOrder, markNews } from './week-news.js';

// Payload format version: part of every ETag, so a deploy that changes the payload never answers 304.
const FORMAT = 'd1';

const caches = new WeakMap<Db, WeekCache>();
function cacheOf(deps: Deps): WeekCache {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new WeekCache();
    caches.set(deps.db, cache);
  }
  return cache;
}

/** A week ready to send: the JSON text and its ETag (the same on every node for the same data). */
export interface WeekResponse {
  body: WeekBody;
  etag: string;
}

async function auditStaffRead(deps: Deps, actor: Actor, reader: DiaryReader, schoolId: string, studentId: string, what: string) {
  // A family reading its own diary is the purpose of the system and is not logged on every page
  // view; staff reading a child's diary is a read of someone else's personal data (audited).
  if (reader !== 'staff') return;
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'diary',
    entityId: studentId,
    details: { view: what },
  });
}

const viewerOf = (actor: Actor) => actor.userId ?? 'system';

/** A cache entry from a freshly prepared week: the base text with nothing new, and the news order. */
function entryOf(prepared: PreparedWeek, stamp: number): CachedWeek {
  const changeTimes = changeTimesInOrder(prepared.week, prepared.news);
  return { base: WeekBody.of(JSON.stringify(prepared.week)), changeTimes, scopes: prepared.scopes, stamp, bodies: new Map() };
}

/** The body for a viewer's seen marker: the base, or one made from it once and kept beside it. */
function bodyFor(cache: WeekCache, key: string, entry: CachedWeek, seenAt: string | null): WeekBody {
  if (seenAt === null) return entry.base;
  const cached = entry.bodies.get(seenAt);
  if (cached !== undefined) return cached;
  const week = markNews(JSON.parse(entry.base.raw.toString('utf8')) as DiaryWeek, entry.changeTimes, seenAt);
  const body = WeekBody.of(JSON.stringify(week));
  cache.addBody(key, entry, seenAt, body);
  return body;
}

const scopeTags = new WeakMap<readonly string[], string>();
/**
 * A short digest of the week's scope set. The stamp is a sum of counters that only grow, so it
 * tells states of one scope set apart; after a class move the new set could sum to the old
 * figure, so the set itself is part of the ETag.
 */
function scopeTagOf(scopes: readonly string[]): string {
  let tag = scopeTags.get(scopes);
  if (tag === undefined) {
    tag = createHash('sha256').update(scopes.join(',')).digest('base64url').slice(0, 16);
    scopeTags.set(scopes, tag);
  }
  return tag;
}

function etagOf(monday: string, scopes: readonly string[], stamp: number, seenAt: string | null, locale: string): string {
  return `"${FORMAT}-${monday}-${scopeTagOf(scopes)}-${stamp}-${seenAt ? Date.parse(seenAt).toString(36) : '0'}-${locale}"`;
}

/** Scope ids of a student's week (student, classes, groups, school) from the memberships alone. */
async function scopesOf(deps: Deps, schoolId: string, studentId: string, monday: string, saturday: string): Promise<string[]> {
  const [classes, groups] = await Promise.all([
    repo.classSpans(deps.db, schoolId, studentId, monday, saturday),
    repo.groupSpans(deps.db, schoolId, studentId, monday, saturday),
  ]);
  return [studentId, ...new Set(classes.map((c) => c.class_id)), ...new Set(groups.map((g) => g.group_id)), ALL];
}

const sameScopes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * R5.1: one student's week, prepared once per (student, week, language) and reused while its
 * stamps are unchanged; answered as ready JSON text with an ETag.
 */
export async function diaryWeek(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  weekOf: string | undefined,
  sessionId: string | null = null,
): Promise<WeekResponse> {
  const today = await schoolToday(deps, schoolId);
  const monday = weekStart(weekOf ?? today);
  const key = `${schoolId}|${studentId}|${monday}|${actor.locale}`;
  const cache = cacheOf(deps);
  const viewer = viewerOf(actor);
  const cached = cache.get(key);
  const reader = diaryReaderOf(actor, schoolId);
  const asked = { schoolId, week: monday, userId: viewer, studentId, sessionId };
  /** The cached week when its stamps are unchanged; a stale one is dropped. */
  const reuse = (entry: CachedWeek, fresh: repo.Freshness): WeekResponse | null => {
    if (sessionId && !fresh.live) throw unauthenticated();
    if (fresh.stamp === entry.stamp)
      return {
        body: bodyFor(cache, key, entry, fresh.seenAt),
        etag: etagOf(monday, entry.scopes, entry.stamp, fresh.seenAt, actor.locale),
      };
    cache.delete(key);
    return null;
  };
  if (cached && reader === 'family') {
    // The common case, in one query: the access rule, the stamps, the seen marker and the session.
    const fresh = await repo.familyFreshness(deps.db, { ...asked, scopeIds: cached.scopes, onDate: today });
    if (!fresh.allowed) throw notFound();
    const reused = reuse(cached, fresh);
    if (reused) return reused;
  }
  await requireDiaryRead(deps, actor, schoolId, studentId, today);
  await auditStaffRead(deps, actor, reader, schoolId, studentId, 'week');
  if (cached && reader === 'staff') {
    const reused = reuse(cached, await repo.freshness(deps.db, { ...asked, scopeIds: cached.scopes }));
    if (reused) return reused;
  }
  // Read the stamps BEFORE the data: a write that lands in between makes the stamp we keep older
  // than the data, so the next request rebuilds; never the other way round (a stale week kept as fresh).
  const scopes = await scopesOf(deps, schoolId, studentId, monday, addDays(monday, 5));
  const fresh = await repo.freshness(deps.db, { ...asked, scopeIds: scopes });
  if (sessionId && !fresh.live) throw unauthenticated();
  const prepared = await prepareWeek(deps, actor.locale, schoolId, studentId, monday);
  const entry = entryOf(prepared, fresh.stamp);
  // A class or group move between the two reads changes the scopes: serve this week but keep nothing.
  if (sameScopes(scopes, prepared.scopes)) cache.set(key, entry);
  return { body: bodyFor(cache, key, entry, fresh.seenAt), etag: etagOf(monday, scopes, fresh.stamp, fresh.seenAt, actor.locale) };
}

/** The week as an object (for the calendar feed and tests); no cache. */
export async function diaryWeekObject(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  weekOf: string,
): Promise<PreparedWeek> {
  return prepareWeek(deps, actor.locale, schoolId, studentId, weekOf);
}

/** R5.2: grades by subject for a study period, averages, period/year/final grades, attendance summary. */
export async function diaryGrades(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  periodId: string | undefined,
): Promise<DiaryGrades> {
  const today = await schoolToday(deps, schoolId);
  const reader = await requireDiaryRead(deps, actor, schoolId, studentId, today);
  const student = await repo.studentCard(deps.db, schoolId, studentId);
  if (!student) throw notFound();
  const chosen = periodId ? await repo.findPeriod(deps.db, schoolId, periodId) : undefined;
  if (periodId && !chosen) throw notFound();
  const year = chosen ? await repo.yearOn(deps.db, schoolId, chosen.starts_on) : await repo.yearNear(deps.db, schoolId, today);
  if (!year) throw notFound();
  const classNow = (await repo.classSpans(deps.db, schoolId, studentId, year.starts_on, year.ends_on)).at(-1);
  const periods = await repo.periodsOf(deps.db, schoolId, year.id, classNow?.grade_level ?? null);
  const period =
    chosen ??
    periods.find((p) => p.starts_on <= today && p.ends_on >= today) ??
    periods.filter((p) => p.starts_on <= today).at(-1) ??
    periods[0];
  if (!period) throw notFound();
  const from = period.starts_on;
  const to = period.ends_on;
  await auditStaffRead(deps, actor, reader, schoolId, studentId, 'grades');

  const { items } = await studentCurricula(deps, schoolId, studentId, from, to);
  const graded = await repo.gradedCurriculumIds(deps.db, schoolId, studentId, from, to);
  const missingIds = graded.filter((id) => !items.some((i) => i.id === id));
  const allItems = missingIds.length > 0 ? [...items, ...(await loadCurricula(deps, schoolId, missingIds))] : items;
  const currentPeriod = periods.find((p) => p.starts_on <= today && p.ends_on >= today) ?? period;
  const [grades, periodGrades, marks, seenAt, currentMarks, scales] = await Promise.all([
    repo.gradesOfStudent(deps.db, schoolId, studentId, from, to),
    repo.periodGradesOfStudent(deps.db, schoolId, studentId),
    repo.attendanceOfStudent(deps.db, schoolId, studentId, from, to),
    repo.seenAt(deps.db, viewerOf(actor), studentId),
    repo.attendanceOfStudent(deps.db, schoolId, studentId, currentPeriod.starts_on, currentPeriod.ends_on),
    periodMarkScales(
      deps,
      actor,
      schoolId,
      allItems.map((i) => i.id),
    ),
  ]);
  const subjects: DiarySubjectGrades[] = allItems
    .map((item) => {
      const own = grades.filter((g) => g.curriculum_id === item.id);
      // The journal's one exact-decimal calculation (R3.6), with its «why this period mark?».
      const scale = scales.get(item.id);
      const explanation = scale
        ? explainPeriodMark(
            own.map((g) => ({
              id: g.id,
              date: g.work_date,
              value: g.value,
              workTypeName: workTypeName(actor.locale, { code: g.work_code, name: g.work_name }),
              weight: g.weight,
              numeric: numericOnScale({ numeric: g.numeric_value, scale: g.scale }, scale),
            })),
            { name: scale.name, values: scale.values },
          )
        : null;
      const pg = (kind: string, key: string) =>
        periodGrades.find((p) => p.curriculum_id === item.id && p.kind === kind && p.period_key === key)?.value ?? null;
      return {
        curriculumId: item.id,
        subjectId: item.subjectId,
        subjectName: item.subjectName,
        teacherName: item.teacherName,
        grades: own.map((g) => ({
          id: g.id,
          value: g.value,
          workTypeName: workTypeName(actor.locale, { code: g.work_code, name: g.work_name }),
          weight: g.weight,
          isControl: g.is_control === 1,
          comment: g.comment,
          date: g.work_date,
          enteredAt: g.entered_at,
          isNew: seenAt !== null && g.updated_at > seenAt,
        })),
        average: explanation?.plain ?? null,
        weightedAverage: explanation?.weighted ?? null,
        explanation,
        periodGrade: pg('period', period.id),
        yearGrade: pg('year', ''),
        examGrade: pg('exam', ''),
        finalGrade: pg('final', ''),
        missed: marks.filter((m) => m.curriculum_id === item.id && m.mark !== 'late').length,
      };
    })
    .sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'ru'));
  const averages = subjects.map((s) => s.weightedAverage).filter((a): a is number => a !== null);
  const count = (mark: string) => currentMarks.filter((m) => m.mark === mark).length;
  const present = (p: { id: string; name: string; starts_on: string; ends_on: string }) => ({
    id: p.id,
    name: p.name,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
  });
  return {
    student: { id: student.id, surname: student.surname, name: student.name, className: classNow?.name ?? null },
    period: present(period),
    periods: periods.map(present),
    subjects,
    overview: {
      gradeCount: grades.length,
      newCount: subjects.reduce((n, s) => n + s.grades.filter((g) => g.isNew).length, 0),
      averageOfAverages: meanOf(averages),
    },
    attendance: {
      periodId: currentPeriod.id,
      missed: count('absent') + count('ill') + count('excused'),
      ill: count('ill'),
      excused: count('excused'),
      unexcused: count('absent'),
      late: count('late'),
    },
    lastSeenAt: seenAt,
  };
}

/** "What changed": marks everything entered up to now as seen by this viewer. */
export async function markDiarySeen(deps: Deps, actor: Actor, schoolId: string, studentId: string): Promise<{ lastSeenAt: string }> {
  const today = await schoolToday(deps, schoolId);
  await requireDiaryRead(deps, actor, schoolId, studentId, today);
  if (!actor.userId) throw notFound();
  const userId = actor.userId;
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.markSeen(trx, schoolId, userId, studentId, at);
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.update, entity: 'diary_seen', entityId: studentId });
  });
  return { lastSeenAt: at };
}
