import { rememberedChild } from './child-choice';
import { isIsoDate, mondayOf } from './week';

export interface DiaryAddress {
  schoolId: string;
  /** 'week', 'grades', 'calendar'. */
  view: string;
  /** The child named in the address, else the one remembered on this device; null when neither. */
  childId: string | null;
  /** The Monday of the week asked for with ?week=, or null for the current week. */
  weekOf: string | null;
}

const DIARY_PATH = /^\/schools\/([^/]+)\/diary(?:\/([^/]+))?\/?$/;

/** What a diary address is about to show, worked out without asking the server. */
export function diaryAddress(pathname: string, search: string): DiaryAddress | null {
  const match = DIARY_PATH.exec(pathname);
  if (!match?.[1]) return null;
  const schoolId = decodeURIComponent(match[1]);
  const params = new URLSearchParams(search);
  const week = params.get('week');
  return {
    schoolId,
    view: match[2] ?? 'week',
    childId: params.get('child') ?? rememberedChild(schoolId),
    weekOf: isIsoDate(week) ? mondayOf(week) : null,
  };
}
