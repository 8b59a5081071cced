import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** A prepared body: UTF-8 bytes as sent, and gzip made on the first ask. */
export class PageBody {
  private gzipped: Buffer | undefined;

  constructor(readonly raw: Buffer) {}

  get gzip(): Buffer {
    this.gzipped ??= gzipSync(this.raw);
    return this.gzipped;
  }
}

/**
 * A journal page prepared once per (item, period, language): the JSON of everything but what
 * differs per reader (may they write, may they override a lock), and the stamp sum it was built
 * under. The reader's variants are the base with those two fields appended, made on first ask.
 */
export interface PreparedPage {
  /** The page's JSON text without its closing brace, so the reader's fields can be appended. */
  head: string;
  stamp: number;
  variants: Map<string, PageBody>;
}

/** The body for a reader: the shared page with their own two flags. */
export function bodyForReader(page: PreparedPage, canWrite: boolean, canOverrideLock: boolean): PageBody {
  const key = `${canWrite ? 1 : 0}${canOverrideLock ? 1 : 0}`;
  let body = page.variants.get(key);
  if (body === undefined) {
    body = new PageBody(Buffer.from(`${page.head},"canWrite":${canWrite},"canOverrideLock":${canOverrideLock}}`, 'utf8'));
    page.variants.set(key, body);
  }
  return body;
}

/** Pages of a whole region's teachers in an evening: ~60 KB of JSON each for a 35 × 59 grid. */
export const JOURNAL_CACHE_ENTRIES = 5_000;
export const JOURNAL_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * This node's prepared pages, least recently used first out. An entry is only a candidate: the
 * service reuses it after reading its stamps from the database, so a write on any node is seen by
 * every node on the next request.
 */
export function newJournalPageCache(): LRUCache<string, PreparedPage> {
  return new LRUCache<string, PreparedPage>({
    max: JOURNAL_CACHE_ENTRIES,
    maxSize: JOURNAL_CACHE_BYTES,
    // Up to four reader variants and their gzip copies come on top of the head; counted as three.
    sizeCalculation: (page) => page.head.length * 3,
  });
}
