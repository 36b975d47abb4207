/**
 * A retention run: every tenant's policies (engine.ts), then the audit-log partitions past their
 * retention (platform/audit/prune.ts) — dropped only by a run over every tenant (the daily task), since
 * partitions hold every tenant's rows; a run for one tenant, and any dry run, lists what they would do.
 */
import { pruneAuditPartitions, type AuditPartitionVerdict } from '../../../platform/audit/prune.js';
import type { WorkEnvironment } from '../../../platform/service/work.js';
import type { RetentionReport } from '../schemas.js';
import { enforceRetention, type RetentionRunOptions } from './engine.js';
import { AUDIT_TRAIL } from './policies.js';

export interface RetentionRun extends RetentionRunOptions {
  /** Only this tenant (default: every tenant, and audit partitions are dropped). */
  tenantId?: string;
}

/** Tenants whose whole audit trail is under an active legal hold (owner connection: every tenant). */
async function tenantsHoldingAuditTrail(env: WorkEnvironment): Promise<Set<string>> {
  const rows = await env.database.query<{ tenant_id: string }>(
    `SELECT DISTINCT tenant_id::text FROM compliance.legal_holds
      WHERE table_name = $1 AND record_id IS NULL AND released_at IS NULL`,
    [AUDIT_TRAIL],
  );
  return new Set(rows.map((r) => r.tenant_id));
}

function partitionsOf(tenantId: string, verdicts: readonly AuditPartitionVerdict[]) {
  return verdicts
    .map((v) => ({ verdict: v, rows: v.tenants.find((t) => t.tenantId === tenantId)?.rows ?? 0 }))
    .filter(({ verdict, rows }) => rows > 0 || (verdict.droppable && verdict.tenants.length === 0))
    .map(({ verdict, rows }) => ({
      partition: verdict.partition,
      endsBefore: verdict.endsBefore,
      droppable: verdict.droppable,
      reason: verdict.reason ?? null,
      rows,
    }));
}

/** Runs retention; one report per tenant. */
export async function runRetention(
  env: WorkEnvironment,
  run: RetentionRun = {},
): Promise<Map<string, RetentionReport>> {
  const now = (env.clock ?? (() => new Date()))();
  const tenants = run.tenantId
    ? [run.tenantId]
    : (await env.database.query<{ id: string }>('SELECT id::text AS id FROM platform.tenants ORDER BY slug')).map(
        (t) => t.id,
      );
  const reports = new Map<string, RetentionReport>();
  for (const tenantId of tenants) {
    const policies = await enforceRetention(env, tenantId, run);
    reports.set(tenantId, { dryRun: run.dryRun === true, at: now.toISOString(), policies, auditPartitions: [] });
  }
  const verdicts = await pruneAuditPartitions(env.database, {
    now,
    dryRun: run.dryRun === true || run.tenantId !== undefined,
    heldTenants: await tenantsHoldingAuditTrail(env),
  });
  for (const [tenantId, report] of reports) report.auditPartitions = partitionsOf(tenantId, verdicts);
  return reports;
}
