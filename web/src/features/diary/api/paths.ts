import { withQuery } from '../../../lib/url';

/** /api/schools/:schoolId/students/:studentId/diary[/<rest>] */
export const diaryPath = (schoolId: string, studentId: string, rest: string) =>
  `/api/schools/${encodeURIComponent(schoolId)}/students/${encodeURIComponent(studentId)}/diary/${rest}`;

/** GET …/diary/week[?weekOf=]: one week of one student; today's week without a date. */
export const diaryWeekUrl = (schoolId: string, studentId: string, weekOf: string | null) =>
  withQuery(diaryPath(schoolId, studentId, 'week'), { weekOf });
