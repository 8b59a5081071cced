import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MATRIX_ROLES, type MatrixCase, type MatrixRole, type MatrixWorld } from '../../access/matrix/types.js';
import { newId } from '../../lib/ids.js';

/** Readers of the 5А student's diary: the family, the subject teacher of 5А, admin, director, deputy. */
const READERS: readonly MatrixRole[] = ['admin', 'director', 'deputy', 'teacher', 'parent', 'student'];

const diary = (w: MatrixWorld) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA}/diary`;

const USER_OF: Partial<Record<MatrixRole, (w: MatrixWorld) => string>> = {
  admin: (w) => w.users.admin.id,
  director: (w) => w.users.director.id,
  deputy: (w) => w.users.deputy.id,
  teacher: (w) => w.users.teacher.id,
  parent: (w) => w.users.parent.id,
  student: (w) => w.users.student.id,
};

/** A feed row of this role's user for the 5А student, so that DELETE has something to revoke. */
async function feedFor(w: MatrixWorld, role: MatrixRole, token = randomBytes(32).toString('base64url')): Promise<string> {
  const userId = USER_OF[role]?.(w);
  if (!userId) return token;
  await w.db.deleteFrom('diary_calendar_feeds').where('user_id', '=', userId).where('student_id', '=', w.studentIds.inA).execute();
  await w.db
    .insertInto('diary_calendar_feeds')
    .values({
      id: newId(),
      school_id: w.schoolId,
      user_id: userId,
      student_id: w.studentIds.inA,
      token_hash: createHash('sha256').update(token).digest('base64url'),
      created_at: '2026-11-20T10:00:00.000Z',
    })
    .execute();
  return token;
}

/** A homework attachment of a 5А mathematics lesson, with its file under the test data directory. */
async function attachment(w: MatrixWorld): Promise<string> {
  const lessonId = newId();
  await w.db
    .insertInto('lessons')
    .values({
      id: lessonId,
      school_id: w.schoolId,
      curriculum_id: w.curriculumIds.mathA,
      date: '2026-11-23',
      lesson_number: 90 + Math.floor(Math.random() * 1_000_000),
      topic: null,
      homework: 'стр. 10',
      homework_due_on: null,
      control_work_type_id: null,
      version: 1,
      entered_by: null,
      created_at: '2026-11-23T08:00:00.000Z',
      updated_by: null,
      updated_at: '2026-11-23T08:00:00.000Z',
    })
    .execute();
  const id = newId();
  const relative = path.join('attachments', `${id}.txt`);
  await mkdir(path.join('/tmp/otmetka-test-data', 'attachments'), { recursive: true });
  await writeFile(path.join('/tmp/otmetka-test-data', relative), 'homework');
  await w.db
    .insertInto('lesson_attachments')
    .values({
      id,
      school_id: w.schoolId,
      lesson_id: lessonId,
      file_name: 'задание.txt',
      content_type: 'text/plain',
      size: 8,
      storage_path: relative,
      uploaded_by: null,
      uploaded_at: '2026-11-23T08:00:00.000Z',
    })
    .execute();
  return id;
}

export const diaryMatrix: MatrixCase[] = [
  {
    method: 'GET',
    route: '/api/schools/:schoolId/students/:studentId/diary/week',
    url: (w) => `${diary(w)}/week?weekOf=2026-11-23`,
    allow: READERS,
  },
  { method: 'GET', route: '/api/schools/:schoolId/students/:studentId/diary/grades', url: (w) => `${diary(w)}/grades`, allow: READERS },
  { method: 'POST', route: '/api/schools/:schoolId/students/:studentId/diary/seen', url: (w) => `${diary(w)}/seen`, allow: READERS },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/students/:studentId/diary/calendar-feed',
    url: (w) => `${diary(w)}/calendar-feed`,
    allow: READERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/students/:studentId/diary/calendar-feed',
    url: async (w, role) => {
      await feedFor(w, role);
      return `${diary(w)}/calendar-feed`;
    },
    allow: READERS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/students/:studentId/diary/attachments/:id',
    url: async (w) => `${diary(w)}/attachments/${await attachment(w)}`,
    allow: READERS,
  },
  {
    // Public: the token is the credential, whoever (or no one) is signed in.
    method: 'GET',
    route: '/api/calendar/:file',
    url: async (w) => `/api/calendar/${await feedFor(w, 'parent')}.ics`,
    allow: MATRIX_ROLES,
  },
];
