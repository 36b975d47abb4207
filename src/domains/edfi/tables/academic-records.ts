/** Ed-Fi academic records domain (seed 004 §8): report cards, grades, diplomas, competency objectives. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { checkSql, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { gradingPeriod } from './calendar.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { educationOrganization } from './education-organizations.js';
import { student } from './people.js';
import { section } from './teaching-learning.js';

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
