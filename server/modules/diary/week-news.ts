import type { DiaryWeek } from '../../../contract/schemas/diary.js';
import type { NewsItem } from './diary-week.js';

/** An item of the week that can be marked new for a viewer: a grade or an attendance mark. */
interface Flagged {
  isNew: boolean;
}

const isFlagged = (value: object): value is Flagged => 'isNew' in value;

/**
 * Visits every flagged object of a week in JSON order (depth first, keys in insertion order). The
 * same walk over the week before JSON.stringify and after JSON.parse meets the same items in the
 * same order, so a position stands for an item without keeping the object tree.
 */
function forEachFlagged(value: unknown, visit: (item: Flagged) => void): void {
  if (Array.isArray(value)) {
    for (const element of value) forEachFlagged(element, visit);
  } else if (value !== null && typeof value === 'object') {
    if (isFlagged(value)) visit(value);
    for (const child of Object.values(value)) forEachFlagged(child, visit);
  }
}

/** When each flagged item last changed, in the week's JSON order (see forEachFlagged). */
export function changeTimesInOrder(week: DiaryWeek, news: readonly NewsItem[]): string[] {
  const changedAt = new Map<object, string>(news.map((n) => [n.target, n.changedAt]));
  const times: string[] = [];
  forEachFlagged(week, (item) => {
    const time = changedAt.get(item);
    if (time === undefined) throw new Error('week-news: a flagged item without its change time');
    times.push(time);
  });
  return times;
}

/**
 * The week as one viewer sees it: items changed after their seen marker are new. `week` is a
 * fresh copy (parsed from the base text), changed in place.
 */
export function markNews(week: DiaryWeek, changeTimes: readonly string[], seenAt: string | null): DiaryWeek {
  let position = 0;
  forEachFlagged(week, (item) => {
    const time = changeTimes[position++];
    if (time === undefined) throw new Error('week-news: more flagged items than change times');
    item.isNew = seenAt !== null && time > seenAt;
  });
  if (position !== changeTimes.length) throw new Error('week-news: fewer flagged items than change times');
  week.lastSeenAt = seenAt;
  return week;
}
