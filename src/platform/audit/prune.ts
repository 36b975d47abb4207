/**
 * Retention of the audit trail itself: compliance.audit_logs is partitioned by month, and a monthly
 * partition whose every row is past its retention date is detached and dropped whole (no row-by-row
 * DELETE of an append-only table). Runs as the connection owner (partitions are shared by tenants).
 *
 * A partition is dropped only when
 * - its month has ended and every row's retention_date (or, without one, the month's end plus
 *   DEFAULT_RETENTION_YEARS) is before today;
 * - no tenant with rows in it has the audit trail under legal hold (`heldTenants`);
 * - each tenant's rows in it are the oldest of that tenant's chain (the positions right after its
 *   last pruned one, without gaps): the hash chain then still verifies from the position after them,
 *   which the chain head records (pruned_seq, pruned_hash; see verify.ts).
 * Each tenant whose rows went gets one audit row naming the partition, the row count and positions.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db/database.js';
import { DEFAULT_RETENTION_YEARS, recordAudit } from './audit.js';

export interface AuditPartitionTenant {
  tenantId: string;
  rows: number;
  firstSeq: number;
  lastSeq: number;
}

export interface AuditPartitionVerdict {
  partition: string;
  /** First day of the month after the partition's (UTC), YYYY-MM-DD. */
  endsBefore: string;
  droppable: boolean;
  /** Why it stays (when not droppable). */
  reason?: string;
  tenants: AuditPartitionTenant[];
}

export interface PruneOptions {
  /** Today (default: now). */
  now?: Date;
  /** Tenants whose audit trail is under legal hold: partitions holding their rows stay. */
  heldTenants?: ReadonlySet<string>;
  /** List only; drop nothing. */
  dryRun?: boolean;
}

const PARTITION_NAME = /^audit_logs_y(\d{4})m(\d{2})$/;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The monthly partitions (not the default one), oldest first, with the first day after each. */
async function monthlyPartitions(database: Database): Promise<{ name: string; endsBefore: string }[]> {
  const rows = await database.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'compliance.audit_logs'::regclass ORDER BY c.relname`,
  );
  const out: { name: string; endsBefore: string }[] = [];
  for (const { name } of rows) {
    const match = PARTITION_NAME.exec(name);
    if (!match) continue;
    const end = new Date(Date.UTC(Number(match[1]), Number(match[2]), 1));
    out.push({ name, endsBefore: isoDay(end) });
  }
  return out;
}

async function judge(
  database: Database,
  partition: { name: string; endsBefore: string },
  today: string,
  held: ReadonlySet<string>,
): Promise<AuditPartitionVerdict> {
  const base = { partition: partition.name, endsBefore: partition.endsBefore };
  if (partition.endsBefore > today) return { ...base, droppable: false, reason: 'month not over', tenants: [] };
  const fallback = new Date(`${partition.endsBefore}T00:00:00Z`);
  fallback.setUTCFullYear(fallback.getUTCFullYear() + DEFAULT_RETENTION_YEARS);
  const stats = await database.query<{
    tenant_id: string;
    n: string | number;
    first_seq: string | number;
    last_seq: string | number;
    keep_until: string | null;
    pruned_seq: string | number | null;
  }>(
    `SELECT p.tenant_id::text, count(*) AS n, min(p.tenant_seq) AS first_seq, max(p.tenant_seq) AS last_seq,
            to_char(max(coalesce(p.retention_date, $1::date)), 'YYYY-MM-DD') AS keep_until,
            (SELECT h.pruned_seq FROM compliance.audit_chain_heads h WHERE h.tenant_id = p.tenant_id) AS pruned_seq
       FROM compliance.${partition.name} p GROUP BY p.tenant_id ORDER BY 1`,
    [isoDay(fallback)],
  );
  const tenants = stats.map((s) => ({
    tenantId: s.tenant_id,
    rows: Number(s.n),
    firstSeq: Number(s.first_seq),
    lastSeq: Number(s.last_seq),
  }));
  const verdict = (reason?: string): AuditPartitionVerdict => ({
    ...base,
    droppable: reason === undefined,
    ...(reason ? { reason } : {}),
    tenants,
  });
  const kept = stats.find((s) => s.keep_until !== null && s.keep_until >= today);
  if (kept) return verdict(`rows are kept until ${kept.keep_until}`);
  const onHold = tenants.find((t) => held.has(t.tenantId));
  if (onHold) return verdict(`tenant ${onHold.tenantId} has the audit trail under legal hold`);
  for (const s of stats) {
    const rows = Number(s.n);
    const first = Number(s.first_seq);
    const last = Number(s.last_seq);
    if (first !== Number(s.pruned_seq ?? 0) + 1 || last - first + 1 !== rows)
      return verdict(`tenant ${s.tenant_id}'s rows here are not the oldest of its chain (seq ${first}–${last})`);
  }
  return verdict();
}

/** What the audit-trail retention would drop (dryRun) or drops now; every partition judged, oldest first. */
export async function pruneAuditPartitions(
  database: Database,
  options: PruneOptions = {},
): Promise<AuditPartitionVerdict[]> {
  const now = options.now ?? new Date();
  const today = isoDay(now);
  const held = options.heldTenants ?? new Set<string>();
  const verdicts: AuditPartitionVerdict[] = [];
  for (const partition of await monthlyPartitions(database)) {
    const verdict = await judge(database, partition, today, held);
    verdicts.push(verdict);
    // Oldest first: a partition that stays keeps every later one (their chains continue from it).
    if (!verdict.droppable) {
      if (verdict.reason !== 'month not over' && verdict.tenants.length > 0) break;
      continue;
    }
    if (!options.dryRun) await dropPartition(database, verdict, now);
  }
  return verdicts;
}

async function dropPartition(database: Database, verdict: AuditPartitionVerdict, now: Date): Promise<void> {
  await database.db.transaction(async (tx) => {
    for (const tenant of verdict.tenants) {
      const [last] = rowsOf<{ row_hash: string }>(
        await tx.execute(
          sql`SELECT row_hash FROM compliance.audit_logs
               WHERE tenant_id = ${tenant.tenantId} AND tenant_seq = ${tenant.lastSeq}
                 AND "timestamp" < ${verdict.endsBefore}::timestamptz ORDER BY id LIMIT 1`,
        ),
      );
      await tx.execute(
        sql`UPDATE compliance.audit_chain_heads SET pruned_seq = ${tenant.lastSeq}, pruned_hash = ${last!.row_hash}
             WHERE tenant_id = ${tenant.tenantId}`,
      );
    }
    await tx.execute(sql.raw(`ALTER TABLE compliance.audit_logs DETACH PARTITION compliance.${verdict.partition}`));
    await tx.execute(sql.raw(`DROP TABLE compliance.${verdict.partition}`));
    for (const tenant of verdict.tenants) {
      await recordAudit(tx, {
        principal: { tenantId: tenant.tenantId, actorId: 'system:retention', roles: [] },
        table: 'compliance.audit_logs',
        recordId: verdict.partition,
        operation: 'DELETE',
        oldValues: {
          retention: 'audit-log partition dropped',
          partition: verdict.partition,
          before: verdict.endsBefore,
          rows: tenant.rows,
          seqFrom: tenant.firstSeq,
          seqTo: tenant.lastSeq,
        },
        dataCategories: ['compliance'],
        timestamp: now,
      });
    }
  });
}
