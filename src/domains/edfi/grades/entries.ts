/** A section's gradebook entries (Ed-Fi GradebookEntry, OneRoster lineItem): added and changed by its teacher. */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { gradebookEntry } from '../tables.js';
import { gradesErrors } from './errors.js';
import { categoriesOf } from './gradebook.js';
import { projectGradebook } from './projection-hook.js';
import { entryChange, entryInput } from './gradebook.schema.js';
import { GRADING_DEFAULTS } from './schemas.js';
import {
  authorizeGradebookWrite,
  gradingPeriodOf,
  sameSection,
  sectionById,
  sectionKeysOf,
  type SectionRow,
} from './section.js';

/** Adds an entry (assignment, quiz, test…) to the section's gradebook in a category and grading period. */
export async function createEntry(work: Work, sectionId: string, input: unknown) {
  const e = parseInput(entryInput, input);
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section);
  const period = await gradingPeriodOf(work, section, e.gradingPeriod);
  await expectCategoryOf(work, section, e.categoryId);
  const identifier = `SCH-${crypto.randomUUID().slice(0, 18)}`;
  const [row] = await work.tx
    .insert(gradebookEntry)
    .values({
      tenantId: work.tenantId,
      gradebookEntryIdentifier: identifier,
      namespace: GRADING_DEFAULTS.namespace,
      title: e.title,
      description: e.description ?? null,
      dateAssigned: e.dateAssigned,
      dueDate: e.dueDate ?? null,
      ...sectionKeysOf(section),
      maxPoints: e.maxPoints ?? null,
      gradingPeriodDescriptorId: period.descriptorId,
      categoryId: e.categoryId,
    })
    .returning({ id: gradebookEntry.id });
  await projectGradebook(work, 'gradebookEntries', [row!.id]);
  await work.audit({ table: gradebookEntry, recordId: row!.id, operation: 'INSERT', newValues: { ...e, identifier } });
  return {
    id: row!.id,
    title: e.title,
    categoryId: e.categoryId,
    gradingPeriod: period.code,
    dateAssigned: e.dateAssigned,
    dueDate: e.dueDate ?? null,
    maxPoints: e.maxPoints ?? null,
  };
}

async function expectCategoryOf(work: Work, section: SectionRow, categoryId: string) {
  const categories = await categoriesOf(work, section);
  if (!categories.some((c) => c.id === categoryId)) {
    throw gradesErrors.unknown_category(`Section ${section.sectionIdentifier} has no category ${categoryId}.`, {
      validationErrors: { categoryId: ['is not one of the section’s categories'] },
    });
  }
}

/** The entry's fields as the API shows them (locked: the caller changes it). */
async function lockedEntry(work: Work, section: SectionRow, entryId: string) {
  const [row] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.title, g.description, g.categoryid::text AS "categoryId", d.codevalue AS "gradingPeriod",
             g.dateassigned::text AS "dateAssigned", g.duedate::text AS "dueDate", g.maxpoints AS "maxPoints"
        FROM edfi.gradebookentry g LEFT JOIN edfi.descriptor d ON d.descriptorid = g.gradingperioddescriptorid
       WHERE ${sameSection(work.tenantId, section, 'g')} AND g.id = ${entryId}::uuid
         FOR UPDATE OF g`),
  );
  if (!row) throw new AppError('not_found', `Section ${section.sectionIdentifier} has no gradebook entry ${entryId}.`);
  return {
    id: entryId,
    title: String(row.title),
    description: (row.description as string | null) ?? null,
    categoryId: (row.categoryId as string | null) ?? null,
    gradingPeriod: (row.gradingPeriod as string | null) ?? null,
    dateAssigned: String(row.dateAssigned),
    dueDate: (row.dueDate as string | null) ?? null,
    maxPoints: row.maxPoints === null || row.maxPoints === undefined ? null : Number(row.maxPoints),
  };
}

/**
 * Changes an entry's fields; a category files it under one of the section's categories (an Ed-Fi client's entry
 * then leaves its entry-type category, which the projection retires when no other entry uses it).
 */
export async function updateEntry(work: Work, sectionId: string, entryId: string, input: unknown) {
  const change = parseInput(entryChange, input);
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section);
  const { description: oldDescription, ...before } = await lockedEntry(work, section, entryId);
  if (change.categoryId !== undefined) await expectCategoryOf(work, section, change.categoryId);
  const after = { ...before, description: oldDescription, ...change };
  if (after.dueDate && after.dueDate < after.dateAssigned) {
    throw AppError.validation({ dueDate: ['must not be before dateAssigned'] });
  }
  await work.tx.execute(sql`
    UPDATE edfi.gradebookentry SET title = ${after.title}, description = ${after.description},
           categoryid = ${after.categoryId}::uuid, dateassigned = ${after.dateAssigned}::date,
           duedate = ${after.dueDate}::date, maxpoints = ${after.maxPoints}, lastmodifieddate = now()
     WHERE tenant_id = ${work.tenantId} AND id = ${entryId}::uuid`);
  await projectGradebook(work, 'gradebookEntries', [entryId]);
  await work.audit({
    table: gradebookEntry,
    recordId: entryId,
    operation: 'UPDATE',
    oldValues: { ...before, description: oldDescription },
    newValues: change,
  });
  const { description: _, ...view } = after;
  return view;
}
