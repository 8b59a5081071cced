import type { Actor } from '../../access/actor.js';
import { requireParentFamily } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { camelRow } from '../../lib/rows.js';
import { schoolToday } from '../school/school.service.js';
import { familyServiceRows } from './family-data.repository.js';

const INTERNAL = ['search_text', 'school_id'];

/** The public service's part of a family's export (issue 12.13): the applications and the consents with what each allows. */
export async function familyServiceData(deps: Deps, actor: Actor, schoolId: string) {
  const childIds = await requireParentFamily(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
  const rows = await familyServiceRows(deps.db, schoolId, actor.userId as string, childIds);
  const parse = (text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  return {
    applications: rows.applications.map((r) => camelRow(r, INTERNAL)),
    consents: rows.consents.map((r) => {
      const row = camelRow(r, INTERNAL);
      for (const k of ['childFields', 'parentFields', 'purposes']) if (typeof row[k] === 'string') row[k] = parse(row[k] as string);
      return row;
    }),
  };
}
