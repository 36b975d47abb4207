/**
 * Ed-Fi student enrollment: school and section associations. Seed 004 references them (§14 indexes
 * edfi.studentschoolassociation; OneRoster enrollments need section rosters) without defining them:
 * designed after Ed-Fi 5.2.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, smallint, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { calendar } from './calendar.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { school } from './education-organizations.js';
import { student } from './people.js';
import { section } from './teaching-learning.js';

// seed: 004 §14 (idx_ssa_*) — Ed-Fi 5.2 StudentSchoolAssociation
/** A student's enrollment in a school (entry to exit/withdrawal). */
export const studentSchoolAssociation = edfiSchema.table(
  'studentschoolassociation',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    schoolId: integer('schoolid').notNull(),
    entryDate: date('entrydate').notNull(),
    entryGradeLevelDescriptorId: integer('entrygradeleveldescriptorid').notNull(),
    entryTypeDescriptorId: integer('entrytypedescriptorid'),
    exitWithdrawDate: date('exitwithdrawdate'),
    exitWithdrawTypeDescriptorId: integer('exitwithdrawtypedescriptorid'),
    primarySchool: boolean('primaryschool'),
    repeatGradeIndicator: boolean('repeatgradeindicator'),
    schoolYear: smallint('schoolyear'),
    classOfSchoolYear: smallint('classofschoolyear'),
    calendarCode: varchar('calendarcode', { length: 60 }),
    fullTimeEquivalency: numeric('fulltimeequivalency', { precision: 5, scale: 4, mode: 'number' }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    // Seed §14 idx_ssa_student (studentusi) is served by this key's prefix (tenant_id, studentusi).
    ...tenantKeys('studentschoolassociation', t.tenantId, t.studentUSI, t.schoolId, t.entryDate),
    resourceKey('studentschoolassociation', t.tenantId, t.id),
    tenantFk(
      'studentschoolassociation_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk('studentschoolassociation_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('idx_ssa_school').on(t.tenantId, t.schoolId),
    index('idx_ssa_active')
      .on(t.tenantId, t.schoolId, t.schoolYear)
      .where(sql`"exitwithdrawdate" IS NULL`),
    // Ed-Fi: the calendar the student follows (all three columns set, else not checked).
    tenantFk(
      'studentschoolassociation_calendar_fkey',
      [t.tenantId, t.calendarCode, t.schoolId, t.schoolYear],
      [calendar.tenantId, calendar.calendarCode, calendar.schoolId, calendar.schoolYear],
    ),
    index('studentschoolassociation_calendar_idx').on(t.tenantId, t.calendarCode, t.schoolId, t.schoolYear),
    ...descriptorRef('studentschoolassociation', t.entryGradeLevelDescriptorId),
    ...descriptorRef('studentschoolassociation', t.entryTypeDescriptorId),
    ...descriptorRef('studentschoolassociation', t.exitWithdrawTypeDescriptorId),
  ],
);

// seed: 004 (OneRoster enrollments §9 need section rosters) — Ed-Fi 5.2 StudentSectionAssociation
/** A student's enrollment in a section (the class roster). */
export const studentSectionAssociation = edfiSchema.table(
  'studentsectionassociation',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    sectionIdentifier: varchar('sectionidentifier', { length: 255 }).notNull(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    beginDate: date('begindate').notNull(),
    endDate: date('enddate'),
    homeroomIndicator: boolean('homeroomindicator'),
    repeatIdentifierDescriptorId: integer('repeatidentifierdescriptorid'),
    attemptStatusDescriptorId: integer('attemptstatusdescriptorid'),
    teacherStudentDataLinkExclusion: boolean('teacherstudentdatalinkexclusion'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentsectionassociation',
      t.tenantId,
      t.studentUSI,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
      t.beginDate,
    ),
    resourceKey('studentsectionassociation', t.tenantId, t.id),
    tenantFk(
      'studentsectionassociation_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentsectionassociation_section_fkey',
      [t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear],
      [section.tenantId, section.sectionIdentifier, section.localCourseCode, section.schoolId, section.schoolYear],
    ),
    index('studentsectionassociation_section_idx').on(
      t.tenantId,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
    ),
    ...descriptorRef('studentsectionassociation', t.repeatIdentifierDescriptorId),
    ...descriptorRef('studentsectionassociation', t.attemptStatusDescriptorId),
  ],
);
