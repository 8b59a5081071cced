import type { QueryClient } from '@tanstack/react-query';
import { myStudentsQueryOptions } from '../../lib/resources/my-students';
import { type DiaryAddress, diaryAddress } from './address';
import { weekQueryOptions } from './api/diary';

/**
 * Asks for the week the diary is about to show — the child named in the address, else the one
 * remembered on this device — without waiting for the list of children (on a slow phone each
 * round trip costs half a second). Only for the week view; a no-op when it is cached already.
 */
export function prefetchDiaryWeek(client: QueryClient, address: DiaryAddress): void {
  if (address.view !== 'week' || !address.childId) return;
  void client.prefetchQuery(weekQueryOptions(address.schoolId, address.childId, address.weekOf));
}

/** At start-up, when the first address is a diary page: the children and the week, beside the session check. */
export function prefetchDiaryAddress(client: QueryClient, pathname: string, search: string): void {
  const address = diaryAddress(pathname, search);
  if (!address) return;
  void client.prefetchQuery(myStudentsQueryOptions());
  prefetchDiaryWeek(client, address);
}
