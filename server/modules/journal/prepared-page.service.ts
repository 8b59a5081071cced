import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Permission } from '../../../contract/permissions.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { unauthenticated } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { schoolToday } from '../school/school.service.js';
import { type JournalContext, openJournal } from './journal-context.js';
import { journalPage, pickPeriod } from './journal-page.service.js';
import { bodyForReader, newJournalPageCache, type PageBody, type PreparedPage } from './journal-page-cache.js';
import { journalFreshness, journalScopesOf, journalStamp } from './journal-stamps.js';

// Payload format version: part of every ETag, so a deploy that changes the payload never answers 304.
const FORMAT = 'j1';

const caches = new WeakMap<Db, LRUCache<string, PreparedPage>>();
function cacheOf(deps: Deps): LRUCache<string, PreparedPage> {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = newJournalPageCache();
    caches.set(deps.db, cache);
  }
  return cache;
}

/** A journal page ready to send: its bytes and an ETag that is the same on every node for the same data. */
export interface JournalPageResponse {
  body: PageBody;
  etag: string;
}

/**
 * What one reader needs to be served a page without asking again: the item, their rights on it
 * (the policy's answer), the period, under the stamps read before them. Every change that can alter
 * them bumps one of those stamps (curriculum, staff, classes, calendar and substitutions among
 * them); the key names the reader's grants and the school's date, which the rights depend on.
 */
interface ReaderView {
  ctx: JournalContext;
  period: Awaited<ReturnType<typeof pickPeriod>>['period'];
  scopes: string[];
  stamp: number;
}

const viewCaches = new WeakMap<Db, LRUCache<string, ReaderView>>();
function viewsOf(deps: Deps): LRUCache<string, ReaderView> {
  let views = viewCaches.get(deps.db);
  if (!views) {
    views = new LRUCache<string, ReaderView>({ max: 20_000 });
    viewCaches.set(deps.db, views);
  }
  return views;
}

function grantsKeyOf(actor: Actor): string {
  return actor.grants.map((g) => `${g.role}:${g.schoolId ?? ''}:${g.operatorId ?? ''}`).join(',');
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function scopeTagOf(scopes: readonly string[]): string {
  return createHash('sha256').update(scopes.join(',')).digest('base64url').slice(0, 12);
}

/**
 * R3.1: the journal page of a curriculum item for a period, prepared once per (item, period,
 * language) and reused while the stamps of the item, its class or group and the school are
 * unchanged (every write bumps them in its transaction, through the change record). The ETag names
 * the period, the scope set, the stamp sum, the language and the reader's two rights, so it changes
 * whenever the body can.
 */
export async function preparedJournalPage(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  periodId: string | undefined,
  sessionId: string | null = null,
): Promise<JournalPageResponse> {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  const today = await schoolToday(deps, schoolId);
  const views = viewsOf(deps);
  const viewKey = `${actor.userId}|${grantsKeyOf(actor)}|${schoolId}|${curriculumId}|${periodId ?? ''}|${today}`;
  let view = views.get(viewKey);
  let stamp: number | undefined;
  if (view) {
    // The common case, in one query: the page's stamps and the reader's session.
    const fresh = await journalFreshness(deps.db, schoolId, view.scopes, sessionId ?? '');
    if (sessionId && !fresh.live) throw unauthenticated();
    if (fresh.stamp === view.stamp) stamp = fresh.stamp;
    else {
      views.delete(viewKey);
      view = undefined;
    }
  }
  if (!view || stamp === undefined) {
    // Stamps BEFORE the reader's rights and the period, as for the page itself (see below): a
    // change landing in between leaves the kept view older than its stamp, never newer.
    const first = await openJournal(deps, actor, schoolId, curriculumId);
    const scopes = journalScopesOf(first.item);
    stamp = await journalStamp(deps.db, schoolId, scopes);
    const ctx = await openJournal(deps, actor, schoolId, curriculumId);
    const { period } = await pickPeriod(deps, ctx, periodId);
    view = { ctx, period, scopes, stamp };
    if (sameScopes(scopes, journalScopesOf(ctx.item))) views.set(viewKey, view);
  }
  const ctx = { ...view.ctx, actor };
  const { period, scopes } = view;
  // The page's stamps were read BEFORE its data: a write landing in between leaves the kept stamp
  // older than the data, so the next request rebuilds; never a stale page kept as fresh.
  const key = `${schoolId}|${curriculumId}|${period.id}|${actor.locale}`;
  const cache = cacheOf(deps);
  let page = cache.get(key);
  if (page && page.stamp === stamp) {
    // Grades and attendance of named students are personal data: every read is audited, and the
    // page is sent only once the audit row is stored (group commit, audit/read-commit.ts).
    await recordAudit(deps.db, actor, deps.clock.now(), {
      schoolId,
      action: AuditAction.read,
      entity: 'journal',
      entityId: curriculumId,
      details: { periodId: period.id },
    });
  } else {
    // journalPage audits the read itself.
    const { canWrite: _w, canOverrideLock: _o, ...shared } = await journalPage(deps, actor, schoolId, curriculumId, period.id);
    const json = JSON.stringify(shared);
    page = { head: json.slice(0, -1), stamp, variants: new Map() };
    cache.set(key, page);
  }
  const { write, overrideLock } = ctx.access;
  const etag = `"${FORMAT}-${period.id}-${scopeTagOf(scopes)}-${stamp}-${actor.locale}-${write ? 1 : 0}${overrideLock ? 1 : 0}"`;
  return { body: bodyForReader(page, write, overrideLock), etag };
}
