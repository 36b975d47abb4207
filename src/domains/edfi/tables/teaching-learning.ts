/** Ed-Fi core teaching & learning domain (seed 004 §1): courses, offerings, sections, learning standards. */
import { index, integer, numeric, smallint, text, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { checkIn, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { session } from './calendar.js';
import { educationOrganization, school } from './education-organizations.js';

/** Course levels for the weighted GPA (Schola extension of edfi.course). */
export const COURSE_GPA_LEVELS = ['regular', 'honors', 'ap'] as const;

// seed: 004 §1 Course
/** Master course catalog defining curriculum (owned by a district/LEA). */
export const course = edfiSchema.table(
  'course',
  {
    tenantId: tenantKey(),
    courseCode: varchar('coursecode', { length: 60 }).notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    courseTitle: varchar('coursetitle', { length: 60 }).notNull(),
    numberOfParts: integer('numberofparts'),
    academicSubjectDescriptorId: integer('academicsubjectdescriptorid'),
    courseDescription: varchar('coursedescription', { length: 1024 }),
    courseGPAApplicabilityDescriptorId: integer('coursegpaapplicabilitydescriptorid'),
    courseDefinedByDescriptorId: integer('coursedefinedbydescriptorid'),
    minimumAvailableCredits: numeric('minimumavailablecredits', { precision: 9, scale: 3, mode: 'number' }),
    maximumAvailableCredits: numeric('maximumavailablecredits', { precision: 9, scale: 3, mode: 'number' }),
    maxCompletionsForCredit: integer('maxcompletionsforcredit'),
    // Schola extension: the level that earns a weighted-GPA add-on (the school's grading policy sets how much).
    gpaLevel: varchar('gpalevel', { length: 20 }).notNull().default('regular'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('course', t.tenantId, t.courseCode, t.educationOrganizationId),
    resourceKey('course', t.tenantId, t.id),
    tenantFk(
      'course_educationorganizationid_fkey',
      [t.tenantId, t.educationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('course_educationorganizationid_idx').on(t.tenantId, t.educationOrganizationId),
    ...descriptorRef('course', t.academicSubjectDescriptorId),
    ...descriptorRef('course', t.courseGPAApplicabilityDescriptorId),
    checkIn('course_gpalevel_check', t.gpaLevel, COURSE_GPA_LEVELS),
    ...descriptorRef('course', t.courseDefinedByDescriptorId),
  ],
);

// seed: 004 §1 CourseOffering
/** A course offered by a school in a school year. */
export const courseOffering = edfiSchema.table(
  'courseoffering',
  {
    tenantId: tenantKey(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    // Ed-Fi's key has the session (a course is offered in fall and again in spring); seed 004 left
    // it out, which merged a school's fall and spring offerings of the same course into one row.
    sessionName: varchar('sessionname', { length: 60 }).notNull(),
    localCourseTitle: varchar('localcoursetitle', { length: 60 }),
    instructionalTimePlanned: integer('instructionaltimeplanned'),
    courseCode: varchar('coursecode', { length: 60 }).notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('courseoffering', t.tenantId, t.localCourseCode, t.schoolId, t.schoolYear, t.sessionName),
    resourceKey('courseoffering', t.tenantId, t.id),
    tenantFk(
      'courseoffering_session_fkey',
      [t.tenantId, t.sessionName, t.schoolId, t.schoolYear],
      [session.tenantId, session.sessionName, session.schoolId, session.schoolYear],
    ),
    index('courseoffering_session_idx').on(t.tenantId, t.sessionName, t.schoolId, t.schoolYear),
    tenantFk(
      'courseoffering_course_fkey',
      [t.tenantId, t.courseCode, t.educationOrganizationId],
      [course.tenantId, course.courseCode, course.educationOrganizationId],
    ),
    tenantFk(
      'courseoffering_educationorganizationid_fkey',
      [t.tenantId, t.educationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    // One index serves both FKs above (EO first, then course code).
    index('courseoffering_course_idx').on(t.tenantId, t.educationOrganizationId, t.courseCode),
    tenantFk('courseoffering_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('courseoffering_schoolid_idx').on(t.tenantId, t.schoolId, t.schoolYear),
  ],
);

// seed: 004 §1 Section
/** An individual class instance where instruction occurs. */
export const section = edfiSchema.table(
  'section',
  {
    tenantId: tenantKey(),
    sectionIdentifier: varchar('sectionidentifier', { length: 255 }).notNull(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    // Part of the course offering reference, not of the section's own key (seed 004's key, which
    // Ed-Fi data keeps unique: a section identifier is not reused across a year's sessions).
    sessionName: varchar('sessionname', { length: 60 }).notNull(),
    sectionName: varchar('sectionname', { length: 100 }),
    sequenceOfCourse: integer('sequenceofcourse'),
    educationalEnvironmentDescriptorId: integer('educationalenvironmentdescriptorid'),
    mediumOfInstructionDescriptorId: integer('mediumofinstructiondescriptorid'),
    populationServedDescriptorId: integer('populationserveddescriptorid'),
    availableCredits: numeric('availablecredits', { precision: 9, scale: 3, mode: 'number' }),
    availableCreditTypeDescriptorId: integer('availablecredittypedescriptorid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('section', t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear),
    resourceKey('section', t.tenantId, t.id),
    tenantFk(
      'section_courseoffering_fkey',
      [t.tenantId, t.localCourseCode, t.schoolId, t.schoolYear, t.sessionName],
      [
        courseOffering.tenantId,
        courseOffering.localCourseCode,
        courseOffering.schoolId,
        courseOffering.schoolYear,
        courseOffering.sessionName,
      ],
    ),
    index('section_courseoffering_idx').on(t.tenantId, t.localCourseCode, t.schoolId, t.schoolYear, t.sessionName),
    ...descriptorRef('section', t.educationalEnvironmentDescriptorId),
    ...descriptorRef('section', t.mediumOfInstructionDescriptorId),
    ...descriptorRef('section', t.populationServedDescriptorId),
    ...descriptorRef('section', t.availableCreditTypeDescriptorId),
  ],
);

// seed: 004 §1 LearningStandard
/** State/national learning standards (alignment targets). */
export const learningStandard = edfiSchema.table(
  'learningstandard',
  {
    tenantId: tenantKey(),
    learningStandardId: varchar('learningstandardid', { length: 60 }).notNull(),
    description: varchar('description', { length: 1024 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    courseTitle: varchar('coursetitle', { length: 60 }),
    successCriteria: text('successcriteria'),
    itemCode: varchar('itemcode', { length: 50 }),
    uri: varchar('uri', { length: 255 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('learningstandard', t.tenantId, t.learningStandardId),
    resourceKey('learningstandard', t.tenantId, t.id),
  ],
);

// seed: 004 §1 LearningObjective
/** Specific learning goals. */
export const learningObjective = edfiSchema.table(
  'learningobjective',
  {
    tenantId: tenantKey(),
    learningObjectiveId: varchar('learningobjectiveid', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    objective: varchar('objective', { length: 60 }).notNull(),
    description: varchar('description', { length: 1024 }),
    nomenclature: varchar('nomenclature', { length: 100 }),
    successCriteria: text('successcriteria'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('learningobjective', t.tenantId, t.learningObjectiveId, t.namespace),
    resourceKey('learningobjective', t.tenantId, t.id),
  ],
);
