import type { Db } from '../../db/connect.js';
import type { RecordedChange } from './change-kinds.js';

type Scopes = Pick<RecordedChange, 'students' | 'groups' | 'curricula' | 'dates' | 'wholeSchool'>;

function scopesJson(c: Scopes): string {
  // Only what is there: most changes touch one or two kinds of scope.
  const out: Record<string, unknown> = {};
  if (c.students.length) out.students = c.students;
  if (c.groups.length) out.groups = c.groups;
  if (c.curricula.length) out.curricula = c.curricula;
  if (c.dates !== null) out.dates = c.dates;
  if (c.wholeSchool) out.wholeSchool = true;
  return JSON.stringify(out);
}

export async function appendChange(trx: Db, c: Omit<RecordedChange, 'seq'>): Promise<number> {
  const row = await trx
    .insertInto('change_log')
    .values({
      school_id: c.schoolId,
      kind: c.kind,
      action: c.action,
      entity_id: c.entityId,
      actor_id: c.actorId,
      at: c.at,
      scopes: scopesJson(c),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

export async function changesSince(db: Db, schoolId: string, afterSeq: number, limit: number): Promise<RecordedChange[]> {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const s = JSON.parse(r.scopes) as {
      students?: string[];
      groups?: string[];
      curricula?: string[];
      dates?: string[];
      wholeSchool?: boolean;
    };
    return {
      seq: Number(r.seq),
      kind: r.kind as RecordedChange['kind'],
      action: r.action as RecordedChange['action'],
      schoolId: r.school_id,
      entityId: r.entity_id,
      actorId: r.actor_id,
      at: r.at,
      students: s.students ?? [],
      groups: s.groups ?? [],
      curricula: s.curricula ?? [],
      dates: s.dates ?? null,
      wholeSchool: s.wholeSchool === true,
    };
  });
}
