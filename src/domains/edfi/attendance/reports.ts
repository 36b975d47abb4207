/**
 * What attendance answers from the record: a student's days and section marks, a school's rates and
 * chronic-absence list (computed in rates.ts), and the school's daily-attendance rule (read and set).
 * Taking attendance is in service.ts.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { schoolAttendanceRule, studentSchoolAttendanceEvent, studentSectionAttendanceEvent } from '../tables.js';
import { dailyThreshold } from './daily.js';
import { chronicAbsentees, schoolRates, studentTotals } from './rates.js';
import {
  ATTENDANCE_RULES,
  CHRONIC_LIST_ROLES,
  chronicQuery,
  dailyRuleInput,
  dateRangeQuery,
  ratesQuery,
} from './schemas.js';
import { markOfCode } from './sections.js';

/** A student's school days and section marks in a range, with their attendance rate. */
export async function studentAttendance(work: Work, studentUsi: number, query: unknown) {
  const range = parseInput(dateRangeQuery, query);
  await work.authorize(studentSchoolAttendanceEvent, 'read', { studentUsi });
  await work.authorize(studentSectionAttendanceEvent, 'read', { studentUsi });
  const days = rowsOf<{ date: string; code: string; reason: string | null }>(
    await work.tx.execute(sql`
      SELECT e.eventdate::text AS date, d.codevalue AS code, e.attendanceeventreason AS reason
        FROM edfi.studentschoolattendanceevent e
        JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
       WHERE e.tenant_id = ${work.tenantId} AND e.studentusi = ${studentUsi}
         AND e.eventdate BETWEEN ${range.from}::date AND ${range.to}::date
       ORDER BY e.eventdate`),
  );
  const sections = rowsOf<{ date: string; sectionidentifier: string; code: string; reason: string | null }>(
    await work.tx.execute(sql`
      SELECT e.eventdate::text AS date, e.sectionidentifier, d.codevalue AS code, e.attendanceeventreason AS reason
        FROM edfi.studentsectionattendanceevent e
        JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
       WHERE e.tenant_id = ${work.tenantId} AND e.studentusi = ${studentUsi}
         AND e.eventdate BETWEEN ${range.from}::date AND ${range.to}::date
       ORDER BY e.eventdate, e.sectionidentifier`),
  );
  const totals = await studentTotals(work, studentUsi, range);
  return {
    studentUsi,
    ...range,
    ...totals,
    rate: totals.enrolledDays === 0 ? null : (totals.enrolledDays - totals.absentDays) / totals.enrolledDays,
    days: days.map((d) => ({ date: d.date, status: d.code, reason: d.reason })),
    sections: sections.map((s) => ({
      date: s.date,
      sectionIdentifier: s.sectionidentifier,
      mark: markOfCode(s.code) ?? s.code,
      reason: s.reason,
    })),
  };
}

/** Attendance rates of a school, grouped by school, grade level, section or student, within the caller's reach. */
export async function attendanceRates(work: Work, schoolId: number, query: unknown) {
  const { from, to, by } = parseInput(ratesQuery, query);
  await work.authorize(studentSchoolAttendanceEvent, 'read', { schoolId });
  return { schoolId, from, to, by, rows: await schoolRates(work, schoolId, { from, to }, by) };
}

/** Students of a school missing ≥ the chronic-absence threshold of their days, with their monthly trend. */
export async function chronicAbsence(work: Work, schoolId: number, query: unknown) {
  const { from, to, thresholdPercent = ATTENDANCE_RULES.chronicAbsencePercent } = parseInput(chronicQuery, query);
  if (!work.principal.roles.some((r) => (CHRONIC_LIST_ROLES as readonly string[]).includes(r))) {
    throw new AppError('forbidden', `The chronic-absence list is for ${CHRONIC_LIST_ROLES.join(', ')}.`);
  }
  await work.authorize(studentSchoolAttendanceEvent, 'read', { schoolId });
  return {
    schoolId,
    from,
    to,
    thresholdPercent,
    students: await chronicAbsentees(work, schoolId, { from, to }, thresholdPercent),
  };
}

export async function dailyRule(work: Work, schoolId: number) {
  await work.authorize(schoolAttendanceRule, 'read', { schoolId });
  const rule = await dailyThreshold(work, schoolId);
  return { schoolId, absentThresholdPercent: rule.percent, custom: rule.custom };
}

/** Sets a school's daily-attendance rule; it applies to the days derived from then on. */
export async function setDailyRule(work: Work, schoolId: number, input: unknown) {
  const { absentThresholdPercent } = parseInput(dailyRuleInput, input);
  await work.authorize(schoolAttendanceRule, 'write', { schoolId });
  const [known] = rowsOf(
    await work.tx.execute(sql`SELECT 1 FROM edfi.school WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId}`),
  );
  if (!known) throw new AppError('not_found', `No school ${schoolId}.`);
  const before = await dailyThreshold(work, schoolId);
  await work.tx
    .insert(schoolAttendanceRule)
    .values({ tenantId: work.tenantId, schoolId, absentThresholdPercent, updatedBy: work.principal.actorId })
    .onConflictDoUpdate({
      target: [schoolAttendanceRule.tenantId, schoolAttendanceRule.schoolId],
      set: { absentThresholdPercent, updatedBy: work.principal.actorId, updatedAt: sql`now()` },
    });
  await work.audit({
    table: schoolAttendanceRule,
    recordId: schoolId,
    operation: before.custom ? 'UPDATE' : 'INSERT',
    oldValues: before.custom ? { absentThresholdPercent: before.percent } : undefined,
    newValues: { absentThresholdPercent },
  });
  return { schoolId, absentThresholdPercent, custom: true };
}
