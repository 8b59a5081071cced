import type { Db } from '../../db/connect.js';

/** Everything the people module holds about a parent account and its children in one school. */
export async function familyRows(db: Db, schoolId: string, userId: string, childIds: readonly string[]) {
  const parents = await db.selectFrom('parents').selectAll().where('school_id', '=', schoolId).where('user_id', '=', userId).execute();
  const parentIds = parents.map((p) => p.id);
  const none = childIds.length === 0;
  const children = none
    ? []
    : await db.selectFrom('students').selectAll().where('school_id', '=', schoolId).where('id', 'in', childIds).execute();
  const kinship =
    parentIds.length === 0
      ? []
      : await db.selectFrom('student_parents').selectAll().where('school_id', '=', schoolId).where('parent_id', 'in', parentIds).execute();
  // Read-only joins onto the school module's classes and groups: their names.
  const classes = none
    ? []
    : await db
        .selectFrom('class_memberships as m')
        .innerJoin('classes as k', 'k.id', 'm.class_id')
        .select(['m.student_id', 'k.name as class_name', 'm.starts_on', 'm.ends_on'])
        .where('m.school_id', '=', schoolId)
        .where('m.student_id', 'in', childIds)
        .orderBy('m.starts_on')
        .execute();
  const groups = none
    ? []
    : await db
        .selectFrom('group_memberships as m')
        .innerJoin('study_groups as g', 'g.id', 'm.group_id')
        .select(['m.student_id', 'g.name as group_name', 'm.starts_on', 'm.ends_on'])
        .where('m.school_id', '=', schoolId)
        .where('m.student_id', 'in', childIds)
        .orderBy('m.starts_on')
        .execute();
  const movements = none
    ? []
    : await db
        .selectFrom('student_movements')
        .select(['student_id', 'kind', 'on_date', 'order_number', 'order_date', 'reason'])
        .where('school_id', '=', schoolId)
        .where('student_id', 'in', childIds)
        .orderBy('on_date')
        .execute();
  return { parents, children, kinship, classes, groups, movements };
}
