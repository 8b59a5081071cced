import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import { committedReaderOf, type Db } from './connect.js';

/**
 * Queries built with Kysely once and then only re-bound. Building and compiling a query costs more
 * than running an indexed read (profiled on the diary: over half the CPU of a cached week), so the
 * hottest reads are compiled once per database and per argument shape, with marker values in place
 * of the arguments; each call swaps the markers for the real values. The query keeps its one
 * definition in the query builder (no hand-written SQL copy to keep in step).
 *
 * An argument must reach the SQL as a bound parameter (a value in where/in/values), never through
 * sql.lit or a raw identifier; `prepare` checks that every argument shows up among the parameters.
 */

const MARK = '\u0000arg:';

type Args = Record<string, string | number | null | readonly (string | number)[]>;

interface Compiled {
  sql: string;
  /** Per parameter: a constant, or where to take the value from the call's arguments. */
  slots: Array<{ constant: unknown } | { name: string; index: number | null }>;
}

/** The lengths of the list arguments ('' when there are none): one compiled query per shape. */
function shapeOf(args: Args): string {
  let key = '';
  for (const name in args) {
    const value = args[name];
    if (Array.isArray(value)) key += `${name}:${value.length};`;
  }
  return key;
}

function markersFor<A extends Args>(args: A): A {
  const markers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    markers[name] = Array.isArray(value) ? value.map((_, i) => `${MARK}${name}:${i}`) : `${MARK}${name}`;
  }
  return markers as A;
}

function compile<A extends Args>(db: Db, args: A, build: (db: Db, args: A) => Compilable<unknown>): Compiled {
  const compiled = build(db, markersFor(args)).compile();
  const used = new Set<string>();
  const slots = compiled.parameters.map((parameter) => {
    if (typeof parameter === 'string' && parameter.startsWith(MARK)) {
      const [name, index] = parameter.slice(MARK.length).split(':') as [string, string | undefined];
      used.add(name);
      return { name, index: index === undefined ? null : Number(index) };
    }
    return { constant: parameter };
  });
  for (const name of Object.keys(args)) {
    const value = args[name];
    if (Array.isArray(value) && value.length === 0) continue;
    if (!used.has(name)) throw new Error(`prepared query: argument "${name}" is not a bound parameter`);
  }
  return { sql: compiled.sql, slots };
}

export interface PreparedQuery<A extends Args, R> {
  execute(db: Db, args: A): Promise<R[]>;
  executeTakeFirst(db: Db, args: A): Promise<R | undefined>;
  /**
   * For the hottest reads: the last committed data through the database's fast lane (SQLite's
   * query-only connection, PostgreSQL's named statements; see committedReaderOf), otherwise as
   * execute. Not for reads that must see the caller's own open transaction.
   */
  readCommitted(db: Db, args: A): Promise<R | undefined>;
}

/**
 * A query compiled once per database (and per length of each list argument). `build` receives the
 * arguments as markers and must return the query; it is called only to compile.
 */
export function prepare<A extends Args, R>(build: (db: Db, args: A) => Compilable<R>): PreparedQuery<A, R> {
  const byDb = new WeakMap<Db, Map<string, Compiled>>();
  const compiledFor = (db: Db, args: A): Compiled => {
    let shapes = byDb.get(db);
    if (!shapes) {
      shapes = new Map();
      byDb.set(db, shapes);
    }
    const shape = shapeOf(args);
    let compiled = shapes.get(shape);
    if (!compiled) {
      compiled = compile(db, args, build);
      shapes.set(shape, compiled);
    }
    return compiled;
  };
  const bind = (compiled: Compiled, args: A): unknown[] =>
    compiled.slots.map((slot) => {
      if ('constant' in slot) return slot.constant;
      const value = args[slot.name];
      return slot.index === null ? value : (value as readonly unknown[])[slot.index];
    });
  const execute = async (db: Db, args: A): Promise<R[]> => {
    const compiled = compiledFor(db, args);
    const result: QueryResult<R> = await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, bind(compiled, args)));
    return result.rows;
  };
  return {
    execute,
    executeTakeFirst: async (db, args) => (await execute(db, args))[0],
    readCommitted: async (db, args) => {
      const reader = committedReaderOf(db);
      if (!reader) return (await execute(db, args))[0];
      const compiled = compiledFor(db, args);
      return (await reader.all(compiled.sql, bind(compiled, args)))[0] as R | undefined;
    },
  };
}
