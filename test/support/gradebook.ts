/** Test helper: empties a section's gradebook and grades (the demo seeds one), both faces. Tests only. */
import type { TestDatabase } from './db.js';

export async function clearSectionGradebook(database: TestDatabase, tenantId: string, sectionId: string) {
  const section = `SELECT sectionidentifier, localcoursecode, schoolid, schoolyear FROM edfi.section
                    WHERE tenant_id = $1 AND id = $2::uuid`;
  await database.query(
    `DELETE FROM oneroster.results WHERE tenant_id = $1 AND line_item_sourced_id IN (
       SELECT sourced_id FROM oneroster.line_items WHERE tenant_id = $1 AND class_sourced_id = $2)`,
    [tenantId, sectionId],
  );
  await database.query(`DELETE FROM oneroster.line_items WHERE tenant_id = $1 AND class_sourced_id = $2`, [
    tenantId,
    sectionId,
  ]);
  await database.query(
    `DELETE FROM edfi.studentgradebookentry r USING edfi.gradebookentry g
      WHERE r.tenant_id = g.tenant_id AND r.gradebookentryidentifier = g.gradebookentryidentifier
        AND r.namespace = g.namespace
        AND g.tenant_id = $1 AND (g.sectionidentifier, g.localcoursecode, g.schoolid, g.schoolyear) IN (${section})`,
    [tenantId, sectionId],
  );
  for (const table of ['gradebookentry', 'grade']) {
    await database.query(
      `DELETE FROM edfi.${table} WHERE tenant_id = $1
          AND (sectionidentifier, localcoursecode, schoolid, schoolyear) IN (${section})`,
      [tenantId, sectionId],
    );
  }
}
