/**
 * The gradebook of a section: categories with weights, entries (Ed-Fi GradebookEntry) and the students'
 * scores (Ed-Fi StudentGradebookEntry) with exempt/late/missing flags. One model: the Ed-Fi API reads
 * these rows, and OneRoster's categories/lineItems/results are their projection, refreshed in the same
 * transaction (projection-hook.ts). This file reads it; categories.ts, entries.ts and scores.ts write it.
 *
 * Rules of every write: only the section's teacher (today) or staff allowed to write educational records of its
 * school; every write audited and projected to OneRoster before its audit row (projection-hook.ts).
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { etagOf } from '../../../platform/api/etag.js';
import { rowsOf } from '../../../platform/db/database.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { studentGradebookEntry } from '../tables.js';
import { gradebookQuery, type entryView, type GradebookView } from './gradebook.schema.js';
import {
  gradingPeriodOf,
  gradingPeriodsOf,
  rosterBetween,
  sameSection,
  sectionById,
  sectionKeysOf,
  type SectionRow,
} from './section.js';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function categoriesOf(work: Work, section: SectionRow) {
  const rows = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT k.id, k.name, k.weightpercent, k.droplowest FROM edfi.gradebookcategory k
       WHERE ${sameSection(work.tenantId, section, 'k')} ORDER BY k.created_at, k.name`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    weightPercent: Number(r.weightpercent),
    dropLowest: Number(r.droplowest),
  }));
}

type EntryFields = Omit<z.output<typeof entryView>, 'etag'>;

/**
 * An entry as the API shows it, with its ETag: a hash of exactly the fields shown (the gradebook's list and
 * a change's answer give the same one), so any change to any of them changes it.
 */
export function withEtag(entry: EntryFields): z.output<typeof entryView> {
  const { id, title, description, categoryId, gradingPeriod, dateAssigned, dueDate, maxPoints } = entry;
  const shown = { id, title, description, categoryId, gradingPeriod, dateAssigned, dueDate, maxPoints };
  return { ...shown, etag: etagOf(shown) };
}

/** The section's entries (optionally of one period) and every score on them. */
export async function entriesAndScores(work: Work, section: SectionRow, periodDescriptorId?: number) {
  const period =
    periodDescriptorId === undefined ? sql`` : sql` AND g.gradingperioddescriptorid = ${periodDescriptorId}`;
  const entries = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.id, g.title, g.description, g.categoryid, d.codevalue AS period, g.gradingperioddescriptorid AS periodid,
             g.dateassigned::text AS assigned, g.duedate::text AS due, g.maxpoints
        FROM edfi.gradebookentry g LEFT JOIN edfi.descriptor d ON d.descriptorid = g.gradingperioddescriptorid
       WHERE ${sameSection(work.tenantId, section, 'g')}${period}
       ORDER BY g.dateassigned, g.title, g.id`),
  );
  const scores = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.id AS entryid, r.studentusi, coalesce(r.pointsearned, r.numericgradeearned) AS points,
             r.exempt, r.late, r.missing, r.diagnosticstatement AS comment
        FROM edfi.gradebookentry g
        JOIN edfi.studentgradebookentry r ON r.tenant_id = g.tenant_id
         AND r.gradebookentryidentifier = g.gradebookentryidentifier AND r.namespace = g.namespace
       WHERE ${sameSection(work.tenantId, section, 'g')}${period}`),
  );
  return {
    entries: entries.map((e) => ({
      id: String(e.id),
      title: String(e.title),
      description: (e.description as string | null) ?? null,
      categoryId: (e.categoryid as string | null) ?? null,
      gradingPeriod: (e.period as string | null) ?? null,
      gradingPeriodId: num(e.periodid),
      dateAssigned: String(e.assigned),
      dueDate: (e.due as string | null) ?? null,
      maxPoints: num(e.maxpoints),
    })),
    scores: scores.map((s) => ({
      entryId: String(s.entryid),
      studentUsi: Number(s.studentusi),
      points: num(s.points),
      exempt: Boolean(s.exempt),
      late: Boolean(s.late),
      missing: Boolean(s.missing),
      comment: (s.comment as string | null) ?? null,
    })),
  };
}

/** The section's gradebook: categories, entries, roster and scores (optionally one grading period). */
export async function sectionGradebook(work: Work, sectionId: string, query: unknown = {}): Promise<GradebookView> {
  const { gradingPeriod } = parseInput(gradebookQuery, query);
  const section = await sectionById(work, sectionId);
  await work.authorize(studentGradebookEntry, 'read', { sectionKeys: sectionKeysOf(section) });
  const periods = await gradingPeriodsOf(work, section);
  const period = gradingPeriod ? await gradingPeriodOf(work, section, gradingPeriod) : undefined;
  const from = period?.beginDate ?? periods[0]?.beginDate ?? `${section.schoolYear - 1}-07-01`;
  const to = period?.endDate ?? periods.at(-1)?.endDate ?? `${section.schoolYear}-06-30`;
  const { entries, scores } = await entriesAndScores(work, section, period?.descriptorId);
  const students = await rosterBetween(work, section, from, to);
  return {
    sectionId: section.id,
    sectionIdentifier: section.sectionIdentifier,
    sectionName: section.sectionName,
    schoolId: section.schoolId,
    gradingPeriods: periods.map((p) => ({ code: p.code, beginDate: p.beginDate, endDate: p.endDate })),
    categories: await categoriesOf(work, section),
    entries: entries.map(withEtag),
    students: students.map(({ beginDate: _, ...s }) => s),
    scores,
  };
}
