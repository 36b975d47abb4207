/**
 * School-day (daily) attendance, derived from section attendance by the school's rule: a student is
 * absent for the day when absent (excused or not) from at least the rule's share of the sections
 * whose attendance was taken for them that day — excused when none of those absences was unexcused.
 * Sections not taken yet say nothing; each submission re-derives the day of its roster, so the daily
 * record follows as the day's sections are taken.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { Work } from '../../../platform/service/work.js';
import { schoolAttendanceRule } from '../tables.js';
import { lockAll, replaceSchoolDays } from './events.js';
import { ATTENDANCE_RULES, type AttendanceMark } from './schemas.js';

export type DailyStatus = 'present' | 'absent' | 'excused';
export const DAILY_MARK: Record<DailyStatus, AttendanceMark> = {
  present: 'present',
  absent: 'absent',
  excused: 'excused',
};

/** The school's threshold, or the district default when it has none. */
export async function dailyThreshold(work: Work, schoolId: number): Promise<{ percent: number; custom: boolean }> {
  const [row] = await work.tx
    .select({ percent: schoolAttendanceRule.absentThresholdPercent })
    .from(schoolAttendanceRule)
    .where(and(eq(schoolAttendanceRule.tenantId, work.tenantId), eq(schoolAttendanceRule.schoolId, schoolId)));
  return row
    ? { percent: row.percent, custom: true }
    : { percent: ATTENDANCE_RULES.dailyAbsentThresholdPercent, custom: false };
}

/** The rule itself, in integers: missed × 100 ≥ threshold × taken. */
export function dailyStatus(taken: number, missed: number, unexcused: number, thresholdPercent: number): DailyStatus {
  if (taken === 0 || missed * 100 < thresholdPercent * taken) return 'present';
  return unexcused > 0 ? 'absent' : 'excused';
}

const statusOfCode = (code: string): DailyStatus | undefined =>
  ({ 'in attendance': 'present', 'unexcused absence': 'absent', 'excused absence': 'excused' })[code.toLowerCase()] as
    DailyStatus | undefined;

export interface DailyChange {
  studentUsi: number;
  before: DailyStatus | null;
  status: DailyStatus;
}

/** The advisory-lock keys of `students`' school day (lockAll): every taker of a day takes the same keys. */
export function schoolDayLockKeys(
  work: Work,
  day: { schoolId: number; date: string },
  students: readonly number[],
): string[] {
  return students.map((s) => `attendance-day:${work.tenantId}:${day.schoolId}:${s}:${day.date}`);
}

/**
 * Re-derives the school day of `students` and stores it (one event per student). Each student's day
 * is locked first (in one order for every taker), so concurrent submissions of two sections of the
 * same student leave the day derived from both. `locked`: the caller already holds those locks (it took
 * them with its own in one lockAll, saving a round trip).
 */
export async function deriveSchoolDays(
  work: Work,
  day: { schoolId: number; schoolYear: number; date: string },
  students: readonly number[],
  categoryOf: (mark: AttendanceMark) => number,
  options: { locked?: boolean } = {},
): Promise<DailyChange[]> {
  if (students.length === 0) return [];
  if (!options.locked) await lockAll(work, schoolDayLockKeys(work, day, students));
  const list = sql.join(
    students.map((s) => sql`${s}::int`),
    sql`, `,
  );
  // One read: each student's section marks of the day, their school day as stored, the school's threshold.
  const marks = rowsOf<{
    studentusi: number;
    taken: string | number;
    missed: string | number;
    unexcused: string | number;
    before: string | null;
    threshold: number | null;
  }>(
    await work.tx.execute(sql`
      SELECT m.*, b.code AS before,
             (SELECT r.absentthresholdpercent FROM edfi.schoolattendancerule r
               WHERE r.tenant_id = ${work.tenantId} AND r.schoolid = ${day.schoolId}) AS threshold
        FROM (
          SELECT e.studentusi,
                 count(DISTINCT e.sectionidentifier || '|' || e.localcoursecode) AS taken,
                 count(DISTINCT e.sectionidentifier || '|' || e.localcoursecode)
                   FILTER (WHERE lower(d.codevalue) IN ('excused absence', 'unexcused absence')) AS missed,
                 count(*) FILTER (WHERE lower(d.codevalue) = 'unexcused absence') AS unexcused
            FROM edfi.studentsectionattendanceevent e
            JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
           WHERE e.tenant_id = ${work.tenantId} AND e.schoolid = ${day.schoolId} AND e.schoolyear = ${day.schoolYear}
             AND e.eventdate = ${day.date}::date AND e.studentusi IN (${list})
           GROUP BY e.studentusi) m
        LEFT JOIN LATERAL (
          SELECT d.codevalue AS code FROM edfi.studentschoolattendanceevent e
            JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
           WHERE e.tenant_id = ${work.tenantId} AND e.schoolid = ${day.schoolId} AND e.schoolyear = ${day.schoolYear}
             AND e.eventdate = ${day.date}::date AND e.studentusi = m.studentusi
           ORDER BY e.attendanceeventcategorydescriptorid LIMIT 1) b ON true`),
  );
  const percent = marks[0]?.threshold ?? ATTENDANCE_RULES.dailyAbsentThresholdPercent;
  const changes: DailyChange[] = marks.map((m) => ({
    studentUsi: Number(m.studentusi),
    before: m.before === null ? null : (statusOfCode(m.before) ?? null),
    status: dailyStatus(Number(m.taken), Number(m.missed), Number(m.unexcused), Number(percent)),
  }));
  await replaceSchoolDays(
    work,
    day,
    changes.map((c) => c.studentUsi),
    changes.map((c) => ({ studentUsi: c.studentUsi, categoryId: categoryOf(DAILY_MARK[c.status]), reason: null })),
  );
  return changes;
}
