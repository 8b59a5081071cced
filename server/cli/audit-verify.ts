import type { Config } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import type { ChainReport } from '../db/hash-chain.js';
import { verifyAuditChains } from '../modules/audit/audit.service.js';
import { verifyGradeHistory } from '../modules/journal/history-chain.service.js';

const PROBLEMS: Record<NonNullable<ChainReport['broken']>['problem'], string> = {
  unlinked: 'a row without a link (inserted past the chain)',
  missing_before: 'the row before it is missing (deleted, or its place changed)',
  prev_hash: 'it does not point at the row before it (a row before it was replaced)',
  hash: 'its content does not match its hash (the row was edited)',
};

/** One line per chain: where it ends, or its first broken link (ids only, never personal data). */
export function describeReport(r: ChainReport): string {
  const chain = `${r.table} of ${r.schoolId === null ? 'no school' : `school ${r.schoolId}`}`;
  if (!r.broken) return `ok      ${chain}: ${r.rows} rows, head #${r.head.seq} ${r.head.hash ?? '-'}`;
  const at = r.broken.seq === null ? 'a row' : `#${r.broken.seq}`;
  return `BROKEN  ${chain}: first broken link at ${at} (row ${r.broken.id}): ${PROBLEMS[r.broken.problem]}; last good link #${r.head.seq}`;
}

/** Checks both chained tables of a database; the reports of every chain. */
export async function verifyAll(db: Db): Promise<ChainReport[]> {
  return [...(await verifyAuditChains(db)), ...(await verifyGradeHistory(db))];
}

/** `otmetka audit verify`: exit 0 when every chain holds, 3 when a link is broken. Reads only: it never migrates. */
export async function runAuditVerify(config: Config): Promise<number> {
  const database = connect(config.databaseUrl);
  try {
    const reports = await verifyAll(database.db);
    for (const r of reports) console.log(describeReport(r));
    const broken = reports.filter((r) => r.broken);
    console.log(broken.length === 0 ? `All ${reports.length} chains hold.` : `${broken.length} of ${reports.length} chains are broken.`);
    return broken.length === 0 ? 0 : 3;
  } finally {
    await database.close();
  }
}
