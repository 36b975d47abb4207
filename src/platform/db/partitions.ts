/**
 * compliance.audit_logs is range-partitioned by month (seed 004 §12). A DEFAULT partition means an
 * insert never fails for a month nobody prepared; `ensureAuditPartitions` (at start-up and daily)
 * creates the real monthly partitions ahead of time, moving any rows the default partition caught.
 * The work is done by the SQL function compliance.ensure_audit_log_partitions (see the migration).
 */
import type { Database } from './database.js';

export async function ensureAuditPartitions(database: Database, monthsAhead = 3): Promise<number> {
  const exists = await database.query<{ ok: boolean }>(
    `SELECT to_regproc('compliance.ensure_audit_log_partitions') IS NOT NULL AS ok`,
  );
  if (!exists[0]?.ok) return 0;
  const rows = await database.query<{ created: number }>(
    'SELECT compliance.ensure_audit_log_partitions(now()::date, $1) AS created',
    [monthsAhead],
  );
  return Number(rows[0]?.created ?? 0);
}
