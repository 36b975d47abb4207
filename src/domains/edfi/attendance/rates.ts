/**
 * Attendance rates and chronic absenteeism, computed in SQL from the Ed-Fi record.
 *
 * The denominator is always the student's enrolled instructional days: the calendar dates of the
 * school (the student's own calendar when the enrollment names one) carrying an instructional
 * CalendarEvent (ATTENDANCE_RULES.instructionalEvents), between the enrollment's entry and exit
 * dates (both days included, as the policy engine's "current" rule reads them) and within the asked
 * range. A day counts as missed when the school-day record (studentschoolattendanceevent) is an
 * absence, excused or not; days without a record count as attended (SIS exports carry exceptions
 * only). Sections use their own enrollment dates and the section-period record.
 *
 * Every figure is confined to the caller's reach over attendance (`work.readScope`): a teacher's
 * school rate is the rate of the students they teach, a counsellor's that of their school.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { Work } from '../../../platform/service/work.js';
import { studentSchoolAttendanceEvent } from '../tables.js';
import { ATTENDANCE_RULES, type RateRow } from './schemas.js';

const lowerList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v.toLowerCase()}`),
    sql`, `,
  );
const INSTRUCTIONAL = lowerList(ATTENDANCE_RULES.instructionalEvents);
const ABSENCE = lowerList(['Excused Absence', 'Unexcused Absence']);

interface Range {
  from: string;
  to: string;
}

/** The caller's reach over attendance, as a condition on `studentusi`/`schoolid` columns. */
async function reachOf(work: Work): Promise<SQL> {
  // The condition names the attendance table's own columns (studentusi, schoolid); the enrollment
  // tables it is applied to below have the same columns with the same meaning.
  return (await work.readScope(studentSchoolAttendanceEvent)) ?? sql`TRUE`;
}

function instructionalDays(work: Work, schoolId: number, range: Range): SQL {
  return sql`SELECT DISTINCT e.schoolid, e.schoolyear, e.calendarcode, e.date
      FROM edfi.calendardatecalendarevent e
      JOIN edfi.descriptor d ON d.descriptorid = e.calendareventdescriptorid
     WHERE e.tenant_id = ${work.tenantId} AND e.schoolid = ${schoolId}
       AND e.date BETWEEN ${range.from}::date AND ${range.to}::date
       AND lower(d.codevalue) IN (${INSTRUCTIONAL})`;
}

/**
 * CTE `days`: one row per student and enrolled instructional day, with the enrollment's grade,
 * `absent` (the school-day record is an absence) and `excused` (no absence that day was unexcused).
 * The absences are merged into the days by one GROUP BY over both (UNION ALL), not joined: joined,
 * the planner re-ran the absences subquery for every student-day when the tables had no statistics
 * (PGlite runs no autovacuum), and the default demo's chronic-absence list took 290 s.
 */
function studentDayCtes(work: Work, schoolId: number, range: Range, reach: SQL, students?: SQL): SQL {
  return sql`
    enrolled AS (
      SELECT studentusi, schoolid, entrydate, exitwithdrawdate, calendarcode, schoolyear, entrygradeleveldescriptorid
        FROM edfi.studentschoolassociation
       WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId} AND ${reach}
         ${students ? sql`AND studentusi IN (${students})` : sql``}
         AND entrydate <= ${range.to}::date AND (exitwithdrawdate IS NULL OR exitwithdrawdate >= ${range.from}::date)),
    instructional AS (${instructionalDays(work, schoolId, range)}),
    enrolled_days AS (
      SELECT DISTINCT ON (en.studentusi, i.date) en.studentusi, en.entrygradeleveldescriptorid AS grade, i.date
        FROM enrolled en
        JOIN instructional i ON i.schoolid = en.schoolid
         AND (en.calendarcode IS NULL OR i.calendarcode = en.calendarcode)
         AND (en.schoolyear IS NULL OR i.schoolyear = en.schoolyear)
         AND i.date >= en.entrydate AND (en.exitwithdrawdate IS NULL OR i.date <= en.exitwithdrawdate)
       ORDER BY en.studentusi, i.date, en.entrydate DESC),
    absences AS (
      SELECT a.studentusi, a.eventdate, bool_and(lower(d.codevalue) = 'excused absence') AS excused
        FROM edfi.studentschoolattendanceevent a
        JOIN edfi.descriptor d ON d.descriptorid = a.attendanceeventcategorydescriptorid
       WHERE a.tenant_id = ${work.tenantId} AND a.schoolid = ${schoolId}
         AND a.eventdate BETWEEN ${range.from}::date AND ${range.to}::date
         AND lower(d.codevalue) IN (${ABSENCE})
       GROUP BY a.studentusi, a.eventdate),
    days AS (
      SELECT u.studentusi, u.date, max(u.grade) AS grade, bool_or(u.absent) AS absent,
             coalesce(bool_and(u.excused) FILTER (WHERE u.absent), false) AS excused
        FROM (SELECT studentusi, date, grade, false AS absent, NULL::boolean AS excused, true AS enrolled
                FROM enrolled_days
              UNION ALL
              SELECT studentusi, eventdate, NULL, true, excused, false FROM absences) u
       GROUP BY u.studentusi, u.date
      HAVING bool_or(u.enrolled))`;
}

const rate = (enrolled: number, absent: number) => (enrolled === 0 ? null : (enrolled - absent) / enrolled);

function rateRows(rows: Record<string, unknown>[]): RateRow[] {
  return rows.map((r) => {
    const enrolledDays = Number(r.enrolled);
    const absentDays = Number(r.absent);
    return {
      key: String(r.key),
      label: String(r.label),
      enrolledDays,
      absentDays,
      rate: rate(enrolledDays, absentDays),
    };
  });
}

/** Attendance rates of a school over a date range, for the school, per grade level, section or student. */
export async function schoolRates(
  work: Work,
  schoolId: number,
  range: Range,
  by: 'school' | 'grade' | 'section' | 'student',
): Promise<RateRow[]> {
  const reach = await reachOf(work);
  if (by === 'section') return sectionRates(work, schoolId, range, reach);
  // Counted per student first, then grouped and named: the joins below see one row per student, not per day.
  const grouping = {
    school: { key: sql`${schoolId}::text`, label: sql`'school'`, join: sql`` },
    grade: {
      key: sql`g.codevalue`,
      label: sql`g.codevalue`,
      join: sql`JOIN edfi.descriptor g ON g.descriptorid = per_student.grade`,
    },
    student: {
      key: sql`per_student.studentusi::text`,
      label: sql`s.firstname || ' ' || s.lastsurname`,
      join: sql`JOIN edfi.student s ON s.tenant_id = ${work.tenantId} AND s.studentusi = per_student.studentusi`,
    },
  }[by];
  const result = await work.tx.execute(sql`
    WITH ${studentDayCtes(work, schoolId, range, reach)},
    per_student AS MATERIALIZED (
      SELECT studentusi, grade, count(*) AS enrolled, count(*) FILTER (WHERE absent) AS absent
        FROM days GROUP BY studentusi, grade)
    SELECT ${grouping.key} AS key, ${grouping.label} AS label, sum(enrolled) AS enrolled, sum(absent) AS absent
      FROM per_student ${grouping.join}
     GROUP BY 1, 2
     ORDER BY 1`);
  return rateRows(rowsOf(result));
}

/**
 * Per section: each student's enrolled instructional days in the section and their section-period
 * absences are merged by one GROUP BY over both (UNION ALL), then counted per section. Joining every
 * student-day to an inlined absences subquery let the planner re-run it per day when the tables had no
 * statistics (PGlite runs no autovacuum): 97 s for the 40-student demo school.
 */
async function sectionRates(work: Work, schoolId: number, range: Range, reach: SQL): Promise<RateRow[]> {
  const result = await work.tx.execute(sql`
    WITH instructional AS MATERIALIZED (${instructionalDays(work, schoolId, range)}),
    rosters AS MATERIALIZED (
      SELECT studentusi, sectionidentifier, localcoursecode, schoolid, schoolyear, begindate, enddate
        FROM edfi.studentsectionassociation
       WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId} AND ${reach}),
    absence_kinds AS MATERIALIZED (
      SELECT descriptorid FROM edfi.descriptor WHERE lower(codevalue) IN (${ABSENCE})),
    marks AS (
      SELECT ssa.studentusi, ssa.sectionidentifier, ssa.localcoursecode, ssa.schoolyear, i.date,
             true AS enrolled, false AS absent
        FROM rosters ssa
        JOIN instructional i ON i.schoolid = ssa.schoolid AND i.schoolyear = ssa.schoolyear
         AND i.date >= ssa.begindate AND (ssa.enddate IS NULL OR i.date <= ssa.enddate)
      UNION ALL
      SELECT e.studentusi, e.sectionidentifier, e.localcoursecode, e.schoolyear, e.eventdate, false, true
        FROM edfi.studentsectionattendanceevent e
       WHERE e.tenant_id = ${work.tenantId} AND e.schoolid = ${schoolId}
         AND e.eventdate BETWEEN ${range.from}::date AND ${range.to}::date
         AND e.attendanceeventcategorydescriptorid IN (SELECT descriptorid FROM absence_kinds)),
    days AS (
      SELECT sectionidentifier, localcoursecode, schoolyear, bool_or(absent) AS absent
        FROM marks
       GROUP BY studentusi, sectionidentifier, localcoursecode, schoolyear, date
      HAVING bool_or(enrolled)),
    totals AS MATERIALIZED (
      SELECT sectionidentifier, localcoursecode, schoolyear, count(*) AS enrolled,
             count(*) FILTER (WHERE absent) AS absent
        FROM days GROUP BY sectionidentifier, localcoursecode, schoolyear)
    SELECT t.sectionidentifier AS key, coalesce(max(sec.sectionname), t.sectionidentifier) AS label,
           sum(t.enrolled) AS enrolled, sum(t.absent) AS absent
      FROM totals t
      LEFT JOIN edfi.section sec ON sec.tenant_id = ${work.tenantId} AND sec.sectionidentifier = t.sectionidentifier
       AND sec.localcoursecode = t.localcoursecode AND sec.schoolid = ${schoolId} AND sec.schoolyear = t.schoolyear
     GROUP BY t.sectionidentifier
     ORDER BY 1`);
  return rateRows(rowsOf(result));
}

/** One student's enrolled instructional days and missed days at each school they attend, summed. */
export async function studentTotals(
  work: Work,
  studentUsi: number,
  range: Range,
): Promise<{ enrolledDays: number; absentDays: number }> {
  const schools = rowsOf<{ schoolid: number }>(
    await work.tx.execute(sql`SELECT DISTINCT schoolid FROM edfi.studentschoolassociation
       WHERE tenant_id = ${work.tenantId} AND studentusi = ${studentUsi}`),
  );
  let enrolledDays = 0;
  let absentDays = 0;
  for (const { schoolid } of schools) {
    const result = await work.tx.execute(sql`
      WITH ${studentDayCtes(work, Number(schoolid), range, sql`TRUE`, sql`${studentUsi}`)}
      SELECT count(*) AS enrolled, count(*) FILTER (WHERE absent) AS absent FROM days`);
    const [row] = rowsOf<{ enrolled: number | string; absent: number | string }>(result);
    enrolledDays += Number(row?.enrolled ?? 0);
    absentDays += Number(row?.absent ?? 0);
  }
  return { enrolledDays, absentDays };
}

export interface ChronicStudent {
  studentUsi: number;
  studentUniqueId: string;
  name: string;
  enrolledDays: number;
  absentDays: number;
  excusedDays: number;
  absentPercent: number;
  trend: { month: string; enrolledDays: number; absentDays: number }[];
}

/**
 * Students of the school who missed at least `thresholdPercent` % of their enrolled instructional
 * days in the range (compared in integers: absent × 100 ≥ threshold × enrolled), most absent first,
 * each with their month-by-month trend.
 */
export async function chronicAbsentees(
  work: Work,
  schoolId: number,
  range: Range,
  thresholdPercent: number,
): Promise<ChronicStudent[]> {
  const reach = await reachOf(work);
  const result = await work.tx.execute(sql`
    WITH ${studentDayCtes(work, schoolId, range, reach)},
    per_month AS (
      SELECT studentusi, to_char(date, 'YYYY-MM') AS month, count(*) AS enrolled,
             count(*) FILTER (WHERE absent) AS absent, count(*) FILTER (WHERE absent AND excused) AS excused
        FROM days
       GROUP BY studentusi, month),
    totals AS (
      SELECT studentusi, sum(enrolled) AS enrolled, sum(absent) AS absent, sum(excused) AS excused,
             jsonb_agg(jsonb_build_object('month', month, 'enrolledDays', enrolled, 'absentDays', absent)
               ORDER BY month) AS trend
        FROM per_month GROUP BY studentusi)
    SELECT t.*, s.studentuniqueid, s.firstname || ' ' || s.lastsurname AS name
      FROM totals t JOIN edfi.student s ON s.tenant_id = ${work.tenantId} AND s.studentusi = t.studentusi
     WHERE t.enrolled > 0 AND t.absent * 100 >= ${thresholdPercent} * t.enrolled
     ORDER BY t.absent::numeric / t.enrolled DESC, t.studentusi`);
  return rowsOf<Record<string, unknown>>(result).map((r) => {
    const enrolledDays = Number(r.enrolled);
    const absentDays = Number(r.absent);
    const trend = (typeof r.trend === 'string' ? JSON.parse(r.trend) : r.trend) as ChronicStudent['trend'];
    return {
      studentUsi: Number(r.studentusi),
      studentUniqueId: String(r.studentuniqueid),
      name: String(r.name),
      enrolledDays,
      absentDays,
      excusedDays: Number(r.excused),
      absentPercent: Math.round((absentDays / enrolledDays) * 10_000) / 100,
      trend: trend.map((m) => ({
        month: m.month,
        enrolledDays: Number(m.enrolledDays),
        absentDays: Number(m.absentDays),
      })),
    };
  });
}
