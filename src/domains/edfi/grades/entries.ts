/** A section's gradebook entries (Ed-Fi GradebookEntry, OneRoster lineItem): added and changed by its teacher. */
import { sql } from 'drizzle-orm';
import { checkIfMatch } from '../../../platform/api/etag.js';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { gradebookEntry } from '../tables.js';
import { gradesErrors } from './errors.js';
import { categoriesOf, withEtag } from './gradebook.js';
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
  await expectInsideSession(work, section, { dateAssigned: e.dateAssigned, dueDate: e.dueDate });
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
  return withEtag({
    id: row!.id,
    title: e.title,
    description: e.description ?? null,
    categoryId: e.categoryId,
    gradingPeriod: period.code,
    dateAssigned: e.dateAssigned,
    dueDate: e.dueDate ?? null,
    maxPoints: e.maxPoints ?? null,
  });
}

async function expectCategoryOf(work: Work, section: SectionRow, categoryId: string) {
  const categories = await categoriesOf(work, section);
  if (!categories.some((c) => c.id === categoryId)) {
    throw gradesErrors.unknown_category(`Section ${section.sectionIdentifier} has no category ${categoryId}.`, {
      validationErrors: { categoryId: ['is not one of the section’s categories'] },
    });
  }
}

/**
 * The dates given lie within the section's session (its term: the class does not meet outside it). Only the dates
 * given are checked: an Ed-Fi client's entry dated elsewhere keeps its dates through a change of its other fields.
 */
async function expectInsideSession(
  work: Work,
  section: SectionRow,
  dates: { dateAssigned?: string; dueDate?: string | null },
) {
  const [session] = rowsOf<{ name: string; begin: string; end: string }>(
    await work.tx.execute(sql`
      SELECT sessionname AS name, begindate::text AS begin, enddate::text AS end FROM edfi.session
       WHERE tenant_id = ${work.tenantId} AND schoolid = ${section.schoolId} AND schoolyear = ${section.schoolYear}
         AND sessionname = ${section.sessionName}`),
  );
  if (!session) return;
  const outside = Object.entries(dates).filter(([, d]) => d && (d < session.begin || d > session.end));
  if (outside.length === 0) return;
  const reason = `must be within the session ${session.name} (${session.begin} to ${session.end})`;
  throw gradesErrors.date_outside_session(
    `Section ${section.sectionIdentifier} meets from ${session.begin} to ${session.end} (${session.name}).`,
    { validationErrors: Object.fromEntries(outside.map(([field]) => [field, [reason]])) },
  );
}

/**
 * Points possible may not be given to or taken from an entry once it has scores: they would silently change meaning
 * (18 points out of 20 read as 18 %, or 90 % as 90 points). Scoring takes a share lock on the entry (scores.ts), so a
 * score saved meanwhile is counted here.
 */
async function expectSameScale(
  work: Work,
  section: SectionRow,
  entryId: string,
  from: number | null,
  to: number | null | undefined,
) {
  if (to === undefined || (from === null) === (to === null)) return;
  const [row] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`
      SELECT count(*)::int AS n FROM edfi.gradebookentry g
        JOIN edfi.studentgradebookentry r ON r.tenant_id = g.tenant_id
         AND r.gradebookentryidentifier = g.gradebookentryidentifier AND r.namespace = g.namespace
       WHERE ${sameSection(work.tenantId, section, 'g')} AND g.id = ${entryId}::uuid
         AND coalesce(r.pointsearned, r.numericgradeearned) IS NOT NULL`),
  );
  const scored = Number(row?.n ?? 0);
  if (scored === 0) return;
  throw gradesErrors.entry_has_scores(`${scored} scores are entered on this entry; clear them first.`, {
    validationErrors: {
      maxPoints: [
        to === null
          ? `cannot be cleared once scores are entered (${scored})`
          : `cannot be set on an entry scored in percent (${scored} scores)`,
      ],
    },
  });
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
 * then leaves its entry-type category, which the projection retires when no other entry uses it). With `ifMatch`
 * (the If-Match header), the entry must still be as the caller read it: two teachers of a section editing the same
 * entry do not silently overwrite each other (412 precondition_failed; the entry is locked while compared).
 */
export async function updateEntry(work: Work, sectionId: string, entryId: string, input: unknown, ifMatch?: string) {
  const change = parseInput(entryChange, input);
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section);
  const before = await lockedEntry(work, section, entryId);
  checkIfMatch(ifMatch, withEtag(before).etag);
  if (change.categoryId !== undefined) await expectCategoryOf(work, section, change.categoryId);
  await expectInsideSession(work, section, { dateAssigned: change.dateAssigned, dueDate: change.dueDate });
  await expectSameScale(work, section, entryId, before.maxPoints, change.maxPoints);
  const after = { ...before, ...change };
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
    oldValues: before,
    newValues: change,
  });
  return withEtag(after);
}
