/**
 * Ed-Fi 5.2 assessment collections the seed has no table for: an assessment's academic subjects, assessed
 * grade levels, scores, performance levels, identification codes and platforms, and a student assessment's
 * performance levels. Child tables carrying their parent's key (deleted with it), one row per item.
 */
import { integer, varchar, type PgColumn } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { assessment, studentAssessment } from './assessment.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';

const assessmentKey = () => ({
  tenantId: tenantKey(),
  assessmentIdentifier: varchar('assessmentidentifier', { length: 60 }).notNull(),
  namespace: varchar('namespace', { length: 255 }).notNull(),
});

/** The FK to the assessment (cascade: the items go with it). */
const ofAssessment = (name: string, t: { tenantId: PgColumn; assessmentIdentifier: PgColumn; namespace: PgColumn }) =>
  tenantFk(
    `${name}_assessment_fkey`,
    [t.tenantId, t.assessmentIdentifier, t.namespace],
    [assessment.tenantId, assessment.assessmentIdentifier, assessment.namespace],
    'cascade',
  );

// Ed-Fi 5.2 AssessmentAcademicSubject (required, one or more)
/** An academic subject an assessment covers. */
export const assessmentAcademicSubject = edfiSchema.table(
  'assessmentacademicsubject',
  {
    ...assessmentKey(),
    academicSubjectDescriptorId: integer('academicsubjectdescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'assessmentacademicsubject',
      t.tenantId,
      t.assessmentIdentifier,
      t.namespace,
      t.academicSubjectDescriptorId,
    ),
    resourceKey('assessmentacademicsubject', t.tenantId, t.id),
    ofAssessment('assessmentacademicsubject', t),
    ...descriptorRef('assessmentacademicsubject', t.academicSubjectDescriptorId),
  ],
);

// Ed-Fi 5.2 AssessmentAssessedGradeLevel
/** A grade level an assessment is designed for. */
export const assessmentAssessedGradeLevel = edfiSchema.table(
  'assessmentassessedgradelevel',
  {
    ...assessmentKey(),
    gradeLevelDescriptorId: integer('gradeleveldescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'assessmentassessedgradelevel',
      t.tenantId,
      t.assessmentIdentifier,
      t.namespace,
      t.gradeLevelDescriptorId,
    ),
    resourceKey('assessmentassessedgradelevel', t.tenantId, t.id),
    ofAssessment('assessmentassessedgradelevel', t),
    ...descriptorRef('assessmentassessedgradelevel', t.gradeLevelDescriptorId),
  ],
);

// Ed-Fi 5.2 AssessmentScore
/** A score an assessment reports, by reporting method, with its range. */
export const assessmentScore = edfiSchema.table(
  'assessmentscore',
  {
    ...assessmentKey(),
    assessmentReportingMethodDescriptorId: integer('assessmentreportingmethoddescriptorid').notNull(),
    minimumScore: varchar('minimumscore', { length: 35 }),
    maximumScore: varchar('maximumscore', { length: 35 }),
    resultDatatypeTypeDescriptorId: integer('resultdatatypetypedescriptorid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'assessmentscore',
      t.tenantId,
      t.assessmentIdentifier,
      t.namespace,
      t.assessmentReportingMethodDescriptorId,
    ),
    resourceKey('assessmentscore', t.tenantId, t.id),
    ofAssessment('assessmentscore', t),
    ...descriptorRef('assessmentscore', t.assessmentReportingMethodDescriptorId),
    ...descriptorRef('assessmentscore', t.resultDatatypeTypeDescriptorId),
  ],
);

// Ed-Fi 5.2 AssessmentPerformanceLevel
/** A performance level of an assessment: the score range that earns it, by reporting method. */
export const assessmentPerformanceLevel = edfiSchema.table(
  'assessmentperformancelevel',
  {
    ...assessmentKey(),
    assessmentReportingMethodDescriptorId: integer('assessmentreportingmethoddescriptorid').notNull(),
    performanceLevelDescriptorId: integer('performanceleveldescriptorid').notNull(),
    minimumScore: varchar('minimumscore', { length: 35 }),
    maximumScore: varchar('maximumscore', { length: 35 }),
    resultDatatypeTypeDescriptorId: integer('resultdatatypetypedescriptorid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'assessmentperformancelevel',
      t.tenantId,
      t.assessmentIdentifier,
      t.namespace,
      t.assessmentReportingMethodDescriptorId,
      t.performanceLevelDescriptorId,
    ),
    resourceKey('assessmentperformancelevel', t.tenantId, t.id),
    ofAssessment('assessmentperformancelevel', t),
    ...descriptorRef('assessmentperformancelevel', t.assessmentReportingMethodDescriptorId),
    ...descriptorRef('assessmentperformancelevel', t.performanceLevelDescriptorId),
    ...descriptorRef('assessmentperformancelevel', t.resultDatatypeTypeDescriptorId),
  ],
);

// Ed-Fi 5.2 AssessmentIdentificationCode
/** A code another system (the state, a test contractor) knows the assessment by. */
export const assessmentIdentificationCode = edfiSchema.table(
  'assessmentidentificationcode',
  {
    ...assessmentKey(),
    assessmentIdentificationSystemDescriptorId: integer('assessmentidentificationsystemdescriptorid').notNull(),
    identificationCode: varchar('identificationcode', { length: 60 }).notNull(),
    assigningOrganizationIdentificationCode: varchar('assigningorganizationidentificationcode', { length: 60 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'assessmentidentificationcode',
      t.tenantId,
      t.assessmentIdentifier,
      t.namespace,
      t.assessmentIdentificationSystemDescriptorId,
    ),
    resourceKey('assessmentidentificationcode', t.tenantId, t.id),
    ofAssessment('assessmentidentificationcode', t),
    ...descriptorRef('assessmentidentificationcode', t.assessmentIdentificationSystemDescriptorId),
  ],
);

// Ed-Fi 5.2 AssessmentPlatformType
/** A platform (paper, computer…) an assessment is delivered on. */
export const assessmentPlatformType = edfiSchema.table(
  'assessmentplatformtype',
  {
    ...assessmentKey(),
    platformTypeDescriptorId: integer('platformtypedescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'assessmentplatformtype',
      t.tenantId,
      t.assessmentIdentifier,
      t.namespace,
      t.platformTypeDescriptorId,
    ),
    resourceKey('assessmentplatformtype', t.tenantId, t.id),
    ofAssessment('assessmentplatformtype', t),
    ...descriptorRef('assessmentplatformtype', t.platformTypeDescriptorId),
  ],
);

// Ed-Fi 5.2 StudentAssessmentPerformanceLevel
/** The performance level a student reached on an assessment, by reporting method. */
export const studentAssessmentPerformanceLevel = edfiSchema.table(
  'studentassessmentperformancelevel',
  {
    tenantId: tenantKey(),
    studentAssessmentIdentifier: varchar('studentassessmentidentifier', { length: 60 }).notNull(),
    studentUSI: integer('studentusi').notNull(),
    assessmentIdentifier: varchar('assessmentidentifier', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    assessmentReportingMethodDescriptorId: integer('assessmentreportingmethoddescriptorid').notNull(),
    performanceLevelDescriptorId: integer('performanceleveldescriptorid').notNull(),
    performanceLevelIndicatorName: varchar('performancelevelindicatorname', { length: 60 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentassessmentperformancelevel',
      t.tenantId,
      t.studentAssessmentIdentifier,
      t.studentUSI,
      t.assessmentIdentifier,
      t.namespace,
      t.assessmentReportingMethodDescriptorId,
      t.performanceLevelDescriptorId,
    ),
    resourceKey('studentassessmentperformancelevel', t.tenantId, t.id),
    tenantFk(
      'studentassessmentperformancelevel_studentassessment_fkey',
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
    ...descriptorRef('studentassessmentperformancelevel', t.assessmentReportingMethodDescriptorId),
    ...descriptorRef('studentassessmentperformancelevel', t.performanceLevelDescriptorId),
  ],
);
