/**
 * Ed-Fi education organizations: the supertype and its School / LocalEducationAgency subtypes.
 * Seed 004 references them (SchoolId, EducationOrganizationId, edfi.school) without defining them;
 * designed after Ed-Fi Data Standard 5.2.
 */
import { index, integer, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';

// seed: 004 §1-8 (EducationOrganizationId references) — Ed-Fi 5.2 EducationOrganization
/** Every education organization (school, LEA, SEA…); subtypes share its identifier. */
export const educationOrganization = edfiSchema.table(
  'educationorganization',
  {
    tenantId: tenantKey(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    nameOfInstitution: varchar('nameofinstitution', { length: 75 }).notNull(),
    shortNameOfInstitution: varchar('shortnameofinstitution', { length: 75 }),
    website: varchar('website', { length: 255 }),
    operationalStatusDescriptorId: integer('operationalstatusdescriptorid'),
    // Subtype name (School | LocalEducationAgency | StateEducationAgency …): open list, no CHECK.
    discriminator: varchar('discriminator', { length: 128 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('educationorganization', t.tenantId, t.educationOrganizationId),
    resourceKey('educationorganization', t.tenantId, t.id),
    ...descriptorRef('educationorganization', t.operationalStatusDescriptorId),
  ],
);

// seed: 004 (LEA of a school) — Ed-Fi 5.2 LocalEducationAgency
/** A district (LEA): subtype of educationorganization. */
export const localEducationAgency = edfiSchema.table(
  'localeducationagency',
  {
    tenantId: tenantKey(),
    localEducationAgencyId: integer('localeducationagencyid').notNull(),
    localEducationAgencyCategoryDescriptorId: integer('localeducationagencycategorydescriptorid').notNull(),
    parentLocalEducationAgencyId: integer('parentlocaleducationagencyid'),
    // No StateEducationAgency table yet: referenced through the supertype.
    stateEducationAgencyId: integer('stateeducationagencyid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('localeducationagency', t.tenantId, t.localEducationAgencyId),
    resourceKey('localeducationagency', t.tenantId, t.id),
    // Subtype row cannot outlive its supertype row.
    tenantFk(
      'localeducationagency_localeducationagencyid_fkey',
      [t.tenantId, t.localEducationAgencyId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
      'cascade',
    ),
    tenantFk(
      'localeducationagency_parentlocaleducationagencyid_fkey',
      [t.tenantId, t.parentLocalEducationAgencyId],
      [t.tenantId, t.localEducationAgencyId],
    ),
    index('localeducationagency_parent_idx').on(t.tenantId, t.parentLocalEducationAgencyId),
    tenantFk(
      'localeducationagency_stateeducationagencyid_fkey',
      [t.tenantId, t.stateEducationAgencyId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('localeducationagency_sea_idx').on(t.tenantId, t.stateEducationAgencyId),
    ...descriptorRef('localeducationagency', t.localEducationAgencyCategoryDescriptorId),
  ],
);

// seed: 004 §1-8 (SchoolId references, `REFERENCES edfi.school(schoolid)`) — Ed-Fi 5.2 School
/** A school: subtype of educationorganization. */
export const school = edfiSchema.table(
  'school',
  {
    tenantId: tenantKey(),
    schoolId: integer('schoolid').notNull(),
    localEducationAgencyId: integer('localeducationagencyid'),
    schoolTypeDescriptorId: integer('schooltypedescriptorid'),
    charterStatusDescriptorId: integer('charterstatusdescriptorid'),
    administrativeFundingControlDescriptorId: integer('administrativefundingcontroldescriptorid'),
    titleIPartASchoolDesignationDescriptorId: integer('titleipartaschooldesignationdescriptorid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('school', t.tenantId, t.schoolId),
    resourceKey('school', t.tenantId, t.id),
    tenantFk(
      'school_schoolid_fkey',
      [t.tenantId, t.schoolId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
      'cascade',
    ),
    tenantFk(
      'school_localeducationagencyid_fkey',
      [t.tenantId, t.localEducationAgencyId],
      [localEducationAgency.tenantId, localEducationAgency.localEducationAgencyId],
    ),
    index('school_localeducationagencyid_idx').on(t.tenantId, t.localEducationAgencyId),
    ...descriptorRef('school', t.schoolTypeDescriptorId),
    ...descriptorRef('school', t.charterStatusDescriptorId),
    ...descriptorRef('school', t.administrativeFundingControlDescriptorId),
    ...descriptorRef('school', t.titleIPartASchoolDesignationDescriptorId),
  ],
);

// seed: 004 (grade levels of a school) — Ed-Fi 5.2 SchoolGradeLevel
/** The grade levels a school offers. */
export const schoolGradeLevel = edfiSchema.table(
  'schoolgradelevel',
  {
    tenantId: tenantKey(),
    schoolId: integer('schoolid').notNull(),
    gradeLevelDescriptorId: integer('gradeleveldescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('schoolgradelevel', t.tenantId, t.schoolId, t.gradeLevelDescriptorId),
    resourceKey('schoolgradelevel', t.tenantId, t.id),
    tenantFk('schoolgradelevel_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId], 'cascade'),
    ...descriptorRef('schoolgradelevel', t.gradeLevelDescriptorId),
  ],
);
