/**
 * The Ed-Fi resources of the academic-record, cohort, discipline-action, credential, standards and
 * objective-assessment tables (resources.ts concatenates them; model.ts says what each part means).
 * Where the seed's table differs from Ed-Fi 5.2 the README's decisions say how (Diploma,
 * StudentDisciplineIncidentAssociation and LearningObjective are not 5.2 resources; some 5.2 keys and
 * collections have no column).
 */
import * as edfi from '../../domains/edfi/tables.js';
import type { ReferenceDef, ResourceDef } from './model.js';
import { d, disciplineIncident, edOrg as edOrgReference, student } from './resource-references.js';

const edOrg = edOrgReference();
/**
 * 5.2 grading periods are also keyed by gradingPeriodName: accepted, not stored (edfi.gradingperiod has no such
 * column).
 */
const gradingPeriod: ReferenceDef = {
  json: 'gradingPeriodReference',
  target: 'gradingPeriods',
  keys: {
    gradingPeriodDescriptor: 'gradingPeriodDescriptorId',
    gradingPeriodName: null,
    schoolId: ['gradingPeriodSchoolId', 'schoolId'],
    schoolYear: ['gradingPeriodSchoolYear', 'schoolYear'],
  },
};

export const ACADEMIC_RECORD_RESOURCE_DEFS: ResourceDef[] = [
  // Academic records
  {
    collection: 'reportCards',
    name: 'ReportCard',
    table: edfi.reportCard,
    // gpaGivenGradingPeriod/gpaCumulative: the seed's columns (Ed-Fi 3 names); 5.2 has gradePointAverages[].
    scalars: [
      'numberOfDaysAbsent',
      'numberOfDaysInAttendance',
      'numberOfDaysTardy',
      'gpaGivenGradingPeriod',
      'gpaCumulative',
    ],
    references: [student, edOrg, gradingPeriod],
  },
  {
    collection: 'grades',
    name: 'Grade',
    table: edfi.grade,
    scalars: ['letterGradeEarned', 'numericGradeEarned', 'diagnosticStatement'],
    descriptors: [d('gradeTypeDescriptor', 'GradeType')],
    references: [
      {
        json: 'studentSectionAssociationReference',
        target: 'studentSectionAssociations',
        keys: {
          beginDate: 'beginDate',
          localCourseCode: 'localCourseCode',
          schoolId: 'schoolId',
          schoolYear: 'schoolYear',
          sectionIdentifier: 'sectionIdentifier',
          sessionName: null,
          studentUniqueId: 'studentUSI',
        },
      },
      gradingPeriod,
    ],
  },
  {
    // Ed-Fi 5.2 embeds diplomas in StudentAcademicRecord, which the data model does not have.
    collection: 'diplomas',
    name: 'Diploma',
    table: edfi.diploma,
    scalars: ['diplomaAwardDate', 'cteCompleter', 'diplomaDescription', 'diplomaAwardExpiresDate', 'academicMonth'],
    descriptors: [
      d('diplomaTypeDescriptor', 'DiplomaType'),
      d('diplomaLevelDescriptor', 'DiplomaLevel'),
      d('achievementCategoryDescriptor', 'AchievementCategory'),
    ],
    references: [student],
  },
  {
    collection: 'studentCompetencyObjectives',
    name: 'StudentCompetencyObjective',
    table: edfi.studentCompetencyObjective,
    scalars: ['diagnosticStatement'],
    descriptors: [d('competencyLevelDescriptor', 'CompetencyLevel')],
    references: [
      student,
      gradingPeriod,
      // No edfi.competencyobjective table: the objective's education organization is what can be checked.
      {
        json: 'objectiveCompetencyObjectiveReference',
        target: 'educationOrganizations',
        keys: {
          educationOrganizationId: 'objectiveEducationOrganizationId',
          objective: 'objective',
          objectiveGradeLevelDescriptor: {
            prop: 'objectiveGradeLevelDescriptorId',
            descriptor: 'GradeLevelDescriptor',
          },
        },
      },
    ],
  },

  // Assessment
  {
    collection: 'objectiveAssessments',
    name: 'ObjectiveAssessment',
    table: edfi.objectiveAssessment,
    scalars: ['identificationCode', 'maxRawScore', 'percentOfAssessment', 'nomenclature', 'description'],
    references: [
      {
        json: 'assessmentReference',
        target: 'assessments',
        keys: { assessmentIdentifier: 'assessmentIdentifier', namespace: 'namespace' },
      },
      {
        json: 'parentObjectiveAssessmentReference',
        target: 'objectiveAssessments',
        keys: {
          assessmentIdentifier: 'assessmentIdentifier',
          identificationCode: ['parentIdentificationCode', 'identificationCode'],
          namespace: 'namespace',
        },
        optional: true,
      },
    ],
  },

  // Cohorts
  {
    collection: 'cohorts',
    name: 'Cohort',
    table: edfi.cohort,
    scalars: ['cohortIdentifier', 'cohortDescription'],
    descriptors: [
      d('cohortTypeDescriptor', 'CohortType'),
      d('cohortScopeDescriptor', 'CohortScope'),
      d('academicSubjectDescriptor', 'AcademicSubject'),
    ],
    references: [edOrg],
    children: [
      {
        json: 'programs',
        table: edfi.cohortProgram,
        // No edfi.program table: the program's education organization is what can be checked.
        references: [
          {
            json: 'programReference',
            target: 'educationOrganizations',
            keys: {
              educationOrganizationId: 'programEducationOrganizationId',
              programName: 'programName',
              programTypeDescriptor: { prop: 'programTypeDescriptorId', descriptor: 'ProgramTypeDescriptor' },
            },
          },
        ],
      },
    ],
  },
  {
    collection: 'studentCohortAssociations',
    name: 'StudentCohortAssociation',
    table: edfi.studentCohortAssociation,
    scalars: ['beginDate', 'endDate'],
    references: [
      student,
      {
        json: 'cohortReference',
        target: 'cohorts',
        keys: { cohortIdentifier: 'cohortIdentifier', educationOrganizationId: 'educationOrganizationId' },
      },
    ],
  },

  // Discipline
  {
    // The Ed-Fi 3 association (5.2 split it into behavior and non-offender associations); its participation
    // code holds 5.2 DisciplineIncidentParticipationCodeDescriptor values, as the interchange loader stores them.
    collection: 'studentDisciplineIncidentAssociations',
    name: 'StudentDisciplineIncidentAssociation',
    table: edfi.studentDisciplineIncidentAssociation,
    scalars: [],
    descriptors: [d('studentParticipationCodeDescriptor', 'DisciplineIncidentParticipationCode')],
    references: [student, disciplineIncident],
  },
  {
    collection: 'disciplineActions',
    name: 'DisciplineAction',
    table: edfi.disciplineAction,
    scalars: [
      'disciplineActionIdentifier',
      'disciplineDate',
      'actualDisciplineActionLength',
      'disciplineActionLength',
      'iepPlacementMeetingIndicator',
      'relatedToZeroTolerancePolicy',
    ],
    descriptors: [d('disciplineActionLengthDifferenceReasonDescriptor', 'DisciplineActionLengthDifferenceReason')],
    references: [
      student,
      { json: 'responsibilitySchoolReference', target: 'schools', keys: { schoolId: 'responsibilitySchoolId' } },
      { json: 'assignmentSchoolReference', target: 'schools', keys: { schoolId: 'assignmentSchoolId' } },
    ],
  },

  // Staff credentials
  {
    collection: 'credentials',
    name: 'Credential',
    table: edfi.credential,
    scalars: ['credentialIdentifier', 'issuanceDate', 'expirationDate'],
    descriptors: [
      d('stateOfIssueStateAbbreviationDescriptor', 'StateAbbreviation'),
      d('credentialTypeDescriptor', 'CredentialType'),
      d('credentialFieldDescriptor', 'CredentialField'),
      d('teachingCredentialDescriptor', 'TeachingCredential'),
      d('teachingCredentialBasisDescriptor', 'TeachingCredentialBasis'),
    ],
  },

  // Standards and objectives
  {
    collection: 'learningStandards',
    name: 'LearningStandard',
    table: edfi.learningStandard,
    scalars: [
      'learningStandardId',
      'description',
      'namespace',
      'courseTitle',
      'successCriteria',
      ['learningStandardItemCode', 'itemCode'],
      'uri',
    ],
  },
  {
    // An Ed-Fi 3 resource (removed from the 5.2 model); served because the seed keeps the table.
    collection: 'learningObjectives',
    name: 'LearningObjective',
    table: edfi.learningObjective,
    scalars: ['learningObjectiveId', 'namespace', 'objective', 'description', 'nomenclature', 'successCriteria'],
  },
];
