import { v7 } from 'uuid';

/** Time-ordered UUIDs keep inserts at the end of the primary-key index on both databases. */
export function newId(): string {
  return v7();
}
