import { addDays } from '../../lib/dates.js';
import type { DeadlineView } from './service.presenter.js';
import type { ApplicationRow } from './service.repository.js';
import { addWorkingDays, type WorkingCalendar } from './working-days.js';

/** seed 002 §3.2.3: the decision within 5 working days of registration. */
export const DECISION_WORKING_DAYS = 5;
/** seed 002 §3.2.5: the director's order within 7 days of the decision (calendar days). */
export const ORDER_DAYS = 7;
/** seed 002 §3.2.5: logins issued within 5 days of the order (calendar days). */
export const ACCESS_DAYS = 5;
/** seed 002 §3.2.4: a copy of the consent to the operator within 10 days of receipt. */
export const OPERATOR_COPY_DAYS = 10;

/** The deadline of the stage an open application waits for; null once access is issued or refused. */
export function nextDeadline(row: ApplicationRow, calendar: WorkingCalendar, today: string): DeadlineView | null {
  let stage: DeadlineView['stage'];
  let dueOn: string;
  if (row.status === 'registered') {
    stage = 'decision';
    dueOn = addWorkingDays(row.registered_on, DECISION_WORKING_DAYS, calendar);
  } else if (row.status === 'granted' && row.decided_on) {
    stage = 'order';
    dueOn = addDays(row.decided_on, ORDER_DAYS);
  } else if (row.status === 'ordered' && row.order_date) {
    stage = 'access';
    dueOn = addDays(row.order_date, ACCESS_DAYS);
  } else {
    return null;
  }
  return { stage, dueOn, overdue: today > dueOn };
}

export function operatorCopyDueOn(receivedOn: string): string {
  return addDays(receivedOn, OPERATOR_COPY_DAYS);
}

/** Calendar years a set of registration dates can reach within their decision deadlines. */
export function yearsFor(dates: readonly string[]): number[] {
  const years = new Set<number>();
  for (const d of dates) {
    const y = Number(d.slice(0, 4));
    years.add(y);
    years.add(y + 1);
  }
  return [...years];
}
