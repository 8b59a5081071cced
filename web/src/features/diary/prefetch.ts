import type { QueryClient } from '@tanstack/react-query';
import { myStudentsQueryOptions } from '../people/api/list-my-students';
import { weekQueryOptions } from './api/diary';
import { rememberedChild } from './child-choice';
import { isIsoDate, mondayOf } from './week';

/**
 * Asks for the week the diary is about to show — the child named in the address, else the one
 * remembered on this device — without waiting for the list of children (on a slow phone each
 * round trip costs half a second). Only for the week view; a no-op when it is cached already.
 */
export function prefetchDiaryWeek(client: QueryClient, schoolId: string, view: string, params: URLSearchParams): void {
  if (view !== 'week') return;
  const child = params.get('child') ?? rememberedChild(schoolId);
  if (!child) return;
  const week = params.get('week');
  void client.prefetchQuery(weekQueryOptions(schoolId, child, isIsoDate(week) ? mondayOf(week) : null));
}

const DIARY_PATH = /^\/schools\/([^/]+)\/diary(?:\/([^/]+))?\/?$/;

/** At start-up, when the first address is a diary page: the children and the week, beside the session check. */
export function prefetchDiaryAddress(client: QueryClient, pathname: string, search: string): void {
  const match = DIARY_PATH.exec(pathname);
  if (!match?.[1]) return;
  void client.prefetchQuery(myStudentsQueryOptions());
  prefetchDiaryWeek(client, decodeURIComponent(match[1]), match[2] ?? 'week', new URLSearchParams(search));
}
