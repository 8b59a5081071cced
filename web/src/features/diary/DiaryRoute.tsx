import { lazy, Suspense } from 'react';
import { Loading } from '../../components/status';

const RELOADED_KEY = 'otmetka.diary.reloadedAt';

/**
 * A chunk that fails to load is almost always one replaced by a newer version of the app (the
 * page is older than the server's files): load the page again, once, instead of showing an error.
 */
function reloadOnce(error: unknown): never {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_KEY) ?? 0);
    if (Date.now() - last > 30_000) {
      sessionStorage.setItem(RELOADED_KEY, String(Date.now()));
      window.location.reload();
    }
  } catch {
    // Storage disabled: show the error rather than risk reloading in a loop.
  }
  throw error;
}

// The diary's code is a separate chunk, so the families' page does not carry the journal's or
// the admin pages' code. When the very first address is a diary page its download starts at once,
// beside the session check, instead of after it (on a slow phone each round trip costs ~0.5 s).
let loading: ReturnType<typeof importDiary> | null = null;
function importDiary() {
  return import('./DiaryPage');
}
const loadDiary = () => {
  loading ??= importDiary().catch(reloadOnce);
  return loading;
};
if (typeof window !== 'undefined' && /^\/schools\/[^/]+\/diary(\/|$)/.test(window.location.pathname)) void loadDiary();

const DiaryPage = lazy(() => loadDiary().then((m) => ({ default: m.DiaryPage })));

/** The route element of /schools/:schoolId/diary[/:view]. */
export function DiaryRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <DiaryPage />
    </Suspense>
  );
}
