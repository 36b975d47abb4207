/**
 * Set-based writes of mapped rows: one multi-row INSERT … ON CONFLICT (natural key) DO UPDATE per
 * table and chunk. Unchanged rows are not touched (no new change version), so a re-run reports
 * them as unchanged; every value is cast to its column's type, read once from the catalog.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { Tx } from '../../../platform/db/transaction.js';
import type { Row, RowOut, TableSpec } from './mapping.js';

export interface TableCount {
  inserted: number;
  updated: number;
  unchanged: number;
}

const columnTypes = new Map<string, Map<string, string>>();
// PostgreSQL allows 65,535 parameters per statement; stay well below.
const MAX_PARAMS = 30_000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function typesOf(tx: Tx, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    const rows = rowsOf<{ name: string; type: string }>(
      await tx.execute(sql`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`),
    );
    types = new Map(rows.map((r) => [r.name, r.type]));
    columnTypes.set(table, types);
  }
  return types;
}

const keyOf = (spec: TableSpec, row: Row) => spec.key.map((k) => String(row[k])).join('\u0000');

/** Groups rows by table in first-seen order (parents before children) and keeps the last row per key. */
function groupByTable(rows: readonly RowOut[]): Map<TableSpec, Map<string, Row>> {
  const groups = new Map<TableSpec, Map<string, Row>>();
  for (const { table, row } of rows) {
    let group = groups.get(table);
    if (!group) groups.set(table, (group = new Map()));
    group.set(keyOf(table, row), row);
  }
  return groups;
}

function statement(
  spec: TableSpec,
  tenantId: string | null,
  columns: string[],
  types: Map<string, string>,
  rows: Row[],
): SQL {
  const tenantCols = spec.global ? [] : ['tenant_id'];
  const allCols = [...tenantCols, ...columns];
  const values = rows.map(
    (row) =>
      sql`(${sql.join(
        [
          ...(spec.global ? [] : [sql`${tenantId}::uuid`]),
          ...columns.map((c) => sql`${row[c] ?? null}::${sql.raw(types.get(c)!)}`),
        ],
        sql`, `,
      )})`,
  );
  const colList = sql.raw(allCols.map(quote).join(', '));
  const target = sql.raw(spec.name.split('.').map(quote).join('.'));
  const keyCols = [...tenantCols, ...spec.key];
  if (spec.mode === 'insertIfAbsent') {
    const match = sql.raw(keyCols.map((k) => `x.${quote(k)} IS NOT DISTINCT FROM v.${quote(k)}`).join(' AND '));
    return sql`INSERT INTO ${target} (${colList}) SELECT * FROM (VALUES ${sql.join(values, sql`, `)}) AS v(${colList})
      WHERE NOT EXISTS (SELECT 1 FROM ${target} x WHERE ${match}) RETURNING true AS inserted`;
  }
  const conflict = sql.raw(keyCols.map(quote).join(', '));
  const rest = columns.filter((c) => !spec.key.includes(c));
  if (rest.length === 0) {
    return sql`INSERT INTO ${target} (${colList}) VALUES ${sql.join(values, sql`, `)}
      ON CONFLICT (${conflict}) DO NOTHING RETURNING true AS inserted`;
  }
  const set = rest.map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`);
  // The change version is the database's (a trigger on every change-tracked table).
  if (spec.edfiResource) set.push(`lastmodifieddate = now()`);
  const changed =
    `(${rest.map((c) => `t.${quote(c)}`).join(', ')}) IS DISTINCT FROM ` +
    `(${rest.map((c) => `EXCLUDED.${quote(c)}`).join(', ')})`;
  return sql`INSERT INTO ${target} AS t (${colList}) VALUES ${sql.join(values, sql`, `)}
    ON CONFLICT (${conflict}) DO UPDATE SET ${sql.raw(set.join(', '))} WHERE ${sql.raw(changed)}
    RETURNING (xmax = 0) AS inserted`;
}

/** Writes every row (any mix of tables); returns counts per table. Throws on the first failure. */
export async function writeRows(
  tx: Tx,
  tenantId: string | null,
  rows: readonly RowOut[],
): Promise<Map<string, TableCount>> {
  const counts = new Map<string, TableCount>();
  for (const [spec, byKey] of groupByTable(rows)) {
    const types = await typesOf(tx, spec.name);
    const all = [...byKey.values()];
    const columns = [...new Set(all.flatMap((r) => Object.keys(r)))];
    const unknown = columns.find((c) => !types.has(c));
    if (unknown) throw new Error(`${spec.name} has no column ${unknown}`);
    // Two specs may write one table (upsert and insert-if-absent rows): their counts add up.
    const count: TableCount = counts.get(spec.name) ?? { inserted: 0, updated: 0, unchanged: 0 };
    const chunk = Math.max(1, Math.floor(MAX_PARAMS / (columns.length + 1)));
    for (let i = 0; i < all.length; i += chunk) {
      const part = all.slice(i, i + chunk);
      const returned = rowsOf<{ inserted: boolean | string }>(
        await tx.execute(statement(spec, tenantId, columns, types, part)),
      );
      const inserted = returned.filter((r) => r.inserted === true || r.inserted === 't').length;
      count.inserted += inserted;
      count.updated += returned.length - inserted;
      count.unchanged += part.length - returned.length;
    }
    counts.set(spec.name, count);
  }
  return counts;
}
