import type { FamilyAccessItem, FamilyView } from '../../../contract/schemas/family.js';
import type { Actor } from '../../access/actor.js';
import { requireParentFamily } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { schoolToday } from '../school/school.service.js';
import * as repo from './family-access.repository.js';

const VIEW_OF: Record<string, FamilyView> = {
  student: 'card',
  diary: 'diary',
  journal: 'journal',
  journal_history: 'journal_history',
  journal_averages: 'journal_averages',
};

/** How many reads the page and the export show (the newest). */
export const FAMILY_ACCESS_LIMIT = 500;

/**
 * «Кто смотрел данные» (issue 12.13): which staff member, in which role, opened the card, diary or
 * a journal of the parent's children, and when — read from the audit log. A parent, for their own
 * children under a valid consent (requireParentFamily).
 */
export async function familyAccessLog(deps: Deps, actor: Actor, schoolId: string): Promise<FamilyAccessItem[]> {
  const childIds = await requireParentFamily(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
  const rows = await repo.readsOfChildren(deps.db, schoolId, childIds, actor.userId as string, FAMILY_ACCESS_LIMIT);
  const actorIds = [...new Set(rows.map((r) => r.actor_user_id as string))];
  const roles = await repo.staffRolesOf(deps.db, schoolId, actorIds);
  const journalIds = [
    ...new Set(rows.filter((r) => VIEW_OF[r.entity] !== 'card' && VIEW_OF[r.entity] !== 'diary').map((r) => r.entity_id as string)),
  ];
  const journals = await repo.journalsOfChildren(deps.db, schoolId, journalIds, childIds);
  const items: FamilyAccessItem[] = [];
  for (const r of rows) {
    const actorRoles = roles.get(r.actor_user_id as string) ?? [];
    // Staff only: a family member's own reads are not someone else's access.
    if (actorRoles.length === 0) continue;
    const view = VIEW_OF[r.entity] as FamilyView;
    const journal = view === 'card' || view === 'diary' ? null : journals.get(r.entity_id as string);
    const concerned = journal ? journal.childIds : [r.entity_id as string];
    if (concerned.length === 0) continue;
    items.push({
      id: r.id,
      at: r.at,
      view,
      childIds: concerned,
      subjectName: journal?.subjectName ?? null,
      actorName: r.display_name,
      actorRoles: [...actorRoles].sort(),
    });
  }
  return items;
}

/** The parent's own sign-ins in the school, for the family's export (the same parent check). */
export async function familySignIns(deps: Deps, actor: Actor, schoolId: string) {
  await requireParentFamily(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
  const rows = await repo.signInsOf(deps.db, schoolId, actor.userId as string);
  return rows.map((r) => ({ at: r.at, event: r.action, ip: r.ip, details: JSON.parse(r.details) as Record<string, unknown> }));
}
