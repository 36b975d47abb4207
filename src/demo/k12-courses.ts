/**
 * The demo district's courses (the district catalog, and the high schools' own honors and AP courses),
 * their offerings in the year-round session, the sections and their teachers of record. No random draws.
 */
import * as edfi from '../domains/edfi/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import type { DescriptorIds } from './descriptors.js';
import { DEMO_LEA_ID, range, type DemoSchool } from './k12-schools.js';
import type { DemoTeachers } from './k12-teachers.js';
import { isoDate } from './random.js';

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

export interface SectionsPlan {
  year: number;
  yearStart: Date;
  /** The session every section is offered in. */
  yearRound: string;
  sectionsPerSchool: number;
  schools: DemoSchool[];
  teachers: DemoTeachers;
}

export type DemoSection = Awaited<ReturnType<typeof seedCoursesAndSections>>[number];

export async function seedCoursesAndSections(tx: Tx, tenantId: string, d: DescriptorIds, plan: SectionsPlan) {
  const { year, yearStart, yearRound, schools } = plan;
  const { teacherRows, teachersPerSchool, staffUsiById } = plan.teachers;
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
    range(1, plan.sectionsPerSchool).map((n) => {
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
  return sections;
}
