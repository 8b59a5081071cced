// Test data for the journal's browser test: the demo school has classes and a curriculum but (so
// far) no weekly timetable, and journal lessons are derived from the timetable. This fills the
// timetable of the demo teacher's classes through the admin API, the way a school would.

import { DEMO_PASSWORD } from './harness.js';

interface Session {
  cookie: string;
  schoolId: string;
}

async function call<T>(
  baseUrl: string,
  session: Session | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { accept: 'application/json', origin: baseUrl };
  if (session) headers.cookie = session.cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
}

/** Signs a demo account in through the API; returns its cookie and its (only) school. */
export async function apiSignIn(baseUrl: string, login: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .filter(Boolean)
    .join('; ');
  const me = (await res.json()) as { schools: { id: string }[] };
  return { cookie, schoolId: me.schools[0]?.id ?? '' };
}

interface CurriculumItem {
  id: string;
  classId: string | null;
  groupId: string | null;
  hoursPerWeek: number;
}

/**
 * Gives every class the demo teacher teaches a full weekly timetable (all its curriculum items,
 * hoursPerWeek each), unless it already has one. Returns the teacher's writable journal ids.
 */
export async function ensureDemoTimetable(baseUrl: string): Promise<string[]> {
  const admin = await apiSignIn(baseUrl, 'admin');
  const teacher = await apiSignIn(baseUrl, 'teacher');
  const s = `/api/schools/${admin.schoolId}`;
  const journals = await call<{ items: { curriculumId: string; classId: string | null; canWrite: boolean }[] }>(
    baseUrl,
    teacher,
    'GET',
    `${s}/journals`,
  );
  const own = journals.data.items.filter((j) => j.canWrite);
  const bells = await call<{ items: { lessonNumber: number }[] }>(baseUrl, admin, 'GET', `${s}/bells`);
  const numbers = bells.data.items
    .map((b) => b.lessonNumber)
    .filter((n) => n >= 1)
    .slice(0, 7);
  const classIds = [...new Set(own.map((j) => j.classId).filter((id): id is string => id !== null))];
  for (const [index, classId] of classIds.entries()) {
    const existing = await call<{ items: unknown[] }>(baseUrl, admin, 'GET', `${s}/timetable/entries?classId=${classId}`);
    if (existing.data.items.length > 0) continue;
    const items = (await call<{ items: CurriculumItem[] }>(baseUrl, admin, 'GET', `${s}/curriculum?classId=${classId}`)).data.items;
    const slots: Array<[number, number]> = [];
    for (const n of numbers) for (let day = 1; day <= 5; day++) slots.push([day, n]);
    // Each class starts elsewhere in the week, so a teacher of both is not booked twice at once.
    let next = index * 3;
    for (const item of items) {
      for (let h = 0; h < Math.min(item.hoursPerWeek, 6); h++) {
        for (let tries = 0; tries < slots.length; tries++) {
          const [weekday, lessonNumber] = slots[next % slots.length] as [number, number];
          next++;
          const res = await call(baseUrl, admin, 'POST', `${s}/timetable/entries`, {
            curriculumId: item.id,
            weekday,
            lessonNumber,
            room: String(100 + index),
          });
          if (res.status === 201) break;
          if (res.status !== 409) throw new Error(`timetable entry: ${res.status} ${JSON.stringify(res.data)}`);
        }
      }
    }
  }
  return own.map((j) => j.curriculumId);
}
