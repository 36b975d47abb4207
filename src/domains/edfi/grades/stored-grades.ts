/**
 * A section's stored grades of one target (a grading period's period grades, or the final grades on the school
 * year's last grading period) and how the API shows them.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { Work } from '../../../platform/service/work.js';
import { gradesErrors } from './errors.js';
import { GRADING_DEFAULTS } from './schemas.js';
import {
  descriptorId,
  gradingPeriodOf,
  gradingPeriodsOf,
  sameSection,
  type PeriodRow,
  type SectionRow,
} from './section.js';

export const FINAL = 'final';

export interface Target {
  period: PeriodRow;
  gradeTypeId: number;
  gradeType: string;
  from: string;
  to: string;
  final: boolean;
}

export async function targetOf(work: Work, section: SectionRow, gradingPeriod: string): Promise<Target> {
  const final = gradingPeriod.toLowerCase() === FINAL;
  const periods = await gradingPeriodsOf(work, section);
  if (final) {
    const last = periods.at(-1);
    if (!last) throw gradesErrors.unknown_grading_period(`School ${section.schoolId} has no grading periods.`);
    return {
      period: last,
      gradeType: GRADING_DEFAULTS.finalGradeType,
      gradeTypeId: await descriptorId(work, 'GradeTypeDescriptor', GRADING_DEFAULTS.finalGradeType),
      from: periods[0]!.beginDate,
      to: last.endDate,
      final,
    };
  }
  const period = await gradingPeriodOf(work, section, gradingPeriod);
  return {
    period,
    gradeType: GRADING_DEFAULTS.periodGradeType,
    gradeTypeId: await descriptorId(work, 'GradeTypeDescriptor', GRADING_DEFAULTS.periodGradeType),
    from: period.beginDate,
    to: period.endDate,
    final,
  };
}

/** The stored grades of a section for a target, with the students' names. */
export async function storedGrades(work: Work, section: SectionRow, t: Target) {
  return rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.id::text AS id, g.studentusi, s.firstname || ' ' || s.lastsurname AS name, g.numericgradeearned AS pct,
             g.computedlettergrade AS computed, g.lettergradeearned AS letter, g.overriddenat IS NOT NULL AS overridden,
             g.overridereason AS reason, g.diagnosticstatement AS comment
        FROM edfi.grade g JOIN edfi.student s ON s.tenant_id = g.tenant_id AND s.studentusi = g.studentusi
       WHERE ${sameSection(work.tenantId, section, 'g')} AND g.gradingperioddescriptorid = ${t.period.descriptorId}
         AND g.gradingperiodschoolid = ${section.schoolId} AND g.gradingperiodschoolyear = ${section.schoolYear}
         AND g.gradetypedescriptorid = ${t.gradeTypeId}
       ORDER BY name, g.studentusi`),
  );
}

export const viewOf = (row: Record<string, unknown>) => ({
  studentUsi: Number(row.studentusi),
  name: String(row.name),
  percent: row.pct === null ? null : Number(row.pct),
  computedLetter: (row.computed as string | null) ?? null,
  letter: (row.letter as string | null) ?? null,
  overridden: Boolean(row.overridden),
  overrideReason: (row.reason as string | null) ?? null,
  comment: (row.comment as string | null) ?? null,
});
