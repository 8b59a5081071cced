import type { Db } from '../../db/connect.js';
import { lockChain } from '../../db/hash-chain.js';
import type { Change, ChangeKind, RecordedChange } from './change-kinds.js';
import * as repo from './changes.repository.js';

export type { Change, ChangeAction, ChangeScopes, RecordedChange } from './change-kinds.js';
export { ALL_CHANGE_KINDS, ChangeKind } from './change-kinds.js';

/** Runs inside the writer's transaction: whatever it writes commits or rolls back with the change. */
export type ChangeSubscriber = (trx: Db, change: RecordedChange) => Promise<void>;

interface Subscription {
  name: string;
  kinds: ReadonlySet<ChangeKind>;
  handle: ChangeSubscriber;
}

const subscriptions: Subscription[] = [];

/**
 * A read model or side effect reacting to kinds of change, registered once at start by its own
 * module (see modules/subscriptions.ts). The name keeps a module from registering twice.
 */
export function subscribeToChanges(name: string, kinds: readonly ChangeKind[], handle: ChangeSubscriber): void {
  const existing = subscriptions.findIndex((s) => s.name === name);
  const subscription = { name, kinds: new Set(kinds), handle };
  if (existing >= 0) subscriptions[existing] = subscription;
  else subscriptions.push(subscription);
}

/** The names of the subscribers of a kind, in the order they run (for docs and tests). */
export function subscribersOf(kind: ChangeKind): string[] {
  return subscriptions.filter((s) => s.kinds.has(kind)).map((s) => s.name);
}

const unique = (xs: readonly (string | null | undefined)[] | undefined): string[] => [
  ...new Set((xs ?? []).filter((x): x is string => typeof x === 'string' && x !== '')),
];

/**
 * The one way a write says what it changed. Call it inside the write's transaction (db is then the
 * transaction): the change is logged and every subscriber of its kind runs in the same
 * transaction, so a prepared diary week or journal page can never outlive the data it was built
 * from, on any node. A writer never calls a read model itself.
 */
export async function recordChange(trx: Db, change: Change): Promise<RecordedChange> {
  if (subscriptions.length === 0) {
    // A process that writes without its read models would leave stale pages on every node.
    throw new Error('recordChange: no change subscribers are installed (import modules/subscriptions.js at start)');
  }
  const normalised = {
    kind: change.kind,
    action: change.action,
    schoolId: change.schoolId,
    entityId: change.entityId ?? null,
    actorId: change.actorId ?? null,
    at: change.at,
    students: unique(change.students),
    groups: unique(change.groups),
    curricula: unique(change.curricula),
    dates: change.dates === undefined ? null : unique(change.dates),
    wholeSchool: change.wholeSchool === true,
  };
  // The school's audit chain lock (decision 012) before any subscriber's row lock (stamps, the
  // outbox): every write that chains and records takes them in this one order, so two writes of a
  // school cannot deadlock on PostgreSQL whichever of the two they do first.
  await lockChain(trx, normalised.schoolId);
  const seq = await repo.appendChange(trx, normalised);
  const recorded: RecordedChange = { seq, ...normalised };
  for (const s of subscriptions) if (s.kinds.has(recorded.kind)) await s.handle(trx, recorded);
  return recorded;
}

/** Changes of a school after a sequence number, oldest first (indicators, outbox catch-up). */
export async function changesSince(db: Db, schoolId: string, afterSeq: number, limit: number): Promise<RecordedChange[]> {
  return repo.changesSince(db, schoolId, afterSeq, limit);
}
