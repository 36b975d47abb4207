/** Ed-Fi assessment domain (seed 004 §3): assessments, objective sub-tests, administrations and scores. */
import { boolean, date, index, integer, numeric, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { educationOrganization } from './education-organizations.js';
import { student } from './people.js';

// seed: 004 §3 Assessment
/** A test definition. */
export const assessment = edfiSchema.table(
  'assessment',
  {
    tenantId: tenantKey(),
    assessmentIdentifier: varchar('assessmentidentifier', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    assessmentTitle: varchar('assessmenttitle', { length: 100 }).notNull(),
    assessmentCategoryDescriptorId: integer('assessmentcategorydescriptorid'),
    assessmentForm: varchar('assessmentform', { length: 60 }),
    assessmentVersion: integer('assessmentversion'),
    revisionDate: date('revisiondate'),
    maxRawScore: numeric('maxrawscore', { precision: 15, scale: 5, mode: 'number' }),
    nomenclature: varchar('nomenclature', { length: 100 }),
    assessmentFamily: varchar('assessmentfamily', { length: 60 }),
    educationOrganizationId: integer('educationorganizationid'),
    adaptiveAssessment: boolean('adaptiveassessment'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('assessment', t.tenantId, t.assessmentIdentifier, t.namespace),
    resourceKey('assessment', t.tenantId, t.id),
    tenantFk(
      'assessment_educationorganizationid_fkey',
      [t.tenantId, t.educationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('assessment_educationorganizationid_idx').on(t.tenantId, t.educationOrganizationId),
    ...descriptorRef('assessment', t.assessmentCategoryDescriptorId),
  ],
);

// seed: 004 §3 ObjectiveAssessment
/** A sub-test (objective) of an assessment; may nest under a parent objective. */
export const objectiveAssessment = edfiSchema.table(
  'objectiveassessment',
  {
    tenantId: tenantKey(),
    assessmentIdentifier: varchar('assessmentidentifier', { length: 60 }).notNull(),
    identificationCode: varchar('identificationcode', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    maxRawScore: numeric('maxrawscore', { precision: 15, scale: 5, mode: 'number' }),
    percentOfAssessment: numeric('percentofassessment', { precision: 5, scale: 4, mode: 'number' }),
    nomenclature: varchar('nomenclature', { length: 100 }),
    description: varchar('description', { length: 1024 }),
    parentIdentificationCode: varchar('parentidentificationcode', { length: 60 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('objectiveassessment', t.tenantId, t.assessmentIdentifier, t.identificationCode, t.namespace),
    resourceKey('objectiveassessment', t.tenantId, t.id),
    tenantFk(
      'objectiveassessment_assessment_fkey',
      [t.tenantId, t.assessmentIdentifier, t.namespace],
      [assessment.tenantId, assessment.assessmentIdentifier, assessment.namespace],
      'cascade',
    ),
    // Ed-Fi's ParentObjectiveAssessment: a nested objective goes with its parent.
    tenantFk(
      'objectiveassessment_parent_fkey',
      [t.tenantId, t.assessmentIdentifier, t.parentIdentificationCode, t.namespace],
      [t.tenantId, t.assessmentIdentifier, t.identificationCode, t.namespace],
      'cascade',
    ),
    // Serves both FKs above (assessment prefix, then the parent code).
    index('objectiveassessment_assessment_idx').on(
      t.tenantId,
      t.assessmentIdentifier,
      t.namespace,
      t.parentIdentificationCode,
    ),
  ],
);

// seed: 004 §3 StudentAssessment, §14 idx_student_assessment_*
/** An individual test administration to a student. */
export const studentAssessment = edfiSchema.table(
  'studentassessment',
  {
    tenantId: tenantKey(),
    studentAssessmentIdentifier: varchar('studentassessmentidentifier', { length: 60 }).notNull(),
    studentUSI: integer('studentusi').notNull(),
    assessmentIdentifier: varchar('assessmentidentifier', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    administrationDate: timestamp('administrationdate', { withTimezone: true }).notNull(),
    administrationEndDate: timestamp('administrationenddate', { withTimezone: true }),
    administrationEnvironmentDescriptorId: integer('administrationenvironmentdescriptorid'),
    administrationLanguageDescriptorId: integer('administrationlanguagedescriptorid'),
    serialNumber: varchar('serialnumber', { length: 60 }),
    whenAssessedGradeLevelDescriptorId: integer('whenassessedgradeleveldescriptorid'),
    eventCircumstanceDescriptorId: integer('eventcircumstancedescriptorid'),
    eventDescription: varchar('eventdescription', { length: 1024 }),
    schoolYear: smallint('schoolyear'),
    // Ed-Fi 5.2 StudentAssessment.PlatformType (the seed has no column).
    platformTypeDescriptorId: integer('platformtypedescriptorid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentassessment',
      t.tenantId,
      t.studentAssessmentIdentifier,
      t.studentUSI,
      t.assessmentIdentifier,
      t.namespace,
    ),
    resourceKey('studentassessment', t.tenantId, t.id),
    tenantFk(
      'studentassessment_assessment_fkey',
      [t.tenantId, t.assessmentIdentifier, t.namespace],
      [assessment.tenantId, assessment.assessmentIdentifier, assessment.namespace],
    ),
    index('studentassessment_assessment_idx').on(t.tenantId, t.assessmentIdentifier, t.namespace),
    tenantFk('studentassessment_studentusi_fkey', [t.tenantId, t.studentUSI], [student.tenantId, student.studentUSI]),
    index('idx_student_assessment_student').on(t.tenantId, t.studentUSI),
    index('idx_student_assessment_date').on(t.tenantId, t.administrationDate),
    ...descriptorRef('studentassessment', t.administrationEnvironmentDescriptorId),
    ...descriptorRef('studentassessment', t.administrationLanguageDescriptorId),
    ...descriptorRef('studentassessment', t.whenAssessedGradeLevelDescriptorId),
    ...descriptorRef('studentassessment', t.eventCircumstanceDescriptorId),
    ...descriptorRef('studentassessment', t.platformTypeDescriptorId),
  ],
);

// seed: 004 §3 StudentAssessmentScoreResult
/** A score of a student assessment, by reporting method. */
export const studentAssessmentScoreResult = edfiSchema.table(
  'studentassessmentscoreresult',
  {
    tenantId: tenantKey(),
    studentAssessmentIdentifier: varchar('studentassessmentidentifier', { length: 60 }).notNull(),
    studentUSI: integer('studentusi').notNull(),
    assessmentIdentifier: varchar('assessmentidentifier', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    assessmentReportingMethodDescriptorId: integer('assessmentreportingmethoddescriptorid').notNull(),
    result: varchar('result', { length: 35 }).notNull(),
    resultDatatypeTypeDescriptorId: integer('resultdatatypetypedescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentassessmentscoreresult',
      t.tenantId,
      t.studentAssessmentIdentifier,
      t.studentUSI,
      t.assessmentIdentifier,
      t.namespace,
      t.assessmentReportingMethodDescriptorId,
    ),
    resourceKey('studentassessmentscoreresult', t.tenantId, t.id),
    tenantFk(
      'studentassessmentscoreresult_studentassessment_fkey',
      [t.tenantId, t.studentAssessmentIdentifier, t.studentUSI, t.assessmentIdentifier, t.namespace],
      [
        studentAssessment.tenantId,
        studentAssessment.studentAssessmentIdentifier,
        studentAssessment.studentUSI,
        studentAssessment.assessmentIdentifier,
        studentAssessment.namespace,
      ],
      'cascade',
    ),
    ...descriptorRef('studentassessmentscoreresult', t.assessmentReportingMethodDescriptorId),
    ...descriptorRef('studentassessmentscoreresult', t.resultDatatypeTypeDescriptorId),
  ],
);
