/** A section's gradebook categories (weights, drop-lowest), set as a whole. */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { gradebookCategory } from '../tables.js';
import { gradesErrors } from './errors.js';
import { categoriesOf } from './gradebook.js';
import { projectGradebook } from './projection-hook.js';
import { categoriesInput } from './gradebook.schema.js';
import { authorizeGradebookWrite, sectionById, sectionKeysOf } from './section.js';

/**
 * Sets the section's categories (by name: new ones added, listed ones updated, unlisted ones removed —
 * a category an entry still uses cannot be removed).
 */
export async function setCategories(work: Work, sectionId: string, input: unknown) {
  const { categories } = parseInput(categoriesInput, input);
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section);
  const before = await categoriesOf(work, section);
  const keep = new Set(categories.map((c) => c.name.toLowerCase()));
  const removed = before.filter((c) => !keep.has(c.name.toLowerCase()));
  if (removed.length > 0) {
    const removedIds = `{${removed.map((c) => c.id).join(',')}}`;
    const used = rowsOf<{ name: string }>(
      await work.tx.execute(sql`
        SELECT DISTINCT k.name FROM edfi.gradebookentry g JOIN edfi.gradebookcategory k
          ON k.tenant_id = g.tenant_id AND k.id = g.categoryid
         WHERE g.tenant_id = ${work.tenantId} AND g.categoryid = ANY(${removedIds}::uuid[])`),
    );
    if (used.length > 0) {
      throw gradesErrors.category_in_use(
        `Categories still used by gradebook entries: ${used.map((u) => u.name).join(', ')}.`,
      );
    }
    await work.tx.execute(sql`
      DELETE FROM edfi.gradebookcategory WHERE tenant_id = ${work.tenantId}
         AND id = ANY(${removedIds}::uuid[])`);
  }
  for (const c of categories) {
    const existing = before.find((b) => b.name.toLowerCase() === c.name.toLowerCase());
    if (existing) {
      await work.tx.execute(sql`
        UPDATE edfi.gradebookcategory
           SET name = ${c.name}, weightpercent = ${c.weightPercent}, droplowest = ${c.dropLowest}
         WHERE tenant_id = ${work.tenantId} AND id = ${existing.id}::uuid`);
    } else {
      await work.tx.insert(gradebookCategory).values({
        tenantId: work.tenantId,
        ...sectionKeysOf(section),
        name: c.name,
        weightPercent: c.weightPercent,
        dropLowest: c.dropLowest,
      });
    }
  }
  const after = await categoriesOf(work, section);
  await projectGradebook(
    work,
    'gradebookCategories',
    after.map((c) => c.id),
  );
  if (removed.length > 0)
    await projectGradebook(
      work,
      'gradebookCategories',
      removed.map((c) => c.id),
      true,
    );
  await work.audit({
    table: gradebookCategory,
    recordId: section.id,
    operation: before.length === 0 ? 'INSERT' : 'UPDATE',
    oldValues: before.length === 0 ? undefined : { categories: before },
    newValues: { categories: after },
  });
  return { sectionId: section.id, categories: after };
}
