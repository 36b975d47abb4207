/**
 * The Ed-Fi resources of what happens: attendance events, gradebook entries, discipline incidents, assessments and
 * their results (resources.ts gathers them; model.ts says what each part means).
 */
import * as edfi from '../../domains/edfi/tables.js';
import type { ResourceDef } from './model.js';
import {
  d,
  disciplineIncident,
  edOrg,
  school,
  schoolYear,
  section,
  session,
  staff,
  student,
} from './resource-references.js';

export const EVENT_RESOURCE_DEFS: ResourceDef[] = [
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
    scalars: [
      'gradebookEntryIdentifier',
      'namespace',
      'title',
      'description',
      'dateAssigned',
      'dueDate',
      'dueTime',
      'maxPoints',
    ],
    descriptors: [d('gradebookEntryTypeDescriptor', 'GradebookEntryType')],
    references: [section],
    allowKeyChanges: true,
  },
  {
    collection: 'studentGradebookEntries',
    name: 'StudentGradebookEntry',
    table: edfi.studentGradebookEntry,
    scalars: ['dateFulfilled', 'letterGradeEarned', 'numericGradeEarned', 'pointsEarned', 'diagnosticStatement'],
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
    references: [student, disciplineIncident],
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
];
