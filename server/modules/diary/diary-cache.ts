import { gzipSync } from 'node:zlib';

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

/** Enough for every child of a few thousand signed-in families over several weeks (~15 KB each, plus bodies). */
export const DIARY_CACHE_ENTRIES = 20_000;
const BODIES_PER_WEEK = 4;

export class WeekCache {
  private readonly entries = new Map<string, CachedWeek>();

  constructor(private readonly capacity = DIARY_CACHE_ENTRIES) {}

  get(key: string): CachedWeek | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedWeek): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export function rememberBody(entry: CachedWeek, seenKey: string, body: WeekBody): void {
  if (entry.bodies.size >= BODIES_PER_WEEK) entry.bodies.clear();
  entry.bodies.set(seenKey, body);
}
