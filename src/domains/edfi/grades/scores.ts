/**
 * Students' scores on a gradebook entry (Ed-Fi StudentGradebookEntry, OneRoster result) with exempt/late/missing
 * flags: only for students enrolled in the section at some time of the entry's grading period. A score is one upsert
 * per student (ON CONFLICT on its key), so concurrent saves of the same cell leave exactly one of them. The entry is
 * share-locked: a change of its points possible (entries.ts, which counts its scores) waits for the scores saved.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { studentGradebookEntry } from '../tables.js';
import { gradesErrors } from './errors.js';
import { projectGradebook } from './projection-hook.js';
import { scoresInput } from './gradebook.schema.js';
import { authorizeGradebookWrite, rosterBetween, sameSection, sectionById } from './section.js';

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
       WHERE ${sameSection(work.tenantId, section, 'g')} AND g.id = ${entryId}::uuid
         FOR SHARE OF g`),
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
