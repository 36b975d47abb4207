/**
 * The derived categories of gradebook entries without a Schola category ("Homework", "Quiz"…, one per class and
 * Ed-Fi entry type: gradebook-sources.ts) become unused when an entry changes its type, gets a Schola category or
 * moves to another section, and no other entry of the class files under them. The narrowed write-through cannot
 * reach them (their sourcedIds are derived, not the written entry's id) and an update deletes nothing, so the delete
 * triggers of drizzle/0041_… do not run: the projection of line items retires them itself, right after moving the
 * line items. Chosen over a trigger on line_items: that would run on every bulk upsert of line items (the demo seed,
 * a CSV import), and every path that moves a projected line item (the Ed-Fi API, its batches, the grades service, a
 * whole-tenant projection) goes through here.
 *
 * Unused means what the delete triggers mean: no active line item files under the category (a OneRoster client's
 * line item under it keeps it too). Concurrent gradebook writes of a tenant are serialized before they project (the
 * write-through takes the audit chain head first), and this runs as its own statement after the line items' upsert,
 * so it sees what a write committed before it, including the line items that write moved.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { idList, type Scope } from './sources.js';

/** The classes of the narrowed entries' line items as they stand (before the projection moves them); all: undefined. */
export async function classesOfEntryLineItems(tx: Tx, scope: Scope): Promise<string[] | undefined> {
  if (!scope.ids) return undefined;
  const rows = rowsOf<{ class_sourced_id: string }>(
    await tx.execute(sql`
      SELECT DISTINCT class_sourced_id FROM oneroster.line_items
       WHERE tenant_id = ${scope.tenantId} AND sourced_id = ANY(${idList(scope)})`),
  );
  return rows.map((r) => r.class_sourced_id);
}

/**
 * Retires the unused entry-type categories of the classes the narrowed entries were in (`before`) and are in now; of
 * every class when not narrowed. Returns how many.
 */
export async function retireUnusedEntryTypeCategories(
  tx: Tx,
  scope: Scope,
  before: readonly string[] | undefined,
): Promise<number> {
  const classes = scope.ids
    ? sql` AND (t.class_sourced_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(before ?? [])}::jsonb))
        OR t.class_sourced_id IN (SELECT li.class_sourced_id FROM oneroster.line_items li
                                   WHERE li.tenant_id = ${scope.tenantId} AND li.sourced_id = ANY(${idList(scope)})))`
    : sql``;
  const rows = rowsOf<{ n: number }>(
    await tx.execute(sql`
      WITH gone AS (
        UPDATE oneroster.categories t SET status = 'tobedeleted', date_last_modified = now()
         WHERE t.tenant_id = ${scope.tenantId} AND t.status = 'active' AND t.metadata->>'source' = 'edfi'
           AND jsonb_exists(t.metadata, 'gradebookEntryType')${classes}
           AND NOT EXISTS (SELECT 1 FROM oneroster.line_items li WHERE li.tenant_id = t.tenant_id
             AND li.category_sourced_id = t.sourced_id AND li.status = 'active')
        RETURNING 1)
      SELECT count(*)::int AS n FROM gone`),
  );
  return Number(rows[0]?.n ?? 0);
}
