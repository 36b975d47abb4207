/**
 * Student events: attendance, gradebook, discipline, assessment and health
 * (StudentAttendance, StudentGradebook, StudentDiscipline, AssessmentMetadata, StudentAssessment, StudentHealth).
 * Lengths and types come from the Drizzle columns (columns.ts).
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from '../../../../domains/edfi/tables.js';
import * as health from '../../../../domains/health/tables.js';
import { lengthOf, readRow, tableSpec, type RowSpec, type Source } from '../columns.js';
import { childrenOf, type Fields } from '../fields.js';
import type { ElementMapping, Row, RowOut, TableSpec } from '../mapping.js';
import { sectionKey } from './people-schedule.js';

const incidentStudent = tableSpec(t.studentDisciplineIncidentAssociation);
// A non-offender's involvement only adds a row where none exists: the table holds one participation code
// per student and incident, and a behavior association (the student as an offender) is the stronger fact.
const incidentNonOffender: TableSpec = { ...incidentStudent, mode: 'insertIfAbsent' };
// health.* has surrogate keys only: the natural key below is matched, not constrained.
const healthRecord: TableSpec = {
  ...tableSpec(health.studentHealthRecords, ['student_usi', 'record_type', 'record_date']),
  mode: 'insertIfAbsent',
};
const immunization: TableSpec = {
  ...tableSpec(health.immunizations, ['student_usi', 'vaccine_type', 'date_administered']),
  mode: 'insertIfAbsent',
};

const student: Source = { usi: 'student', ref: 'StudentReference' };
const descriptor = (path: string, type: string): Source => ({ path, descriptor: `${type}Descriptor` });

/** The AttendanceEvent group both attendance events share. */
const attendanceEvent = {
  eventDate: 'AttendanceEvent/EventDate',
  attendanceEventCategoryDescriptorId: descriptor('AttendanceEvent/AttendanceEventCategory', 'AttendanceEventCategory'),
  attendanceEventReason: 'AttendanceEvent/AttendanceEventReason',
  educationalEnvironmentDescriptorId: descriptor('AttendanceEvent/EducationalEnvironment', 'EducationalEnvironment'),
  eventDuration: 'AttendanceEvent/EventDuration',
  arrivalTime: 'ArrivalTime',
  departureTime: 'DepartureTime',
} satisfies Record<string, Source>;

const one = <T extends PgTable>(f: Fields, table: T, spec: RowSpec<T>): RowOut[] => [
  { table: tableSpec(table), row: readRow(f, table, spec) },
];

/** Rows of a child table, one per repeated element, each carrying the parent's key. */
const items = <T extends PgTable>(f: Fields, element: string, key: Row, table: T, spec: RowSpec<T>): RowOut[] =>
  childrenOf(f.node, element).map((node) => ({
    table: tableSpec(table),
    row: { ...key, ...readRow(f.sub(node), table, spec) },
  }));

/** A descriptor list (AcademicSubject, AssessedGradeLevel…) as rows of a child table keyed by the parent's key. */
const listed = (f: Fields, element: string, type: string, key: Row, table: PgTable, column: string): RowOut[] =>
  f
    .descriptorList(element, `${type}Descriptor`)
    .map((id) => ({ table: tableSpec(table), row: { ...key, [column]: id } }));

const scoreRange = {
  assessmentReportingMethodDescriptorId: descriptor('AssessmentReportingMethod', 'AssessmentReportingMethod'),
  minimumScore: 'MinimumScore',
  maximumScore: 'MaximumScore',
  resultDatatypeTypeDescriptorId: descriptor('ResultDatatypeType', 'ResultDatatypeType'),
} satisfies Record<string, Source>;

const participation = descriptor('DisciplineIncidentParticipationCode', 'DisciplineIncidentParticipationCode');
const incidentRef = {
  incidentIdentifier: { ref: 'DisciplineIncidentReference', key: 'IncidentIdentifier' },
  schoolId: { ref: 'DisciplineIncidentReference', key: 'SchoolId' },
} satisfies Record<string, Source>;

/** A descriptor URI's code value (the part after '#'), cut to the column's length. */
const codeValue =
  (path: string): Source =>
  (f, column) => {
    const uri = f.text(path);
    return uri === null ? null : uri.slice(uri.lastIndexOf('#') + 1).slice(0, lengthOf(column));
  };

export const eventMappings: ElementMapping[] = [
  {
    element: 'StudentSchoolAttendanceEvent',
    resource: 'studentSchoolAttendanceEvents',
    phase: 'attendance',
    map: (f) =>
      one(f, t.studentSchoolAttendanceEvent, {
        studentUSI: student,
        schoolId: { ref: 'SchoolReference', key: 'SchoolId' },
        schoolYear: { ref: 'SessionReference', key: 'SchoolYear' },
        ...attendanceEvent,
        schoolAttendanceDuration: 'SchoolAttendanceDuration',
      }),
  },
  {
    element: 'StudentSectionAttendanceEvent',
    resource: 'studentSectionAttendanceEvents',
    phase: 'attendance',
    map: (f) =>
      one(f, t.studentSectionAttendanceEvent, {
        studentUSI: student,
        ...sectionKey(),
        ...attendanceEvent,
        sectionAttendanceDuration: 'SectionAttendanceDuration',
      }),
  },
  {
    element: 'GradebookEntry',
    resource: 'gradebookEntries',
    phase: 'gradebook',
    map: (f) =>
      one(f, t.gradebookEntry, {
        gradebookEntryIdentifier: 'GradebookEntryIdentifier',
        namespace: 'Namespace',
        title: 'Title',
        description: 'Description',
        dateAssigned: 'DateAssigned',
        dueDate: 'DueDate',
        dueTime: 'DueTime',
        gradebookEntryTypeDescriptorId: descriptor('GradebookEntryType', 'GradebookEntryType'),
        ...sectionKey(),
      }),
  },
  {
    element: 'StudentGradebookEntry',
    resource: 'studentGradebookEntries',
    phase: 'gradebook',
    map: (f) =>
      one(f, t.studentGradebookEntry, {
        studentUSI: student,
        gradebookEntryIdentifier: { ref: 'GradebookEntryReference', key: 'GradebookEntryIdentifier' },
        namespace: { ref: 'GradebookEntryReference', key: 'Namespace' },
        dateFulfilled: 'DateFulfilled',
        letterGradeEarned: 'LetterGradeEarned',
        numericGradeEarned: 'NumericGradeEarned',
        diagnosticStatement: 'DiagnosticStatement',
      }),
  },
  {
    element: 'DisciplineIncident',
    resource: 'disciplineIncidents',
    phase: 'discipline',
    map: (f) =>
      one(f, t.disciplineIncident, {
        incidentIdentifier: 'IncidentIdentifier',
        schoolId: { ref: 'SchoolReference', key: 'SchoolId' },
        incidentDate: 'IncidentDate',
        incidentTime: 'IncidentTime',
        // 5.2 makes IncidentLocation a descriptor; the column keeps its code value.
        incidentLocation: codeValue('IncidentLocation'),
        incidentDescription: 'IncidentDescription',
        reporterDescriptionDescriptorId: descriptor('ReporterDescription', 'ReporterDescription'),
        reporterName: 'ReporterName',
        reportedToLawEnforcement: 'ReportedToLawEnforcement',
        caseNumber: 'CaseNumber',
        incidentCost: 'IncidentCost',
        staffUSI: { usi: 'staff', ref: 'StaffReference' },
      }),
  },
  {
    element: 'StudentDisciplineIncidentBehaviorAssociation',
    resource: 'studentDisciplineIncidentBehaviorAssociations',
    phase: 'discipline',
    map: (f) => {
      const key = readRow(f, t.studentDisciplineIncidentBehaviorAssociation, { studentUSI: student, ...incidentRef });
      const code = childrenOf(f.node, 'DisciplineIncidentParticipationCode')[0];
      return [
        // 5.2 moved the participation code here; the seed keeps it on the student–incident association.
        ...(code
          ? [
              {
                table: incidentStudent,
                row: {
                  ...key,
                  ...readRow(f, t.studentDisciplineIncidentAssociation, {
                    studentParticipationCodeDescriptorId: participation,
                  }),
                },
              },
            ]
          : []),
        {
          table: tableSpec(t.studentDisciplineIncidentBehaviorAssociation),
          row: {
            ...key,
            ...readRow(f, t.studentDisciplineIncidentBehaviorAssociation, {
              behaviorDescriptorId: descriptor('Behavior', 'Behavior'),
              behaviorDetailedDescription: 'BehaviorDetailedDescription',
            }),
          },
        },
      ];
    },
  },
  {
    element: 'StudentDisciplineIncidentNonOffenderAssociation',
    resource: 'studentDisciplineIncidentNonOffenderAssociations',
    phase: 'discipline',
    map: (f) => {
      // The first participation code (witness, victim…): the table has room for one.
      const code = childrenOf(f.node, 'DisciplineIncidentParticipationCode')[0];
      if (!code) return [];
      return [
        {
          table: incidentNonOffender,
          row: readRow(f, t.studentDisciplineIncidentAssociation, {
            studentUSI: student,
            ...incidentRef,
            studentParticipationCodeDescriptorId: participation,
          }),
        },
      ];
    },
  },
  {
    element: 'DisciplineAction',
    resource: 'disciplineActions',
    phase: 'discipline',
    map: (f) =>
      one(f, t.disciplineAction, {
        disciplineActionIdentifier: 'DisciplineActionIdentifier',
        studentUSI: student,
        disciplineDate: 'DisciplineDate',
        actualDisciplineActionLength: 'ActualDisciplineActionLength',
        disciplineActionLength: 'DisciplineActionLength',
        disciplineActionLengthDifferenceReasonDescriptorId: descriptor(
          'DisciplineActionLengthDifferenceReason',
          'DisciplineActionLengthDifferenceReason',
        ),
        iepPlacementMeetingIndicator: 'IEPPlacementMeetingIndicator',
        relatedToZeroTolerancePolicy: 'RelatedToZeroTolerancePolicy',
        responsibilitySchoolId: { ref: 'ResponsibilitySchoolReference', key: 'SchoolId' },
        assignmentSchoolId: { ref: 'AssignmentSchoolReference', key: 'SchoolId' },
      }),
  },
  {
    element: 'Assessment',
    resource: 'assessments',
    phase: 'assessments',
    map: (f) => {
      const key = readRow(f, t.assessment, { assessmentIdentifier: 'AssessmentIdentifier', namespace: 'Namespace' });
      return [
        {
          table: tableSpec(t.assessment),
          row: {
            ...key,
            ...readRow(f, t.assessment, {
              assessmentTitle: 'AssessmentTitle',
              assessmentCategoryDescriptorId: descriptor('AssessmentCategory', 'AssessmentCategory'),
              assessmentForm: 'AssessmentForm',
              assessmentVersion: 'AssessmentVersion',
              revisionDate: 'RevisionDate',
              maxRawScore: 'MaxRawScore',
              nomenclature: 'Nomenclature',
              assessmentFamily: { ref: 'AssessmentFamilyReference', key: 'AssessmentFamilyTitle' },
              educationOrganizationId: { ref: 'EducationOrganizationReference', key: 'EducationOrganizationId' },
              adaptiveAssessment: 'AdaptiveAssessment',
            }),
          },
        },
        ...listed(
          f,
          'AcademicSubject',
          'AcademicSubject',
          key,
          t.assessmentAcademicSubject,
          'academicsubjectdescriptorid',
        ),
        ...listed(f, 'AssessedGradeLevel', 'GradeLevel', key, t.assessmentAssessedGradeLevel, 'gradeleveldescriptorid'),
        ...listed(f, 'PlatformType', 'PlatformType', key, t.assessmentPlatformType, 'platformtypedescriptorid'),
        ...items(f, 'AssessmentIdentificationCode', key, t.assessmentIdentificationCode, {
          assessmentIdentificationSystemDescriptorId: descriptor(
            'AssessmentIdentificationSystem',
            'AssessmentIdentificationSystem',
          ),
          identificationCode: 'IdentificationCode',
          assigningOrganizationIdentificationCode: 'AssigningOrganizationIdentificationCode',
        }),
        ...items(f, 'AssessmentScore', key, t.assessmentScore, scoreRange),
        ...items(f, 'AssessmentPerformanceLevel', key, t.assessmentPerformanceLevel, {
          ...scoreRange,
          performanceLevelDescriptorId: descriptor('PerformanceLevel', 'PerformanceLevel'),
        }),
      ];
    },
  },
  {
    element: 'ObjectiveAssessment',
    resource: 'objectiveAssessments',
    phase: 'assessments',
    map: (f) =>
      one(f, t.objectiveAssessment, {
        assessmentIdentifier: { ref: 'AssessmentReference', key: 'AssessmentIdentifier' },
        identificationCode: 'IdentificationCode',
        namespace: { ref: 'AssessmentReference', key: 'Namespace' },
        maxRawScore: 'MaxRawScore',
        percentOfAssessment: 'PercentOfAssessment',
        nomenclature: 'Nomenclature',
        description: 'Description',
        parentIdentificationCode: { ref: 'ParentObjectiveAssessmentReference', key: 'IdentificationCode' },
      }),
  },
  {
    element: 'StudentAssessment',
    resource: 'studentAssessments',
    phase: 'assessments',
    map: (f) => {
      const key = readRow(f, t.studentAssessment, {
        studentAssessmentIdentifier: 'StudentAssessmentIdentifier',
        studentUSI: student,
        assessmentIdentifier: { ref: 'AssessmentReference', key: 'AssessmentIdentifier' },
        namespace: { ref: 'AssessmentReference', key: 'Namespace' },
      });
      return [
        {
          table: tableSpec(t.studentAssessment),
          row: {
            ...key,
            ...readRow(f, t.studentAssessment, {
              administrationDate: 'AdministrationDate',
              administrationEndDate: 'AdministrationEndDate',
              administrationEnvironmentDescriptorId: descriptor(
                'AdministrationEnvironment',
                'AdministrationEnvironment',
              ),
              administrationLanguageDescriptorId: descriptor('AdministrationLanguage', 'Language'),
              serialNumber: 'SerialNumber',
              whenAssessedGradeLevelDescriptorId: descriptor('WhenAssessedGradeLevel', 'GradeLevel'),
              eventCircumstanceDescriptorId: descriptor('EventCircumstance', 'EventCircumstance'),
              eventDescription: 'EventDescription',
              // Ed-Fi 5.2: StudentAssessment/SchoolYear (e.g. "2021-2022" or "2022").
              schoolYear: 'SchoolYear',
              platformTypeDescriptorId: descriptor('PlatformType', 'PlatformType'),
            }),
          },
        },
        ...items(f, 'PerformanceLevel', key, t.studentAssessmentPerformanceLevel, {
          assessmentReportingMethodDescriptorId: descriptor('AssessmentReportingMethod', 'AssessmentReportingMethod'),
          performanceLevelDescriptorId: descriptor('PerformanceLevel', 'PerformanceLevel'),
          performanceLevelIndicatorName: 'PerformanceLevelIndicatorName',
        }),
        // Only the assessment-level ScoreResults: objective-level scores have no table.
        ...items(f, 'ScoreResult', key, t.studentAssessmentScoreResult, {
          assessmentReportingMethodDescriptorId: descriptor('AssessmentReportingMethod', 'AssessmentReportingMethod'),
          result: 'Result',
          resultDatatypeTypeDescriptorId: descriptor('ResultDatatypeType', 'ResultDatatypeType'),
        }),
      ];
    },
  },
  {
    element: 'StudentHealth',
    resource: 'studentHealth',
    phase: 'health',
    map: (f) => {
      const studentUsi = f.studentUsi();
      const vaccine = { length: lengthOf(health.immunizations.vaccineType) };
      const immunizations = [
        ...childrenOf(f.node, 'RequiredImmunization').map((n) => {
          const item = f.sub(n);
          // The vaccine is named by its descriptor's code value; the URI is checked against the descriptors.
          const uri = item.textR('ImmunizationType');
          item.descriptorR('ImmunizationType', 'ImmunizationTypeDescriptor');
          return { vaccine: uri.slice(uri.lastIndexOf('#') + 1), date: item.date('ImmunizationDate') };
        }),
        ...childrenOf(f.node, 'AdditionalImmunization').map((n) => ({
          vaccine: f.sub(n).textR('ImmunizationName', vaccine.length),
          date: f.sub(n).date('ImmunizationDate'),
        })),
      ];
      return [
        {
          table: healthRecord,
          row: {
            student_usi: studentUsi,
            record_type: 'Ed-Fi StudentHealth',
            ...readRow(f, health.studentHealthRecords, { recordDate: 'AsOfDate' }),
          },
        },
        // An exemption has no date: nothing was administered, so there is no immunization row.
        ...immunizations
          .filter((i) => i.date !== null)
          .map((i) => ({
            table: immunization,
            row: {
              student_usi: studentUsi,
              vaccine_type: i.vaccine.slice(0, vaccine.length),
              date_administered: i.date,
            },
          })),
      ];
    },
  },
];
