/**
 * Report cards (per grading period: the period grades, teacher comments, period and cumulative GPA and
 * the period's attendance from the attendance rates) and official transcripts, as PDF. Parents see
 * their children's, students their own, teachers those of their sections' students, school staff their
 * schools'. A whole school's report cards are one background job (jobs.ts) with progress; it also
 * stores each student's Ed-Fi ReportCard row (GPA and attendance of the period).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Work } from '../../../platform/service/work.js';
import { studentTotals } from '../attendance/rates.js';
import { courseTranscript, reportCard } from '../tables.js';
import { gpaOf, rankSchool, transcriptOf } from './gpa.js';
import { drawReportCard, drawTranscript, renderPdf, type ReportCardData, type TranscriptData } from './pdf.js';
import { policyOf } from './policy.js';
import { gpa, levelOfLetter } from './rules.js';
import { GRADING_DEFAULTS } from './schemas.js';

export interface PeriodRef {
  schoolId: number;
  schoolYear: number;
  descriptorId: number;
  code: string;
  beginDate: string;
  endDate: string;
}

/** The school's grading period by code (latest school year that has it). */
export async function periodRef(work: Work, schoolId: number, code: string): Promise<PeriodRef> {
  const [row] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.schoolyear, g.gradingperioddescriptorid AS id, d.codevalue AS code,
             g.begindate::text AS b, g.enddate::text AS e
        FROM edfi.gradingperiod g JOIN edfi.descriptor d ON d.descriptorid = g.gradingperioddescriptorid
       WHERE g.tenant_id = ${work.tenantId} AND g.schoolid = ${schoolId} AND lower(d.codevalue) = ${code.toLowerCase()}
       ORDER BY g.schoolyear DESC LIMIT 1`),
  );
  if (!row) {
    throw AppError.validation({ gradingPeriod: [`is not a grading period of school ${schoolId}`] });
  }
  return {
    schoolId,
    schoolYear: Number(row.schoolyear),
    descriptorId: Number(row.id),
    code: String(row.code),
    beginDate: String(row.b),
    endDate: String(row.e),
  };
}

async function studentFacts(work: Work, studentUsi: number, schoolId?: number) {
  const [row] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT s.firstname || ' ' || s.lastsurname AS name, s.studentuniqueid AS uid, s.birthdate::text AS birth,
             (SELECT d.codevalue FROM edfi.studentschoolassociation a
                JOIN edfi.descriptor d ON d.descriptorid = a.entrygradeleveldescriptorid
               WHERE a.tenant_id = s.tenant_id AND a.studentusi = s.studentusi
               ORDER BY a.entrydate DESC LIMIT 1) AS grade,
             (SELECT a.schoolid FROM edfi.studentschoolassociation a
               WHERE a.tenant_id = s.tenant_id AND a.studentusi = s.studentusi
               ORDER BY a.entrydate DESC LIMIT 1) AS school
        FROM edfi.student s WHERE s.tenant_id = ${work.tenantId} AND s.studentusi = ${studentUsi}`),
  );
  if (!row) throw new AppError('not_found', `No student ${studentUsi}.`);
  const school = schoolId ?? (row.school === null ? undefined : Number(row.school));
  const [name] =
    school === undefined
      ? []
      : rowsOf<{ name: string }>(
          await work.tx.execute(sql`
            SELECT nameofinstitution AS name FROM edfi.educationorganization
             WHERE tenant_id = ${work.tenantId} AND educationorganizationid = ${school}`),
        );
  return {
    name: String(row.name),
    studentUniqueId: String(row.uid),
    birthDate: (row.birth as string | null) ?? null,
    gradeLevel: (row.grade as string | null) ?? null,
    schoolId: school,
    schoolName: name?.name ?? 'School',
  };
}

/** Everything a report card shows (no authorization: callers check it). */
export async function reportCardData(work: Work, studentUsi: number, period: PeriodRef): Promise<ReportCardData> {
  const student = await studentFacts(work, studentUsi, period.schoolId);
  const courses = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.sectionidentifier, coalesce(o.localcoursetitle, c.coursetitle, g.localcoursecode) AS title,
             g.numericgradeearned AS pct, g.lettergradeearned AS letter, g.diagnosticstatement AS comment,
             coalesce(s.availablecredits, 1) AS credits,
             (SELECT st.firstname || ' ' || st.lastsurname FROM edfi.staffsectionassociation a
                JOIN edfi.staff st ON st.tenant_id = a.tenant_id AND st.staffusi = a.staffusi
               WHERE a.tenant_id = g.tenant_id AND a.sectionidentifier = g.sectionidentifier
                 AND a.localcoursecode = g.localcoursecode AND a.schoolid = g.schoolid AND a.schoolyear = g.schoolyear
               ORDER BY a.begindate DESC LIMIT 1) AS teacher
        FROM edfi.grade g
        JOIN edfi.descriptor t ON t.descriptorid = g.gradetypedescriptorid
        JOIN edfi.section s ON s.tenant_id = g.tenant_id AND s.sectionidentifier = g.sectionidentifier
         AND s.localcoursecode = g.localcoursecode AND s.schoolid = g.schoolid AND s.schoolyear = g.schoolyear
        JOIN edfi.courseoffering o ON o.tenant_id = s.tenant_id AND o.localcoursecode = s.localcoursecode
         AND o.schoolid = s.schoolid AND o.schoolyear = s.schoolyear AND o.sessionname = s.sessionname
        LEFT JOIN edfi.course c ON c.tenant_id = o.tenant_id AND c.coursecode = o.coursecode
         AND c.educationorganizationid = o.educationorganizationid
       WHERE g.tenant_id = ${work.tenantId} AND g.studentusi = ${studentUsi} AND g.schoolid = ${period.schoolId}
         AND g.gradingperioddescriptorid = ${period.descriptorId} AND g.gradingperiodschoolyear = ${period.schoolYear}
         AND t.codevalue = ${GRADING_DEFAULTS.periodGradeType}
       ORDER BY title`),
  );
  const policy = await policyOf(work, period.schoolId);
  const periodGpa = gpa(
    courses.map((c) => ({
      attemptedCredits: Number(c.credits),
      gradePoints: c.letter ? (levelOfLetter(policy.scale, String(c.letter))?.gradePoints ?? null) : null,
      level: 'regular' as const,
    })),
    { honors: 0, ap: 0 },
  );
  const cumulative = await gpaOf(work, await transcriptOf(work, studentUsi));
  const to =
    period.endDate < work.now.toISOString().slice(0, 10) ? period.endDate : work.now.toISOString().slice(0, 10);
  const totals = await studentTotals(work, studentUsi, { from: period.beginDate, to });
  const [tardy] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`
      SELECT count(DISTINCT e.eventdate)::int AS n FROM edfi.studentsectionattendanceevent e
        JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
       WHERE e.tenant_id = ${work.tenantId} AND e.studentusi = ${studentUsi} AND e.schoolid = ${period.schoolId}
         AND e.eventdate BETWEEN ${period.beginDate}::date AND ${to}::date AND lower(d.codevalue) = 'tardy'`),
  );
  return {
    schoolName: student.schoolName,
    schoolYear: period.schoolYear,
    gradingPeriod: period.code,
    periodDates: { beginDate: period.beginDate, endDate: period.endDate },
    student: { name: student.name, studentUniqueId: student.studentUniqueId, gradeLevel: student.gradeLevel },
    courses: courses.map((c) => ({
      courseTitle: String(c.title),
      sectionIdentifier: String(c.sectionidentifier),
      teacher: (c.teacher as string | null) ?? null,
      percent: c.pct === null ? null : Number(c.pct),
      letter: (c.letter as string | null) ?? null,
      comment: (c.comment as string | null) ?? null,
    })),
    attendance: {
      enrolledDays: totals.enrolledDays,
      absentDays: totals.absentDays,
      tardyDays: Number(tardy?.n ?? 0),
      rate: totals.enrolledDays === 0 ? null : (totals.enrolledDays - totals.absentDays) / totals.enrolledDays,
    },
    gpa: {
      period: periodGpa.unweighted,
      cumulative: cumulative.cumulative.unweighted,
      cumulativeWeighted: cumulative.cumulative.weighted,
    },
    issuedOn: work.now.toISOString().slice(0, 10),
  };
}

/** One student's report card for a grading period of a school. */
export async function reportCardPdf(work: Work, studentUsi: number, schoolId: number, gradingPeriod: string) {
  await work.authorize(reportCard, 'read', { studentUsi });
  const period = await periodRef(work, schoolId, gradingPeriod);
  const data = await reportCardData(work, studentUsi, period);
  return renderPdf(`Report card ${data.student.name} ${period.code}`, (doc, page) => {
    page(true);
    drawReportCard(doc, data);
  });
}

/** Stores the report card's Ed-Fi ReportCard row (period GPA, cumulative GPA, attendance). */
export async function storeReportCard(work: Work, studentUsi: number, period: PeriodRef, data: ReportCardData) {
  await work.tx.execute(sql`
    INSERT INTO edfi.reportcard AS r (tenant_id, studentusi, educationorganizationid, gradingperioddescriptorid,
           gradingperiodschoolid, gradingperiodschoolyear, gpagivengradingperiod, gpacumulative, numberofdaysabsent,
           numberofdaysinattendance, numberofdaystardy)
    VALUES (${work.tenantId}, ${studentUsi}, ${period.schoolId}, ${period.descriptorId}, ${period.schoolId},
            ${period.schoolYear}, ${data.gpa.period}, ${data.gpa.cumulative}, ${data.attendance.absentDays},
            ${data.attendance.enrolledDays - data.attendance.absentDays}, ${data.attendance.tardyDays})
    ON CONFLICT (tenant_id, studentusi, educationorganizationid, gradingperioddescriptorid, gradingperiodschoolid,
                 gradingperiodschoolyear) DO UPDATE SET
      gpagivengradingperiod = EXCLUDED.gpagivengradingperiod, gpacumulative = EXCLUDED.gpacumulative,
      numberofdaysabsent = EXCLUDED.numberofdaysabsent, numberofdaysinattendance = EXCLUDED.numberofdaysinattendance,
      numberofdaystardy = EXCLUDED.numberofdaystardy, lastmodifieddate = now()`);
}

/** The students of a school in a grading period (enrolled at some time of it), by name. */
export async function schoolStudents(work: Work, period: PeriodRef): Promise<number[]> {
  const rows = rowsOf<{ studentusi: number }>(
    await work.tx.execute(sql`
      SELECT DISTINCT a.studentusi, s.lastsurname, s.firstname FROM edfi.studentschoolassociation a
        JOIN edfi.student s ON s.tenant_id = a.tenant_id AND s.studentusi = a.studentusi
       WHERE a.tenant_id = ${work.tenantId} AND a.schoolid = ${period.schoolId}
         AND a.entrydate <= ${period.endDate}::date
         AND (a.exitwithdrawdate IS NULL OR a.exitwithdrawdate >= ${period.beginDate}::date)
       ORDER BY s.lastsurname, s.firstname, a.studentusi`),
  );
  return rows.map((r) => Number(r.studentusi));
}

/** A student's official transcript: every term's courses, term and cumulative GPA, credits, class rank. */
export async function transcriptPdf(work: Work, studentUsi: number) {
  await work.authorize(courseTranscript, 'read', { studentUsi });
  const student = await studentFacts(work, studentUsi);
  const rows = await transcriptOf(work, studentUsi);
  const { cumulative, terms } = await gpaOf(work, rows);
  const ranked =
    student.schoolId === undefined
      ? []
      : (await rankSchool(work, student.schoolId, student.gradeLevel ?? undefined)).students.filter(
          (r) => r.rank !== null,
        );
  const data: TranscriptData = {
    schoolName: student.schoolName,
    student,
    terms: terms.map((t) => ({
      schoolYear: t.schoolYear,
      term: t.term,
      courses: rows.filter((r) => r.schoolYear === t.schoolYear && r.term === t.term),
      gpa: { unweighted: t.unweighted, weighted: t.weighted },
    })),
    cumulative: {
      unweighted: cumulative.unweighted,
      weighted: cumulative.weighted,
      attempted: rows.reduce((s, r) => s + r.attemptedCredits, 0),
      earned: rows.reduce((s, r) => s + r.earnedCredits, 0),
    },
    rank: ranked.find((r) => r.studentUsi === studentUsi)?.rank ?? null,
    classSize: ranked.length || null,
    issuedOn: work.now.toISOString().slice(0, 10),
  };
  return renderPdf(`Transcript ${student.name}`, (doc, page) => {
    page(true);
    drawTranscript(doc, data);
  });
}
