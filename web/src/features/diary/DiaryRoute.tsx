import { DiaryPage } from './DiaryPage';

/**
 * The route element of /schools/:schoolId/diary[/:view]. The diary is in the main bundle (not a
 * lazy chunk like the staff pages): it is what most users open, and a separate chunk cost a
 * sequential round trip on a slow phone (~0.2 s measured by `npm run bench -- first-load`).
 */
export function DiaryRoute() {
  return <DiaryPage />;
}
