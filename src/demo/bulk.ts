/** Chunked multi-row inserts that stay under PostgreSQL's 65,535 bind-parameter limit. */
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
