import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBoundaries, tableOwners } from './check-boundaries.js';

let root: string;

function write(file: string, text: string) {
  const absolute = path.join(root, file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, text);
}

/** A small tree that keeps every rule: two modules, the schema, registries and a web app. */
function plantCleanTree() {
  write('server/modules/people/people.table.ts', 'export interface StudentsTable { id: string }\n');
  write('server/modules/school/school.table.ts', 'export interface StudyPeriodsTable { id: string }\n');
  write(
    'server/db/schema.ts',
    [
      "import type { StudentsTable } from '../modules/people/people.table.js';",
      "import type { StudyPeriodsTable } from '../modules/school/school.table.js';",
      'export interface Database {',
      '  students: StudentsTable;',
      '  study_periods: StudyPeriodsTable;',
      '}',
    ].join('\n'),
  );
  write('server/modules/people/students.repository.ts', "export const add = (db: any) => db.insertInto('students as s').values({});\n");
  write(
    'server/modules/people/students.service.ts',
    "import { add } from './students.repository.js';\nexport const addStudent = add;\nexport const rename = (db: any) => db.updateTable('students').set({});\n",
  );
  write('server/modules/people/people.matrix.ts', 'export const cases = [];\n');
  write('server/modules/people/people.routes.ts', 'export const routes = 1;\n');
  write(
    'server/modules/school/periods.service.ts',
    [
      "import { addStudent } from '../people/students.service.js';",
      "export const close = (db: any) => db.updateTable('study_periods').set({});",
      'export { addStudent };',
    ].join('\n'),
  );
  write(
    'server/modules/school/school.api.test.ts',
    "import { cases } from '../people/people.matrix.js';\nexport const wipe = (db: any) => db.deleteFrom('students');\n",
  );
  write('server/modules/routes.ts', "import { routes } from './people/people.routes.js';\nexport { routes };\n");
  write('server/access/matrix/cases.ts', "export { cases } from '../../modules/people/people.matrix.js';\n");
  write(
    'server/cli/demo-school.ts',
    "import { add } from '../modules/people/students.repository.js';\nexport const x = (db: any, t: string) => db.insertInto(t);\n",
  );
  write('server/test/factories.ts', "export const f = (db: any) => db.insertInto('study_periods');\n");

  write('web/src/lib/api.ts', "import { withQuery } from './url';\nexport const api = withQuery;\n");
  write('web/src/lib/url.ts', 'export const withQuery = 1;\n');
  write('web/src/components/Table.tsx', "import { api } from '../lib/api';\nexport const Table = api;\n");
  write(
    'web/src/features/people/StudentsPage.tsx',
    "import { Table } from '../../components/Table';\nimport { f } from './api/students';\nexport { Table, f };\n",
  );
  write('web/src/features/people/api/students.ts', "import { api } from '../../../lib/api';\nexport const f = api;\n");
  write(
    'web/src/app/router.tsx',
    "import { StudentsPage } from '../features/people/StudentsPage';\nconst lazy = () => import('../features/people/StudentsPage');\nexport { lazy, StudentsPage };\n",
  );
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-boundaries-'));
  plantCleanTree();
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const messagesOf = () => checkBoundaries(root).map((v) => `${v.file}:${v.line} ${v.message}`);

describe('module boundary check', () => {
  it('passes a tree that keeps the rules', () => {
    expect(messagesOf()).toEqual([]);
  });

  it('reads which module owns each table from the Database interface', () => {
    expect(Object.fromEntries(tableOwners(root))).toEqual({ students: 'people', study_periods: 'school' });
  });

  it("fails when a module imports another module's repository, even for a type or a re-export", () => {
    write('server/modules/school/a.service.ts', "import { add } from '../people/students.repository.js';\nexport { add };\n");
    write('server/modules/school/b.service.ts', "export type { X } from '../people/students.repository.js';\n");
    write('server/modules/school/c.service.ts', "export const load = () => import('../people/people.presenter.js');\n");
    expect(messagesOf()).toEqual([
      'server/modules/school/a.service.ts:1 imports server/modules/people/students.repository.ts: module "school" may reach module "people" only through its *.service.ts',
      'server/modules/school/b.service.ts:1 imports server/modules/people/students.repository.ts: module "school" may reach module "people" only through its *.service.ts',
      'server/modules/school/c.service.ts:1 imports server/modules/people/people.presenter.ts: module "school" may reach module "people" only through its *.service.ts',
    ]);
  });

  it("fails on another module's table types outside server/db/schema.ts, and on a value import there", () => {
    write(
      'server/modules/school/d.service.ts',
      "import type { StudentsTable } from '../people/people.table.js';\nexport type T = StudentsTable;\n",
    );
    write(
      'server/db/other.ts',
      "import type { StudentsTable } from '../modules/people/people.table.js';\nexport type T = StudentsTable;\n",
    );
    expect(messagesOf()).toEqual([
      "server/db/other.ts:1 imports server/modules/people/people.table.ts: a module's tables are imported only as `import type` by server/db/schema.ts",
      "server/modules/school/d.service.ts:1 imports server/modules/people/people.table.ts: a module's tables are imported only as `import type` by server/db/schema.ts",
    ]);
  });

  it('keeps lib, db and access below the modules, and production code away from fixtures', () => {
    write('server/lib/x.ts', "import { addStudent } from '../modules/people/students.service.js';\nexport { addStudent };\n");
    write('server/access/policy.ts', "import { addStudent } from '../modules/people/students.service.js';\nexport { addStudent };\n");
    write('server/modules/school/e.service.ts', "import { cases } from '../people/people.matrix.js';\nexport { cases };\n");
    expect(messagesOf().map((m) => m.split(' ')[0])).toEqual([
      'server/access/policy.ts:1',
      'server/lib/x.ts:1',
      'server/modules/school/e.service.ts:1',
    ]);
  });

  it("fails when a module writes another module's table, by Kysely (aliased too) or raw SQL", () => {
    write(
      'server/modules/school/f.repository.ts',
      [
        "export const a = (db: any) => db.insertInto('students as s').values({});",
        "export const b = (db: any) => db.deleteFrom('students');",
        'export const c = (db: any, sql: any) => sql`update students set name = 1`.execute(db);',
        "export const d = (db: any) => db.selectFrom('students').selectAll();",
      ].join('\n'),
    );
    write('server/http/g.ts', "export const g = (db: any, table: 'students') => db.updateTable(table);\n");
    expect(messagesOf()).toEqual([
      'server/http/g.ts:1 writes a table named by an expression: name it as a string literal so its owner can be checked',
      `server/modules/school/f.repository.ts:1 writes table "students", which module "people" owns: module "school" must call a function of people's *.service.ts instead`,
      `server/modules/school/f.repository.ts:2 writes table "students", which module "people" owns: module "school" must call a function of people's *.service.ts instead`,
      `server/modules/school/f.repository.ts:3 writes table "students", which module "people" owns: module "school" must call a function of people's *.service.ts instead`,
    ]);
  });

  it('keeps web features apart and lib/components below them', () => {
    write(
      'web/src/features/school/ClassesTab.tsx',
      "import { f } from '../people/api/students';\nimport '../people/people.css';\nexport { f };\n",
    );
    write('web/src/lib/api.ts', "import { take } from '../app/early-requests';\nexport const api = take;\n");
    write('web/src/components/Switch.tsx', "import { f } from '../features/people/api/students';\nexport { f };\n");
    expect(messagesOf()).toEqual([
      'web/src/components/Switch.tsx:1 imports web/src/features/people/api/students (features/people): components/ imports only lib/ and components/',
      'web/src/features/school/ClassesTab.tsx:1 imports web/src/features/people/api/students (features/people): features/school may not import another feature; move the shared piece to components/ or lib/',
      'web/src/features/school/ClassesTab.tsx:2 imports web/src/features/people/people.css (features/people): features/school may not import another feature; move the shared piece to components/ or lib/',
      'web/src/lib/api.ts:1 imports web/src/app/early-requests (app): lib/ imports only lib/',
    ]);
  });
});
