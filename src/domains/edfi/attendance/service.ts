/**
 * Attendance: a teacher takes a section's attendance for a day in one request (the whole roster,
 * present unless marked otherwise), and the school day is derived from it (daily.ts). Stored as Ed-Fi 5.2
 * attendance events; what is read back (a student's days, rates, chronic absence) and the daily rule are
 * in reports.ts.
 *
 * Rules kept, also under concurrent requests:
 * - only for a section the caller may write attendance of (a teacher: one they are assigned to, both
 *   now — the policy engine — and on the day taken), on an instructional day of the school's calendar,
 *   and only for students enrolled in the section on that day;
 * - a submission replaces the section's marks of that day: submissions of one section-day are
 *   serialised by a transaction-scoped advisory lock, so two at once leave exactly one of them;
 * - every change is audited (the section-day's marks, and the derived school days that changed).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { studentSchoolAttendanceEvent, studentSectionAttendanceEvent } from '../tables.js';
import { deriveSchoolDays, schoolDayLockKeys } from './daily.js';
import { attendanceErrors } from './errors.js';
import { lockAll, replaceSectionDay } from './events.js';
import { markOfCode, sectionById, sectionKeysOf, type SectionRow } from './sections.js';
import {
  ATTENDANCE_MARKS,
  ATTENDANCE_RULES,
  MARK_CATEGORY,
  takeAttendanceInput,
  type AttendanceMark,
  type CalendarDay,
  type SectionAttendanceView,
  type TakeAttendanceInput,
} from './schemas.js';

/** Marks by precedence, when a student has several events in one section-day (e.g. loaded from a SIS). */
const PRECEDENCE: AttendanceMark[] = ['absent', 'excused', 'early_departure', 'tardy', 'present'];
/** The AttendanceEventCategoryDescriptor id of each mark (Ed-Fi's namespace preferred). */
async function categoryIds(work: Work): Promise<(mark: AttendanceMark) => number> {
  const rows = rowsOf<{ id: number; code: string }>(
    await work.tx.execute(sql`
      SELECT DISTINCT ON (lower(codevalue)) descriptorid AS id, codevalue AS code FROM edfi.descriptor
       WHERE descriptortype = 'AttendanceEventCategoryDescriptor'
         AND lower(codevalue) IN (${sql.join(
           Object.values(MARK_CATEGORY).map((c) => sql`${c.toLowerCase()}`),
           sql`, `,
         )})
       ORDER BY lower(codevalue), (namespace = 'uri://ed-fi.org/AttendanceEventCategoryDescriptor') DESC, descriptorid`),
  );
  const ids = new Map(rows.map((r) => [r.code.toLowerCase(), Number(r.id)]));
  const missing = ATTENDANCE_MARKS.filter((m) => !ids.has(MARK_CATEGORY[m].toLowerCase()));
  if (missing.length > 0) {
    throw attendanceErrors.descriptor_not_loaded(
      `AttendanceEventCategoryDescriptor ${missing.map((m) => `"${MARK_CATEGORY[m]}"`).join(', ')} is not loaded.`,
    );
  }
  return (mark) => ids.get(MARK_CATEGORY[mark].toLowerCase())!;
}

/** What the school calendar says of a day: its events (e.g. Holiday) and whether one is instructional. */
async function calendarDay(work: Work, section: SectionRow, date: string): Promise<CalendarDay> {
  const rows = rowsOf<{ code: string }>(
    await work.tx.execute(sql`
      SELECT DISTINCT d.codevalue AS code FROM edfi.calendardatecalendarevent e
        JOIN edfi.descriptor d ON d.descriptorid = e.calendareventdescriptorid
       WHERE e.tenant_id = ${work.tenantId} AND e.schoolid = ${section.schoolId}
         AND e.schoolyear = ${section.schoolYear} AND e.date = ${date}::date
       ORDER BY 1`),
  );
  const instructional = new Set(ATTENDANCE_RULES.instructionalEvents.map((c) => c.toLowerCase()));
  return {
    instructional: rows.some((r) => instructional.has(r.code.toLowerCase())),
    calendarEvents: rows.map((r) => r.code),
  };
}

async function assertInstructionalDay(work: Work, section: SectionRow, date: string): Promise<CalendarDay> {
  const day = await calendarDay(work, section, date);
  if (!day.instructional) {
    throw attendanceErrors.not_instructional_day(
      `${date} is not an instructional day of school ${section.schoolId}'s calendar.`,
      { validationErrors: { date: ['is not an instructional day of the school calendar'] } },
    );
  }
  return day;
}

/** A teacher takes attendance only on days they are assigned to the section. */
async function assertTeachingOn(work: Work, section: SectionRow, date: string): Promise<void> {
  const staff = work.principal.person?.edfiStaffUSI;
  const [row] =
    staff === undefined
      ? []
      : rowsOf(
          await work.tx.execute(sql`
            SELECT 1 FROM edfi.staffsectionassociation
             WHERE tenant_id = ${work.tenantId} AND staffusi = ${staff}
               AND sectionidentifier = ${section.sectionIdentifier} AND localcoursecode = ${section.localCourseCode}
               AND schoolid = ${section.schoolId} AND schoolyear = ${section.schoolYear}
               AND begindate <= ${date}::date AND (enddate IS NULL OR enddate >= ${date}::date)`),
        );
  if (!row) {
    throw attendanceErrors.not_teaching_section(
      `You are not assigned to section ${section.sectionIdentifier} on ${date}.`,
    );
  }
}

interface RosterStudent {
  studentUsi: number;
  studentUniqueId: string;
  name: string;
}

/** The students enrolled in the section on `date` (begin and end dates included). */
async function rosterOn(work: Work, section: SectionRow, date: string): Promise<RosterStudent[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT DISTINCT s.studentusi, s.studentuniqueid, s.firstname, s.lastsurname
        FROM edfi.studentsectionassociation ssa
        JOIN edfi.student s ON s.tenant_id = ssa.tenant_id AND s.studentusi = ssa.studentusi
       WHERE ssa.tenant_id = ${work.tenantId} AND ssa.sectionidentifier = ${section.sectionIdentifier}
         AND ssa.localcoursecode = ${section.localCourseCode} AND ssa.schoolid = ${section.schoolId}
         AND ssa.schoolyear = ${section.schoolYear}
         AND ssa.begindate <= ${date}::date AND (ssa.enddate IS NULL OR ssa.enddate >= ${date}::date)
       ORDER BY s.lastsurname, s.firstname, s.studentusi`),
  );
  return rows.map((r) => ({
    studentUsi: Number(r.studentusi),
    studentUniqueId: String(r.studentuniqueid),
    name: `${String(r.firstname)} ${String(r.lastsurname)}`,
  }));
}

/** The marks stored for a section-day: student → { mark, reason }. */
async function marksOf(
  work: Work,
  section: SectionRow,
  date: string,
): Promise<Map<number, { mark: AttendanceMark; reason: string | null }>> {
  const rows = rowsOf<{ studentusi: number; code: string; reason: string | null }>(
    await work.tx.execute(sql`
      SELECT e.studentusi, d.codevalue AS code, e.attendanceeventreason AS reason
        FROM edfi.studentsectionattendanceevent e
        JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
       WHERE e.tenant_id = ${work.tenantId} AND e.sectionidentifier = ${section.sectionIdentifier}
         AND e.localcoursecode = ${section.localCourseCode} AND e.schoolid = ${section.schoolId}
         AND e.schoolyear = ${section.schoolYear} AND e.eventdate = ${date}::date`),
  );
  const marks = new Map<number, { mark: AttendanceMark; reason: string | null }>();
  for (const r of rows) {
    const mark = markOfCode(r.code);
    if (!mark) continue;
    const usi = Number(r.studentusi);
    const known = marks.get(usi);
    if (!known || PRECEDENCE.indexOf(mark) < PRECEDENCE.indexOf(known.mark)) marks.set(usi, { mark, reason: r.reason });
  }
  return marks;
}

function view(
  section: SectionRow,
  date: string,
  day: CalendarDay,
  roster: RosterStudent[],
  marks: Map<number, { mark: AttendanceMark; reason: string | null }>,
): SectionAttendanceView {
  const counts: Record<string, number> = Object.fromEntries(ATTENDANCE_MARKS.map((m) => [m, 0]));
  const rows = roster.map((s) => {
    const m = marks.get(s.studentUsi);
    if (m) counts[m.mark]! += 1;
    return { ...s, mark: m?.mark ?? null, reason: m?.reason ?? null };
  });
  return {
    sectionId: section.id,
    sectionIdentifier: section.sectionIdentifier,
    schoolId: section.schoolId,
    date,
    ...day,
    taken: rows.some((r) => r.mark !== null),
    roster: rows,
    counts,
  };
}

/** The roster of a section on a day with the marks taken so far (null: not taken). */
export async function sectionAttendance(work: Work, sectionId: string, date: string): Promise<SectionAttendanceView> {
  const section = await sectionById(work, sectionId);
  await work.authorize(studentSectionAttendanceEvent, 'read', { sectionKeys: sectionKeysOf(section) });
  // The calendar's word on the day comes with the roster: the page warns before anyone fills it in.
  const day = await calendarDay(work, section, date);
  return view(section, date, day, await rosterOn(work, section, date), await marksOf(work, section, date));
}

/**
 * Takes (or retakes) a section's attendance for a day: everyone on the roster is present unless an
 * exception marks them; the day's earlier marks are replaced; the students' school days re-derived.
 */
export async function takeSectionAttendance(
  work: Work,
  sectionId: string,
  date: string,
  input: TakeAttendanceInput,
): Promise<SectionAttendanceView> {
  const { exceptions } = parseInput(takeAttendanceInput, input);
  const section = await sectionById(work, sectionId);
  const decision = await work.authorize(studentSectionAttendanceEvent, 'write', {
    sectionKeys: sectionKeysOf(section),
  });
  if (decision.scope === 'own_sections') await assertTeachingOn(work, section, date);
  const day = await assertInstructionalDay(work, section, date);
  const roster = await rosterOn(work, section, date);
  const enrolled = new Set(roster.map((s) => s.studentUsi));
  const strangers = Object.fromEntries(
    exceptions.flatMap((e, i) =>
      enrolled.has(e.studentUsi)
        ? []
        : [[`exceptions.${i}.studentUsi`, [`student ${e.studentUsi} is not enrolled in the section on ${date}`]]],
    ),
  );
  if (Object.keys(strangers).length > 0) {
    throw attendanceErrors.student_not_enrolled(
      `Not enrolled in section ${section.sectionIdentifier} on ${date}: ${exceptions
        .filter((e) => !enrolled.has(e.studentUsi))
        .map((e) => e.studentUsi)
        .join(', ')}.`,
      { validationErrors: strangers },
    );
  }
  const categoryOf = await categoryIds(work);

  // One submission per section-day at a time: the second waits, then replaces the first whole. The roster's
  // school days (deriveSchoolDays) are locked in the same call: one round trip, one order for every taker.
  const schoolDay = { schoolId: section.schoolId, schoolYear: section.schoolYear, date };
  const students = roster.map((s) => s.studentUsi);
  await lockAll(work, [
    `attendance-section:${work.tenantId}:${section.id}:${date}`,
    ...schoolDayLockKeys(work, schoolDay, students),
  ]);
  const before = await marksOf(work, section, date);
  const byStudent = new Map(exceptions.map((e) => [e.studentUsi, e]));
  const marks = new Map(
    roster.map((s) => {
      const e = byStudent.get(s.studentUsi);
      return [s.studentUsi, { mark: e?.mark ?? ('present' as AttendanceMark), reason: e?.reason ?? null }];
    }),
  );
  await replaceSectionDay(
    work,
    { ...sectionKeysOf(section), date },
    [...marks].map(([studentUsi, m]) => ({ studentUsi, categoryId: categoryOf(m.mark), reason: m.reason })),
  );
  const daily = await deriveSchoolDays(work, schoolDay, students, categoryOf, { locked: true });

  // Audit last: the audit row holds the tenant's chain head until commit.
  const changed = [...marks].filter(
    ([usi, m]) => before.get(usi)?.mark !== m.mark || before.get(usi)?.reason !== m.reason,
  );
  if (changed.length > 0 || before.size === 0) {
    await work.audit({
      table: studentSectionAttendanceEvent,
      recordId: `${section.id}:${date}`,
      operation: before.size === 0 ? 'INSERT' : 'UPDATE',
      oldValues:
        before.size === 0 ? undefined : Object.fromEntries(changed.map(([usi]) => [usi, before.get(usi) ?? null])),
      newValues: Object.fromEntries(changed.map(([usi, m]) => [usi, m])),
    });
  }
  const dailyChanged = daily.filter((d) => d.before !== d.status);
  if (dailyChanged.length > 0) {
    await work.audit({
      table: studentSchoolAttendanceEvent,
      recordId: `${section.schoolId}:${date}`,
      operation: 'UPDATE',
      oldValues: Object.fromEntries(dailyChanged.map((d) => [d.studentUsi, d.before])),
      newValues: Object.fromEntries(dailyChanged.map((d) => [d.studentUsi, d.status])),
    });
  }
  return {
    ...view(section, date, day, roster, marks),
    daily: daily.map((d) => ({ studentUsi: d.studentUsi, status: d.status })),
  };
}
