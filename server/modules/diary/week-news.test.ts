import { describe, expect, it } from 'vitest';
import type { DiaryGrade, DiaryLesson, DiaryWeek } from '../../../contract/schemas/diary.js';
import { AttendanceMark } from '../../../contract/schemas/journal.js';
import type { NewsItem } from './diary-week.js';
import { changeTimesInOrder, markNews } from './week-news.js';

function grade(id: string): DiaryGrade {
  return {
    id,
    value: '5',
    workTypeName: 'Ответ на уроке',
    weight: 1,
    isControl: false,
    comment: '',
    date: '2026-11-23',
    enteredAt: '2026-11-23T08:00:00.000Z',
    isNew: false,
  };
}

function lesson(lessonNumber: number, grades: DiaryGrade[], attendance: DiaryLesson['attendance']): DiaryLesson {
  return {
    curriculumId: 'c1',
    lessonNumber,
    startsAt: '08:30',
    endsAt: '09:15',
    subjectId: 's1',
    subjectName: 'Математика',
    teacherName: 'Иванова А. П.',
    room: '12',
    topic: null,
    homework: null,
    grades,
    attendance,
    controlWork: null,
    change: null,
  };
}

/** A week with grades in lessons and outside them, and an attendance mark, plus the news as prepareWeek records it. */
function preparedWeek(): { week: DiaryWeek; news: NewsItem[] } {
  const early = grade('g-early');
  const late = grade('g-late');
  const other = { ...grade('g-other'), subjectName: 'Физика' };
  const mark = { mark: AttendanceMark.absent, enteredAt: '2026-11-23T11:00:00.000Z', isNew: false };
  const week: DiaryWeek = {
    student: { id: 'st', surname: 'Петров', name: 'Пётр', className: '5А' },
    weekStart: '2026-11-23',
    weekEnd: '2026-11-28',
    previousWeek: null,
    nextWeek: null,
    year: null,
    lastSeenAt: null,
    days: [
      {
        date: '2026-11-23',
        weekday: 1,
        holiday: null,
        lessons: [lesson(1, [early], null), lesson(2, [late], mark)],
        homeworkDue: [],
        otherGrades: [other],
      },
    ],
  };
  // Recorded in another order than the JSON's, as prepareWeek does (grades first, marks later).
  const news: NewsItem[] = [
    { target: other, changedAt: '2026-11-23T12:00:00.000Z' },
    { target: early, changedAt: '2026-11-23T08:00:00.000Z' },
    { target: late, changedAt: '2026-11-23T10:00:00.000Z' },
    { target: mark, changedAt: '2026-11-23T11:00:00.000Z' },
  ];
  return { week, news };
}

const flags = (week: DiaryWeek) => {
  const day = week.days[0];
  return {
    early: day?.lessons[0]?.grades[0]?.isNew,
    late: day?.lessons[1]?.grades[0]?.isNew,
    mark: day?.lessons[1]?.attendance?.isNew,
    other: day?.otherGrades[0]?.isNew,
  };
};

describe('news of a week kept as text', () => {
  it('finds every grade and mark again after the week went through JSON', () => {
    const { week, news } = preparedWeek();
    const times = changeTimesInOrder(week, news);
    expect(times).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z', '2026-11-23T12:00:00.000Z']);

    const seenAt = '2026-11-23T09:30:00.000Z';
    const marked = markNews(JSON.parse(JSON.stringify(week)) as DiaryWeek, times, seenAt);
    expect(flags(marked)).toEqual({ early: false, late: true, mark: true, other: true });
    expect(marked.lastSeenAt).toBe(seenAt);
  });

  it('marks nothing new for a viewer who never marked the diary seen, and everything for an old marker', () => {
    const { week, news } = preparedWeek();
    const times = changeTimesInOrder(week, news);
    expect(flags(markNews(structuredClone(week), times, null))).toEqual({ early: false, late: false, mark: false, other: false });
    expect(flags(markNews(structuredClone(week), times, '2026-01-01T00:00:00.000Z'))).toEqual({
      early: true,
      late: true,
      mark: true,
      other: true,
    });
  });

  it('refuses a week whose items do not match the change times', () => {
    const { week, news } = preparedWeek();
    expect(() => changeTimesInOrder(week, news.slice(1))).toThrow(/without its change time/);
    const times = changeTimesInOrder(week, news);
    expect(() => markNews(structuredClone(week), times.slice(1), null)).toThrow(/more flagged items/);
    expect(() => markNews(structuredClone(week), [...times, times[0] as string], null)).toThrow(/fewer flagged items/);
  });
});
