/**
 * The handful of standard Ed-Fi descriptors the demo district uses. Descriptors are global reference
 * data; the full Ed-Fi 5.2 sets are loaded by the Ed-Fi interchange loader.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { descriptor } from '../domains/edfi/tables.js';
import { GRADE_LEVELS } from '../domains/mastery/index.js';
import type { AppDb } from '../platform/db/database.js';

const ED_FI = 'uri://ed-fi.org';

export const DEMO_DESCRIPTORS = {
  GradeLevelDescriptor: [...GRADE_LEVELS],
  TermDescriptor: ['Fall Semester', 'Spring Semester', 'Year Round'],
  GradingPeriodDescriptor: ['First Quarter', 'Second Quarter', 'Third Quarter', 'Fourth Quarter'],
  GradeTypeDescriptor: ['Grading Period', 'Final'],
  CalendarTypeDescriptor: ['Student Specific'],
  CalendarEventDescriptor: ['Instructional day', 'Holiday'],
  AttendanceEventCategoryDescriptor: [
    'In Attendance',
    'Excused Absence',
    'Unexcused Absence',
    'Tardy',
    'Early departure',
  ],
  ClassroomPositionDescriptor: ['Teacher of Record'],
  ProgramAssignmentDescriptor: ['Regular Education'],
  LocalEducationAgencyCategoryDescriptor: ['Independent'],
  SchoolTypeDescriptor: ['Regular'],
  AcademicSubjectDescriptor: [
    'Mathematics',
    'English Language Arts',
    'Science',
    'Social Studies',
    'Fine and Performing Arts',
    'Physical, Health, and Safety Education',
  ],
  EntryTypeDescriptor: ['Next year school'],
  BehaviorDescriptor: ['School Code of Conduct', 'School Violation', 'State Offense', 'Local Code of Conduct'],
  StudentParticipationCodeDescriptor: ['Perpetrator', 'Victim', 'Witness', 'Reporter'],
  DisciplineDescriptor: [
    'In School Suspension',
    'Out of School Suspension',
    'Expulsion',
    'Removal from Classroom',
    'Detention',
    'Other',
  ],
} as const;

export type DescriptorIds = {
  [K in keyof typeof DEMO_DESCRIPTORS]: Record<(typeof DEMO_DESCRIPTORS)[K][number], number>;
};

export async function ensureDemoDescriptors(db: AppDb): Promise<DescriptorIds> {
  const rows = Object.entries(DEMO_DESCRIPTORS).flatMap(([type, codes]) =>
    codes.map((codeValue) => ({
      namespace: `${ED_FI}/${type}`,
      codeValue,
      shortDescription: codeValue,
      description: codeValue,
      descriptorType: type,
    })),
  );
  await db.insert(descriptor).values(rows).onConflictDoNothing();
  const ids = {} as Record<string, Record<string, number>>;
  for (const [type, codes] of Object.entries(DEMO_DESCRIPTORS)) {
    const found = await db
      .select({ id: descriptor.descriptorId, code: descriptor.codeValue })
      .from(descriptor)
      .where(and(eq(descriptor.namespace, `${ED_FI}/${type}`), inArray(descriptor.codeValue, [...codes])));
    ids[type] = Object.fromEntries(found.map((f) => [f.code, f.id]));
  }
  return ids as DescriptorIds;
}
