/**
 * Several independent writes in one round trip: each INSERT/UPDATE (a Drizzle builder or raw SQL) becomes
 * a data-modifying CTE of one statement. They all run; none sees the others' rows (one snapshot), but
 * foreign keys between them hold (checked at the end of the statement), so a child may reference a parent
 * inserted beside it. Use it only for writes whose values are known beforehand (ids made by the caller).
 */
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from './engine.js';

export async function writeTogether(tx: Tx, writes: readonly (SQLWrapper | null | undefined)[]): Promise<void> {
  const due = writes.filter((w): w is SQLWrapper => !!w);
  if (due.length === 0) return;
  if (due.length === 1) {
    await tx.execute(due[0]!.getSQL());
    return;
  }
  const ctes = due.map((w, i) => sql`${sql.raw(`write_${i}`)} AS (${w.getSQL()})`);
  await tx.execute(sql`WITH ${sql.join(ctes, sql`, `)} SELECT 1`);
}
