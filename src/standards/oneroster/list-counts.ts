/**
 * X-Total-Count without counting every row on every page. A list's total is cached per tenant and
 * count statement — the statement's text and parameters hold the entity, the filter and the caller's
 * whole reach (school confinement, relationship lists) — and is trusted only while the tenant's
 * OneRoster write generation is what it was when the total was counted. The generation is kept by
 * the database (migration 0009: statement-level triggers on every OneRoster table append to
 * oneroster.write_generations, whose per-tenant sum grows with every committed write), so no write
 * path (REST, CSV import, the Ed-Fi projection, a hand-written UPDATE) can forget to invalidate it.
 * The day is part of the generation: relationship reaches count enrollments current on CURRENT_DATE.
 *
 * The page statement reads the generation as one more column (an uncorrelated subquery, run once),
 * so a page whose total is cached costs one round trip, from the same snapshot as its rows. A total
 * is counted in the same statement as the generation it is stored with.
 */
import type { TenantDb } from '../../platform/db/engine.js';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { LRUCache } from 'lru-cache';
import { rowsOf } from '../../platform/db/database.js';

/** The column the page statement carries the generation in (never rendered: not a field name). */
export const GENERATION_COLUMN = '__write_generation';

/** The tenant's OneRoster write generation and today's date, as one text value. */
export function generationSql(tenantId: string): SQL {
  return sql`(SELECT coalesce(sum(g.weight), 0)::text || '@' || CURRENT_DATE::text FROM oneroster.write_generations g
    WHERE g.tenant_id = ${tenantId}::uuid)`;
}

interface CachedTotal {
  generation: string;
  total: number;
}

const dialect = new PgDialect();
/** Bounded: one entry per tenant × list × filter × reach in use; the least recently used go first. */
const totals = new LRUCache<string, CachedTotal>({ max: 10_000 });

/**
 * The total of `from WHERE where`: the cached one if it was counted at `generation` (the page's own
 * reading; undefined when the page had no row to carry it), otherwise counted now and cached. Also
 * the generation the total was counted at (undefined if unknown), so that a caller can tell whether
 * it agrees with the page's.
 */
export async function listTotal(
  db: TenantDb,
  tenantId: string,
  from: SQL,
  where: SQL,
  generation: string | undefined,
): Promise<{ total: number; generation: string | undefined }> {
  const statement = sql`SELECT count(*)::int AS n, ${generationSql(tenantId)} AS generation FROM ${from}
    WHERE ${where}`;
  const { sql: text, params } = dialect.sqlToQuery(statement);
  const key = `${tenantId}\u0000${text}\u0000${JSON.stringify(params)}`;
  const cached = totals.get(key);
  if (cached && generation !== undefined && cached.generation === generation) return cached;
  counts.run++;
  const [row] = rowsOf<{ n: number | string; generation: string | null }>(await db.execute(statement));
  const total = Number(row?.n ?? 0);
  if (typeof row?.generation !== 'string') return { total, generation: undefined };
  totals.set(key, { generation: row.generation, total });
  return { total, generation: row.generation };
}

/** How many totals this process has counted (tests: a cheap path must not count). */
export const counts = { run: 0 };

/** Forgets every cached total (tests). */
export function clearListTotals(): void {
  totals.clear();
}
