/**
 * What the files already processed could not store, for the reference checks of the files after
 * them: a temporary table of their bad and withdrawn (tobedeleted) rows with the first reason each
 * was rejected for, and — in memory — the files that could not be applied at all. A reference to a
 * missing row then says the real reason (`references orgs "s1", which is rejected (orgs.csv:3
 * [type]: …)`) instead of "neither in the package nor in Schola".
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/transaction.js';
import type { FileProblem } from './report.js';

/** One per import transaction (ON COMMIT DROP); a temporary table is the session's own. */
export const REJECTED = 'pg_temp.oneroster_rejected';

/** Files none of whose rows were applied, and why (the issue that says so). */
export type FileFailures = Map<string, FileProblem>;

export async function createRejectedRegistry(tx: Tx): Promise<void> {
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE ${REJECTED} (file text NOT NULL, sourced_id text NOT NULL, line integer NOT NULL,
      reason_column text, reason text, deleted boolean NOT NULL) ON COMMIT DROP`),
  );
}
