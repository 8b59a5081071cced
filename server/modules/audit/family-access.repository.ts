import { STAFF_ROLES } from '../../../contract/roles.js';
import type { Db } from '../../db/connect.js';

const CHILD_ENTITIES = ['student', 'diary'] as const;
const JOURNAL_ENTITIES = ['journal', 'journal_history', 'journal_averages'] as const;

/**
 * Reads by others of a family's children in one school, newest first: their cards and diaries by
 * the child's id, and the journals of the classes and groups the children were ever in.
 * Read-only joins onto the people module's memberships and the school module's curriculum: which
 * journals hold these children.
 */
export async function readsOfChildren(db: Db, schoolId: string, childIds: readonly string[], familyUserId: string, limit: number) {
  if (childIds.length === 0) return [];
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.at', 'a.entity', 'a.entity_id', 'a.actor_user_id', 'u.display_name'])
    .where('a.school_id', '=', schoolId)
    .where('a.action', 'in', ['read', 'export'])
    .where('a.actor_user_id', 'is not', null)
    .where('a.actor_user_id', '!=', familyUserId)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.entity', 'in', CHILD_ENTITIES), eb('a.entity_id', 'in', childIds)]),
        eb.and([
          eb('a.entity', 'in', JOURNAL_ENTITIES),
          eb(
            'a.entity_id',
            'in',
            eb
              .selectFrom('curriculum as c')
              .select('c.id')
              .where('c.school_id', '=', schoolId)
              .where((c) =>
                c.or([
                  c(
                    'c.class_id',
                    'in',
                    c
                      .selectFrom('class_memberships')
                      .select('class_id')
                      .where('school_id', '=', schoolId)
                      .where('student_id', 'in', childIds),
                  ),
                  c(
                    'c.group_id',
                    'in',
                    c
                      .selectFrom('group_memberships')
                      .select('group_id')
                      .where('school_id', '=', schoolId)
                      .where('student_id', 'in', childIds),
                  ),
                ]),
              ),
          ),
        ]),
      ]),
    )
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The staff roles of these accounts in the school (an operator of the school's operator counts
 * as 'operator'). Read-only look at the auth module's grants.
 */
export async function staffRolesOf(db: Db, schoolId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const roles = new Map<string, string[]>();
  if (userIds.length === 0) return roles;
  const rows = await db
    .selectFrom('role_assignments as ra')
    .select(['ra.user_id', 'ra.role'])
    .where('ra.user_id', 'in', userIds)
    .where((eb) =>
      eb.or([
        eb.and([eb('ra.school_id', '=', schoolId), eb('ra.role', 'in', STAFF_ROLES)]),
        eb.and([
          eb('ra.role', '=', 'operator'),
          eb('ra.operator_id', 'in', eb.selectFrom('schools').select('operator_id').where('id', '=', schoolId)),
        ]),
      ]),
    )
    .execute();
  // Read-only look at the school module's classes: a class teacher is derived, never granted.
  const leaders = await db
    .selectFrom('classes as k')
    .innerJoin('staff as s', 's.id', 'k.class_teacher_id')
    .select('s.user_id')
    .where('k.school_id', '=', schoolId)
    .where('s.user_id', 'in', userIds)
    .execute();
  for (const r of rows) roles.set(r.user_id, [...(roles.get(r.user_id) ?? []), r.role]);
  for (const l of leaders) if (l.user_id) roles.set(l.user_id, [...new Set([...(roles.get(l.user_id) ?? []), 'class_teacher'])]);
  return roles;
}

/** Subject and owner (class or group) of curriculum items, and the family's children in each. Read-only joins as above. */
export async function journalsOfChildren(db: Db, schoolId: string, curriculumIds: readonly string[], childIds: readonly string[]) {
  if (curriculumIds.length === 0 || childIds.length === 0) return new Map<string, { subjectName: string; childIds: string[] }>();
  const items = await db
    .selectFrom('curriculum as c')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .select(['c.id', 'c.class_id', 'c.group_id', 's.name'])
    .where('c.school_id', '=', schoolId)
    .where('c.id', 'in', curriculumIds)
    .execute();
  const inClass = await db
    .selectFrom('class_memberships')
    .select(['class_id as owner', 'student_id'])
    .where('school_id', '=', schoolId)
    .where('student_id', 'in', childIds)
    .execute();
  const inGroup = await db
    .selectFrom('group_memberships')
    .select(['group_id as owner', 'student_id'])
    .where('school_id', '=', schoolId)
    .where('student_id', 'in', childIds)
    .execute();
  const members = new Map<string, Set<string>>();
  for (const m of [...inClass, ...inGroup]) members.set(m.owner, (members.get(m.owner) ?? new Set()).add(m.student_id));
  return new Map(
    items.map((i) => [i.id, { subjectName: i.name, childIds: [...(members.get(i.class_id ?? i.group_id ?? '') ?? [])].sort() }]),
  );
}

/** The account's own sign-in events in the school (for the family's export). */
export async function signInsOf(db: Db, schoolId: string, userId: string) {
  return db
    .selectFrom('audit_log')
    .select(['at', 'action', 'ip', 'details'])
    .where('school_id', '=', schoolId)
    .where('entity', '=', 'user')
    .where('entity_id', '=', userId)
    .orderBy('at', 'desc')
    .limit(1000)
    .execute();
}
