/**
 * Period and final grades (Ed-Fi Grade rows) computed from the gradebook by the rules in rules.ts and
 * the school's scale (policy.ts); final grades feed the course transcript (transcripts.ts); a teacher's
 * override of the letter and comment are in grade-edits.ts.
 *
 * - A period grade ('Grading Period' GradeType) counts the entries of that grading period; the final
 *   grade ('Final', stored on the school year's last grading period) counts every entry of the section.
 * - Recomputing never undoes an override: the upsert keeps an overridden letter in the same statement
 *   (ON CONFLICT … CASE WHEN overriddenat IS NOT NULL), so a recompute racing an override keeps it.
 * - Credits attempted are the section's availableCredits (1 when it has none); earned when the final
 *   letter is passing on the school's scale.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { Work } from '../../../platform/service/work.js';
import { lockAll } from '../attendance/events.js';
import { grade } from '../tables.js';
import { categoriesOf, entriesAndScores } from './gradebook.js';
import { policyOf } from './policy.js';
import { projectGradebook } from './projection-hook.js';
import { levelFor, periodGrade } from './rules.js';
import type { PeriodGradesView } from './schemas.js';
import { authorizeGradebookWrite, rosterBetween, sectionById, sectionKeysOf, type SectionRow } from './section.js';
import { FINAL, storedGrades, targetOf, viewOf } from './stored-grades.js';
import { writeTranscripts } from './transcripts.js';

/** The grades of a section for a grading period (or `final`) as stored. */
export async function sectionGrades(work: Work, sectionId: string, gradingPeriod: string): Promise<PeriodGradesView> {
  const section = await sectionById(work, sectionId);
  await work.authorize(grade, 'read', { sectionKeys: sectionKeysOf(section) });
  const t = await targetOf(work, section, gradingPeriod);
  return {
    sectionId: section.id,
    gradingPeriod: t.final ? FINAL : t.period.code,
    gradeType: t.gradeType,
    grades: (await storedGrades(work, section, t)).map(viewOf),
  };
}

/** Computes (or recomputes) the section's grades for a grading period, or its final grades and transcripts. */
export async function computeGrades(work: Work, sectionId: string, gradingPeriod: string): Promise<PeriodGradesView> {
  const section = await sectionById(work, sectionId);
  await authorizeGradebookWrite(work, section, grade);
  return computeSectionGrades(work, section, gradingPeriod);
}

/** computeGrades without the authorization (the caller checked it: a whole-school job, the bench). */
export async function computeSectionGrades(work: Work, section: SectionRow, gradingPeriod: string) {
  const t = await targetOf(work, section, gradingPeriod);
  await lockAll(work, [`grades:${work.tenantId}:${section.id}:${t.gradeTypeId}:${t.period.descriptorId}`]);
  const policy = await policyOf(work, section.schoolId);
  const categories = await categoriesOf(work, section);
  const { entries, scores } = await entriesAndScores(work, section, t.final ? undefined : t.period.descriptorId);
  const roster = await rosterBetween(work, section, t.from, t.to);
  const before = new Map((await storedGrades(work, section, t)).map((r) => [Number(r.studentusi), viewOf(r)]));
  const computed = roster.map((s) => {
    const items = entries.map((e) => {
      const score = scores.find((x) => x.entryId === e.id && x.studentUsi === s.studentUsi);
      return {
        entryId: e.id,
        categoryId: e.categoryId,
        maxPoints: e.maxPoints,
        points: score?.points ?? null,
        exempt: score?.exempt ?? false,
        missing: score?.missing ?? false,
      };
    });
    const result = periodGrade(categories, items);
    const letter = result.percent === null ? null : levelFor(policy.scale, result.percent).letter;
    return { student: s, percent: result.percent, letter, categories: result.categories };
  });
  const graded = computed.filter((c) => c.percent !== null);
  if (graded.length > 0) {
    const payload = JSON.stringify(
      graded.map((c) => ({ usi: c.student.studentUsi, begin: c.student.beginDate, pct: c.percent, letter: c.letter })),
    );
    await work.tx.execute(sql`
      INSERT INTO edfi.grade AS g (tenant_id, studentusi, localcoursecode, schoolid, schoolyear, sectionidentifier,
             gradingperioddescriptorid, gradingperiodschoolid, gradingperiodschoolyear, begindate,
             gradetypedescriptorid, numericgradeearned, lettergradeearned, computednumericgrade, computedlettergrade)
      SELECT ${work.tenantId}, x.usi, ${section.localCourseCode}, ${section.schoolId}, ${section.schoolYear},
             ${section.sectionIdentifier}, ${t.period.descriptorId}, ${section.schoolId}, ${section.schoolYear},
             x.begin, ${t.gradeTypeId}, x.pct, x.letter, x.pct, x.letter
        FROM jsonb_to_recordset(${payload}::jsonb) AS x(usi int, begin date, pct numeric, letter text)
      ON CONFLICT (tenant_id, studentusi, localcoursecode, schoolid, schoolyear, sectionidentifier,
                   gradingperioddescriptorid, gradingperiodschoolid, gradingperiodschoolyear, begindate,
                   gradetypedescriptorid) DO UPDATE SET
        numericgradeearned = EXCLUDED.numericgradeearned, computednumericgrade = EXCLUDED.computednumericgrade,
        computedlettergrade = EXCLUDED.computedlettergrade,
        lettergradeearned = CASE WHEN g.overriddenat IS NOT NULL THEN g.lettergradeearned
                                 ELSE EXCLUDED.lettergradeearned END,
        lastmodifieddate = now()
      WHERE (g.numericgradeearned, g.computedlettergrade)
            IS DISTINCT FROM (EXCLUDED.numericgradeearned, EXCLUDED.computedlettergrade)`);
  }
  if (t.final) await writeTranscripts(work, section, t);
  const changed = graded.filter(
    (c) =>
      before.get(c.student.studentUsi)?.percent !== c.percent ||
      before.get(c.student.studentUsi)?.computedLetter !== c.letter,
  );
  // The OneRoster face before the audit row, as every gradebook write does: the audit append locks the tenant's
  // chain head until commit, and taking it before the projection's rows would deadlock with an Ed-Fi write of the
  // same class, which projects first and audits last.
  const rows = await storedGrades(work, section, t);
  await projectGradebook(
    work,
    'grades',
    rows.map((r) => String(r.id)),
  );
  if (changed.length > 0) {
    await work.audit({
      table: grade,
      recordId: `${section.id}:${t.final ? FINAL : t.period.code}`,
      operation: before.size === 0 ? 'INSERT' : 'UPDATE',
      oldValues:
        before.size === 0
          ? undefined
          : Object.fromEntries(changed.map((c) => [c.student.studentUsi, before.get(c.student.studentUsi) ?? null])),
      newValues: Object.fromEntries(
        changed.map((c) => [c.student.studentUsi, { percent: c.percent, letter: c.letter }]),
      ),
    });
  }
  const stored = new Map(rows.map((r) => [Number(r.studentusi), viewOf(r)]));
  return {
    sectionId: section.id,
    gradingPeriod: t.final ? FINAL : t.period.code,
    gradeType: t.gradeType,
    grades: computed.map((c) => ({
      ...(stored.get(c.student.studentUsi) ?? {
        studentUsi: c.student.studentUsi,
        name: c.student.name,
        percent: null,
        computedLetter: null,
        letter: null,
        overridden: false,
        overrideReason: null,
        comment: null,
      }),
      categories: c.categories.map((k) => ({
        name: k.name,
        weightPercent: k.weightPercent,
        percent: k.percent,
        dropped: k.dropped.length,
      })),
    })),
  };
}

/** Computes every section's grades of a school for a grading period (or `final`): school staff, a job, the bench. */
export async function computeSchoolGrades(work: Work, schoolId: number, gradingPeriod: string) {
  await work.authorize(grade, 'write', { schoolId });
  const sections = rowsOf<{ id: string }>(
    await work.tx.execute(sql`
      SELECT id::text AS id FROM edfi.section WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId}
       ORDER BY sectionidentifier`),
  );
  let students = 0;
  for (const { id } of sections) {
    const result = await computeSectionGrades(work, await sectionById(work, id), gradingPeriod);
    students += result.grades.filter((g) => g.percent !== null).length;
  }
  return { schoolId, gradingPeriod, sections: sections.length, grades: students };
}
