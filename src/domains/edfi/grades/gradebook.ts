/**
 * The gradebook of a section: categories with weights, entries (Ed-Fi GradebookEntry) and the students'
 * scores (Ed-Fi StudentGradebookEntry) with exempt/late/missing flags. One model: the Ed-Fi API reads
 * these rows, and OneRoster's categories/lineItems/results are their projection, refreshed in the same
 * transaction (projection-hook.ts).
 *
 * Rules: only the section's teacher (today) or staff allowed to write educational records of its school;
 * scores only for students enrolled in the section at some time of the entry's grading period; every
 * write audited. A score is one upsert per student (ON CONFLICT on its key), so concurrent saves of the
 * same cell leave exactly one of them.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { gradebookCategory, gradebookEntry, studentGradebookEntry } from '../tables.js';
import { gradesErrors } from './errors.js';
import { projectGradebook } from './projection-hook.js';
import {
  categoriesInput,
  entryInput,
  GRADING_DEFAULTS,
  gradebookQuery,
  scoresInput,
  type GradebookView,
} from './schemas.js';
import {
  authorizeGradebookWrite,
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

/** The section's entries (optionally of one period) and every score on them. */
export async function entriesAndScores(work: Work, section: SectionRow, periodDescriptorId?: number) {
  const period =
    periodDescriptorId === undefined ? sql`` : sql` AND g.gradingperioddescriptorid = ${periodDescriptorId}`;
  const entries = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.id, g.title, g.categoryid, d.codevalue AS period, g.gradingperioddescriptorid AS periodid,
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
    entries: entries.map(({ gradingPeriodId: _, ...e }) => e),
    students: students.map(({ beginDate: _, ...s }) => s),
    scores,
  };
}

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

/** Adds an entry (assignment, quiz, test…) to the section's gradebook in a category and grading period. */
export async function createEntry(work: Work, sectionId: string, input: unknown) {
  const e = parseInput(entryInput, input);
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section);
  const period = await gradingPeriodOf(work, section, e.gradingPeriod);
  const categories = await categoriesOf(work, section);
  if (!categories.some((c) => c.id === e.categoryId)) {
    throw gradesErrors.unknown_category(`Section ${section.sectionIdentifier} has no category ${e.categoryId}.`, {
      validationErrors: { categoryId: ['is not one of the section’s categories'] },
    });
  }
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

/** Records students' scores on an entry (each an upsert; points null clears the score). */
export async function recordScores(work: Work, sectionId: string, entryId: string, input: unknown) {
  const { scores } = parseInput(scoresInput, input);
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section, studentGradebookEntry);
  const [entry] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.gradebookentryidentifier AS ident, g.namespace, gp.begindate::text AS b, gp.enddate::text AS e
        FROM edfi.gradebookentry g
        LEFT JOIN edfi.gradingperiod gp ON gp.tenant_id = g.tenant_id
         AND gp.gradingperioddescriptorid = g.gradingperioddescriptorid
         AND gp.schoolid = g.schoolid AND gp.schoolyear = g.schoolyear
       WHERE ${sameSection(work.tenantId, section, 'g')} AND g.id = ${entryId}::uuid`),
  );
  if (!entry)
    throw new AppError('not_found', `Section ${section.sectionIdentifier} has no gradebook entry ${entryId}.`);
  const roster = await rosterBetween(
    work,
    section,
    (entry.b as string | null) ?? `${section.schoolYear - 1}-07-01`,
    (entry.e as string | null) ?? `${section.schoolYear}-06-30`,
  );
  const enrolled = new Set(roster.map((s) => s.studentUsi));
  const strangers = scores.flatMap((s, i) => (enrolled.has(s.studentUsi) ? [] : [[i, s.studentUsi] as const]));
  if (strangers.length > 0) {
    throw gradesErrors.student_not_enrolled(
      `Not enrolled in section ${section.sectionIdentifier}: ${strangers.map(([, u]) => u).join(', ')}.`,
      {
        validationErrors: Object.fromEntries(
          strangers.map(([i]) => [`scores.${i}.studentUsi`, ['is not enrolled in the section']]),
        ),
      },
    );
  }
  const payload = JSON.stringify(scores.map((s) => ({ ...s, comment: s.comment ?? null })));
  const written = rowsOf<{ id: string; studentusi: number; old: Record<string, unknown> | null }>(
    await work.tx.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${payload}::jsonb)
          AS x("studentUsi" int, points numeric, exempt boolean, late boolean, missing boolean, comment text)),
      old AS (
        SELECT r.studentusi,
               jsonb_build_object('points', coalesce(r.pointsearned, r.numericgradeearned), 'exempt', r.exempt,
                                  'late', r.late, 'missing', r.missing) AS old
          FROM edfi.studentgradebookentry r
         WHERE r.tenant_id = ${work.tenantId} AND r.gradebookentryidentifier = ${entry.ident as string}
           AND r.namespace = ${entry.namespace as string})
      INSERT INTO edfi.studentgradebookentry AS r
             (tenant_id, studentusi, gradebookentryidentifier, namespace, datefulfilled,
              pointsearned, numericgradeearned, exempt, late, missing, diagnosticstatement)
      SELECT ${work.tenantId}, i."studentUsi", ${entry.ident as string}, ${entry.namespace as string},
             CASE WHEN i.points IS NOT NULL THEN ${work.now.toISOString()}::timestamptz END,
             i.points, i.points, i.exempt, i.late, i.missing, i.comment
        FROM input i
      ON CONFLICT (tenant_id, studentusi, gradebookentryidentifier, namespace) DO UPDATE SET
        pointsearned = EXCLUDED.pointsearned, numericgradeearned = EXCLUDED.numericgradeearned,
        exempt = EXCLUDED.exempt, late = EXCLUDED.late, missing = EXCLUDED.missing,
        diagnosticstatement = coalesce(EXCLUDED.diagnosticstatement, r.diagnosticstatement),
        datefulfilled = coalesce(EXCLUDED.datefulfilled, r.datefulfilled), lastmodifieddate = now()
      RETURNING r.id::text AS id, r.studentusi, (SELECT o.old FROM old o WHERE o.studentusi = r.studentusi) AS old`),
  );
  await projectGradebook(
    work,
    'studentGradebookEntries',
    written.map((w) => w.id),
  );
  await work.audit({
    table: studentGradebookEntry,
    recordId: entryId,
    operation: written.some((w) => w.old) ? 'UPDATE' : 'INSERT',
    oldValues: Object.fromEntries(written.filter((w) => w.old).map((w) => [w.studentusi, w.old])),
    newValues: Object.fromEntries(scores.map((s) => [s.studentUsi, s])),
  });
  return { entryId, saved: written.length };
}
