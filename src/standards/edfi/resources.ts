/**
 * Every Ed-Fi resource the API serves, described once (see model.ts for what each part means).
 * JSON names follow the Ed-Fi 5.2 API; where the data model has no column for an Ed-Fi key part
 * (sessionName inside courseOffering/section references), the part is accepted and matched but not
 * stored (`null`). Routes, validation, SQL and OpenAPI are all derived from this list; the resources of
 * the academic-record, cohort, credential and standards tables are described in resources-academic-record.ts.
 */
import * as edfi from '../../domains/edfi/tables.js';
import { compile, type DescriptorDef, type ReferenceDef, type ResourceDef, type ResourceModel } from './model.js';
import { ACADEMIC_RECORD_RESOURCE_DEFS } from './resources-academic-record.js';

const d = (json: string, type: string): DescriptorDef => ({ json, type: `${type}Descriptor` });
const school: ReferenceDef = { json: 'schoolReference', target: 'schools', keys: { schoolId: 'schoolId' } };
const student: ReferenceDef = { json: 'studentReference', target: 'students', keys: { studentUniqueId: 'studentUSI' } };
const staff: ReferenceDef = { json: 'staffReference', target: 'staffs', keys: { staffUniqueId: 'staffUSI' } };
const schoolYear = (optional = false): ReferenceDef => ({
  json: 'schoolYearTypeReference',
  target: 'schoolYearTypes',
  keys: { schoolYear: 'schoolYear' },
  unchecked: true,
  optional,
});
const session: ReferenceDef = {
  json: 'sessionReference',
  target: 'sessions',
  keys: { schoolId: 'schoolId', schoolYear: 'schoolYear', sessionName: null },
};
/** Course offerings keep their session (a course is offered each semester): their key stores it. */
const offeringSession: ReferenceDef = {
  json: 'sessionReference',
  target: 'sessions',
  keys: { schoolId: 'schoolId', schoolYear: 'schoolYear', sessionName: 'sessionName' },
};
const section: ReferenceDef = {
  json: 'sectionReference',
  target: 'sections',
  keys: {
    sectionIdentifier: 'sectionIdentifier',
    localCourseCode: 'localCourseCode',
    schoolId: 'schoolId',
    schoolYear: 'schoolYear',
    sessionName: null,
  },
};
const edOrg = (optional = false): ReferenceDef => ({
  json: 'educationOrganizationReference',
  target: 'educationOrganizations',
  keys: { educationOrganizationId: 'educationOrganizationId' },
  optional,
});
const EDORG_SCALARS: (string | [string, string])[] = [
  'nameOfInstitution',
  'shortNameOfInstitution',
  ['webSite', 'website'],
];
const EDORG_DESCRIPTORS = [d('operationalStatusDescriptor', 'OperationalStatus')];

export const RESOURCE_DEFS: ResourceDef[] = [
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

  // Enrollment and staffing
  {
    collection: 'studentSchoolAssociations',
    name: 'StudentSchoolAssociation',
    table: edfi.studentSchoolAssociation,
    scalars: ['entryDate', 'exitWithdrawDate', 'primarySchool', 'repeatGradeIndicator', 'fullTimeEquivalency'],
    descriptors: [
      d('entryGradeLevelDescriptor', 'GradeLevel'),
      d('entryTypeDescriptor', 'EntryType'),
      d('exitWithdrawTypeDescriptor', 'ExitWithdrawType'),
    ],
    references: [
      student,
      school,
      schoolYear(true),
      {
        json: 'classOfSchoolYearTypeReference',
        target: 'schoolYearTypes',
        keys: { schoolYear: 'classOfSchoolYear' },
        unchecked: true,
        optional: true,
      },
      {
        json: 'calendarReference',
        target: 'calendars',
        keys: { calendarCode: 'calendarCode', schoolId: 'schoolId', schoolYear: 'schoolYear' },
        optional: true,
      },
    ],
    allowKeyChanges: true,
  },
  {
    collection: 'studentSectionAssociations',
    name: 'StudentSectionAssociation',
    table: edfi.studentSectionAssociation,
    scalars: ['beginDate', 'endDate', 'homeroomIndicator', 'teacherStudentDataLinkExclusion'],
    descriptors: [d('repeatIdentifierDescriptor', 'RepeatIdentifier'), d('attemptStatusDescriptor', 'AttemptStatus')],
    references: [student, section],
    allowKeyChanges: true,
  },
  {
    collection: 'staffSectionAssociations',
    name: 'StaffSectionAssociation',
    table: edfi.staffSectionAssociation,
    scalars: ['beginDate', 'endDate', 'highlyQualifiedTeacher', 'percentageContribution'],
    descriptors: [d('classroomPositionDescriptor', 'ClassroomPosition')],
    references: [staff, section],
  },
  {
    collection: 'staffSchoolAssociations',
    name: 'StaffSchoolAssociation',
    table: edfi.staffSchoolAssociation,
    scalars: [],
    descriptors: [d('programAssignmentDescriptor', 'ProgramAssignment')],
    references: [staff, school, schoolYear(true)],
  },
  {
    collection: 'staffLeaves',
    name: 'StaffLeave',
    table: edfi.staffLeave,
    scalars: ['beginDate', 'endDate', 'reason', 'substituteAssigned'],
    descriptors: [d('staffLeaveEventCategoryDescriptor', 'StaffLeaveEventCategory')],
    references: [staff],
  },

  // Attendance
  {
    collection: 'studentSchoolAttendanceEvents',
    name: 'StudentSchoolAttendanceEvent',
    table: edfi.studentSchoolAttendanceEvent,
    scalars: [
      'eventDate',
      'attendanceEventReason',
      'eventDuration',
      'schoolAttendanceDuration',
      'arrivalTime',
      'departureTime',
    ],
    descriptors: [
      d('attendanceEventCategoryDescriptor', 'AttendanceEventCategory'),
      d('educationalEnvironmentDescriptor', 'EducationalEnvironment'),
    ],
    references: [student, school, session],
  },
  {
    collection: 'studentSectionAttendanceEvents',
    name: 'StudentSectionAttendanceEvent',
    table: edfi.studentSectionAttendanceEvent,
    scalars: [
      'eventDate',
      'attendanceEventReason',
      'eventDuration',
      'sectionAttendanceDuration',
      'arrivalTime',
      'departureTime',
    ],
    descriptors: [
      d('attendanceEventCategoryDescriptor', 'AttendanceEventCategory'),
      d('educationalEnvironmentDescriptor', 'EducationalEnvironment'),
    ],
    references: [student, section],
  },

  // Gradebook
  {
    collection: 'gradebookEntries',
    name: 'GradebookEntry',
    table: edfi.gradebookEntry,
    scalars: ['gradebookEntryIdentifier', 'namespace', 'title', 'description', 'dateAssigned', 'dueDate', 'dueTime'],
    descriptors: [d('gradebookEntryTypeDescriptor', 'GradebookEntryType')],
    references: [section],
    allowKeyChanges: true,
  },
  {
    collection: 'studentGradebookEntries',
    name: 'StudentGradebookEntry',
    table: edfi.studentGradebookEntry,
    scalars: ['dateFulfilled', 'letterGradeEarned', 'numericGradeEarned', 'diagnosticStatement'],
    references: [
      student,
      {
        json: 'gradebookEntryReference',
        target: 'gradebookEntries',
        keys: { gradebookEntryIdentifier: 'gradebookEntryIdentifier', namespace: 'namespace' },
      },
    ],
  },

  // Discipline
  {
    collection: 'disciplineIncidents',
    name: 'DisciplineIncident',
    table: edfi.disciplineIncident,
    scalars: [
      'incidentIdentifier',
      'incidentDate',
      'incidentTime',
      'incidentLocation',
      'incidentDescription',
      'reporterName',
      'reportedToLawEnforcement',
      'caseNumber',
      'incidentCost',
    ],
    descriptors: [d('reporterDescriptionDescriptor', 'ReporterDescription')],
    references: [school, { ...staff, optional: true }],
  },
  {
    collection: 'studentDisciplineIncidentBehaviorAssociations',
    name: 'StudentDisciplineIncidentBehaviorAssociation',
    table: edfi.studentDisciplineIncidentBehaviorAssociation,
    scalars: ['behaviorDetailedDescription'],
    descriptors: [d('behaviorDescriptor', 'Behavior')],
    references: [
      student,
      {
        json: 'disciplineIncidentReference',
        target: 'disciplineIncidents',
        keys: { incidentIdentifier: 'incidentIdentifier', schoolId: 'schoolId' },
      },
    ],
  },

  // Assessment
  {
    collection: 'assessments',
    name: 'Assessment',
    table: edfi.assessment,
    scalars: [
      'assessmentIdentifier',
      'namespace',
      'assessmentTitle',
      'assessmentForm',
      'assessmentVersion',
      'revisionDate',
      'maxRawScore',
      'nomenclature',
      'assessmentFamily',
      'adaptiveAssessment',
    ],
    descriptors: [d('assessmentCategoryDescriptor', 'AssessmentCategory')],
    references: [edOrg(true)],
    children: [
      {
        json: 'academicSubjects',
        table: edfi.assessmentAcademicSubject,
        descriptors: [d('academicSubjectDescriptor', 'AcademicSubject')],
      },
      {
        json: 'assessedGradeLevels',
        table: edfi.assessmentAssessedGradeLevel,
        descriptors: [d('gradeLevelDescriptor', 'GradeLevel')],
      },
      {
        json: 'identificationCodes',
        table: edfi.assessmentIdentificationCode,
        scalars: ['identificationCode', 'assigningOrganizationIdentificationCode'],
        descriptors: [d('assessmentIdentificationSystemDescriptor', 'AssessmentIdentificationSystem')],
      },
      {
        json: 'performanceLevels',
        table: edfi.assessmentPerformanceLevel,
        scalars: ['minimumScore', 'maximumScore'],
        descriptors: [
          d('assessmentReportingMethodDescriptor', 'AssessmentReportingMethod'),
          d('performanceLevelDescriptor', 'PerformanceLevel'),
          d('resultDatatypeTypeDescriptor', 'ResultDatatypeType'),
        ],
      },
      {
        json: 'platforms',
        table: edfi.assessmentPlatformType,
        descriptors: [d('platformTypeDescriptor', 'PlatformType')],
      },
      {
        json: 'scores',
        table: edfi.assessmentScore,
        scalars: ['minimumScore', 'maximumScore'],
        descriptors: [
          d('assessmentReportingMethodDescriptor', 'AssessmentReportingMethod'),
          d('resultDatatypeTypeDescriptor', 'ResultDatatypeType'),
        ],
      },
    ],
  },
  {
    collection: 'studentAssessments',
    name: 'StudentAssessment',
    table: edfi.studentAssessment,
    scalars: [
      'studentAssessmentIdentifier',
      'administrationDate',
      'administrationEndDate',
      'serialNumber',
      'eventDescription',
    ],
    descriptors: [
      d('administrationEnvironmentDescriptor', 'AdministrationEnvironment'),
      d('administrationLanguageDescriptor', 'Language'),
      d('whenAssessedGradeLevelDescriptor', 'GradeLevel'),
      d('eventCircumstanceDescriptor', 'EventCircumstance'),
      d('platformTypeDescriptor', 'PlatformType'),
    ],
    references: [
      student,
      {
        json: 'assessmentReference',
        target: 'assessments',
        keys: { assessmentIdentifier: 'assessmentIdentifier', namespace: 'namespace' },
      },
      schoolYear(true),
    ],
    children: [
      {
        json: 'scoreResults',
        table: edfi.studentAssessmentScoreResult,
        scalars: ['result'],
        descriptors: [
          d('assessmentReportingMethodDescriptor', 'AssessmentReportingMethod'),
          d('resultDatatypeTypeDescriptor', 'ResultDatatypeType'),
        ],
      },
      {
        json: 'performanceLevels',
        table: edfi.studentAssessmentPerformanceLevel,
        scalars: ['performanceLevelIndicatorName'],
        descriptors: [
          d('assessmentReportingMethodDescriptor', 'AssessmentReportingMethod'),
          d('performanceLevelDescriptor', 'PerformanceLevel'),
        ],
      },
    ],
  },

  ...ACADEMIC_RECORD_RESOURCE_DEFS,
];

const defsByCollection = new Map(RESOURCE_DEFS.map((def) => [def.collection, def]));
const compiled = new Map<string, ResourceModel>(
  RESOURCE_DEFS.map((def) => [def.collection, compile(def, defsByCollection)]),
);

export function resourceModel(collection: string): ResourceModel | undefined {
  return compiled.get(collection);
}

/** The resources with routes (internal reference targets excluded). */
export function servedResources(): ResourceModel[] {
  return [...compiled.values()].filter((m) => !m.def.internal);
}
