import { type Locale, translate } from '../../../contract/i18n/index.js';
import type { DiaryDay, DiaryGrade, DiaryLesson, DiaryWeek } from '../../../contract/schemas/diary.js';
import type { AttendanceMark } from '../../../contract/schemas/journal.js';
import { addDays, isoWeekday, weekStart } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { workTypeNameKey } from '../journal/grading-settings.service.js';
import { type CurriculumRow, deriveSlots, loadCurricula, slotKey } from '../timetable/timetable.service.js';
import * as repo from './diary.repository.js';
import { ALL } from './diary-stamps.js';

/** Something that turns "new" when it was entered or changed after the viewer's seen marker. */
export interface NewsItem {
  target: { isNew: boolean };
  changedAt: string;
}

/** A week prepared for one student: the payload, the stamp scopes it depends on, and its news. */
export interface PreparedWeek {
  week: DiaryWeek;
  scopes: string[];
  news: NewsItem[];
}

export interface Span {
  starts_on: string;
  ends_on: string | null;
}
interface SlotLike {
  room: string;
  substituteTeacherId: string | null;
  cancelled: boolean;
  movedFrom: { date: string; lessonNumber: number } | null;
}

const covers = (s: Span, date: string) => s.starts_on <= date && (s.ends_on === null || s.ends_on >= date);

/** "Иванова М. П." */
export function shortName(surname: string, name: string, patronymic: string): string {
  const initials = [name, patronymic]
    .filter((p) => p.length > 0)
    .map((p) => `${p[0]}.`)
    .join(' ');
  return initials ? `${surname} ${initials}` : surname;
}

export function workTypeName(locale: Locale, w: { code: string | null; name: string }): string {
  return w.name || (w.code ? translate(locale, workTypeNameKey(w.code)) : '');
}

export function attachmentUrl(schoolId: string, studentId: string, id: string): string {
  return `/api/schools/${schoolId}/students/${studentId}/diary/attachments/${id}`;
}

/** Curriculum items a student follows in [from, to] and, per item, the dates they are on its roster. */
export async function studentCurricula(deps: Deps, schoolId: string, studentId: string, from: string, to: string) {
  const [classes, groups] = await Promise.all([
    repo.classSpans(deps.db, schoolId, studentId, from, to),
    repo.groupSpans(deps.db, schoolId, studentId, from, to),
  ]);
  const classIds = [...new Set(classes.map((c) => c.class_id))];
  const groupIds = [...new Set(groups.map((g) => g.group_id))];
  const items = await loadCurricula(deps, schoolId, await repo.curriculumIdsOf(deps.db, schoolId, classIds, groupIds));
  const onRoster = (item: CurriculumRow, date: string): boolean =>
    item.groupId
      ? groups.some((g) => g.group_id === item.groupId && covers(g, date))
      : classes.some((c) => c.class_id === item.classId && covers(c, date));
  return { classes, groups, classIds, groupIds, items, onRoster };
}

/**
 * Builds one student's week (Monday..Saturday) from the timetable, its changes and the journal.
 * No access check: the diary service has made it. isNew flags are left false; the caller sets
 * them per viewer through `news`.
 */
export async function prepareWeek(deps: Deps, locale: Locale, schoolId: string, studentId: string, anyDay: string): Promise<PreparedWeek> {
  const monday = weekStart(anyDay);
  const saturday = addDays(monday, 5);
  const student = await repo.studentCard(deps.db, schoolId, studentId);
  if (!student) throw new Error('prepareWeek: student vanished after the access check');
  const { classes, classIds, groupIds, items, onRoster } = await studentCurricula(deps, schoolId, studentId, monday, saturday);
  const ids = items.map((i) => i.id);
  const [slots, records, due, grades, marks, changes, bells, holidays, workTypes, year] = await Promise.all([
    deriveSlots(deps, schoolId, items, monday, saturday),
    repo.lessonRows(deps.db, schoolId, ids, monday, saturday),
    repo.homeworkDue(deps.db, schoolId, ids, monday, saturday),
    repo.gradesOfStudent(deps.db, schoolId, studentId, monday, saturday),
    repo.attendanceOfStudent(deps.db, schoolId, studentId, monday, saturday),
    repo.changesOf(deps.db, schoolId, ids, monday, saturday),
    repo.bellsOf(deps.db, schoolId),
    repo.holidaysIn(deps.db, schoolId, monday, saturday),
    repo.workTypesOf(deps.db, schoolId),
    repo.yearNear(deps.db, schoolId, monday),
  ]);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const bellByNumber = new Map(bells.map((b) => [b.lesson_number, b]));
  const workTypeById = new Map(workTypes.map((w) => [w.id, w]));
  const recordByKey = new Map(records.map((r) => [slotKey(r.curriculum_id, r.date, r.lesson_number), r]));
  const changeByKey = new Map(changes.map((c) => [slotKey(c.curriculum_id, c.date, c.lesson_number), c]));
  const changeByTarget = new Map(
    changes
      .filter((c) => c.moved_to_date !== null && c.moved_to_lesson_number !== null)
      .map((c) => [slotKey(c.curriculum_id, c.moved_to_date as string, c.moved_to_lesson_number as number), c]),
  );
  const substituteIds = [...new Set(slots.map((s) => s.substituteTeacherId).filter((id): id is string => id !== null))];
  const substitutes = new Map(
    (await repo.staffNames(deps.db, schoolId, substituteIds)).map((s) => [s.id, shortName(s.surname, s.name, s.patronymic)]),
  );
  const attachments = await repo.attachmentsOf(
    deps.db,
    schoolId,
    records.filter((r) => r.homework !== null).map((r) => r.id),
  );
  const news: NewsItem[] = [];

  const gradeOf = <T extends object>(g: repo.GradeFact, extra: T): DiaryGrade & T => {
    const out: DiaryGrade & T = {
      ...extra,
      id: g.id,
      value: g.value,
      workTypeName: workTypeName(locale, { code: g.work_code, name: g.work_name }),
      weight: g.weight,
      isControl: g.is_control === 1,
      comment: g.comment,
      date: g.work_date,
      enteredAt: g.entered_at,
      isNew: false,
    };
    news.push({ target: out, changedAt: g.updated_at });
    return out;
  };
  const gradesByLesson = new Map<string, DiaryGrade[]>();
  const otherGrades = new Map<string, DiaryDay['otherGrades']>();
  const lessonKeyById = new Map(records.map((r) => [r.id, slotKey(r.curriculum_id, r.date, r.lesson_number)]));
  for (const g of grades) {
    const key = g.lesson_id ? lessonKeyById.get(g.lesson_id) : undefined;
    if (key) {
      const list = gradesByLesson.get(key) ?? [];
      list.push(gradeOf(g, {}));
      gradesByLesson.set(key, list);
    } else {
      const list = otherGrades.get(g.work_date) ?? [];
      list.push(gradeOf(g, { subjectName: itemById.get(g.curriculum_id)?.subjectName ?? '' }));
      otherGrades.set(g.work_date, list);
    }
  }
  const markByKey = new Map(marks.map((m) => [slotKey(m.curriculum_id, m.lesson_date, m.lesson_number), m]));

  const lessonOf = (item: CurriculumRow, date: string, lessonNumber: number, slot: SlotLike | null): DiaryLesson => {
    const key = slotKey(item.id, date, lessonNumber);
    const record = recordByKey.get(key);
    const bell = bellByNumber.get(lessonNumber);
    const changeRow = changeByKey.get(key) ?? changeByTarget.get(key);
    const mark = markByKey.get(key);
    const attendance = mark ? { mark: mark.mark as AttendanceMark, enteredAt: mark.updated_at, isNew: false } : null;
    if (attendance && mark) news.push({ target: attendance, changedAt: mark.updated_at });
    const substitute = slot?.substituteTeacherId ? (substitutes.get(slot.substituteTeacherId) ?? null) : null;
    const movedTo =
      changeRow && changeRow.date === date && changeRow.lesson_number === lessonNumber && changeRow.moved_to_date
        ? { date: changeRow.moved_to_date, lessonNumber: changeRow.moved_to_lesson_number as number }
        : null;
    const changed =
      slot === null ? movedTo !== null : slot.cancelled || substitute !== null || slot.movedFrom !== null || changeRow !== undefined;
    const controlType = record?.control_work_type_id ? workTypeById.get(record.control_work_type_id) : undefined;
    return {
      curriculumId: item.id,
      lessonNumber,
      startsAt: bell?.starts_at ?? null,
      endsAt: bell?.ends_at ?? null,
      subjectId: item.subjectId,
      subjectName: item.subjectName,
      teacherName: substitute ?? item.teacherName,
      room: slot?.room ?? '',
      topic: record?.topic ?? null,
      homework:
        record?.homework != null
          ? {
              text: record.homework,
              dueOn: record.homework_due_on,
              attachments: attachments
                .filter((a) => a.lesson_id === record.id)
                .map((a) => ({
                  id: a.id,
                  fileName: a.file_name,
                  contentType: a.content_type,
                  size: a.size,
                  url: attachmentUrl(schoolId, studentId, a.id),
                })),
            }
          : null,
      grades: gradesByLesson.get(key) ?? [],
      attendance,
      controlWork: controlType ? workTypeName(locale, controlType) : null,
      change: changed
        ? {
            cancelled: slot?.cancelled ?? movedTo !== null,
            substitute: substitute !== null,
            movedFrom: slot?.movedFrom ?? null,
            movedTo,
            room: changeRow?.room ?? null,
            note: changeRow?.note ?? '',
          }
        : null,
    };
  };

  const byDay = new Map<string, DiaryLesson[]>();
  const push = (date: string, lesson: DiaryLesson) => {
    const list = byDay.get(date) ?? [];
    list.push(lesson);
    byDay.set(date, list);
  };
  const shown = new Set<string>();
  for (const slot of slots) {
    const item = itemById.get(slot.curriculumId);
    if (!item || !onRoster(item, slot.date)) continue;
    shown.add(slotKey(item.id, slot.date, slot.lessonNumber));
    push(slot.date, lessonOf(item, slot.date, slot.lessonNumber, slot));
  }
  // The original place of a moved lesson, marked with where it went.
  for (const c of changes) {
    if (!c.moved_to_date || c.date < monday || c.date > saturday) continue;
    const item = itemById.get(c.curriculum_id);
    const key = slotKey(c.curriculum_id, c.date, c.lesson_number);
    if (!item || shown.has(key) || !onRoster(item, c.date)) continue;
    shown.add(key);
    push(c.date, lessonOf(item, c.date, c.lesson_number, null));
  }
  // Lessons no longer in the timetable that still hold this student's grades or marks.
  for (const r of records) {
    const key = slotKey(r.curriculum_id, r.date, r.lesson_number);
    const item = itemById.get(r.curriculum_id);
    if (!item || shown.has(key) || (!gradesByLesson.has(key) && !markByKey.has(key))) continue;
    shown.add(key);
    push(r.date, lessonOf(item, r.date, r.lesson_number, { room: '', substituteTeacherId: null, cancelled: false, movedFrom: null }));
  }

  const days: DiaryDay[] = [];
  for (let i = 0; i < 6; i++) {
    const date = addDays(monday, i);
    const holiday = holidays.find((h) => h.starts_on <= date && h.ends_on >= date);
    const lessons = (byDay.get(date) ?? []).sort((a, b) => a.lessonNumber - b.lessonNumber || a.subjectName.localeCompare(b.subjectName));
    days.push({
      date,
      weekday: isoWeekday(date),
      holiday: holiday ? holiday.name : null,
      lessons,
      homeworkDue: due
        .filter((d) => d.homework_due_on === date)
        .map((d) => ({ subjectName: itemById.get(d.curriculum_id)?.subjectName ?? '', text: d.homework ?? '', setOn: d.date })),
      otherGrades: otherGrades.get(date) ?? [],
    });
  }

  const classOnMonday = classes.find((c) => covers(c, monday)) ?? classes[0];
  const week: DiaryWeek = {
    student: { id: student.id, surname: student.surname, name: student.name, className: classOnMonday?.name ?? null },
    weekStart: monday,
    weekEnd: saturday,
    previousWeek: year && addDays(monday, -2) >= year.starts_on ? addDays(monday, -7) : null,
    nextWeek: year && addDays(monday, 7) <= year.ends_on ? addDays(monday, 7) : null,
    year: year ? { startsOn: year.starts_on, endsOn: year.ends_on } : null,
    lastSeenAt: null,
    days,
  };
  return { week, scopes: [studentId, ...classIds, ...groupIds, ALL], news };
}
