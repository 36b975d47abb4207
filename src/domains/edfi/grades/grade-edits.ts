/**
 * A teacher's edits of a computed grade: an override of the letter (with a reason, audited; it survives
 * recomputation) and a comment (printed on the report card). Both project the grade's OneRoster result before the
 * audit row, as every gradebook write does.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { grade } from '../tables.js';
import { gradesErrors } from './errors.js';
import { policyOf } from './policy.js';
import { projectGradebook } from './projection-hook.js';
import { levelOfLetter } from './rules.js';
import { commentInput, overrideInput } from './schemas.js';
import { authorizeGradebookWrite, sameSection, sectionById, type SectionRow } from './section.js';
import { FINAL, storedGrades, targetOf, viewOf, type Target } from './stored-grades.js';
import { writeTranscripts } from './transcripts.js';

/** A teacher overrides a student's letter with a reason (null letter: back to the computed one). */
export async function overrideGrade(
  work: Work,
  sectionId: string,
  gradingPeriod: string,
  studentUsi: number,
  input: unknown,
) {
  const { letter, reason } = parseInput(overrideInput, input);
  if (letter !== null && !reason) throw AppError.validation({ reason: ['is required to override a grade'] });
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section, grade);
  const t = await targetOf(work, section, gradingPeriod);
  const policy = await policyOf(work, section.schoolId);
  const level = letter === null ? undefined : levelOfLetter(policy.scale, letter);
  if (letter !== null && !level) {
    throw gradesErrors.letter_not_on_scale(`"${letter}" is not on school ${section.schoolId}'s scale.`, {
      validationErrors: { letter: [`must be one of ${policy.scale.map((l) => l.letter).join(', ')}`] },
    });
  }
  const [old] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT lettergradeearned AS letter, overridereason AS reason FROM edfi.grade g
       WHERE ${sameSection(work.tenantId, section, 'g')} AND g.studentusi = ${studentUsi}
         AND g.gradingperioddescriptorid = ${t.period.descriptorId} AND g.gradetypedescriptorid = ${t.gradeTypeId}
       FOR UPDATE`),
  );
  if (!old)
    throw new AppError('not_found', `No ${t.gradeType} grade of student ${studentUsi} yet: compute the grades first.`);
  await work.tx.execute(sql`
    UPDATE edfi.grade g SET
      lettergradeearned = ${level ? level.letter : sql`g.computedlettergrade`},
      overridereason = ${level ? reason! : null}, overriddenby = ${level ? work.principal.actorId : null},
      overriddenat = ${level ? work.now.toISOString() : null}::timestamptz, lastmodifieddate = now()
     WHERE ${sameSection(work.tenantId, section, 'g')} AND g.studentusi = ${studentUsi}
       AND g.gradingperioddescriptorid = ${t.period.descriptorId} AND g.gradetypedescriptorid = ${t.gradeTypeId}`);
  if (t.final) await writeTranscripts(work, section, t, studentUsi);
  const view = await projectedView(work, section, t, studentUsi); // before the audit row (computeSectionGrades)
  await work.audit({
    table: grade,
    recordId: `${section.id}:${t.final ? FINAL : t.period.code}:${studentUsi}`,
    operation: 'UPDATE',
    oldValues: { letter: old.letter, overrideReason: old.reason },
    newValues: { letter: level?.letter ?? null, overrideReason: reason ?? null },
  });
  return view;
}

/** The teacher's comment on a student's grade (shown on the report card). */
export async function commentGrade(
  work: Work,
  sectionId: string,
  gradingPeriod: string,
  studentUsi: number,
  input: unknown,
) {
  const { comment } = parseInput(commentInput, input);
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section, grade);
  const t = await targetOf(work, section, gradingPeriod);
  const updated = rowsOf(
    await work.tx.execute(sql`
      UPDATE edfi.grade g SET diagnosticstatement = ${comment || null}, lastmodifieddate = now()
       WHERE ${sameSection(work.tenantId, section, 'g')} AND g.studentusi = ${studentUsi}
         AND g.gradingperioddescriptorid = ${t.period.descriptorId} AND g.gradetypedescriptorid = ${t.gradeTypeId}
      RETURNING 1`),
  );
  if (updated.length === 0)
    throw new AppError('not_found', `No grade of student ${studentUsi} yet: compute the grades first.`);
  const view = await projectedView(work, section, t, studentUsi); // before the audit row (computeSectionGrades)
  await work.audit({
    table: grade,
    recordId: `${section.id}:${t.final ? FINAL : t.period.code}:${studentUsi}`,
    operation: 'UPDATE',
    newValues: { comment },
  });
  return view;
}

/** A student's grade as stored, after projecting it to OneRoster (its result) in the same unit of work. */
async function projectedView(work: Work, section: SectionRow, t: Target, studentUsi: number) {
  const row = (await storedGrades(work, section, t)).find((r) => Number(r.studentusi) === studentUsi)!;
  await projectGradebook(work, 'grades', [String(row.id)]);
  return viewOf(row);
}
