/** Ed-Fi student cohort domain (seed 004 §6): cohorts, their students and programs. */
import { date, index, integer, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { educationOrganization } from './education-organizations.js';
import { student } from './people.js';

// seed: 004 §6 Cohort
/** A group of students tracked together. */
export const cohort = edfiSchema.table(
  'cohort',
  {
    tenantId: tenantKey(),
    cohortIdentifier: varchar('cohortidentifier', { length: 36 }).notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    cohortDescription: varchar('cohortdescription', { length: 1024 }),
    cohortTypeDescriptorId: integer('cohorttypedescriptorid').notNull(),
    cohortScopeDescriptorId: integer('cohortscopedescriptorid'),
    academicSubjectDescriptorId: integer('academicsubjectdescriptorid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('cohort', t.tenantId, t.cohortIdentifier, t.educationOrganizationId),
    resourceKey('cohort', t.tenantId, t.id),
    tenantFk(
      'cohort_educationorganizationid_fkey',
      [t.tenantId, t.educationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('cohort_educationorganizationid_idx').on(t.tenantId, t.educationOrganizationId),
    ...descriptorRef('cohort', t.cohortTypeDescriptorId),
    ...descriptorRef('cohort', t.cohortScopeDescriptorId),
    ...descriptorRef('cohort', t.academicSubjectDescriptorId),
  ],
);

// seed: 004 §6 StudentCohortAssociation
/** A student's membership in a cohort over a period. */
export const studentCohortAssociation = edfiSchema.table(
  'studentcohortassociation',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    cohortIdentifier: varchar('cohortidentifier', { length: 36 }).notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    beginDate: date('begindate').notNull(),
    endDate: date('enddate'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentcohortassociation',
      t.tenantId,
      t.studentUSI,
      t.cohortIdentifier,
      t.educationOrganizationId,
      t.beginDate,
    ),
    resourceKey('studentcohortassociation', t.tenantId, t.id),
    tenantFk(
      'studentcohortassociation_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentcohortassociation_cohort_fkey',
      [t.tenantId, t.cohortIdentifier, t.educationOrganizationId],
      [cohort.tenantId, cohort.cohortIdentifier, cohort.educationOrganizationId],
    ),
    index('studentcohortassociation_cohort_idx').on(t.tenantId, t.cohortIdentifier, t.educationOrganizationId),
  ],
);

// seed: 004 §6 CohortProgram
/** A program associated with a cohort (Ed-Fi program key: program EO, name, type). */
export const cohortProgram = edfiSchema.table(
  'cohortprogram',
  {
    tenantId: tenantKey(),
    cohortIdentifier: varchar('cohortidentifier', { length: 36 }).notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    programEducationOrganizationId: integer('programeducationorganizationid').notNull(),
    programName: varchar('programname', { length: 60 }).notNull(),
    programTypeDescriptorId: integer('programtypedescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'cohortprogram',
      t.tenantId,
      t.cohortIdentifier,
      t.educationOrganizationId,
      t.programEducationOrganizationId,
      t.programName,
      t.programTypeDescriptorId,
    ),
    resourceKey('cohortprogram', t.tenantId, t.id),
    tenantFk(
      'cohortprogram_cohort_fkey',
      [t.tenantId, t.cohortIdentifier, t.educationOrganizationId],
      [cohort.tenantId, cohort.cohortIdentifier, cohort.educationOrganizationId],
      'cascade',
    ),
    // No edfi.program table in the seed: the program's owner is checked against the EO supertype.
    tenantFk(
      'cohortprogram_programeducationorganizationid_fkey',
      [t.tenantId, t.programEducationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('cohortprogram_programeducationorganizationid_idx').on(t.tenantId, t.programEducationOrganizationId),
    ...descriptorRef('cohortprogram', t.programTypeDescriptorId),
  ],
);
