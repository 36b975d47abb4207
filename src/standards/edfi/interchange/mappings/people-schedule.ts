/**
 * Students, staff and the master schedule (Student, StaffAssociation, MasterSchedule; ClassPeriod and Course ride in
 * EducationOrganization). Lengths and types come from the Drizzle columns (columns.ts).
 */
import * as t from '../../../../domains/edfi/tables.js';
import { readRow, tableSpec, type Source } from '../columns.js';
import type { ElementMapping } from '../mapping.js';

/** A SectionReference's natural key (the section's course offering supplies school and year). */
export const sectionKey = (ref = 'SectionReference') =>
  ({
    sectionIdentifier: { ref, key: 'SectionIdentifier' },
    localCourseCode: { ref, key: 'LocalCourseCode' },
    schoolId: { ref, key: 'SchoolId' },
    schoolYear: { ref, key: 'SchoolYear' },
  }) satisfies Record<string, Source>;

const names = {
  personalTitlePrefix: 'Name/PersonalTitlePrefix',
  firstName: 'Name/FirstName',
  middleName: 'Name/MiddleName',
  lastSurname: 'Name/LastSurname',
  generationCodeSuffix: 'Name/GenerationCodeSuffix',
  maidenName: 'Name/MaidenName',
};
const staffRef: Source = { usi: 'staff', ref: 'StaffReference' };
const schoolRef: Source = { ref: 'SchoolReference', key: 'SchoolId' };

export const peopleMappings: ElementMapping[] = [
  {
    element: 'Student',
    resource: 'students',
    phase: 'students',
    map: (f) => [
      {
        table: tableSpec(t.student, ['studentuniqueid']),
        row: readRow(f, t.student, {
          studentUniqueId: 'StudentUniqueId',
          ...names,
          preferredFirstName: 'Name/PreferredFirstName',
          preferredLastSurname: 'Name/PreferredLastSurname',
          birthDate: 'BirthData/BirthDate',
          birthCity: 'BirthData/BirthCity',
          birthCountryDescriptorId: { path: 'BirthData/BirthCountry', descriptor: 'CountryDescriptor' },
          birthSexDescriptorId: { path: 'BirthData/BirthSex', descriptor: 'SexDescriptor' },
          birthStateAbbreviationDescriptorId: {
            path: 'BirthData/BirthStateAbbreviation',
            descriptor: 'StateAbbreviationDescriptor',
          },
          citizenshipStatusDescriptorId: { path: 'CitizenshipStatus', descriptor: 'CitizenshipStatusDescriptor' },
          dateEnteredUS: 'BirthData/DateEnteredUS',
          multipleBirthStatus: 'BirthData/MultipleBirthStatus',
        }),
      },
    ],
  },
  {
    element: 'Staff',
    resource: 'staff',
    phase: 'staff',
    map: (f) => [
      {
        table: tableSpec(t.staff, ['staffuniqueid']),
        row: readRow(f, t.staff, {
          staffUniqueId: 'StaffUniqueId',
          ...names,
          birthDate: 'BirthDate',
          hispanicLatinoEthnicity: 'HispanicLatinoEthnicity',
          highestCompletedLevelOfEducationDescriptorId: {
            path: 'HighestCompletedLevelOfEducation',
            descriptor: 'LevelOfEducationDescriptor',
          },
          yearsOfPriorProfessionalExperience: 'YearsOfPriorProfessionalExperience',
          yearsOfPriorTeachingExperience: 'YearsOfPriorTeachingExperience',
          loginId: 'LoginId',
        }),
      },
    ],
  },
  {
    element: 'StaffSchoolAssociation',
    resource: 'staffSchoolAssociations',
    phase: 'staffAssociations',
    map: (f) => [
      {
        table: tableSpec(t.staffSchoolAssociation),
        row: readRow(f, t.staffSchoolAssociation, {
          staffUSI: staffRef,
          schoolId: schoolRef,
          programAssignmentDescriptorId: { path: 'ProgramAssignment', descriptor: 'ProgramAssignmentDescriptor' },
          schoolYear: 'SchoolYear',
        }),
      },
    ],
  },
  {
    element: 'StaffLeave',
    resource: 'staffLeaves',
    phase: 'staffAssociations',
    map: (f) => [
      {
        table: tableSpec(t.staffLeave),
        row: readRow(f, t.staffLeave, {
          staffUSI: staffRef,
          staffLeaveEventCategoryDescriptorId: {
            path: 'StaffLeaveEventCategory',
            descriptor: 'StaffLeaveEventCategoryDescriptor',
          },
          beginDate: 'BeginDate',
          endDate: 'EndDate',
          reason: 'Reason',
          substituteAssigned: 'SubstituteAssigned',
        }),
      },
    ],
  },
  {
    element: 'Credential',
    resource: 'credentials',
    phase: 'staff',
    map: (f) => [
      {
        table: tableSpec(t.credential),
        row: readRow(f, t.credential, {
          credentialIdentifier: 'CredentialIdentifier',
          stateOfIssueStateAbbreviationDescriptorId: {
            path: 'StateOfIssueStateAbbreviation',
            descriptor: 'StateAbbreviationDescriptor',
          },
          credentialFieldDescriptorId: { path: 'CredentialField', descriptor: 'CredentialFieldDescriptor' },
          credentialTypeDescriptorId: { path: 'CredentialType', descriptor: 'CredentialTypeDescriptor' },
          teachingCredentialDescriptorId: { path: 'TeachingCredential', descriptor: 'TeachingCredentialDescriptor' },
          issuanceDate: 'IssuanceDate',
          expirationDate: 'ExpirationDate',
          teachingCredentialBasisDescriptorId: {
            path: 'TeachingCredentialBasis',
            descriptor: 'TeachingCredentialBasisDescriptor',
          },
        }),
      },
    ],
  },
  {
    element: 'StaffSectionAssociation',
    resource: 'staffSectionAssociations',
    phase: 'staffAssociations',
    map: (f) => [
      {
        table: tableSpec(t.staffSectionAssociation),
        row: readRow(f, t.staffSectionAssociation, {
          staffUSI: staffRef,
          ...sectionKey(),
          classroomPositionDescriptorId: { path: 'ClassroomPosition', descriptor: 'ClassroomPositionDescriptor' },
          beginDate: 'BeginDate',
          endDate: 'EndDate',
          highlyQualifiedTeacher: 'HighlyQualifiedTeacher',
          percentageContribution: 'PercentageContribution',
        }),
      },
    ],
  },
];

export const scheduleMappings: ElementMapping[] = [
  {
    element: 'Course',
    resource: 'courses',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: tableSpec(t.course),
        row: readRow(f, t.course, {
          courseCode: 'CourseCode',
          educationOrganizationId: { ref: 'EducationOrganizationReference', key: 'EducationOrganizationId' },
          courseTitle: 'CourseTitle',
          numberOfParts: 'NumberOfParts',
          academicSubjectDescriptorId: { path: 'AcademicSubject', descriptor: 'AcademicSubjectDescriptor' },
          courseDescription: 'CourseDescription',
          courseGPAApplicabilityDescriptorId: {
            path: 'CourseGPAApplicability',
            descriptor: 'CourseGPAApplicabilityDescriptor',
          },
          courseDefinedByDescriptorId: { path: 'CourseDefinedBy', descriptor: 'CourseDefinedByDescriptor' },
          minimumAvailableCredits: 'MinimumAvailableCredits/Credits',
          maximumAvailableCredits: 'MaximumAvailableCredits/Credits',
          maxCompletionsForCredit: 'MaxCompletionsForCredit',
        }),
      },
    ],
  },
  {
    element: 'ClassPeriod',
    resource: 'classPeriods',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: tableSpec(t.classPeriod),
        row: readRow(f, t.classPeriod, {
          classPeriodName: 'ClassPeriodName',
          schoolId: schoolRef,
          officialAttendancePeriod: 'OfficialAttendancePeriod',
        }),
      },
    ],
  },
  {
    element: 'CourseOffering',
    resource: 'courseOfferings',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: tableSpec(t.courseOffering),
        row: readRow(f, t.courseOffering, {
          localCourseCode: 'LocalCourseCode',
          schoolId: schoolRef,
          schoolYear: { ref: 'SessionReference', key: 'SchoolYear' },
          sessionName: { ref: 'SessionReference', key: 'SessionName' },
          localCourseTitle: 'LocalCourseTitle',
          instructionalTimePlanned: 'InstructionalTimePlanned',
          courseCode: { ref: 'CourseReference', key: 'CourseCode' },
          educationOrganizationId: { ref: 'CourseReference', key: 'EducationOrganizationId' },
        }),
      },
    ],
  },
  {
    element: 'Section',
    resource: 'sections',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: tableSpec(t.section),
        row: readRow(f, t.section, {
          sectionIdentifier: 'SectionIdentifier',
          localCourseCode: { ref: 'CourseOfferingReference', key: 'LocalCourseCode' },
          schoolId: { ref: 'CourseOfferingReference', key: 'SchoolId' },
          schoolYear: { ref: 'CourseOfferingReference', key: 'SchoolYear' },
          sessionName: { ref: 'CourseOfferingReference', key: 'SessionName' },
          sectionName: 'SectionName',
          sequenceOfCourse: 'SequenceOfCourse',
          educationalEnvironmentDescriptorId: {
            path: 'EducationalEnvironment',
            descriptor: 'EducationalEnvironmentDescriptor',
          },
          mediumOfInstructionDescriptorId: { path: 'MediumOfInstruction', descriptor: 'MediumOfInstructionDescriptor' },
          populationServedDescriptorId: { path: 'PopulationServed', descriptor: 'PopulationServedDescriptor' },
          availableCredits: 'AvailableCredits/Credits',
          availableCreditTypeDescriptorId: { path: 'AvailableCredits/CreditType', descriptor: 'CreditTypeDescriptor' },
        }),
      },
    ],
  },
  {
    element: 'BellSchedule',
    resource: 'bellSchedules',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: tableSpec(t.bellSchedule),
        row: readRow(f, t.bellSchedule, {
          bellScheduleName: 'BellScheduleName',
          schoolId: schoolRef,
          alternateDayName: 'AlternateDayName',
          startTime: 'StartTime',
          endTime: 'EndTime',
          totalInstructionalTime: 'TotalInstructionalTime',
        }),
      },
    ],
  },
];
