import { Permission } from '../../../contract/permissions.js';
import type { PlanLessons } from '../../../contract/schemas/timetable.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { assignPlanTopics } from '../timetable/thematic-plan.service.js';
import { deriveSlots, slotKey } from '../timetable/timetable.service.js';
import * as repo from './journal.repository.js';
import { openJournal } from './journal-context.js';
import { heldLessonsInOrder } from './journal-lessons.js';

/**
 * Which thematic plan topic lands on which lesson of the year (R2.3): the lessons counted as the
 * journal counts them (journal-lessons.ts) and the plan laid on them by the same rule
 * (assignPlanTopics), so this list and the journal grid always agree. For those who may read the
 * journal; `canWrite` tells whether they may also import a plan.
 */
export async function planLessons(deps: Deps, actor: Actor, schoolId: string, curriculumId: string): Promise<PlanLessons> {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  const { item } = ctx;
  const [planItems, slots, records] = await Promise.all([
    repo.planItemsOf(deps.db, schoolId, item.id),
    deriveSlots(deps, schoolId, [item], item.yearStartsOn, item.yearEndsOn),
    repo.lessonsInRange(deps.db, schoolId, item.id, item.yearStartsOn, item.yearEndsOn),
  ]);
  const ordered = heldLessonsInOrder(item.id, slots, records);
  const planned = assignPlanTopics(
    ordered.map(([key]) => ({ key })),
    planItems,
  );
  const topics = new Map(records.map((r) => [slotKey(item.id, r.date, r.lesson_number), r.topic]));
  const planHours = planItems.reduce((n, p) => n + Math.max(1, p.hours), 0);
  return {
    curriculumId: item.id,
    lessons: ordered.map(([key, l]) => {
      const plan = planned.get(key);
      return {
        date: l.date,
        lessonNumber: l.lessonNumber,
        ordinal: plan?.ordinal ?? null,
        plannedTopic: plan?.topic ?? null,
        ownTopic: topics.get(key) ?? null,
      };
    }),
    planHours,
    unplacedHours: Math.max(0, planHours - ordered.length),
    canWrite: ctx.access.write,
  };
}
