/**
 * Ed-Fi → OneRoster write-through: a set-based projection of edfi.* rows into oneroster.* rows
 * (README.md). Each target is filled by `INSERT … SELECT … ON CONFLICT (tenant_id, sourced_id) DO UPDATE`
 * that only touches a row when a projected value changed, so `date_last_modified` stays stable and a
 * second run changes nothing. Rows the projection owns (metadata.source = 'edfi'; for roles: the roles
 * of such users) whose Ed-Fi source is gone become status 'tobedeleted' — never deleted, so delta
 * consumers see the removal. Runs in the caller's (tenant) transaction.
 */
import { sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/roles.js';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { classesOfEntryLineItems, retireUnusedEntryTypeCategories } from './entry-type-categories.js';
import { idList, type Scope } from './sources.js';
import {
  PROJECTION_KINDS,
  SOURCES,
  STEPS,
  withPrerequisites,
  type ProjectionKind,
  type SourceName,
  type Step,
} from './steps.js';

export { PROJECTION_KINDS, type ProjectionKind, type SourceName };

export interface ProjectionOptions {
  /** Only these kinds (default: all). Their prerequisites must already be projected. */
  only?: readonly ProjectionKind[];
  /** Only the rows derived from these Ed-Fi resource ids (the write-through path); default: the whole tenant. */
  sourceIds?: readonly string[];
  /** Only these sources (SOURCE_NAMES; the write-through picks what one Ed-Fi write can change). */
  sources?: readonly SourceName[];
  /**
   * Mark owned rows whose source is gone tobedeleted (default true; an upsert of a single row can skip it). Entry-type
   * categories that moved line items left unused are retired either way (entry-type-categories.ts).
   */
  retire?: boolean;
  /** Who runs it: when given, one audit row per changed table (counts only) is written in the same transaction. */
  auditAs?: Pick<Principal, 'tenantId' | 'actorId' | 'roles'>;
}

export interface TableCounts {
  inserted: number;
  updated: number;
  retired: number;
}

/** Per target table (`oneroster.users`, `oneroster.roles`, …): rows inserted, updated, marked tobedeleted. */
export type ProjectionReport = Record<string, TableCounts>;

const q = (name: string) => sql.identifier(name);
const list = (names: readonly string[], prefix = '') =>
  sql.join(
    names.map((n) => sql.raw(`${prefix}"${n}"`)),
    sql`, `,
  );

/**
 * The upsert of one source as two CTEs: `<name>_src` (the source rows) and `<name>` (the upsert, returning `inserted`).
 */
function upsertCtes(step: Step, tenantId: string, select: SQL, name: string): SQL {
  const columns = step.metadata ? [...step.columns, 'metadata'] : [...step.columns];
  const src = sql.raw(`${name}_src`);
  return sql`
    ${src} AS (${select}), ${sql.raw(name)} AS (
      INSERT INTO oneroster.${q(step.table)} AS t (tenant_id, sourced_id, status, date_last_modified, ${list(columns)})
      SELECT ${tenantId}::uuid, ${src}.sourced_id, 'active', now(), ${list(columns, `${name}_src.`)} FROM ${src}
      ON CONFLICT (tenant_id, sourced_id) DO UPDATE SET status = 'active', date_last_modified = now(),
        ${sql.join(
          columns.map((c) => sql.raw(`"${c}" = EXCLUDED."${c}"`)),
          sql`, `,
        )}
      WHERE (t.status, ${list(columns, 't.')}) IS DISTINCT FROM ('active', ${list(columns, 'EXCLUDED.')})
      RETURNING (xmax = 0) AS inserted)`;
}

/** Upsert of one source: inserted / updated counts (`xmax = 0` tells an insert from an update). */
async function upsert(
  tx: Tx,
  step: Step,
  tenantId: string,
  select: SQL,
): Promise<{ inserted: number; updated: number }> {
  const statement = sql`WITH ${upsertCtes(step, tenantId, select, 'up')}
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
      FROM up`;
  const [row] = rowsOf<{ inserted: number; updated: number }>(await tx.execute(statement));
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}

/**
 * The upserts of a projection as CTEs to run inside a larger statement (no retiring): the
 * write-through of rows another CTE of that statement has just written (`scope.from`).
 */
export function projectionCtes(
  tenantId: string,
  options: { only: readonly ProjectionKind[]; sources: readonly SourceName[]; scope: Scope },
): SQL[] {
  const ctes: SQL[] = [];
  const sources = withPrerequisites(options.sources)!;
  for (const kind of PROJECTION_KINDS.filter((k) => options.only.includes(k))) {
    for (const step of STEPS[kind]) {
      for (const name of step.sources.filter((n) => sources.includes(n))) {
        ctes.push(upsertCtes(step, tenantId, SOURCES[name](options.scope), `projected_${ctes.length}`));
      }
    }
  }
  return ctes;
}

/** Owned rows (within the narrowed ids) that no source yields any more → tobedeleted. */
async function retire(tx: Tx, step: Step, sources: readonly SourceName[], scope: Scope): Promise<number> {
  const key = step.metadata ? 't.sourced_id' : 't.user_sourced_id';
  const owned = step.metadata
    ? sql`t.metadata->>'source' = 'edfi'`
    : sql`EXISTS (SELECT 1 FROM oneroster.users u WHERE u.tenant_id = t.tenant_id AND u.sourced_id = t.user_sourced_id
      AND u.metadata->>'source' = 'edfi')`;
  const narrowed = scope.ids ? sql` AND ${sql.raw(key)} = ANY(${idList(scope)})` : sql``;
  const derived = sql.join(
    sources.map((name) => sql`SELECT sourced_id FROM (${SOURCES[name](scope)}) s`),
    sql` UNION ALL `,
  );
  const statement = sql`
      WITH gone AS (
        UPDATE oneroster.${q(step.table)} t SET status = 'tobedeleted', date_last_modified = now()
        WHERE t.tenant_id = ${scope.tenantId} AND t.status <> 'tobedeleted' AND ${owned}${narrowed}
          AND t.sourced_id NOT IN (${derived})
        RETURNING 1)
      SELECT count(*)::int AS n FROM gone`;
  const rows = rowsOf<{ n: number }>(await tx.execute(statement));
  return Number(rows[0]?.n ?? 0);
}

/**
 * Projects the tenant's Ed-Fi data into its OneRoster tables (idempotent). `only` limits the kinds,
 * `sourceIds` the Ed-Fi rows (by resource id) — the cheap path used after a single Ed-Fi API write.
 */
export async function projectEdfiToOneRoster(
  tx: Tx,
  tenantId: string,
  options: ProjectionOptions = {},
): Promise<ProjectionReport> {
  const kinds = PROJECTION_KINDS.filter((k) => !options.only || options.only.includes(k));
  const scope: Scope = { tenantId, ...(options.sourceIds ? { ids: options.sourceIds } : {}) };
  const wanted = withPrerequisites(options.sources);
  const report: ProjectionReport = {};
  for (const kind of kinds) {
    for (const step of STEPS[kind]) {
      const sources = step.sources.filter((name) => !wanted || wanted.includes(name));
      if (sources.length === 0) continue;
      const counts = (report[`oneroster.${step.table}`] ??= { inserted: 0, updated: 0, retired: 0 });
      // Gradebook entries' line items may leave their entry-type categories unused (entry-type-categories.ts).
      const entries = step.table === 'line_items' && sources.includes('lineItems');
      const entryClasses = entries ? await classesOfEntryLineItems(tx, scope) : undefined;
      for (const name of sources) {
        const { inserted, updated } = await upsert(tx, step, tenantId, SOURCES[name](scope));
        counts.inserted += inserted;
        counts.updated += updated;
      }
      if (options.retire !== false) counts.retired += await retire(tx, step, sources, scope);
      if (entries) {
        (report['oneroster.categories'] ??= { inserted: 0, updated: 0, retired: 0 }).retired +=
          await retireUnusedEntryTypeCategories(tx, scope, entryClasses);
      }
    }
  }
  if (options.auditAs) {
    for (const [table, counts] of Object.entries(report)) {
      if (counts.inserted + counts.updated + counts.retired === 0) continue;
      await recordAudit(tx, {
        principal: options.auditAs,
        table,
        operation: 'UPDATE',
        newValues: { projection: 'edfi-oneroster', ...counts },
        dataCategories: ['oneroster'],
      });
    }
  }
  return report;
}

/** Total rows changed in a report (0 means the OneRoster side already matched the Ed-Fi side). */
export function changedRows(report: ProjectionReport): number {
  return Object.values(report).reduce((n, c) => n + c.inserted + c.updated + c.retired, 0);
}
