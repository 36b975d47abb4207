/**
 * The Ed-Fi resources of education organizations, school years, schools and people (students, staff) (resources.ts
 * gathers them; model.ts says what each part means).
 */
import * as edfi from '../../domains/edfi/tables.js';
import type { ResourceDef } from './model.js';
import { EDORG_DESCRIPTORS, EDORG_SCALARS, d } from './resource-references.js';

export const ORGANIZATION_RESOURCE_DEFS: ResourceDef[] = [
  // Reference targets only (no routes).
  {
    collection: 'educationOrganizations',
    name: 'EducationOrganization',
    table: edfi.educationOrganization,
    scalars: ['educationOrganizationId', 'nameOfInstitution'],
    internal: true,
  },
  {
    collection: 'schoolYearTypes',
    name: 'SchoolYearType',
    table: edfi.schoolYearType,
    scalars: ['schoolYear'],
    internal: true,
  },

  // Education organizations
  {
    collection: 'localEducationAgencies',
    name: 'LocalEducationAgency',
    table: edfi.localEducationAgency,
    scalars: ['localEducationAgencyId'],
    descriptors: [d('localEducationAgencyCategoryDescriptor', 'LocalEducationAgencyCategory')],
    references: [
      {
        json: 'parentLocalEducationAgencyReference',
        target: 'localEducationAgencies',
        keys: { localEducationAgencyId: 'parentLocalEducationAgencyId' },
      },
      {
        json: 'stateEducationAgencyReference',
        target: 'educationOrganizations',
        keys: { stateEducationAgencyId: ['stateEducationAgencyId', 'educationOrganizationId'] },
      },
    ],
    parent: {
      table: edfi.educationOrganization,
      link: ['localEducationAgencyId', 'educationOrganizationId'],
      scalars: EDORG_SCALARS,
      descriptors: EDORG_DESCRIPTORS,
      discriminator: 'LocalEducationAgency',
    },
  },
  {
    collection: 'schools',
    name: 'School',
    table: edfi.school,
    scalars: ['schoolId'],
    descriptors: [
      d('schoolTypeDescriptor', 'SchoolType'),
      d('charterStatusDescriptor', 'CharterStatus'),
      d('administrativeFundingControlDescriptor', 'AdministrativeFundingControl'),
      d('titleIPartASchoolDesignationDescriptor', 'TitleIPartASchoolDesignation'),
    ],
    references: [
      {
        json: 'localEducationAgencyReference',
        target: 'localEducationAgencies',
        keys: { localEducationAgencyId: 'localEducationAgencyId' },
      },
    ],
    parent: {
      table: edfi.educationOrganization,
      link: ['schoolId', 'educationOrganizationId'],
      scalars: EDORG_SCALARS,
      descriptors: EDORG_DESCRIPTORS,
      discriminator: 'School',
    },
    children: [
      { json: 'gradeLevels', table: edfi.schoolGradeLevel, descriptors: [d('gradeLevelDescriptor', 'GradeLevel')] },
    ],
  },

  // People
  {
    collection: 'students',
    name: 'Student',
    table: edfi.student,
    surrogate: { prop: 'studentUSI', naturalKey: 'studentUniqueId' },
    scalars: [
      'studentUniqueId',
      'personalTitlePrefix',
      'firstName',
      'middleName',
      'lastSurname',
      'generationCodeSuffix',
      'maidenName',
      'preferredFirstName',
      'preferredLastSurname',
      'birthDate',
      'birthCity',
      'dateEnteredUS',
      'multipleBirthStatus',
    ],
    descriptors: [
      d('birthCountryDescriptor', 'Country'),
      d('birthSexDescriptor', 'Sex'),
      d('birthStateAbbreviationDescriptor', 'StateAbbreviation'),
      d('citizenshipStatusDescriptor', 'CitizenshipStatus'),
    ],
  },
  {
    collection: 'staffs',
    name: 'Staff',
    table: edfi.staff,
    surrogate: { prop: 'staffUSI', naturalKey: 'staffUniqueId' },
    scalars: [
      'staffUniqueId',
      'personalTitlePrefix',
      'firstName',
      'middleName',
      'lastSurname',
      'generationCodeSuffix',
      'maidenName',
      'birthDate',
      'hispanicLatinoEthnicity',
      'yearsOfPriorProfessionalExperience',
      'yearsOfPriorTeachingExperience',
      'loginId',
    ],
    descriptors: [d('highestCompletedLevelOfEducationDescriptor', 'LevelOfEducation')],
  },
];
