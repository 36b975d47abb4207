/**
 * The Ed-Fi resources of the school calendar and the master schedule: sessions, calendars, grading and class periods,
 * bell schedules, courses, course offerings and sections (resources.ts gathers them; model.ts says what each part
 * means).
 */
import * as edfi from '../../domains/edfi/tables.js';
import type { ResourceDef } from './model.js';
import { d, edOrg, offeringSession, school, schoolYear } from './resource-references.js';

export const SCHEDULING_RESOURCE_DEFS: ResourceDef[] = [
  // Calendar and terms
  {
    collection: 'sessions',
    name: 'Session',
    table: edfi.session,
    scalars: ['sessionName', 'beginDate', 'endDate', 'totalInstructionalDays'],
    descriptors: [d('termDescriptor', 'Term')],
    references: [school, schoolYear()],
    allowKeyChanges: true,
  },
  {
    collection: 'calendars',
    name: 'Calendar',
    table: edfi.calendar,
    scalars: ['calendarCode'],
    descriptors: [d('calendarTypeDescriptor', 'CalendarType')],
    references: [school, schoolYear()],
  },
  {
    collection: 'calendarDates',
    name: 'CalendarDate',
    table: edfi.calendarDate,
    scalars: ['date'],
    references: [
      {
        json: 'calendarReference',
        target: 'calendars',
        keys: { calendarCode: 'calendarCode', schoolId: 'schoolId', schoolYear: 'schoolYear' },
      },
    ],
    children: [
      {
        json: 'calendarEvents',
        table: edfi.calendarDateCalendarEvent,
        descriptors: [d('calendarEventDescriptor', 'CalendarEvent')],
      },
    ],
  },
  {
    collection: 'gradingPeriods',
    name: 'GradingPeriod',
    table: edfi.gradingPeriod,
    scalars: ['periodSequence', 'beginDate', 'endDate', 'totalInstructionalDays'],
    descriptors: [d('gradingPeriodDescriptor', 'GradingPeriod')],
    references: [school, schoolYear()],
  },
  {
    collection: 'classPeriods',
    name: 'ClassPeriod',
    table: edfi.classPeriod,
    scalars: ['classPeriodName', 'officialAttendancePeriod'],
    references: [school],
    allowKeyChanges: true,
  },
  {
    collection: 'bellSchedules',
    name: 'BellSchedule',
    table: edfi.bellSchedule,
    scalars: ['bellScheduleName', 'alternateDayName', 'startTime', 'endTime', 'totalInstructionalTime'],
    references: [school],
  },

  // Courses and sections
  {
    collection: 'courses',
    name: 'Course',
    table: edfi.course,
    scalars: [
      'courseCode',
      'courseTitle',
      'numberOfParts',
      'courseDescription',
      'minimumAvailableCredits',
      'maximumAvailableCredits',
      'maxCompletionsForCredit',
    ],
    descriptors: [
      d('academicSubjectDescriptor', 'AcademicSubject'),
      d('courseGPAApplicabilityDescriptor', 'CourseGPAApplicability'),
      d('courseDefinedByDescriptor', 'CourseDefinedBy'),
    ],
    references: [edOrg()],
  },
  {
    collection: 'courseOfferings',
    name: 'CourseOffering',
    table: edfi.courseOffering,
    scalars: ['localCourseCode', 'localCourseTitle', 'instructionalTimePlanned'],
    references: [
      school,
      offeringSession,
      {
        json: 'courseReference',
        target: 'courses',
        keys: { courseCode: 'courseCode', educationOrganizationId: 'educationOrganizationId' },
      },
    ],
    allowKeyChanges: true,
  },
  {
    collection: 'sections',
    name: 'Section',
    table: edfi.section,
    scalars: ['sectionIdentifier', 'sectionName', 'sequenceOfCourse', 'availableCredits'],
    descriptors: [
      d('educationalEnvironmentDescriptor', 'EducationalEnvironment'),
      d('mediumOfInstructionDescriptor', 'MediumOfInstruction'),
      d('populationServedDescriptor', 'PopulationServed'),
      d('availableCreditTypeDescriptor', 'CreditType'),
    ],
    references: [
      {
        json: 'courseOfferingReference',
        target: 'courseOfferings',
        keys: {
          localCourseCode: 'localCourseCode',
          schoolId: 'schoolId',
          schoolYear: 'schoolYear',
          sessionName: 'sessionName',
        },
      },
    ],
    allowKeyChanges: true,
  },
];
