/**
 * Retention enforcement for one tenant: each active policy's due rows — older than its period (or
 * past their own end-of-retention column), matching its criteria, not under legal hold — are deleted
 * or anonymised in batches, one transaction and one audit row per batch naming the rows' keys. A dry
 * run counts and lists them instead. The audit trail's own partitions are pruned by
 * platform/audit/prune.ts (once for every tenant: partitions are shared).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { runWork, systemPrincipal, type Work, type WorkEnvironment } from '../../../platform/service/work.js';
import { RETENTION_RULES, type RetentionPolicyOutcome } from '../schemas.js';
import { resolvePolicies, STUDENT_TABLE, type ResolvedPolicy } from './policies.js';

type Plan = NonNullable<ResolvedPolicy['plan']>;

export interface RetentionRunOptions {
  dryRun?: boolean;
  /** Rows per batch (default RETENTION_RULES.batchSize). */
  batchSize?: number;
  /** Who asked for this run (an administrator's run from the web): named in each batch's audit row. */
  requestedBy?: { actorId: string; jobId: string };
  /** Called after each policy and each batch: policies done of all, rows removed or counted so far. */
  onProgress?: (progress: RetentionProgress) => void;
}

export interface RetentionProgress {
  done: number;
  total: number;
  rows: number;
}

const col = (alias: string, name: string) => sql`${sql.identifier(alias)}.${sql.identifier(name)}`;
const tableOf = (qualifiedName: string) => {
  const [schema, name] = qualifiedName.split('.') as [string, string];
  return sql`${sql.identifier(schema)}.${sql.identifier(name)}`;
};

/** The row's key as text: its key columns without the tenant, joined by '|' (what a legal hold names). */
function keyOf(plan: Plan, alias: string): SQL {
  return sql`concat_ws('|', ${sql.join(
    plan.keyColumns.map((k) => sql`${col(alias, k)}::text`),
    sql`, `,
  )})`;
}

function cutoffOf(plan: Plan, days: number, now: Date): Date {
  return plan.criteria.expiresColumn ? now : new Date(now.getTime() - days * 86_400_000);
}

/** Due rows of the tenant (held or not). */
function dueCondition(work: Work, plan: Plan, cutoff: Date): SQL {
  const dateColumn = plan.criteria.expiresColumn ?? plan.criteria.dateColumn ?? 'created_at';
  const parts: SQL[] = [
    sql`${col('t', 'tenant_id')} = ${work.tenantId}`,
    sql`${col('t', dateColumn)} < ${cutoff.toISOString()}`,
  ];
  for (const [column, values] of Object.entries(plan.criteria.match ?? {}))
    parts.push(
      sql`${col('t', column)}::text IN (${sql.join(
        values.map((v) => sql`${String(v)}`),
        sql`, `,
      )})`,
    );
  const anonymize = Object.entries(plan.criteria.anonymize ?? {});
  if (plan.disposal === 'anonymize' && anonymize.length > 0)
    parts.push(
      sql`(${sql.join(
        anonymize.map(([column, value]) => sql`${col('t', column)} IS DISTINCT FROM ${value}`),
        sql` OR `,
      )})`,
    );
  return sql.join(parts, sql` AND `);
}

/** Held: a hold on the table, on the row, or (rows naming a student) on that student. */
function heldCondition(plan: Plan): SQL {
  const own = sql`(h.table_name = ${plan.qualifiedName}
    AND (h.record_id IS NULL OR h.record_id = ${keyOf(plan, 't')}))`;
  const onStudent = plan.studentColumn
    ? sql` OR (h.table_name = ${STUDENT_TABLE} AND h.record_id = ${col('t', plan.studentColumn)}::text)`
    : sql``;
  return sql`EXISTS (SELECT 1 FROM compliance.legal_holds h
     WHERE h.tenant_id = ${col('t', 'tenant_id')} AND h.released_at IS NULL AND (${own}${onStudent}))`;
}

async function countDue(
  work: Work,
  plan: Plan,
  cutoff: Date,
): Promise<{ due: number; held: number; sample: string[] }> {
  const where = dueCondition(work, plan, cutoff);
  const [counts] = rowsOf<{ due: string | number; held: string | number }>(
    await work.tx.execute(sql`SELECT count(*) FILTER (WHERE NOT ${heldCondition(plan)}) AS due,
                                     count(*) FILTER (WHERE ${heldCondition(plan)}) AS held
                                FROM ${tableOf(plan.qualifiedName)} t WHERE ${where}`),
  );
  const sample = rowsOf<{ key: string }>(
    await work.tx.execute(sql`SELECT ${keyOf(plan, 't')} AS key FROM ${tableOf(plan.qualifiedName)} t
                               WHERE ${where} AND NOT ${heldCondition(plan)}
                               ORDER BY 1 LIMIT ${RETENTION_RULES.dryRunSample}`),
  ).map((r) => r.key);
  return { due: Number(counts?.due ?? 0), held: Number(counts?.held ?? 0), sample };
}

/** One batch: removes (or anonymises) up to `size` due rows not under hold; their keys. */
async function disposeBatch(work: Work, plan: Plan, cutoff: Date, size: number): Promise<string[]> {
  const table = tableOf(plan.qualifiedName);
  const keys = ['tenant_id', ...plan.keyColumns];
  const due = sql`SELECT ${sql.join(
    keys.map((k) => col('t', k)),
    sql`, `,
  )} FROM ${table} t
     WHERE ${dueCondition(work, plan, cutoff)} AND NOT ${heldCondition(plan)}
     LIMIT ${size} FOR UPDATE OF t SKIP LOCKED`;
  const match = sql.join(
    keys.map((k) => sql`${col('x', k)} = ${col('due', k)}`),
    sql` AND `,
  );
  const statement =
    plan.disposal === 'delete'
      ? sql`WITH due AS (${due}) DELETE FROM ${table} x USING due WHERE ${match} RETURNING ${keyOf(plan, 'x')} AS key`
      : sql`WITH due AS (${due}) UPDATE ${table} x SET ${sql.join(
          Object.entries(plan.criteria.anonymize ?? {}).map(([c, v]) => sql`${sql.identifier(c)} = ${v}`),
          sql`, `,
        )} FROM due WHERE ${match} RETURNING ${keyOf(plan, 'x')} AS key`;
  return rowsOf<{ key: string }>(await work.tx.execute(statement)).map((r) => r.key);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/** One policy's run (or dry run); `onBatch` after each batch with the policy's rows so far. */
async function enforcePolicy(
  env: WorkEnvironment,
  principal: ReturnType<typeof systemPrincipal>,
  { view, plan }: { view: ResolvedPolicy['view']; plan: Plan },
  now: Date,
  options: RetentionRunOptions,
  onBatch: (rows: number) => void,
): Promise<RetentionPolicyOutcome> {
  const cutoff = cutoffOf(plan, view.retentionDays, now);
  const outcome: RetentionPolicyOutcome = {
    ...outcomeBase(view),
    cutoff: cutoff.toISOString(),
    rows: 0,
    held: 0,
    batches: 0,
    sample: [],
    error: null,
  };
  try {
    const counted = await runWork(env, principal, {}, (work) => countDue(work, plan, cutoff));
    outcome.held = counted.held;
    if (options.dryRun) return { ...outcome, rows: counted.due, sample: counted.sample };
    const size = options.batchSize ?? RETENTION_RULES.batchSize;
    const requested = options.requestedBy
      ? { requestedBy: options.requestedBy.actorId, job: options.requestedBy.jobId }
      : {};
    while (outcome.batches < RETENTION_RULES.maxBatchesPerRun) {
      const removed = await runWork(env, principal, {}, async (work) => {
        const keys = await disposeBatch(work, plan, cutoff, size);
        if (keys.length > 0)
          await work.audit({
            table: plan.qualifiedName,
            recordId: `retention:policy-${view.id}:batch-${outcome.batches + 1}`,
            operation: plan.disposal === 'delete' ? 'DELETE' : 'UPDATE',
            oldValues: {
              retention: plan.disposal === 'delete' ? 'deleted' : 'anonymised',
              policyId: view.id,
              dataCategory: view.dataCategory,
              cutoff: cutoff.toISOString(),
              rows: keys.length,
              keys,
              ...requested,
            },
            newValues: plan.disposal === 'anonymize' ? plan.criteria.anonymize : undefined,
          });
        return keys;
      });
      if (removed.length === 0) break;
      outcome.batches += 1;
      outcome.rows += removed.length;
      if (outcome.sample.length < RETENTION_RULES.dryRunSample)
        outcome.sample.push(...removed.slice(0, RETENTION_RULES.dryRunSample - outcome.sample.length));
      onBatch(outcome.rows);
      if (removed.length < size) break;
    }
  } catch (error) {
    outcome.error = messageOf(error);
  }
  return outcome;
}

/** Enforces (or, dry, lists) every active policy of the tenant; the audit trail is not among them. */
export async function enforceRetention(
  env: WorkEnvironment,
  tenantId: string,
  options: RetentionRunOptions = {},
): Promise<RetentionPolicyOutcome[]> {
  const principal = systemPrincipal(tenantId, 'retention');
  const now = (env.clock ?? (() => new Date()))();
  const policies = await runWork(env, principal, {}, (work) => resolvePolicies(work));
  const outcomes: RetentionPolicyOutcome[] = [];
  let done = 0;
  let rows = 0;
  const report = (current = 0) => options.onProgress?.({ done, total: policies.length, rows: rows + current });
  report();
  for (const { view, plan } of policies) {
    if (plan && view.active) {
      const outcome = await enforcePolicy(env, principal, { view, plan }, now, options, report);
      outcomes.push(outcome);
      rows += outcome.rows;
    } else if (view.active && view.problem)
      outcomes.push({
        ...outcomeBase(view),
        cutoff: null,
        rows: 0,
        held: 0,
        batches: 0,
        sample: [],
        error: view.problem,
      });
    done += 1;
    report();
  }
  return outcomes;
}

function outcomeBase(view: ResolvedPolicy['view']) {
  return {
    policyId: view.id,
    dataCategory: view.dataCategory,
    tableName: view.tableName,
    disposalMethod: view.disposalMethod,
  };
}
