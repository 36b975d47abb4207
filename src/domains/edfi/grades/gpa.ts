/**
 * A student's grades, transcript and GPA (unweighted on 4.0 and weighted with the school's honors/AP
 * add-ons; per term and cumulative), and a school's optional class rank by cumulative weighted GPA.
 * Parents see their children, students themselves, teachers the students of their sections.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Work } from '../../../platform/service/work.js';
import { courseTranscript, grade } from '../tables.js';
import { policyOf } from './policy.js';
import { gpa, rank, type GpaCourse, type GpaLevel } from './rules.js';
import type { StudentGradesView } from './schemas.js';

export interface TranscriptRow {
  schoolYear: number;
  term: string;
  courseCode: string;
  courseTitle: string | null;
  letter: string | null;
  percent: number | null;
  attemptedCredits: number;
  earnedCredits: number;
  gradePoints: number | null;
  level: string;
  schoolId: number;
}

/** A student's course transcript rows, in school year, term and course order. */
export async function transcriptOf(work: Work, studentUsi: number): Promise<TranscriptRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT c.schoolyear, d.codevalue AS term, c.coursecode, c.coursetitle, c.finallettergradeearned AS letter,
             c.finalnumericgradeearned AS pct, c.attemptedcredits, c.earnedcredits, c.gradepoints, c.gpalevel,
             c.educationorganizationid AS school
        FROM edfi.coursetranscript c JOIN edfi.descriptor d ON d.descriptorid = c.termdescriptorid
       WHERE c.tenant_id = ${work.tenantId} AND c.studentusi = ${studentUsi}
       ORDER BY c.schoolyear, d.codevalue, c.coursecode`),
  );
  return rows.map((r) => ({
    schoolYear: Number(r.schoolyear),
    term: String(r.term),
    courseCode: String(r.coursecode),
    courseTitle: (r.coursetitle as string | null) ?? null,
    letter: (r.letter as string | null) ?? null,
    percent: r.pct === null ? null : Number(r.pct),
    attemptedCredits: Number(r.attemptedcredits),
    earnedCredits: Number(r.earnedcredits),
    gradePoints: r.gradepoints === null ? null : Number(r.gradepoints),
    level: String(r.gpalevel),
    schoolId: Number(r.school),
  }));
}

const asCourse = (t: TranscriptRow): GpaCourse => ({
  attemptedCredits: t.attemptedCredits,
  gradePoints: t.gradePoints,
  level: t.level as GpaLevel,
});

/** GPA per term and cumulative from transcript rows (add-ons of the school of the latest row). */
export async function gpaOf(work: Work, transcript: TranscriptRow[]) {
  const latest = transcript.at(-1);
  const policy = latest ? await policyOf(work, latest.schoolId) : undefined;
  const addOns = { honors: policy?.honorsAddOn ?? 0.5, ap: policy?.apAddOn ?? 1 };
  const terms = new Map<string, TranscriptRow[]>();
  for (const t of transcript) {
    const key = `${t.schoolYear}|${t.term}`;
    terms.set(key, [...(terms.get(key) ?? []), t]);
  }
  return {
    cumulative: gpa(transcript.map(asCourse), addOns),
    terms: [...terms.entries()].map(([key, rows]) => {
      const [year, term] = key.split('|') as [string, string];
      return { schoolYear: Number(year), term, ...gpa(rows.map(asCourse), addOns) };
    }),
  };
}

export async function studentGrades(work: Work, studentUsi: number): Promise<StudentGradesView> {
  await work.authorize(grade, 'read', { studentUsi });
  await work.authorize(courseTranscript, 'read', { studentUsi });
  const [student] = rowsOf<{ name: string }>(
    await work.tx.execute(sql`
      SELECT firstname || ' ' || lastsurname AS name FROM edfi.student
       WHERE tenant_id = ${work.tenantId} AND studentusi = ${studentUsi}`),
  );
  if (!student) throw new AppError('not_found', `No student ${studentUsi}.`);
  const grades = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.sectionidentifier, g.schoolid, coalesce(o.localcoursetitle, g.localcoursecode) AS title,
             p.codevalue AS period, t.codevalue AS type, g.numericgradeearned AS pct, g.lettergradeearned AS letter,
             g.diagnosticstatement AS comment
        FROM edfi.grade g
        JOIN edfi.descriptor p ON p.descriptorid = g.gradingperioddescriptorid
        JOIN edfi.descriptor t ON t.descriptorid = g.gradetypedescriptorid
        LEFT JOIN edfi.gradingperiod gp ON gp.tenant_id = g.tenant_id
         AND gp.gradingperioddescriptorid = g.gradingperioddescriptorid
         AND gp.schoolid = g.gradingperiodschoolid AND gp.schoolyear = g.gradingperiodschoolyear
        LEFT JOIN edfi.section s ON s.tenant_id = g.tenant_id AND s.sectionidentifier = g.sectionidentifier
         AND s.localcoursecode = g.localcoursecode AND s.schoolid = g.schoolid AND s.schoolyear = g.schoolyear
        LEFT JOIN edfi.courseoffering o ON o.tenant_id = s.tenant_id AND o.localcoursecode = s.localcoursecode
         AND o.schoolid = s.schoolid AND o.schoolyear = s.schoolyear AND o.sessionname = s.sessionname
       WHERE g.tenant_id = ${work.tenantId} AND g.studentusi = ${studentUsi}
       ORDER BY gp.begindate, t.codevalue DESC, title`),
  );
  const transcript = await transcriptOf(work, studentUsi);
  return {
    studentUsi,
    name: student.name,
    grades: grades.map((g) => ({
      sectionIdentifier: String(g.sectionidentifier),
      schoolId: Number(g.schoolid),
      courseTitle: String(g.title),
      gradingPeriod: String(g.period),
      gradeType: String(g.type),
      percent: g.pct === null ? null : Number(g.pct),
      letter: (g.letter as string | null) ?? null,
      comment: (g.comment as string | null) ?? null,
    })),
    transcript: transcript.map(({ schoolId: _, ...t }) => t),
    gpa: await gpaOf(work, transcript),
  };
}

/** A school's students ranked by cumulative weighted GPA (ties share a rank; no GPA → no rank). */
export async function classRank(work: Work, schoolId: number, gradeLevel?: string) {
  await work.authorize(courseTranscript, 'read', { schoolId });
  return rankSchool(work, schoolId, gradeLevel);
}

/** classRank without the authorization (a transcript shows the student's own rank). */
export async function rankSchool(work: Work, schoolId: number, gradeLevel?: string) {
  const level = gradeLevel ? sql` AND lower(d.codevalue) = ${gradeLevel.toLowerCase()}` : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT s.studentusi, s.firstname || ' ' || s.lastsurname AS name,
             coalesce(
               jsonb_agg(jsonb_build_object('credits', c.attemptedcredits, 'points', c.gradepoints,
                                            'level', c.gpalevel))
                 FILTER (WHERE c.studentusi IS NOT NULL),
               '[]') AS courses
        FROM edfi.studentschoolassociation a
        JOIN edfi.student s ON s.tenant_id = a.tenant_id AND s.studentusi = a.studentusi
        JOIN edfi.descriptor d ON d.descriptorid = a.entrygradeleveldescriptorid
        LEFT JOIN edfi.coursetranscript c ON c.tenant_id = a.tenant_id AND c.studentusi = a.studentusi
       WHERE a.tenant_id = ${work.tenantId} AND a.schoolid = ${schoolId} AND a.exitwithdrawdate IS NULL${level}
       GROUP BY s.studentusi, s.firstname, s.lastsurname`),
  );
  const policy = await policyOf(work, schoolId);
  const addOns = { honors: policy.honorsAddOn, ap: policy.apAddOn };
  const withGpa = rows.map((r) => {
    const courses = (r.courses as { credits: number; points: number | null; level: GpaLevel }[]).map((c) => ({
      attemptedCredits: Number(c.credits),
      gradePoints: c.points === null ? null : Number(c.points),
      level: c.level,
    }));
    return { studentUsi: Number(r.studentusi), name: String(r.name), ...gpa(courses, addOns) };
  });
  return {
    schoolId,
    students: rank(withGpa, (s) => s.weighted).map(({ item, rank: r }) => ({
      studentUsi: item.studentUsi,
      name: item.name,
      weighted: item.weighted,
      unweighted: item.unweighted,
      rank: r,
    })),
  };
}
