// Test data for the diary's browser test: the demo family (a parent of two children in different
// classes) needs a timetable, journal records and signed consents (R6.5) for a meaningful diary.
// Whatever the demo does not hold yet is filled through the admin API, the way a school would: a
// weekly timetable, then for last week and this week topics, homework, grades, absences, one
// cancelled lesson and one room change. What the demo already has is left as it is.

import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../contract/schemas/service.js';
import { apiSignIn } from './journal-fixture.js';

interface Session {
  cookie: string;
  schoolId: string;
}

async function call<T>(
  baseUrl: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { accept: 'application/json', origin: baseUrl, cookie: session.cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
}

async function must<T>(baseUrl: string, session: Session, method: string, path: string, body?: unknown): Promise<T> {
  const res = await call<T>(baseUrl, session, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.data)}`);
  return res.data;
}

export interface DemoChild {
  id: string;
  surname: string;
  name: string;
  classId: string;
  className: string;
}

interface CurriculumItem {
  id: string;
  classId: string | null;
  groupId: string | null;
  hoursPerWeek: number;
}

interface DerivedLesson {
  curriculumId: string;
  date: string;
  lessonNumber: number;
  subjectName: string;
  groupId: string | null;
}

/**
 * R6.5: a family sees a child's data only under a valid consent (Приложение 2). Records one signed
 * by each of the child's parents, with every field and purpose, unless the demo already has one.
 */
async function ensureConsents(baseUrl: string, admin: Session, child: DemoChild): Promise<void> {
  const s = `/api/schools/${admin.schoolId}`;
  const existing = await must<{ items: unknown[] }>(baseUrl, admin, 'GET', `${s}/service/consents?studentId=${child.id}`);
  if (existing.items.length > 0) return;
  const card = await must<{ parents: Array<{ parentId: string; surname: string; name: string; patronymic: string }> }>(
    baseUrl,
    admin,
    'GET',
    `${s}/students/${child.id}`,
  );
  for (const parent of card.parents) {
    await must(baseUrl, admin, 'POST', `${s}/service/consents`, {
      studentId: child.id,
      parentId: parent.parentId,
      childFullName: `${child.surname} ${child.name}`,
      parentFullName: [parent.surname, parent.name, parent.patronymic].filter(Boolean).join(' '),
      childFields: [...CHILD_CONSENT_FIELDS],
      parentFields: [...PARENT_CONSENT_FIELDS],
      purposes: [...CONSENT_PURPOSES],
      signedOn: '2026-08-25',
    });
  }
}

const TOPICS = ['Повторение пройденного', 'Новая тема: введение', 'Решение задач', 'Работа с текстом', 'Практическая работа'];
const HOMEWORK = ['Упражнения 1–5 на с. 34', 'Выучить правило, с. 52', 'Задачи № 112, 115', 'Прочитать главу 3'];
const GRADES = ['5', '4', '3', '5', '4', '5'];

/**
 * Gives both demo children's classes a timetable and a fortnight of journal records (last week
 * and the week of `today`). Returns the two children, the older (the demo student) first.
 */
export async function ensureDemoDiary(baseUrl: string, today: string, previousMonday: string): Promise<DemoChild[]> {
  const parent = await apiSignIn(baseUrl, 'parent');
  const admin = await apiSignIn(baseUrl, 'admin');
  const s = `/api/schools/${admin.schoolId}`;
  const mine = await must<{
    items: Array<{ id: string; surname: string; name: string; relation: string; class: { id: string; name: string } | null }>;
  }>(baseUrl, parent, 'GET', '/api/my/students');
  const children: DemoChild[] = mine.items
    .filter((c) => c.relation === 'child' && c.class)
    .map((c) => ({ id: c.id, surname: c.surname, name: c.name, classId: c.class?.id ?? '', className: c.class?.name ?? '' }));
  if (children.length < 2) throw new Error(`the demo parent should have two children in classes, has ${children.length}`);

  const bells = await must<{ items: { lessonNumber: number }[] }>(baseUrl, admin, 'GET', `${s}/bells`);
  const numbers = bells.items
    .map((b) => b.lessonNumber)
    .filter((n) => n >= 1)
    .slice(0, 6);
  const workTypes = await must<{ items: { id: string; isControl: boolean }[] }>(baseUrl, admin, 'GET', `${s}/work-types`);
  const answer = workTypes.items.find((w) => !w.isControl) ?? workTypes.items[0];
  const control = workTypes.items.find((w) => w.isControl) ?? answer;
  if (!answer || !control) throw new Error('the demo school has no work types');

  for (const [index, child] of children.entries()) {
    await ensureConsents(baseUrl, admin, child);
    // A weekly timetable of the class's own (not group) items, Monday to Friday.
    const existing = await must<{ items: unknown[] }>(baseUrl, admin, 'GET', `${s}/timetable/entries?classId=${child.classId}`);
    if (existing.items.length === 0) {
      const items = (
        await must<{ items: CurriculumItem[] }>(baseUrl, admin, 'GET', `${s}/curriculum?classId=${child.classId}`)
      ).items.filter((item) => item.groupId === null);
      const slots: Array<[number, number]> = [];
      for (const n of numbers) for (let day = 1; day <= 5; day++) slots.push([day, n]);
      // The two classes start elsewhere in the week, so a teacher of both is not booked twice.
      let next = index * 2;
      for (const item of items) {
        for (let h = 0; h < Math.min(item.hoursPerWeek, 4); h++) {
          for (let tries = 0; tries < slots.length; tries++) {
            const [weekday, lessonNumber] = slots[next % slots.length] as [number, number];
            next++;
            const res = await call(baseUrl, admin, 'POST', `${s}/timetable/entries`, {
              curriculumId: item.id,
              weekday,
              lessonNumber,
              room: String(201 + index * 10 + (h % 3)),
            });
            if (res.status === 201) break;
            if (res.status !== 409) throw new Error(`timetable entry: ${res.status} ${JSON.stringify(res.data)}`);
          }
        }
      }
    }

    // Journal records for last week and this week up to today.
    let counter = index;
    for (const weekOf of [previousMonday, today]) {
      const week = await must<{ lessons: DerivedLesson[] }>(
        baseUrl,
        admin,
        'GET',
        `${s}/timetable/classes/${child.classId}/week?weekOf=${weekOf}`,
      );
      const lessons = week.lessons.filter((l) => l.groupId === null && l.date <= today);
      for (const lesson of lessons) {
        counter++;
        const journal = `${s}/journals/${lesson.curriculumId}`;
        const record = await call(baseUrl, admin, 'PUT', `${journal}/lessons/${lesson.date}/${lesson.lessonNumber}`, {
          topic: TOPICS[counter % TOPICS.length],
          homework: counter % 2 === 0 ? HOMEWORK[counter % HOMEWORK.length] : null,
          version: 0,
        });
        // 409: the demo already keeps this lesson's journal; its records stay as they are.
        if (record.status === 409) continue;
        if (record.status >= 300) throw new Error(`lesson record: ${record.status} ${JSON.stringify(record.data)}`);
        if (counter % 3 !== 0) {
          const isControl = counter % 7 === 0;
          await must(baseUrl, admin, 'POST', `${journal}/grades`, {
            studentId: child.id,
            date: lesson.date,
            lessonNumber: lesson.lessonNumber,
            value: GRADES[counter % GRADES.length],
            workTypeId: isControl ? control.id : answer.id,
            comment: counter % 4 === 1 ? 'Хорошо разобрался в теме, аккуратное оформление' : '',
          });
        }
        if (counter % 11 === 0) {
          await must(baseUrl, admin, 'PUT', `${journal}/attendance`, {
            studentId: child.id,
            date: lesson.date,
            lessonNumber: lesson.lessonNumber,
            mark: counter % 2 === 0 ? 'ill' : 'late',
            version: 0,
          });
        }
      }
    }

    // One change of the timetable this week: a later lesson is cancelled, another changes room.
    const thisWeek = await must<{ lessons: DerivedLesson[] }>(
      baseUrl,
      admin,
      'GET',
      `${s}/timetable/classes/${child.classId}/week?weekOf=${today}`,
    );
    const later = thisWeek.lessons.filter((l) => l.groupId === null && l.date > today);
    const [cancel, moveRoom] = [later[1], later[4]];
    if (cancel) {
      await call(baseUrl, admin, 'POST', `${s}/timetable/changes`, {
        curriculumId: cancel.curriculumId,
        date: cancel.date,
        lessonNumber: cancel.lessonNumber,
        cancelled: true,
        note: 'Учитель на курсах повышения квалификации',
      });
    }
    if (moveRoom) {
      await call(baseUrl, admin, 'POST', `${s}/timetable/changes`, {
        curriculumId: moveRoom.curriculumId,
        date: moveRoom.date,
        lessonNumber: moveRoom.lessonNumber,
        room: '305',
      });
    }
  }
  return children;
}

/** A teacher's new grade for the child at their latest lesson up to `today` (to show as «new»); returns its date. */
export async function addFreshGrade(baseUrl: string, child: DemoChild, today: string): Promise<string> {
  const admin = await apiSignIn(baseUrl, 'admin');
  const s = `/api/schools/${admin.schoolId}`;
  const week = await must<{ lessons: DerivedLesson[] }>(
    baseUrl,
    admin,
    'GET',
    `${s}/timetable/classes/${child.classId}/week?weekOf=${today}`,
  );
  const lesson = week.lessons.filter((l) => l.groupId === null && l.date <= today).at(-1);
  if (!lesson) throw new Error(`no lesson of ${child.className} up to ${today}`);
  const workTypes = await must<{ items: { id: string; isControl: boolean }[] }>(baseUrl, admin, 'GET', `${s}/work-types`);
  const workType = workTypes.items.find((w) => !w.isControl) ?? workTypes.items[0];
  await must(baseUrl, admin, 'POST', `${s}/journals/${lesson.curriculumId}/grades`, {
    studentId: child.id,
    date: lesson.date,
    lessonNumber: lesson.lessonNumber,
    value: '5',
    workTypeId: workType?.id,
    comment: 'Отличный ответ у доски',
  });
  return lesson.date;
}
