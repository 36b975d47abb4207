/**
 * Period and final grades (Ed-Fi Grade rows) computed from the gradebook by the rules in rules.ts and
 * the school's scale (policy.ts); a teacher's override of the letter (with a reason, audited); final
 * grades feed the course transcript (credits attempted/earned, grade points).
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
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { lockAll } from '../attendance/events.js';
import { courseTranscript, grade } from '../tables.js';
import { gradesErrors } from './errors.js';
import { categoriesOf, entriesAndScores } from './gradebook.js';
import { policyOf } from './policy.js';
import { projectGradebook } from './projection-hook.js';
import { levelFor, levelOfLetter, periodGrade } from './rules.js';
import { commentInput, GRADING_DEFAULTS, overrideInput, type PeriodGradesView } from './schemas.js';
import {
  authorizeGradebookWrite,
  descriptorId,
  gradingPeriodOf,
  gradingPeriodsOf,
  rosterBetween,
  sameSection,
  sectionById,
  sectionKeysOf,
  type PeriodRow,
  type SectionRow,
} from './section.js';

const FINAL = 'final';

interface Target {
  period: PeriodRow;
  gradeTypeId: number;
  gradeType: string;
  from: string;
  to: string;
  final: boolean;
}

async function targetOf(work: Work, section: SectionRow, gradingPeriod: string): Promise<Target> {
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
async function storedGrades(work: Work, section: SectionRow, t: Target) {
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

const viewOf = (row: Record<string, unknown>) => ({
  studentUsi: Number(row.studentusi),
  name: String(row.name),
  percent: row.pct === null ? null : Number(row.pct),
  computedLetter: (row.computed as string | null) ?? null,
  letter: (row.letter as string | null) ?? null,
  overridden: Boolean(row.overridden),
  overrideReason: (row.reason as string | null) ?? null,
  comment: (row.comment as string | null) ?? null,
});

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

/** The course transcript rows of the section's students from their final grades (effective letters). */
async function writeTranscripts(work: Work, section: SectionRow, t: Target, onlyStudent?: number) {
  const policy = await policyOf(work, section.schoolId);
  const finals = (await storedGrades(work, section, t)).filter(
    (r) => onlyStudent === undefined || Number(r.studentusi) === onlyStudent,
  );
  const credits = section.credits ?? 1;
  const rows = finals.flatMap((r) => {
    const letter = (r.letter as string | null) ?? null;
    const level = letter ? levelOfLetter(policy.scale, letter) : undefined;
    if (!letter) return [];
    return [
      {
        usi: Number(r.studentusi),
        letter,
        pct: r.pct === null ? null : Number(r.pct),
        points: level?.gradePoints ?? null,
        earned: level?.passing ? credits : 0,
      },
    ];
  });
  if (rows.length === 0) return;
  await work.tx.execute(sql`
    INSERT INTO edfi.coursetranscript AS c (tenant_id, studentusi, coursecode, courseeducationorganizationid,
           educationorganizationid, schoolyear, termdescriptorid, coursetitle, attemptedcredits, earnedcredits,
           finallettergradeearned, finalnumericgradeearned, gradepoints, gpalevel)
    SELECT ${work.tenantId}, x.usi, ${section.courseCode}, ${section.courseEdOrgId}, ${section.schoolId},
           ${section.schoolYear}, se.termdescriptorid, left(${section.courseTitle}, 60), ${credits}, x.earned,
           x.letter, x.pct, x.points, co.gpalevel
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS x(usi int, letter text, pct numeric, points numeric, earned numeric)
      JOIN edfi.session se ON se.tenant_id = ${work.tenantId} AND se.schoolid = ${section.schoolId}
       AND se.schoolyear = ${section.schoolYear} AND se.sessionname = ${section.sessionName}
      JOIN edfi.course co ON co.tenant_id = ${work.tenantId} AND co.coursecode = ${section.courseCode}
       AND co.educationorganizationid = ${section.courseEdOrgId}
    ON CONFLICT (tenant_id, studentusi, coursecode, courseeducationorganizationid, educationorganizationid, schoolyear,
                 termdescriptorid) DO UPDATE SET
      coursetitle = EXCLUDED.coursetitle, attemptedcredits = EXCLUDED.attemptedcredits,
      earnedcredits = EXCLUDED.earnedcredits, finallettergradeearned = EXCLUDED.finallettergradeearned,
      finalnumericgradeearned = EXCLUDED.finalnumericgradeearned,
      gradepoints = EXCLUDED.gradepoints, gpalevel = EXCLUDED.gpalevel, lastmodifieddate = now()
    WHERE (c.finallettergradeearned, c.finalnumericgradeearned, c.attemptedcredits, c.gpalevel)
      IS DISTINCT FROM (EXCLUDED.finallettergradeearned, EXCLUDED.finalnumericgradeearned, EXCLUDED.attemptedcredits,
                        EXCLUDED.gpalevel)`);
  await work.audit({
    table: courseTranscript,
    recordId: `${section.id}:transcript`,
    operation: 'UPDATE',
    newValues: Object.fromEntries(rows.map((r) => [r.usi, { letter: r.letter, earned: r.earned }])),
  });
}

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
