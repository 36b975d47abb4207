/** Ed-Fi attendance domain (seed 004 §4): daily school and per-section attendance events. */
import { date, index, integer, numeric, smallint, time, timestamp, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { checkRange, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { school } from './education-organizations.js';
import { student } from './people.js';
import { section } from './teaching-learning.js';

// seed: 004 §4 StudentSchoolAttendanceEvent, §14 idx_attendance_*
/** Daily attendance of a student at a school. */
export const studentSchoolAttendanceEvent = edfiSchema.table(
  'studentschoolattendanceevent',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    eventDate: date('eventdate').notNull(),
    attendanceEventCategoryDescriptorId: integer('attendanceeventcategorydescriptorid').notNull(),
    attendanceEventReason: varchar('attendanceeventreason', { length: 255 }),
    educationalEnvironmentDescriptorId: integer('educationalenvironmentdescriptorid'),
    eventDuration: numeric('eventduration', { precision: 5, scale: 4, mode: 'number' }),
    schoolAttendanceDuration: integer('schoolattendanceduration'),
    arrivalTime: time('arrivaltime'),
    departureTime: time('departuretime'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentschoolattendanceevent',
      t.tenantId,
      t.studentUSI,
      t.schoolId,
      t.schoolYear,
      t.eventDate,
      t.attendanceEventCategoryDescriptorId,
    ),
    resourceKey('studentschoolattendanceevent', t.tenantId, t.id),
    tenantFk(
      'studentschoolattendanceevent_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentschoolattendanceevent_schoolid_fkey',
      [t.tenantId, t.schoolId],
      [school.tenantId, school.schoolId],
    ),
    index('idx_attendance_student_date').on(t.tenantId, t.studentUSI, t.eventDate),
    index('idx_attendance_school_date').on(t.tenantId, t.schoolId, t.eventDate),
    ...descriptorRef('studentschoolattendanceevent', t.attendanceEventCategoryDescriptorId),
    ...descriptorRef('studentschoolattendanceevent', t.educationalEnvironmentDescriptorId),
  ],
);

// seed: 004 §4 StudentSectionAttendanceEvent
/** Period-by-period attendance of a student in a section. */
export const studentSectionAttendanceEvent = edfiSchema.table(
  'studentsectionattendanceevent',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    sectionIdentifier: varchar('sectionidentifier', { length: 255 }).notNull(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    eventDate: date('eventdate').notNull(),
    attendanceEventCategoryDescriptorId: integer('attendanceeventcategorydescriptorid').notNull(),
    attendanceEventReason: varchar('attendanceeventreason', { length: 255 }),
    educationalEnvironmentDescriptorId: integer('educationalenvironmentdescriptorid'),
    eventDuration: numeric('eventduration', { precision: 5, scale: 4, mode: 'number' }),
    sectionAttendanceDuration: integer('sectionattendanceduration'),
    arrivalTime: time('arrivaltime'),
    departureTime: time('departuretime'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentsectionattendanceevent',
      t.tenantId,
      t.studentUSI,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
      t.eventDate,
      t.attendanceEventCategoryDescriptorId,
    ),
    resourceKey('studentsectionattendanceevent', t.tenantId, t.id),
    tenantFk(
      'studentsectionattendanceevent_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentsectionattendanceevent_section_fkey',
      [t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear],
      [section.tenantId, section.sectionIdentifier, section.localCourseCode, section.schoolId, section.schoolYear],
    ),
    // Section roll call for a day: section key, then date.
    index('studentsectionattendanceevent_section_idx').on(
      t.tenantId,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
      t.eventDate,
    ),
    ...descriptorRef('studentsectionattendanceevent', t.attendanceEventCategoryDescriptorId),
    ...descriptorRef('studentsectionattendanceevent', t.educationalEnvironmentDescriptorId),
  ],
);

// Schola extension (not Ed-Fi): how a school derives daily attendance from section attendance.
/**
 * A school's daily-attendance rule: a student is absent for the day when absent from at least
 * `absentthresholdpercent` % of the sections whose attendance was taken for them that day. A school
 * without a row uses the default (ATTENDANCE_RULES in src/domains/edfi/attendance/schemas.ts).
 */
export const schoolAttendanceRule = edfiSchema.table(
  'schoolattendancerule',
  {
    tenantId: tenantKey(),
    schoolId: integer('schoolid').notNull(),
    absentThresholdPercent: smallint('absentthresholdpercent').notNull().default(50),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: varchar('updated_by', { length: 255 }),
  },
  (t) => [
    ...tenantKeys('schoolattendancerule', t.tenantId, t.schoolId),
    tenantFk(
      'schoolattendancerule_schoolid_fkey',
      [t.tenantId, t.schoolId],
      [school.tenantId, school.schoolId],
      'cascade',
    ),
    checkRange('schoolattendancerule_threshold_check', t.absentThresholdPercent, 1, 100),
  ],
);
