import { expect } from 'vitest';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

/** Shared set-up for the school-structure API tests: one school world, another school, signed-in clients. */
export interface StructureKit {
  t: TestApp;
  world: SchoolWorld;
  other: SchoolWorld;
  admin: Client;
  operator: Client;
  teacher: Client;
  parent: Client;
  otherAdmin: Client;
}

export async function createStructureKit(): Promise<StructureKit> {
  const t = await createTestApp();
  const world = await makeSchoolWorld(t.deps.db);
  const other = await makeSchoolWorld(t.deps.db);
  return {
    t,
    world,
    other,
    admin: await t.signIn(world.users.admin.login, TEST_PASSWORD),
    operator: await t.signIn(world.users.operator.login, TEST_PASSWORD),
    teacher: await t.signIn(world.users.teacher.login, TEST_PASSWORD),
    parent: await t.signIn(world.users.parent.login, TEST_PASSWORD),
    otherAdmin: await t.signIn(other.users.admin.login, TEST_PASSWORD),
  };
}

type SchoolTable = { [K in keyof Database]: Database[K] extends { school_id: string } ? K : never }[keyof Database];

/** Rows of a school-owned table for one school: compare before and after a refused write. */
export async function countRows(db: Db, table: SchoolTable, schoolId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Audit entries of a school: a refused write leaves none. */
export async function countAudit(db: Db, schoolId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

interface Reply {
  statusCode: number;
  json(): { error?: { code: string; message: string; field?: string } };
}

/** Asserts a 4xx with a readable message (and, when given, the field it names). */
export function expectRefused(res: Reply, status: number, field?: string): string {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  const error = res.json().error;
  expect(error?.message).toBeTruthy();
  expect(error?.message).not.toMatch(/^error\.|^validation\.|^school\./);
  if (field) expect(error?.field).toBe(field);
  return error?.message ?? '';
}
