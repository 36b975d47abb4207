/**
 * Ed-Fi school calendar domain (seed 004 §7) plus the calendar dates of §4 (they hang off a calendar):
 * calendars, calendar dates and events, grading periods, sessions, bell schedules, class periods.
 */
import { boolean, date, index, integer, smallint, time, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { school } from './education-organizations.js';

// seed: 004 §7 Calendar
/** A school's calendar for a school year (student, staff, supplemental…). */
export const calendar = edfiSchema.table(
  'calendar',
  {
    tenantId: tenantKey(),
    calendarCode: varchar('calendarcode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    calendarTypeDescriptorId: integer('calendartypedescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('calendar', t.tenantId, t.calendarCode, t.schoolId, t.schoolYear),
    resourceKey('calendar', t.tenantId, t.id),
    tenantFk('calendar_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('calendar_schoolid_idx').on(t.tenantId, t.schoolId, t.schoolYear),
    ...descriptorRef('calendar', t.calendarTypeDescriptorId),
  ],
);

// seed: 004 §4 CalendarDate
/** An individual day of a calendar. */
export const calendarDate = edfiSchema.table(
  'calendardate',
  {
    tenantId: tenantKey(),
    calendarCode: varchar('calendarcode', { length: 60 }).notNull(),
    date: date('date').notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('calendardate', t.tenantId, t.calendarCode, t.date, t.schoolId, t.schoolYear),
    resourceKey('calendardate', t.tenantId, t.id),
    tenantFk(
      'calendardate_calendar_fkey',
      [t.tenantId, t.calendarCode, t.schoolId, t.schoolYear],
      [calendar.tenantId, calendar.calendarCode, calendar.schoolId, calendar.schoolYear],
      'cascade',
    ),
    index('calendardate_calendar_idx').on(t.tenantId, t.calendarCode, t.schoolId, t.schoolYear, t.date),
  ],
);

// seed: 004 §4 CalendarDateCalendarEvent
/** What happens on a calendar date (instructional day, holiday, teacher workday…). */
export const calendarDateCalendarEvent = edfiSchema.table(
  'calendardatecalendarevent',
  {
    tenantId: tenantKey(),
    calendarCode: varchar('calendarcode', { length: 60 }).notNull(),
    date: date('date').notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    calendarEventDescriptorId: integer('calendareventdescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'calendardatecalendarevent',
      t.tenantId,
      t.calendarCode,
      t.date,
      t.schoolId,
      t.schoolYear,
      t.calendarEventDescriptorId,
    ),
    resourceKey('calendardatecalendarevent', t.tenantId, t.id),
    tenantFk(
      'calendardatecalendarevent_calendardate_fkey',
      [t.tenantId, t.calendarCode, t.date, t.schoolId, t.schoolYear],
      [
        calendarDate.tenantId,
        calendarDate.calendarCode,
        calendarDate.date,
        calendarDate.schoolId,
        calendarDate.schoolYear,
      ],
      'cascade',
    ),
    ...descriptorRef('calendardatecalendarevent', t.calendarEventDescriptorId),
  ],
);

// seed: 004 §7 GradingPeriod
/** A marking period of a school year. */
export const gradingPeriod = edfiSchema.table(
  'gradingperiod',
  {
    tenantId: tenantKey(),
    gradingPeriodDescriptorId: integer('gradingperioddescriptorid').notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    beginDate: date('begindate').notNull(),
    endDate: date('enddate').notNull(),
    totalInstructionalDays: integer('totalinstructionaldays').notNull(),
    periodSequence: integer('periodsequence'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('gradingperiod', t.tenantId, t.gradingPeriodDescriptorId, t.schoolId, t.schoolYear),
    resourceKey('gradingperiod', t.tenantId, t.id),
    tenantFk('gradingperiod_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('gradingperiod_schoolid_idx').on(t.tenantId, t.schoolId, t.schoolYear),
    ...descriptorRef('gradingperiod', t.gradingPeriodDescriptorId),
  ],
);

// seed: 004 §7 Session
/** An academic term of a school year. */
export const session = edfiSchema.table(
  'session',
  {
    tenantId: tenantKey(),
    sessionName: varchar('sessionname', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    beginDate: date('begindate').notNull(),
    endDate: date('enddate').notNull(),
    termDescriptorId: integer('termdescriptorid').notNull(),
    totalInstructionalDays: integer('totalinstructionaldays').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('session', t.tenantId, t.sessionName, t.schoolId, t.schoolYear),
    resourceKey('session', t.tenantId, t.id),
    tenantFk('session_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('session_schoolid_idx').on(t.tenantId, t.schoolId, t.schoolYear),
    ...descriptorRef('session', t.termDescriptorId),
  ],
);

// seed: 004 §7 BellSchedule
/** A school's daily class schedule ("Regular", "Early Release"). */
export const bellSchedule = edfiSchema.table(
  'bellschedule',
  {
    tenantId: tenantKey(),
    bellScheduleName: varchar('bellschedulename', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    alternateDayName: varchar('alternatedayname', { length: 20 }),
    startTime: time('starttime'),
    endTime: time('endtime'),
    totalInstructionalTime: integer('totalinstructionaltime'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('bellschedule', t.tenantId, t.bellScheduleName, t.schoolId),
    resourceKey('bellschedule', t.tenantId, t.id),
    tenantFk('bellschedule_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('bellschedule_schoolid_idx').on(t.tenantId, t.schoolId),
  ],
);

// seed: 004 §7 ClassPeriod
/** A named period of a school's schedule ("1st Period", "Block A"). */
export const classPeriod = edfiSchema.table(
  'classperiod',
  {
    tenantId: tenantKey(),
    classPeriodName: varchar('classperiodname', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    officialAttendancePeriod: boolean('officialattendanceperiod'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('classperiod', t.tenantId, t.classPeriodName, t.schoolId),
    resourceKey('classperiod', t.tenantId, t.id),
    tenantFk('classperiod_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('classperiod_schoolid_idx').on(t.tenantId, t.schoolId),
  ],
);
