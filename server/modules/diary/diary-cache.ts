import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** A serialised week: UTF-8 bytes as sent (no re-encoding per request), and gzip made on first ask. */
export class WeekBody {
  private gzipped: Buffer | undefined;

  constructor(readonly raw: Buffer) {}

  static of(json: string): WeekBody {
    return new WeekBody(Buffer.from(json, 'utf8'));
  }

  /** ~15 KB of JSON shrinks to ~2 KB: what a parent's phone on a slow network gets. */
  get gzip(): Buffer {
    this.gzipped ??= gzipSync(this.raw);
    return this.gzipped;
  }
}

/**
 * Prepared diary weeks of this node, least recently used first out. An entry is only a candidate:
 * the service reuses it after checking its stamp against the database (see diary-stamps.ts), so a
 * write on any node is seen by every node on the next request.
 *
 * An entry holds bytes, not the week's object tree: thousands of weeks as objects made a heap of
 * ~400 MB whose full collections paused every request (the 20-school benchmark's p99); Buffers
 * live outside the collected heap.
 */
export interface CachedWeek {
  /** The week as a viewer with no seen marker gets it (nothing new): the template of every body. */
  base: WeekBody;
  /** When each grade and attendance mark of the week last changed, in JSON order (week-news.ts). */
  changeTimes: readonly string[];
  /** The stamp scopes the week depends on. */
  scopes: readonly string[];
  /** The stamp sum the week was built under. */
  stamp: number;
  /** Serialised bodies by the viewer's seen marker (isNew differs per marker). */
  bodies: Map<string, WeekBody>;
}

/** Enough for every child of a few thousand signed-in families over several weeks. */
export const DIARY_CACHE_ENTRIES = 20_000;
/**
 * The most JSON text a node keeps for prepared weeks: bases and per-marker bodies. Their gzip copies
 * come on top, at ~15 % of the text. A city's 15,600 weeks take ~230 MB of bases.
 */
export const DIARY_CACHE_BYTES = 512 * 1024 * 1024;
const BODIES_PER_WEEK = 4;

const textBytes = (entry: CachedWeek) => {
  let bytes = entry.base.raw.length;
  for (const body of entry.bodies.values()) bytes += body.raw.length;
  return Math.max(1, bytes); // lru-cache counts sizes from 1
};

/**
 * Least recently used first out, bounded by entries and by bytes of text (lru-cache: its
 * `maxSize` with the text counted per entry). A week larger than the whole budget is served by the
 * caller but not kept.
 */
export class WeekCache {
  private readonly entries: LRUCache<string, CachedWeek>;

  constructor(capacity = DIARY_CACHE_ENTRIES, budget = DIARY_CACHE_BYTES) {
    this.entries = new LRUCache<string, CachedWeek>({ max: capacity, maxSize: budget, sizeCalculation: textBytes });
  }

  get(key: string): CachedWeek | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CachedWeek): void {
    this.entries.set(key, entry);
  }

  /**
   * Keeps a body made for one seen marker beside the entry (at most a few per week). Counted when
   * the entry is the one cached under `key`; a week served but not cached just carries it.
   */
  addBody(key: string, entry: CachedWeek, seenKey: string, body: WeekBody): void {
    const counted = this.entries.peek(key) === entry;
    if (entry.bodies.size >= BODIES_PER_WEEK) entry.bodies.clear();
    entry.bodies.set(seenKey, body);
    if (counted) {
      // Set again so the entry is measured anew; being answered is a use, so it lands at the most
      // recent end before anything is evicted for its new size.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes of JSON text held (bases and bodies). */
  get textBytes(): number {
    return this.entries.calculatedSize;
  }
}
