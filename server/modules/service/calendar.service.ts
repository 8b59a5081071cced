import { Permission } from '../../../contract/permissions.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import { isoWeekday } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { invalid } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { type CalendarYear, defaultCalendarYear } from './production-calendar.js';
import { makeCalendar, type WorkingCalendar } from './working-days.js';

/** The one rule for counting calendar-day terms (decision 015), for other modules' services. */
export { isWorkingDay, termEnd, type WorkingCalendar } from './working-days.js';

export interface EffectiveCalendarYear extends CalendarYear {
  custom: boolean;
}

export interface CalendarYearView {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  custom: boolean;
}

function view(y: EffectiveCalendarYear): CalendarYearView {
  return { year: y.year, holidays: [...y.holidays], workdays: [...y.workdays], source: y.source, custom: y.custom };
}

async function loadYear(db: Db, schoolId: string, year: number): Promise<EffectiveCalendarYear> {
  const row = await db
    .selectFrom('working_calendars')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!row) return { ...defaultCalendarYear(year), custom: false };
  return {
    year,
    holidays: JSON.parse(row.holidays) as string[],
    workdays: JSON.parse(row.workdays) as string[],
    source: 'school',
    custom: true,
  };
}

/** The school's working-day calendar over these years (its own edits, else the production calendar). */
export async function workingCalendarFor(db: Db, schoolId: string, years: readonly number[]): Promise<WorkingCalendar> {
  const loaded = await Promise.all([...new Set(years)].map((y) => loadYear(db, schoolId, y)));
  return makeCalendar(loaded);
}

/** One year of the school's calendar, for viewing and editing. */
export async function getCalendarYear(deps: Deps, actor: Actor, schoolId: string, year: number): Promise<CalendarYearView> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRead);
  return view(await loadYear(deps.db, schoolId, year));
}

/** Replaces a year of the school's calendar (holidays on weekdays, working weekend days). */
export async function setCalendarYear(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  year: number,
  input: { holidays: string[]; workdays: string[] },
): Promise<CalendarYearView> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  for (const d of [...input.holidays, ...input.workdays]) {
    if (!d.startsWith(`${year}-`)) throw invalid('error.service.calendarYear', { year });
  }
  for (const d of input.holidays) if (isoWeekday(d) > 5) throw invalid('error.service.calendarDayKind', { date: d });
  for (const d of input.workdays) if (isoWeekday(d) <= 5) throw invalid('error.service.calendarDayKind', { date: d });
  const holidays = [...new Set(input.holidays)].sort();
  const workdays = [...new Set(input.workdays)].sort();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('working_calendars').where('school_id', '=', schoolId).where('year', '=', year).execute();
    await trx
      .insertInto('working_calendars')
      .values({
        school_id: schoolId,
        year,
        holidays: JSON.stringify(holidays),
        workdays: JSON.stringify(workdays),
        updated_by: actor.userId ?? 'system',
        updated_at: now.toISOString(),
      })
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.workingCalendar,
      action: 'update',
      schoolId,
      entityId: String(year),
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'working_calendar',
      entityId: String(year),
      details: { holidays: holidays.length, workdays: workdays.length },
    });
  });
  return view(await loadYear(deps.db, schoolId, year));
}
