/**
 * The demo K-12 district (seed 004): an LEA with schools, staff, students, courses, sections,
 * enrollments, a calendar and attendance — in Ed-Fi tables and, for the same people and classes,
 * in OneRoster tables (a learning tool sees the same district an SIS does).
 */
import * as edfi from '../domains/edfi/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import { projectEdfiToOneRoster } from '../standards/edfi-oneroster/projection.js';
import { DEMO_DESCRIPTORS, ensureDemoDescriptors } from './descriptors.js';
import { seedOneRosterFace, teacherEmails } from './oneroster-face.js';
import { SCHOOL_NAMES, US_FIRST_NAMES, US_LAST_NAMES } from './names.js';
import { demoCalendar } from './calendar.js';
import { demoCalendarCode, seedSchoolYears, yearRoundSession } from './k12-calendar.js';
import { isoDate, type Random } from './random.js';

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

/** Kindergarten … Twelfth grade, indexed by grade number (0 = K). */
const GRADE_NAMES = DEMO_DESCRIPTORS.GradeLevelDescriptor;
const OR_GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
const COURSES = [
  { code: 'MATH', title: 'Mathematics', subject: 'Mathematics' },
  { code: 'ELA', title: 'English Language Arts', subject: 'English Language Arts' },
  { code: 'SCI', title: 'Science', subject: 'Science' },
  { code: 'SOC', title: 'Social Studies', subject: 'Social Studies' },
  { code: 'ART', title: 'Visual Arts', subject: 'Fine and Performing Arts' },
  { code: 'PE', title: 'Physical Education', subject: 'Physical, Health, and Safety Education' },
] as const;
/**
 * A high school teaches its own honors and AP courses (its own catalog) instead of the district's
 * mathematics and science, which are taught from kindergarten on and so stay regular: a weighted level
 * is only for courses offered solely at high schools (the grades service refuses it elsewhere).
 */
export const HIGH_SCHOOL_COURSES: Partial<Record<(typeof COURSES)[number]['code'], SchoolCourse>> = {
  MATH: { code: 'HGEO', title: 'Honors Geometry', subject: 'Mathematics', level: 'honors' },
  SCI: { code: 'APBIO', title: 'AP Biology', subject: 'Science', level: 'ap' },
};
interface SchoolCourse {
  code: string;
  title: string;
  subject: (typeof COURSES)[number]['subject'];
  level: 'honors' | 'ap';
}

export const DEMO_LEA_ID = 255901;

export async function seedK12(tx: Tx, tenantId: string, size: K12Size, rng: Random): Promise<K12Result> {
  const d = await ensureDemoDescriptors(tx);
  const year = size.schoolYear;
  const { yearStart, instructionalDays } = demoCalendar(year);
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);

  // Education organizations -----------------------------------------------------------------
  const districtName = 'Schola Demo Independent School District';
  const schools = Array.from({ length: size.schools }, (_, i) => ({
    schoolId: DEMO_LEA_ID * 1000 + i + 1,
    name: `${SCHOOL_NAMES[i % SCHOOL_NAMES.length]}${
      i >= SCHOOL_NAMES.length ? ` ` + `${Math.floor(i / SCHOOL_NAMES.length) + 1}` : ''
    } ${['Elementary', 'Middle', 'High'][i % 3]} School`,
    grades: [
      [0, 5],
      [6, 8],
      [9, 12],
    ][i % 3] as [number, number],
  }));
  await insertAll(tx, edfi.educationOrganization, [
    {
      tenantId,
      educationOrganizationId: DEMO_LEA_ID,
      nameOfInstitution: districtName,
      shortNameOfInstitution: 'Schola ISD',
      discriminator: 'LocalEducationAgency',
    },
    ...schools.map((s) => ({
      tenantId,
      educationOrganizationId: s.schoolId,
      nameOfInstitution: s.name,
      discriminator: 'School',
    })),
  ]);
  await insertAll(tx, edfi.localEducationAgency, [
    {
      tenantId,
      localEducationAgencyId: DEMO_LEA_ID,
      localEducationAgencyCategoryDescriptorId: d.LocalEducationAgencyCategoryDescriptor.Independent,
    },
  ]);
  await insertAll(
    tx,
    edfi.school,
    schools.map((s) => ({
      tenantId,
      schoolId: s.schoolId,
      localEducationAgencyId: DEMO_LEA_ID,
      schoolTypeDescriptorId: d.SchoolTypeDescriptor.Regular,
    })),
  );
  await insertAll(
    tx,
    edfi.schoolGradeLevel,
    schools.flatMap((s) =>
      range(s.grades[0], s.grades[1]).map((g) => ({
        tenantId,
        schoolId: s.schoolId,
        gradeLevelDescriptorId: d.GradeLevelDescriptor[GRADE_NAMES[g]!],
      })),
    ),
  );
  count('schools', schools.length);

  // Calendar, sessions, grading periods (k12-calendar.ts) ---------------------------------------
  count('calendarDates', await seedSchoolYears(tx, tenantId, d, year, schools));
  const calendarCode = demoCalendarCode(year);
  const yearRound = yearRoundSession(year);

  // Staff ---------------------------------------------------------------------------------------
  const teachersPerSchool = Math.max(1, Math.ceil(size.sectionsPerSchool / 3));
  const teacherRows = schools.flatMap((s, si) =>
    range(1, teachersPerSchool).map((n) => {
      const first = rng.pick(US_FIRST_NAMES);
      const last = rng.pick(US_LAST_NAMES);
      return {
        uniqueId: `T${String(si + 1).padStart(2, '0')}${String(n).padStart(4, '0')}`,
        first,
        last,
        schoolId: s.schoolId,
      };
    }),
  );
  const staffInserted = await tx
    .insert(edfi.staff)
    .values(
      teacherRows.map((t) => ({
        tenantId,
        staffUniqueId: t.uniqueId,
        firstName: t.first,
        lastSurname: t.last,
        personalTitlePrefix: rng.pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.']),
        loginId: `${t.first}.${t.last}`.toLowerCase(),
        yearsOfPriorTeachingExperience: rng.int(0, 25),
      })),
    )
    .returning({ staffUSI: edfi.staff.staffUSI, uniqueId: edfi.staff.staffUniqueId });
  const staffUsiById = new Map(staffInserted.map((r) => [r.uniqueId, r.staffUSI]));
  await insertAll(
    tx,
    edfi.staffSchoolAssociation,
    teacherRows.map((t) => ({
      tenantId,
      staffUSI: staffUsiById.get(t.uniqueId)!,
      schoolId: t.schoolId,
      programAssignmentDescriptorId: d.ProgramAssignmentDescriptor['Regular Education'],
      schoolYear: year,
    })),
  );
  count('staff', teacherRows.length);

  // Courses, offerings, sections ---------------------------------------------------------------
  await insertAll(
    tx,
    edfi.course,
    COURSES.map((c) => ({
      tenantId,
      courseCode: c.code,
      educationOrganizationId: DEMO_LEA_ID,
      courseTitle: c.title,
      numberOfParts: 2,
      academicSubjectDescriptorId: d.AcademicSubjectDescriptor[c.subject],
    })),
  );
  const highSchools = schools.filter((s) => s.grades[0] >= 9);
  await insertAll(
    tx,
    edfi.course,
    highSchools.flatMap((s) =>
      Object.values(HIGH_SCHOOL_COURSES).map((c) => ({
        tenantId,
        courseCode: c.code,
        educationOrganizationId: s.schoolId,
        courseTitle: c.title,
        numberOfParts: 2,
        academicSubjectDescriptorId: d.AcademicSubjectDescriptor[c.subject],
      })),
    ),
  );
  const sections = schools.flatMap((s) =>
    range(1, size.sectionsPerSchool).map((n) => {
      const district = COURSES[(n - 1) % COURSES.length]!;
      const own = s.grades[0] >= 9 ? HIGH_SCHOOL_COURSES[district.code] : undefined;
      const c = own ?? district;
      const teacher = teacherRows.filter((t) => t.schoolId === s.schoolId)[(n - 1) % teachersPerSchool]!;
      return {
        school: s,
        course: c,
        catalog: own ? s.schoolId : DEMO_LEA_ID,
        localCourseCode: `${c.code}-${s.schoolId}`,
        sectionIdentifier: `${c.code}-${s.schoolId}-${String(n).padStart(3, '0')}`,
        teacher,
        period: ((n - 1) % 7) + 1,
      };
    }),
  );
  const offerings = [...new Map(sections.map((x) => [x.localCourseCode, x])).values()];
  await insertAll(
    tx,
    edfi.courseOffering,
    offerings.map((x) => ({
      tenantId,
      localCourseCode: x.localCourseCode,
      schoolId: x.school.schoolId,
      schoolYear: year,
      sessionName: yearRound,
      localCourseTitle: x.course.title,
      courseCode: x.course.code,
      educationOrganizationId: x.catalog,
      instructionalTimePlanned: 9000,
    })),
  );
  await insertAll(
    tx,
    edfi.section,
    sections.map((x) => ({
      tenantId,
      sectionIdentifier: x.sectionIdentifier,
      localCourseCode: x.localCourseCode,
      schoolId: x.school.schoolId,
      schoolYear: year,
      sessionName: yearRound,
      sectionName: `${x.course.title} P${x.period}`,
      sequenceOfCourse: 1,
      availableCredits: 1,
    })),
  );
  await insertAll(
    tx,
    edfi.staffSectionAssociation,
    sections.map((x) => ({
      tenantId,
      staffUSI: staffUsiById.get(x.teacher.uniqueId)!,
      sectionIdentifier: x.sectionIdentifier,
      localCourseCode: x.localCourseCode,
      schoolId: x.school.schoolId,
      schoolYear: year,
      classroomPositionDescriptorId: d.ClassroomPositionDescriptor['Teacher of Record'],
      beginDate: isoDate(yearStart),
      highlyQualifiedTeacher: true,
      percentageContribution: 1,
    })),
  );
  count('sections', sections.length);

  // Students and enrollments -------------------------------------------------------------------
  const studentRows = range(1, size.students).map((n) => {
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
      .sample(sectionsBySchool.get(s.school.schoolId)!, Math.min(4, size.sectionsPerSchool))
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
  count('students', studentRows.length);
  count('sectionEnrollments', enrollments.length);

  // Attendance: the exceptions (absences, tardies) over the first weeks, as SIS exports them ---------
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
  count('attendanceEvents', attendance.length);

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

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
