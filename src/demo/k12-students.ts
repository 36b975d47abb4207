/**
 * The demo district's students: each at one school in a grade it teaches, enrolled in up to four of that
 * school's sections, and the attendance exceptions (absences, tardies) a SIS export holds for the first
 * weeks of the year.
 */
import * as edfi from '../domains/edfi/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import type { DescriptorIds } from './descriptors.js';
import type { DemoSection } from './k12-courses.js';
import { GRADE_NAMES, range, type DemoSchool } from './k12-schools.js';
import { US_FIRST_NAMES, US_LAST_NAMES } from './names.js';
import { isoDate, type Random } from './random.js';

export interface StudentsPlan {
  students: number;
  year: number;
  yearStart: Date;
  calendarCode: string;
  sectionsPerSchool: number;
  schools: DemoSchool[];
  sections: DemoSection[];
}

export type DemoStudent = Awaited<ReturnType<typeof seedStudents>>['studentRows'][number];

export async function seedStudents(tx: Tx, tenantId: string, d: DescriptorIds, rng: Random, plan: StudentsPlan) {
  const { year, yearStart, calendarCode, schools, sections } = plan;
  const studentRows = range(1, plan.students).map((n) => {
    const school = schools[(n - 1) % schools.length]!;
    const grade = rng.int(school.grades[0], school.grades[1]);
    const birthYear = year - 6 - grade;
    return {
      uniqueId: String(600000 + n),
      first: rng.pick(US_FIRST_NAMES),
      last: rng.pick(US_LAST_NAMES),
      grade,
      school,
      birthDate: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    };
  });
  const studentInserted: { studentUSI: number; uniqueId: string }[] = [];
  for (let i = 0; i < studentRows.length; i += 2000) {
    studentInserted.push(
      ...(await tx
        .insert(edfi.student)
        .values(
          studentRows.slice(i, i + 2000).map((s) => ({
            tenantId,
            studentUniqueId: s.uniqueId,
            firstName: s.first,
            lastSurname: s.last,
            birthDate: s.birthDate,
          })),
        )
        .returning({ studentUSI: edfi.student.studentUSI, uniqueId: edfi.student.studentUniqueId })),
    );
  }
  const usi = new Map(studentInserted.map((r) => [r.uniqueId, r.studentUSI]));
  await insertAll(
    tx,
    edfi.studentSchoolAssociation,
    studentRows.map((s) => ({
      tenantId,
      studentUSI: usi.get(s.uniqueId)!,
      schoolId: s.school.schoolId,
      entryDate: isoDate(yearStart),
      entryGradeLevelDescriptorId: d.GradeLevelDescriptor[GRADE_NAMES[s.grade]!],
      entryTypeDescriptorId: d.EntryTypeDescriptor['Next year school'],
      primarySchool: true,
      schoolYear: year,
      classOfSchoolYear: year + (12 - s.grade),
      calendarCode,
    })),
  );
  const sectionsBySchool = new Map<number, typeof sections>();
  for (const x of sections)
    (
      sectionsBySchool.get(x.school.schoolId) ?? sectionsBySchool.set(x.school.schoolId, []).get(x.school.schoolId)!
    ).push(x);
  const enrollments = studentRows.flatMap((s) =>
    rng
      .sample(sectionsBySchool.get(s.school.schoolId)!, Math.min(4, plan.sectionsPerSchool))
      .map((x) => ({ student: s, section: x })),
  );
  await insertAll(
    tx,
    edfi.studentSectionAssociation,
    enrollments.map((e) => ({
      tenantId,
      studentUSI: usi.get(e.student.uniqueId)!,
      sectionIdentifier: e.section.sectionIdentifier,
      localCourseCode: e.section.localCourseCode,
      schoolId: e.section.school.schoolId,
      schoolYear: year,
      beginDate: isoDate(yearStart),
    })),
  );
  return { studentRows, usi, enrollments };
}

/** The exceptions (absences, tardies) over the first weeks, as SIS exports them; returns how many. */
export async function seedAttendanceExceptions(
  tx: Tx,
  tenantId: string,
  d: DescriptorIds,
  rng: Random,
  students: { studentRows: DemoStudent[]; usi: Map<string, number> },
  instructionalDays: Date[],
  year: number,
): Promise<number> {
  const { studentRows, usi } = students;
  const attendanceDays = instructionalDays.slice(0, 20);
  const categories = [
    d.AttendanceEventCategoryDescriptor['Excused Absence'],
    d.AttendanceEventCategoryDescriptor['Unexcused Absence'],
    d.AttendanceEventCategoryDescriptor.Tardy,
  ];
  const attendance = studentRows.flatMap((s) =>
    attendanceDays
      .filter(() => rng.chance(0.04))
      .map((day) => ({
        tenantId,
        studentUSI: usi.get(s.uniqueId)!,
        schoolId: s.school.schoolId,
        schoolYear: year,
        eventDate: isoDate(day),
        attendanceEventCategoryDescriptorId: rng.pick(categories),
        attendanceEventReason: rng.pick(['Illness', 'Appointment', 'Transportation', 'Family']),
      })),
  );
  await insertAll(tx, edfi.studentSchoolAttendanceEvent, attendance);
  return attendance.length;
}
