/** Ed-Fi academic records domain (seed 004 §8): report cards, grades, diplomas, competency objectives. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { checkRange, checkSql, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { gradingPeriod } from './calendar.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { educationOrganization, school } from './education-organizations.js';
import { student } from './people.js';
import { course, section } from './teaching-learning.js';

// seed: 004 §8 ReportCard
/** A student's official grade report for a grading period. */
export const reportCard = edfiSchema.table(
  'reportcard',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    gradingPeriodDescriptorId: integer('gradingperioddescriptorid').notNull(),
    gradingPeriodSchoolId: integer('gradingperiodschoolid').notNull(),
    gradingPeriodSchoolYear: smallint('gradingperiodschoolyear').notNull(),
    gpaGivenGradingPeriod: numeric('gpagivengradingperiod', { precision: 18, scale: 4, mode: 'number' }),
    gpaCumulative: numeric('gpacumulative', { precision: 18, scale: 4, mode: 'number' }),
    numberOfDaysAbsent: numeric('numberofdaysabsent', { precision: 18, scale: 4, mode: 'number' }),
    numberOfDaysInAttendance: numeric('numberofdaysinattendance', { precision: 18, scale: 4, mode: 'number' }),
    numberOfDaysTardy: integer('numberofdaystardy'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'reportcard',
      t.tenantId,
      t.studentUSI,
      t.educationOrganizationId,
      t.gradingPeriodDescriptorId,
      t.gradingPeriodSchoolId,
      t.gradingPeriodSchoolYear,
    ),
    resourceKey('reportcard', t.tenantId, t.id),
    tenantFk('reportcard_studentusi_fkey', [t.tenantId, t.studentUSI], [student.tenantId, student.studentUSI]),
    tenantFk(
      'reportcard_educationorganizationid_fkey',
      [t.tenantId, t.educationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('reportcard_educationorganizationid_idx').on(t.tenantId, t.educationOrganizationId),
    tenantFk(
      'reportcard_gradingperiod_fkey',
      [t.tenantId, t.gradingPeriodDescriptorId, t.gradingPeriodSchoolId, t.gradingPeriodSchoolYear],
      [
        gradingPeriod.tenantId,
        gradingPeriod.gradingPeriodDescriptorId,
        gradingPeriod.schoolId,
        gradingPeriod.schoolYear,
      ],
    ),
    index('reportcard_gradingperiod_idx').on(
      t.tenantId,
      t.gradingPeriodDescriptorId,
      t.gradingPeriodSchoolId,
      t.gradingPeriodSchoolYear,
    ),
    ...descriptorRef('reportcard', t.gradingPeriodDescriptorId),
  ],
);

// seed: 004 §8 Grade
/** A student's grade in a section for a grading period. */
export const grade = edfiSchema.table(
  'grade',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    sectionIdentifier: varchar('sectionidentifier', { length: 255 }).notNull(),
    gradingPeriodDescriptorId: integer('gradingperioddescriptorid').notNull(),
    gradingPeriodSchoolId: integer('gradingperiodschoolid').notNull(),
    gradingPeriodSchoolYear: smallint('gradingperiodschoolyear').notNull(),
    // The student's section enrollment begin date (Ed-Fi StudentSectionAssociation key).
    beginDate: date('begindate').notNull(),
    gradeTypeDescriptorId: integer('gradetypedescriptorid').notNull(),
    numericGradeEarned: numeric('numericgradeearned', { precision: 9, scale: 2, mode: 'number' }),
    letterGradeEarned: varchar('lettergradeearned', { length: 20 }),
    // The teacher's comment (shown on the report card).
    diagnosticStatement: varchar('diagnosticstatement', { length: 1024 }),
    // Schola extension: the grade computed from the gradebook, and a teacher's override of its letter (audited).
    computedNumericGrade: numeric('computednumericgrade', { precision: 9, scale: 2, mode: 'number' }),
    computedLetterGrade: varchar('computedlettergrade', { length: 20 }),
    overrideReason: varchar('overridereason', { length: 1024 }),
    overriddenBy: varchar('overriddenby', { length: 255 }),
    overriddenAt: timestamp('overriddenat', { withTimezone: true }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'grade',
      t.tenantId,
      t.studentUSI,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
      t.sectionIdentifier,
      t.gradingPeriodDescriptorId,
      t.gradingPeriodSchoolId,
      t.gradingPeriodSchoolYear,
      t.beginDate,
      t.gradeTypeDescriptorId,
    ),
    resourceKey('grade', t.tenantId, t.id),
    tenantFk('grade_studentusi_fkey', [t.tenantId, t.studentUSI], [student.tenantId, student.studentUSI]),
    tenantFk(
      'grade_section_fkey',
      [t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear],
      [section.tenantId, section.sectionIdentifier, section.localCourseCode, section.schoolId, section.schoolYear],
    ),
    index('grade_section_idx').on(t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear),
    tenantFk(
      'grade_gradingperiod_fkey',
      [t.tenantId, t.gradingPeriodDescriptorId, t.gradingPeriodSchoolId, t.gradingPeriodSchoolYear],
      [
        gradingPeriod.tenantId,
        gradingPeriod.gradingPeriodDescriptorId,
        gradingPeriod.schoolId,
        gradingPeriod.schoolYear,
      ],
    ),
    index('grade_gradingperiod_idx').on(
      t.tenantId,
      t.gradingPeriodDescriptorId,
      t.gradingPeriodSchoolId,
      t.gradingPeriodSchoolYear,
    ),
    ...descriptorRef('grade', t.gradingPeriodDescriptorId),
    ...descriptorRef('grade', t.gradeTypeDescriptorId),
    checkSql('grade_override_reason_check', sql`overriddenat IS NULL OR overridereason IS NOT NULL`),
  ],
);

// seed: 004 §8 Diploma
/** A student's graduation record. */
export const diploma = edfiSchema.table(
  'diploma',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    diplomaTypeDescriptorId: integer('diplomatypedescriptorid').notNull(),
    diplomaAwardDate: date('diplomaawarddate').notNull(),
    achievementCategoryDescriptorId: integer('achievementcategorydescriptorid'),
    diplomaLevelDescriptorId: integer('diplomaleveldescriptorid'),
    cteCompleter: boolean('ctecompleter'),
    diplomaDescription: varchar('diplomadescription', { length: 80 }),
    diplomaAwardExpiresDate: date('diplomaawardexpiresdate'),
    academicMonth: integer('academicmonth'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('diploma', t.tenantId, t.studentUSI, t.diplomaTypeDescriptorId, t.diplomaAwardDate),
    resourceKey('diploma', t.tenantId, t.id),
    tenantFk('diploma_studentusi_fkey', [t.tenantId, t.studentUSI], [student.tenantId, student.studentUSI]),
    ...descriptorRef('diploma', t.diplomaTypeDescriptorId),
    ...descriptorRef('diploma', t.achievementCategoryDescriptorId),
    ...descriptorRef('diploma', t.diplomaLevelDescriptorId),
  ],
);

// seed: 004 §8 StudentCompetencyObjective
/** A student's mastery level of a competency objective in a grading period. */
export const studentCompetencyObjective = edfiSchema.table(
  'studentcompetencyobjective',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    gradingPeriodDescriptorId: integer('gradingperioddescriptorid').notNull(),
    gradingPeriodSchoolId: integer('gradingperiodschoolid').notNull(),
    gradingPeriodSchoolYear: smallint('gradingperiodschoolyear').notNull(),
    objective: varchar('objective', { length: 60 }).notNull(),
    objectiveEducationOrganizationId: integer('objectiveeducationorganizationid').notNull(),
    objectiveGradeLevelDescriptorId: integer('objectivegradeleveldescriptorid').notNull(),
    competencyLevelDescriptorId: integer('competencyleveldescriptorid').notNull(),
    diagnosticStatement: varchar('diagnosticstatement', { length: 1024 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentcompetencyobjective',
      t.tenantId,
      t.studentUSI,
      t.gradingPeriodDescriptorId,
      t.gradingPeriodSchoolId,
      t.gradingPeriodSchoolYear,
      t.objective,
      t.objectiveEducationOrganizationId,
      t.objectiveGradeLevelDescriptorId,
    ),
    resourceKey('studentcompetencyobjective', t.tenantId, t.id),
    tenantFk(
      'studentcompetencyobjective_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentcompetencyobjective_gradingperiod_fkey',
      [t.tenantId, t.gradingPeriodDescriptorId, t.gradingPeriodSchoolId, t.gradingPeriodSchoolYear],
      [
        gradingPeriod.tenantId,
        gradingPeriod.gradingPeriodDescriptorId,
        gradingPeriod.schoolId,
        gradingPeriod.schoolYear,
      ],
    ),
    index('studentcompetencyobjective_gradingperiod_idx').on(
      t.tenantId,
      t.gradingPeriodDescriptorId,
      t.gradingPeriodSchoolId,
      t.gradingPeriodSchoolYear,
    ),
    // No edfi.competencyobjective table in the seed: the objective's owner is checked against the EO supertype.
    tenantFk(
      'studentcompetencyobjective_objectiveeducationorganizationid_fkey',
      [t.tenantId, t.objectiveEducationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('studentcompetencyobjective_objectiveeducationorganizationid_idx').on(
      t.tenantId,
      t.objectiveEducationOrganizationId,
    ),
    ...descriptorRef('studentcompetencyobjective', t.gradingPeriodDescriptorId),
    ...descriptorRef('studentcompetencyobjective', t.objectiveGradeLevelDescriptorId),
    ...descriptorRef('studentcompetencyobjective', t.competencyLevelDescriptorId),
  ],
);

// Ed-Fi 5.2 CourseTranscript (not in seed 004): a student's final record of a course in a term.
/** A course a student took in a school's term: final grade, credits attempted and earned (GPA's input). */
export const courseTranscript = edfiSchema.table(
  'coursetranscript',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    courseCode: varchar('coursecode', { length: 60 }).notNull(),
    courseEducationOrganizationId: integer('courseeducationorganizationid').notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    termDescriptorId: integer('termdescriptorid').notNull(),
    courseTitle: varchar('coursetitle', { length: 60 }),
    attemptedCredits: numeric('attemptedcredits', { precision: 9, scale: 3, mode: 'number' }).notNull(),
    earnedCredits: numeric('earnedcredits', { precision: 9, scale: 3, mode: 'number' }).notNull(),
    finalLetterGradeEarned: varchar('finallettergradeearned', { length: 20 }),
    finalNumericGradeEarned: numeric('finalnumericgradeearned', { precision: 9, scale: 2, mode: 'number' }),
    // Schola extension: the grade points of the letter on the school's scale, and the course's GPA level then.
    gradePoints: numeric('gradepoints', { precision: 4, scale: 2, mode: 'number' }),
    gpaLevel: varchar('gpalevel', { length: 20 }).notNull().default('regular'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'coursetranscript',
      t.tenantId,
      t.studentUSI,
      t.courseCode,
      t.courseEducationOrganizationId,
      t.educationOrganizationId,
      t.schoolYear,
      t.termDescriptorId,
    ),
    resourceKey('coursetranscript', t.tenantId, t.id),
    tenantFk('coursetranscript_studentusi_fkey', [t.tenantId, t.studentUSI], [student.tenantId, student.studentUSI]),
    tenantFk(
      'coursetranscript_course_fkey',
      [t.tenantId, t.courseCode, t.courseEducationOrganizationId],
      [course.tenantId, course.courseCode, course.educationOrganizationId],
    ),
    index('coursetranscript_course_idx').on(t.tenantId, t.courseCode, t.courseEducationOrganizationId),
    tenantFk(
      'coursetranscript_educationorganizationid_fkey',
      [t.tenantId, t.educationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('coursetranscript_educationorganizationid_idx').on(t.tenantId, t.educationOrganizationId, t.schoolYear),
    ...descriptorRef('coursetranscript', t.termDescriptorId),
    checkSql('coursetranscript_credits_check', sql`attemptedcredits >= 0 AND earnedcredits >= 0`),
    checkRange('coursetranscript_gradepoints_check', t.gradePoints, 0, 6),
  ],
);

// Schola extension (not Ed-Fi): how a school turns percentages into letters and letters into grade points.
/**
 * A school's grading policy: its letter scale (highest first: letter, minimum percent, grade points,
 * passing) and the weighted-GPA add-ons for honors and AP courses. A school without a row uses the
 * default A–F scale (GRADING_DEFAULTS in src/domains/edfi/grades/schemas.ts).
 */
export const schoolGradingPolicy = edfiSchema.table(
  'schoolgradingpolicy',
  {
    tenantId: tenantKey(),
    schoolId: integer('schoolid').notNull(),
    scale: jsonb('scale').notNull(),
    honorsAddOn: numeric('honorsaddon', { precision: 3, scale: 2, mode: 'number' }).notNull().default(0.5),
    apAddOn: numeric('apaddon', { precision: 3, scale: 2, mode: 'number' }).notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: varchar('updated_by', { length: 255 }),
  },
  (t) => [
    ...tenantKeys('schoolgradingpolicy', t.tenantId, t.schoolId),
    tenantFk(
      'schoolgradingpolicy_schoolid_fkey',
      [t.tenantId, t.schoolId],
      [school.tenantId, school.schoolId],
      'cascade',
    ),
    checkRange('schoolgradingpolicy_honorsaddon_check', t.honorsAddOn, 0, 2),
    checkRange('schoolgradingpolicy_apaddon_check', t.apAddOn, 0, 2),
  ],
);
