import type { Db } from '../../db/connect.js';

/** The applications and consents that name a parent account's records or its children. */
export async function familyServiceRows(db: Db, schoolId: string, userId: string, childIds: readonly string[]) {
  // Read-only look at the people module's parents: which parent records are this account's.
  const parentIds = (
    await db.selectFrom('parents').select('id').where('school_id', '=', schoolId).where('user_id', '=', userId).execute()
  ).map((p) => p.id);
  if (parentIds.length === 0 && childIds.length === 0) return { applications: [], consents: [] };
  const applications = await db
    .selectFrom('service_applications')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        ...(parentIds.length ? [eb('parent_id', 'in', parentIds)] : []),
        ...(childIds.length ? [eb('student_id', 'in', childIds)] : []),
      ]),
    )
    .orderBy('registered_at')
    .execute();
  const consents =
    parentIds.length === 0
      ? []
      : await db
          .selectFrom('service_consents')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('parent_id', 'in', parentIds)
          .orderBy('signed_on')
          .execute();
  return { applications, consents };
}
