import type { Db } from '../../db/connect.js';
import type { ChainReport } from '../../db/hash-chain.js';
import * as repo from './journal.repository.js';

/** Every school's chain of the grade history checked link by link (`otmetka audit verify`, decision 012). */
export function verifyGradeHistory(db: Db): Promise<ChainReport[]> {
  return repo.verifyHistoryChains(db);
}

/** Links history rows the demo generator wrote in bulk without a link. */
export function sealGradeHistory(db: Db): Promise<number> {
  return repo.sealHistoryRows(db);
}
