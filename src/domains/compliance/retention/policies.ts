/**
 * A tenant's retention policies, resolved against the table catalog: seed 004's
 * compliance.data_retention_policies (one per table and data category: period in years, criteria,
 * disposal method) whose period a school-wide seed 000 compliance.retention_policies row of the same
 * category (policy_type) overrides in days — classroom data: 2,555 days.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { allTables } from '../../../platform/db/catalog.js';
import type { Work } from '../../../platform/service/work.js';
import { RETENTION_RULES, retentionCriteria, type RetentionCriteria, type RetentionPolicyView } from '../schemas.js';
import { dataRetentionPolicies, retentionPolicies } from '../tables.js';

/** Tables retention never touches row by row: the audit trail goes by partitions (platform/audit/prune.ts). */
export const AUDIT_TRAIL = 'compliance.audit_logs';
const NEVER = new Set([AUDIT_TRAIL, 'compliance.audit_chain_heads', 'compliance.legal_holds', 'platform.tenants']);

export interface ResolvedPolicy {
  view: RetentionPolicyView;
  /** Absent when the policy cannot run (view.problem says why). */
  plan?: {
    qualifiedName: string;
    table: PgTable;
    /** The row's key columns without tenant_id. */
    keyColumns: string[];
    criteria: RetentionCriteria;
    disposal: 'delete' | 'anonymize';
    /** The column naming the row's student (Ed-Fi StudentUSI), if any: a hold on that student keeps the row. */
    studentColumn?: string;
  };
}

function problemOf(
  qualifiedName: string,
  table: PgTable | undefined,
  criteria: RetentionCriteria | undefined,
  disposal: string,
): string | null {
  if (!table) return `${qualifiedName} is not a table of the data model`;
  if (NEVER.has(qualifiedName)) {
    return qualifiedName === AUDIT_TRAIL ? null : `${qualifiedName} is never removed by retention`;
  }
  if (!criteria) return 'retention_criteria is not valid';
  const columns = new Set(getTableConfig(table).columns.map((c) => c.name));
  if (!columns.has('tenant_id')) return `${qualifiedName} is not a tenant table`;
  const dateColumn = criteria.expiresColumn ?? criteria.dateColumn ?? 'created_at';
  if (!columns.has(dateColumn)) return `${qualifiedName} has no column ${dateColumn}`;
  for (const column of [...Object.keys(criteria.match ?? {}), ...Object.keys(criteria.anonymize ?? {})])
    if (!columns.has(column)) return `${qualifiedName} has no column ${column}`;
  if (disposal === 'anonymize' && Object.keys(criteria.anonymize ?? {}).length === 0)
    return 'anonymize needs retention_criteria.anonymize (column → value)';
  if (disposal === 'archive') return 'archive is not supported: nothing is removed (use delete or anonymize)';
  return null;
}

/** A legal hold on one student (edfi.student, record id = StudentUSI) keeps every row naming that student. */
export const STUDENT_TABLE = 'edfi.student';
const STUDENT_COLUMNS = ['studentusi', 'student_usi'];

function studentColumnOf(table: PgTable): string | undefined {
  const columns = getTableConfig(table).columns.map((c) => c.name);
  return STUDENT_COLUMNS.find((c) => columns.includes(c));
}

function keyColumnsOf(table: PgTable): string[] {
  const config = getTableConfig(table);
  const pk =
    config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  return pk.filter((c) => c !== 'tenant_id');
}

/** Every policy of the tenant (active or not), resolved; in id order. */
export async function resolvePolicies(work: Work): Promise<ResolvedPolicy[]> {
  const rows = await work.tx
    .select()
    .from(dataRetentionPolicies)
    .where(eq(dataRetentionPolicies.tenantId, work.tenantId))
    .orderBy(asc(dataRetentionPolicies.id));
  const overrides = await work.tx
    .select({ policyType: retentionPolicies.policyType, days: retentionPolicies.retentionDays })
    .from(retentionPolicies)
    .where(and(eq(retentionPolicies.tenantId, work.tenantId), isNull(retentionPolicies.schoolId)));
  const byName = new Map(allTables().map((t) => [t.qualifiedName, t.table]));
  return rows.map((row) => {
    const qualifiedName = row.tableName.toLowerCase();
    const parsed = retentionCriteria.safeParse(row.retentionCriteria ?? {});
    const criteria = parsed.success ? parsed.data : undefined;
    const override = overrides.find((o) => o.policyType === row.dataCategory && o.days !== null);
    const [days, periodSource] =
      override?.days != null
        ? [override.days, 'retention_policies' as const]
        : criteria?.days !== undefined
          ? [criteria.days, 'criteria' as const]
          : [row.retentionPeriodYears * RETENTION_RULES.daysPerYear, 'years' as const];
    const disposal = row.disposalMethod.toLowerCase();
    const table = byName.get(qualifiedName);
    const problem = problemOf(qualifiedName, table, criteria, disposal);
    const view: RetentionPolicyView = {
      id: row.id,
      dataCategory: row.dataCategory,
      tableName: qualifiedName,
      disposalMethod: disposal,
      retentionDays: days,
      periodSource,
      legalBasis: row.legalBasis,
      active: row.active !== false,
      problem,
    };
    if (problem || qualifiedName === AUDIT_TRAIL || !table || !criteria) return { view };
    return {
      view,
      plan: {
        qualifiedName,
        table,
        keyColumns: keyColumnsOf(table),
        criteria,
        disposal: disposal as 'delete' | 'anonymize',
        studentColumn: studentColumnOf(table),
      },
    };
  });
}
