/**
 * The demo K-12 district (seed 004): an LEA with schools, staff, students, courses, sections,
 * enrollments, a calendar and attendance — in Ed-Fi tables and, for the same people and classes,
 * in OneRoster tables (a learning tool sees the same district an SIS does).
 */
import type { Tx } from '../platform/db/transaction.js';
import { projectEdfiToOneRoster } from '../standards/edfi-oneroster/projection.js';
import { ensureDemoDescriptors } from './descriptors.js';
import { seedOneRosterFace, teacherEmails } from './oneroster-face.js';
import { demoCalendar } from './calendar.js';
import { demoCalendarCode, seedSchoolYears, yearRoundSession } from './k12-calendar.js';
import { seedCoursesAndSections } from './k12-courses.js';
import { seedSchools } from './k12-schools.js';
import { seedAttendanceExceptions, seedStudents } from './k12-students.js';
import { seedTeachers } from './k12-teachers.js';
import type { Random } from './random.js';

export { HIGH_SCHOOL_COURSES } from './k12-courses.js';
export { DEMO_LEA_ID } from './k12-schools.js';

export interface K12Size {
  students: number;
  schools: number;
  sectionsPerSchool: number;
  schoolYear: number;
}

export interface K12Result {
  schools: { schoolId: number; name: string }[];
  students: {
    studentUSI: number;
    uniqueId: string;
    firstName: string;
    lastName: string;
    grade: string;
    schoolId: number;
  }[];
  teachers: {
    staffUSI: number;
    uniqueId: string;
    firstName: string;
    lastName: string;
    schoolId: number;
    /** School e-mail address (OneRoster `email`, the classroom directory's). */
    email: string;
  }[];
  counts: Record<string, number>;
}

const OR_GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;

/** Seeds the district in this order (the random draws follow it: the same seed gives the same district). */
export async function seedK12(tx: Tx, tenantId: string, size: K12Size, rng: Random): Promise<K12Result> {
  const d = await ensureDemoDescriptors(tx);
  const year = size.schoolYear;
  const { yearStart, instructionalDays } = demoCalendar(year);
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);

  const schools = await seedSchools(tx, tenantId, d, size.schools);
  count('schools', schools.length);
  count('calendarDates', await seedSchoolYears(tx, tenantId, d, year, schools));
  const calendarCode = demoCalendarCode(year);
  const yearRound = yearRoundSession(year);

  const teachers = await seedTeachers(tx, tenantId, d, rng, schools, size.sectionsPerSchool, year);
  const { teacherRows, staffUsiById } = teachers;
  count('staff', teacherRows.length);

  const sectionsPerSchool = size.sectionsPerSchool;
  const sections = await seedCoursesAndSections(tx, tenantId, d, {
    year,
    yearStart,
    yearRound,
    sectionsPerSchool,
    schools,
    teachers,
  });
  count('sections', sections.length);

  const plan = { students: size.students, year, yearStart, calendarCode, sectionsPerSchool, schools, sections };
  const { studentRows, usi, enrollments } = await seedStudents(tx, tenantId, d, rng, plan);
  count('students', studentRows.length);
  count('sectionEnrollments', enrollments.length);
  const attendance = await seedAttendanceExceptions(
    tx,
    tenantId,
    d,
    rng,
    { studentRows, usi },
    instructionalDays,
    year,
  );
  count('attendanceEvents', attendance);

  // OneRoster: the same district for learning tools, projected from the Ed-Fi rows exactly as Ed-Fi
  // API writes and interchange loads are (one district, both APIs; sourcedIds = Ed-Fi resource ids).
  const projected = await projectEdfiToOneRoster(tx, tenantId);
  count('onerosterUsers', projected['oneroster.users']?.inserted ?? 0);
  count('onerosterEnrollments', projected['oneroster.enrollments']?.inserted ?? 0);
  const emails = teacherEmails(
    teacherRows.map((t) => ({ uniqueId: t.uniqueId, firstName: t.first, lastName: t.last })),
  );
  const face = await seedOneRosterFace(
    tx,
    tenantId,
    teacherRows.map((t) => ({ uniqueId: t.uniqueId, email: emails.get(t.uniqueId)! })),
  );
  for (const [k, n] of Object.entries(face)) count(k, n);

  return {
    schools: schools.map((s) => ({ schoolId: s.schoolId, name: s.name })),
    students: studentRows.map((s) => ({
      studentUSI: usi.get(s.uniqueId)!,
      uniqueId: s.uniqueId,
      firstName: s.first,
      lastName: s.last,
      grade: OR_GRADES[s.grade]!,
      schoolId: s.school.schoolId,
    })),
    teachers: teacherRows.map((t) => ({
      staffUSI: staffUsiById.get(t.uniqueId)!,
      uniqueId: t.uniqueId,
      firstName: t.first,
      lastName: t.last,
      schoolId: t.schoolId,
      email: emails.get(t.uniqueId)!,
    })),
    counts,
  };
}
