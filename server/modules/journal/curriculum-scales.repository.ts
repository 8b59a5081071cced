import type { Db } from '../../db/connect.js';

/** The scale chosen for one curriculum item, if any (no row: the school's default). */
export async function scaleOfItem(db: Db, schoolId: string, curriculumId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('curriculum_scales')
    .select('scale')
    .where('school_id', '=', schoolId)
    .where('curriculum_id', '=', curriculumId)
    .executeTakeFirst();
  return row?.scale;
}

/** The own scales of several items in one query (items without one are absent). */
export async function scalesOfItems(db: Db, schoolId: string, curriculumIds: readonly string[]) {
  if (curriculumIds.length === 0) return [];
  return db
    .selectFrom('curriculum_scales')
    .select(['curriculum_id', 'scale'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', 'in', [...curriculumIds])
    .execute();
}

/** Every item of the school with a scale of its own. */
export async function itemScalesOf(db: Db, schoolId: string): Promise<Array<{ curriculum_id: string; scale: string }>> {
  return db
    .selectFrom('curriculum_scales')
    .select(['curriculum_id', 'scale'])
    .where('school_id', '=', schoolId)
    .orderBy('curriculum_id')
    .execute();
}

export async function putItemScale(db: Db, row: { schoolId: string; curriculumId: string; scale: string; by: string | null; at: string }) {
  await db
    .insertInto('curriculum_scales')
    .values({ curriculum_id: row.curriculumId, school_id: row.schoolId, scale: row.scale, updated_by: row.by, updated_at: row.at })
    .onConflict((oc) => oc.column('curriculum_id').doUpdateSet({ scale: row.scale, updated_by: row.by, updated_at: row.at }))
    .execute();
}

export async function deleteItemScale(db: Db, schoolId: string, curriculumId: string): Promise<void> {
  await db.deleteFrom('curriculum_scales').where('school_id', '=', schoolId).where('curriculum_id', '=', curriculumId).execute();
}
