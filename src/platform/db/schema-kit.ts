/**
 * The conventions every Drizzle table in Schola follows, in one place.
 *
 * - Tenant-owned tables carry `tenant_id` as the leading column of their primary key, of every
 *   unique constraint and of every foreign key, so the schema can later be distributed by tenant
 *   on Citus (co-located joins, no cross-shard foreign keys).
 * - Constraint names are explicit and never longer than PostgreSQL's 63-byte identifier limit
 *   (longer names would be silently truncated and could collide).
 * - Value rules from the seed documents' comments (enumerations, ranges) are declared once here:
 *   the helper returns the SQL CHECK for the migration and records the rule so that the API's zod
 *   schemas are derived from the very same declaration.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  getTableConfig,
  primaryKey,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
  type PgColumn,
} from 'drizzle-orm/pg-core';
import { tenants } from '../tenancy/tables.js';

export const PG_IDENTIFIER_MAX = 63;

/** Shortens an identifier over 63 bytes deterministically (prefix + short hash). */
export function constraintName(name: string): string {
  if (Buffer.byteLength(name) <= PG_IDENTIFIER_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, PG_IDENTIFIER_MAX - 9)}_${hash}`;
}

/**
 * The tenant key column. Every tenant-owned table starts with it; its primary key and its foreign
 * key to platform.tenants come from `tenantKeys` (named explicitly: drizzle's generated name for
 * that foreign key would pass 63 bytes on long Ed-Fi table names).
 */
export const tenantKey = () => uuid('tenant_id').notNull();

/** timestamptz defaulting to now(); the platform stores every instant with its time zone. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).defaultNow();

/**
 * Primary key led by the tenant key, plus the foreign key tenant_id → platform.tenants(id).
 * `base` is the table name: constraints are named `<base>_pkey` and `<base>_tenant_fkey`.
 * Use it spread: `(t) => [...tenantKeys('things', t.tenantId, t.thingId), …]`.
 */
export function tenantKeys(base: string, tenant: PgColumn, ...columns: PgColumn[]) {
  return [
    primaryKey({ name: constraintName(`${base}_pkey`), columns: [tenant, ...columns] as [PgColumn, ...PgColumn[]] }),
    foreignKey({
      name: constraintName(`${base}_tenant_fkey`),
      columns: [tenant],
      foreignColumns: [tenants.id],
    }).onDelete('restrict'),
  ] as const;
}

/** Unique constraint led by the tenant key. */
export function tenantUnique(name: string, tenant: PgColumn, ...columns: PgColumn[]) {
  return unique(constraintName(name)).on(tenant, ...columns);
}

/**
 * Composite foreign key led by the tenant key: (tenant_id, cols...) → (tenant_id, refCols...).
 * `onDelete` defaults to restrict: deleting a referenced row must be an explicit decision.
 */
export function tenantFk(
  name: string,
  columns: [PgColumn, ...PgColumn[]],
  foreignColumns: [AnyPgColumn, ...AnyPgColumn[]],
  onDelete: 'restrict' | 'cascade' | 'set null' | 'no action' = 'restrict',
) {
  return foreignKey({ name: constraintName(name), columns, foreignColumns }).onDelete(onDelete);
}

// ---------------------------------------------------------------------------------------------
// Value rules: one declaration → SQL CHECK + zod rule
// ---------------------------------------------------------------------------------------------

export type ValueRule =
  { kind: 'enum'; values: readonly string[]; caseInsensitive: boolean } | { kind: 'range'; min: number; max: number };

// Keyed by table, then column name: the columns handed to a table's constraint callback are
// stand-ins (ExtraConfigColumn) that share the table and the name with the real columns.
const rules = new WeakMap<object, Map<string, ValueRule>>();
const evaluated = new WeakSet<object>();

function setRule(column: PgColumn, rule: ValueRule): void {
  const byName = rules.get(column.table) ?? new Map<string, ValueRule>();
  byName.set(column.name, rule);
  rules.set(column.table, byName);
}

/** The rule declared for a column, if any (used to derive zod schemas and docs). */
export function ruleFor(column: PgColumn): ValueRule | undefined {
  // Drizzle builds a table's constraints lazily; building them registers the rules.
  if (!evaluated.has(column.table)) {
    getTableConfig(column.table);
    evaluated.add(column.table);
  }
  return rules.get(column.table)?.get(column.name);
}

/** The column's bare quoted name: CHECKs must not qualify columns with schema and table. */
export function bare(column: PgColumn): SQL {
  return sql.raw(`"${column.name.replace(/"/g, '""')}"`);
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * CHECK (column IN (...)). With `caseInsensitive`, compares lower(column): several seed columns
 * document values in mixed case ("Active, draft, expired") while their defaults are capitalised.
 */
export function checkIn(
  name: string,
  column: PgColumn,
  values: readonly string[],
  options: { caseInsensitive?: boolean } = {},
) {
  const caseInsensitive = options.caseInsensitive ?? false;
  setRule(column, { kind: 'enum', values, caseInsensitive });
  const list = (caseInsensitive ? values.map((v) => v.toLowerCase()) : values).map(quote).join(', ');
  const target = caseInsensitive ? sql`lower(${bare(column)})` : bare(column);
  return check(constraintName(name), sql`${target} IN (${sql.raw(list)})`);
}

/** CHECK (column BETWEEN min AND max). NULL passes, as in SQL. */
export function checkRange(name: string, column: PgColumn, min: number, max: number) {
  setRule(column, { kind: 'range', min, max });
  return check(constraintName(name), sql`${bare(column)} BETWEEN ${sql.raw(String(min))} AND ${sql.raw(String(max))}`);
}

/** Any other CHECK (e.g. end >= start); documented but not mirrored in zod automatically. */
export function checkSql(name: string, expression: SQL) {
  return check(constraintName(name), expression);
}

/** CHECK (column >= 0): counters, durations, sizes, amounts. NULL passes, as in SQL. */
export function checkNonNegative(name: string, column: PgColumn) {
  return checkSql(name, sql`${bare(column)} >= 0`);
}

/** Money as integer cents: a bigint read as a JS number (amounts stay below 2^53). */
export const centsColumn = (name: string) => bigint(name, { mode: 'number' });

/**
 * Marks a table as global reference data (no tenant key; readable by every tenant; on Citus a
 * reference table). Kept in a registry so docs and the isolation suite can tell them apart.
 */
const globalTables = new Set<object>();
export function markGlobal<T extends object>(table: T): T {
  globalTables.add(table);
  return table;
}
export function isGlobalTable(table: object): boolean {
  return globalTables.has(table);
}

/**
 * Marks an append-only record (the audit trails): rows are written by their owner's code alone and
 * never changed; the generated API serves reads only.
 */
const appendOnlyTables = new Set<object>();
export function markAppendOnly<T extends object>(table: T): T {
  appendOnlyTables.add(table);
  return table;
}
export function isAppendOnlyTable(table: object): boolean {
  return appendOnlyTables.has(table);
}
