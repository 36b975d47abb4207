/**
 * The library catalogue: titles and the copies the school owns. `available_copies` is changed here only
 * with the copies on loan kept (owned − on loan); lending and returns change it in service.ts.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { libraryErrors } from './errors.js';
import { addResourceInput, updateResourceInput, type AddResourceInput, type ResourceView } from './schemas.js';
import { resources } from './tables.js';

type ResourceRow = typeof resources.$inferSelect;

function resourceView(row: ResourceRow): ResourceView {
  return {
    resourceId: row.resourceId,
    title: row.title,
    author: row.author,
    isbn: row.isbn,
    totalCopies: row.totalCopies ?? 0,
    availableCopies: row.availableCopies ?? 0,
    isActive: row.isActive ?? true,
  };
}

/** Adds a title to the catalogue with its copies (all on the shelf). */
export async function addResource(work: Work, input: AddResourceInput): Promise<ResourceView> {
  const { copies, ...data } = parseInput(addResourceInput, input);
  await work.authorize(resources, 'write');
  const [row] = await work.tx
    .insert(resources)
    .values({ tenantId: work.tenantId, ...data, totalCopies: copies, availableCopies: copies, isActive: true })
    .returning();
  const view = resourceView(row!);
  await work.audit({ table: resources, recordId: view.resourceId, operation: 'INSERT', newValues: view });
  return view;
}

/** Changes the copies owned (never below those on loan), the shelf, or withdraws/reinstates a title. */
export async function updateResource(work: Work, resourceId: number, input: unknown): Promise<ResourceView> {
  const data = parseInput(updateResourceInput, input);
  await work.authorize(resources, 'write');
  const [before] = await work.tx
    .select()
    .from(resources)
    .where(and(eq(resources.tenantId, work.tenantId), eq(resources.resourceId, resourceId)))
    .for('update');
  if (!before) throw new AppError('not_found', `No library item ${resourceId}.`);
  const owned = before.totalCopies ?? 0;
  const onLoan = owned - (before.availableCopies ?? 0);
  const total = data.totalCopies ?? owned;
  if (total < onLoan) {
    throw libraryErrors.copies_on_loan(`${onLoan} copies of "${before.title}" are on loan: own at least that many.`, {
      onLoan,
    });
  }
  const [after] = await work.tx
    .update(resources)
    .set({
      totalCopies: total,
      availableCopies: total - onLoan,
      ...(data.isActive !== undefined ? { isActive: data.isActive } : {}),
      ...(data.location !== undefined ? { location: data.location } : {}),
    })
    .where(and(eq(resources.tenantId, work.tenantId), eq(resources.resourceId, resourceId)))
    .returning();
  const view = resourceView(after!);
  await work.audit({
    table: resources,
    recordId: resourceId,
    operation: 'UPDATE',
    oldValues: resourceView(before),
    newValues: view,
  });
  return view;
}
