/** Chunked multi-row inserts that stay under PostgreSQL's 65,535 bind-parameter limit. */
import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { AppDb } from '../platform/db/database.js';
import type { Tx } from '../platform/db/transaction.js';

export async function insertAll<T extends PgTable>(db: AppDb | Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableConfig(table).columns.length;
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    await db.insert(table).values(rows.slice(i, i + size));
  }
}

/**
 * The same rows as INSERT … SELECT over one JSON parameter (`json_to_recordset`), `chunk` rows a statement: a
 * multi-row VALUES binds one parameter per value, and on PGlite parsing and binding tens of thousands of them cost
 * more than the insert. Every row must give the same columns (a column left out is written NULL here, not its
 * default, so a row that omits one another gives is refused); rows keep their order (change versions follow it).
 * For scalar columns only: a json/jsonb value would arrive as a JSON string.
 */
export async function insertRecords<T extends PgTable>(
  db: AppDb | Tx,
  table: T,
  rows: T['$inferInsert'][],
  chunk = 10_000,
): Promise<void> {
  if (rows.length === 0) return;
  const given = (row: object, key: string) => (row as Record<string, unknown>)[key] !== undefined;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => given(rows[0]!, key));
  const keys = new Set(columns.map(([key]) => key));
  for (const row of rows) {
    const other = Object.keys(row).find((key) => given(row, key) !== keys.has(key));
    if (other) throw new Error(`insertRecords ${getTableConfig(table).name}: rows differ in column ${other}`);
  }
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const definitions = sql.join(
    columns.map(([, c]) => sql`${sql.identifier(c.name)} ${sql.raw(c.getSQLType())}`),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += chunk) {
    const records = rows.slice(i, i + chunk).map((row) => {
      const values = row as Record<string, unknown>;
      return Object.fromEntries(
        columns.map(([key, c]) => [c.name, values[key] === null ? null : c.mapToDriverValue(values[key])]),
      );
    });
    await db.execute(
      sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset(${JSON.stringify(records)}::json)
        AS x(${definitions})`,
    );
  }
}
