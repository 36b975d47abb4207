/**
 * After an Ed-Fi grade is deleted: its result is retired by the narrowed projection (its sourcedId is the
 * grade's id), but the line item and category it hung under have derived sourcedIds (sources.ts), so the
 * narrowed retire cannot reach them. This retires, within the deleted grade's class, the projected grade
 * line items left without an active result and then the grade categories left without an active line item.
 *
 * Race with a concurrent re-projection of another grade of the same line item: that transaction locks the
 * line item (its upsert's ON CONFLICT) and the category, and its new result is invisible to a statement
 * that started before it committed. So the rows are locked first (FOR UPDATE waits for it to commit) and
 * the emptiness is checked by a later statement, whose snapshot sees the committed result.
 */
import { sql } from 'drizzle-orm';
import { lockAuditChainHead } from '../../platform/audit/audit.js';
import type { Tx } from '../../platform/db/transaction.js';

type Row = Record<string, unknown>;

/** The projected class of the section a grade row (its column values) belongs to. */
const classOf = (tenantId: string, row: Row) => sql`(
  SELECT se.id::text FROM edfi.section se WHERE se.tenant_id = ${tenantId}
    AND se.sectionidentifier = ${row.sectionidentifier ?? null} AND se.localcoursecode = ${row.localcoursecode ?? null}
    AND se.schoolid = ${row.schoolid ?? null} AND se.schoolyear = ${row.schoolyear ?? null})`;

/** The class's projected grade categories and line items, as `rows` (deleted grades) reach them. */
function gradeFaces(tenantId: string, rows: readonly Row[]) {
  const classes = sql.join(
    rows.map((row) => classOf(tenantId, row)),
    sql`, `,
  );
  return {
    categories: sql`t.tenant_id = ${tenantId} AND t.class_sourced_id IN (${classes}) AND t.status = 'active'
      AND t.metadata->>'source' = 'edfi' AND t.metadata ? 'gradeCategory'`,
    items: sql`t.tenant_id = ${tenantId} AND t.class_sourced_id IN (${classes}) AND t.status = 'active'
      AND t.metadata->>'source' = 'edfi' AND t.metadata ? 'gradeType'`,
  };
}

/**
 * Before the deleted grades' results are retired: locks their classes' grade categories, then line items, in
 * the order a projection takes them (category, line item, result). Retiring a result first would hold it while
 * waiting here for a line item that a concurrent re-projection of the section holds while it waits for that
 * result: a deadlock (the delete answered 409).
 */
export async function lockGradeItems(tx: Tx, tenantId: string, rows: readonly Row[]): Promise<void> {
  const { categories, items } = gradeFaces(tenantId, rows);
  // The audit chain head first: a grades service write racing this delete has appended its audit rows (it audits
  // reads of grades, too) before projecting, so it holds the head while it waits for these rows.
  await lockAuditChainHead(tx, tenantId);
  await tx.execute(sql`SELECT 1 FROM oneroster.categories t WHERE ${categories} ORDER BY t.sourced_id FOR UPDATE`);
  await tx.execute(sql`SELECT 1 FROM oneroster.line_items t WHERE ${items} ORDER BY t.sourced_id FOR UPDATE`);
}

/** After their results are retired (rows locked by `lockGradeItems`): retires the items and categories left empty. */
export async function retireEmptyGradeItems(tx: Tx, tenantId: string, rows: readonly Row[]): Promise<void> {
  const { categories, items } = gradeFaces(tenantId, rows);
  // Locked again (already held: no wait) so a caller that did not lock first still checks under the locks.
  await lockGradeItems(tx, tenantId, rows);
  await tx.execute(sql`
    UPDATE oneroster.line_items t SET status = 'tobedeleted', date_last_modified = now()
    WHERE ${items} AND NOT EXISTS (SELECT 1 FROM oneroster.results r WHERE r.tenant_id = t.tenant_id
      AND r.line_item_sourced_id = t.sourced_id AND r.status = 'active')`);
  await tx.execute(sql`
    UPDATE oneroster.categories t SET status = 'tobedeleted', date_last_modified = now()
    WHERE ${categories} AND NOT EXISTS (SELECT 1 FROM oneroster.line_items li WHERE li.tenant_id = t.tenant_id
      AND li.category_sourced_id = t.sourced_id AND li.status = 'active')`);
}
