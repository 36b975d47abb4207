/**
 * Student events: attendance, gradebook, discipline, assessment and health
 * (StudentAttendance, StudentGradebook, StudentDiscipline, AssessmentMetadata, StudentAssessment, StudentHealth).
 */
import { childrenOf, type Fields } from '../fields.js';
import { edfi, type ElementMapping, type Row, type RowOut, type TableSpec } from '../mapping.js';
import { sectionKey } from './people-schedule.js';

const schoolAttendance = edfi(
  'studentschoolattendanceevent',
  'studentusi',
  'schoolid',
  'schoolyear',
  'eventdate',
  'attendanceeventcategorydescriptorid',
);
const sectionAttendance = edfi(
  'studentsectionattendanceevent',
  'studentusi',
  'sectionidentifier',
  'localcoursecode',
  'schoolid',
  'schoolyear',
  'eventdate',
  'attendanceeventcategorydescriptorid',
);
const gradebookEntry = edfi('gradebookentry', 'gradebookentryidentifier', 'namespace');
const studentGradebookEntry = edfi('studentgradebookentry', 'studentusi', 'gradebookentryidentifier', 'namespace');
const disciplineIncident = edfi('disciplineincident', 'incidentidentifier', 'schoolid');
const incidentStudent = edfi('studentdisciplineincidentassociation', 'studentusi', 'incidentidentifier', 'schoolid');
// A non-offender's involvement only adds a row where none exists: the table holds one participation code
// per student and incident, and a behavior association (the student as an offender) is the stronger fact.
const incidentNonOffender: TableSpec = { ...incidentStudent, mode: 'insertIfAbsent' };
const incidentBehavior = edfi(
  'studentdisciplineincidentbehaviorassociation',
  'studentusi',
  'incidentidentifier',
  'schoolid',
  'behaviordescriptorid',
);
const disciplineAction = edfi('disciplineaction', 'disciplineactionidentifier', 'studentusi', 'disciplinedate');
const assessment = edfi('assessment', 'assessmentidentifier', 'namespace');
const objectiveAssessment = edfi('objectiveassessment', 'assessmentidentifier', 'identificationcode', 'namespace');
const studentAssessment = edfi(
  'studentassessment',
  'studentassessmentidentifier',
  'studentusi',
  'assessmentidentifier',
  'namespace',
);
const assessmentKey = ['assessmentidentifier', 'namespace'];
const assessmentChild = (table: string, ...key: string[]) => edfi(table, ...assessmentKey, ...key);
const academicSubject = assessmentChild('assessmentacademicsubject', 'academicsubjectdescriptorid');
const assessedGradeLevel = assessmentChild('assessmentassessedgradelevel', 'gradeleveldescriptorid');
const assessmentScore = assessmentChild('assessmentscore', 'assessmentreportingmethoddescriptorid');
const assessmentPerformanceLevel = assessmentChild(
  'assessmentperformancelevel',
  'assessmentreportingmethoddescriptorid',
  'performanceleveldescriptorid',
);
const identificationCode = assessmentChild(
  'assessmentidentificationcode',
  'assessmentidentificationsystemdescriptorid',
);
const platformType = assessmentChild('assessmentplatformtype', 'platformtypedescriptorid');
const studentPerformanceLevel = edfi(
  'studentassessmentperformancelevel',
  'studentassessmentidentifier',
  'studentusi',
  'assessmentidentifier',
  'namespace',
  'assessmentreportingmethoddescriptorid',
  'performanceleveldescriptorid',
);
const scoreResult = edfi(
  'studentassessmentscoreresult',
  'studentassessmentidentifier',
  'studentusi',
  'assessmentidentifier',
  'namespace',
  'assessmentreportingmethoddescriptorid',
);
// health.* has surrogate keys only: the natural key below is matched, not constrained.
const healthRecord: TableSpec = {
  name: 'health.student_health_records',
  key: ['student_usi', 'record_type', 'record_date'],
  mode: 'insertIfAbsent',
};
const immunization: TableSpec = {
  name: 'health.immunizations',
  key: ['student_usi', 'vaccine_type', 'date_administered'],
  mode: 'insertIfAbsent',
};

/** The AttendanceEvent group both attendance events share. */
function attendanceEvent(f: Fields): Row {
  return {
    eventdate: f.date('AttendanceEvent/EventDate', { required: true }),
    attendanceeventcategorydescriptorid: f.descriptorR(
      'AttendanceEvent/AttendanceEventCategory',
      'AttendanceEventCategoryDescriptor',
    ),
    attendanceeventreason: f.text('AttendanceEvent/AttendanceEventReason', 255),
    educationalenvironmentdescriptorid: f.descriptor(
      'AttendanceEvent/EducationalEnvironment',
      'EducationalEnvironmentDescriptor',
    ),
    eventduration: f.num('AttendanceEvent/EventDuration'),
    arrivaltime: f.time('ArrivalTime'),
    departuretime: f.time('DepartureTime'),
  };
}

const one = (table: TableSpec, row: Row): RowOut[] => [{ table, row }];

export const eventMappings: ElementMapping[] = [
  {
    element: 'StudentSchoolAttendanceEvent',
    resource: 'studentSchoolAttendanceEvents',
    phase: 'attendance',
    map: (f) =>
      one(schoolAttendance, {
        studentusi: f.studentUsi(),
        schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
        schoolyear: f.refYear('SessionReference', 'SchoolYear', { required: true }),
        ...attendanceEvent(f),
        schoolattendanceduration: f.int('SchoolAttendanceDuration'),
      }),
  },
  {
    element: 'StudentSectionAttendanceEvent',
    resource: 'studentSectionAttendanceEvents',
    phase: 'attendance',
    map: (f) =>
      one(sectionAttendance, {
        studentusi: f.studentUsi(),
        ...sectionKey(f),
        ...attendanceEvent(f),
        sectionattendanceduration: f.int('SectionAttendanceDuration'),
      }),
  },
  {
    element: 'GradebookEntry',
    resource: 'gradebookEntries',
    phase: 'gradebook',
    map: (f) =>
      one(gradebookEntry, {
        gradebookentryidentifier: f.textR('GradebookEntryIdentifier', 60),
        namespace: f.textR('Namespace', 255),
        title: f.textR('Title', 100),
        description: f.text('Description', 1024),
        dateassigned: f.date('DateAssigned', { required: true }),
        duedate: f.date('DueDate'),
        duetime: f.time('DueTime'),
        gradebookentrytypedescriptorid: f.descriptor('GradebookEntryType', 'GradebookEntryTypeDescriptor'),
        ...sectionKey(f),
      }),
  },
  {
    element: 'StudentGradebookEntry',
    resource: 'studentGradebookEntries',
    phase: 'gradebook',
    map: (f) =>
      one(studentGradebookEntry, {
        studentusi: f.studentUsi(),
        gradebookentryidentifier: f.refText('GradebookEntryReference', 'GradebookEntryIdentifier', { required: true }),
        namespace: f.refText('GradebookEntryReference', 'Namespace', { required: true }),
        datefulfilled: f.dateTime('DateFulfilled'),
        lettergradeearned: f.text('LetterGradeEarned', 20),
        numericgradeearned: f.num('NumericGradeEarned'),
        diagnosticstatement: f.text('DiagnosticStatement', 1024),
      }),
  },
  {
    element: 'DisciplineIncident',
    resource: 'disciplineIncidents',
    phase: 'discipline',
    map: (f) => {
      // 5.2 makes IncidentLocation a descriptor; the column keeps its code value (varchar(100)).
      const location = f.text('IncidentLocation');
      return one(disciplineIncident, {
        incidentidentifier: f.textR('IncidentIdentifier', 60),
        schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
        incidentdate: f.date('IncidentDate', { required: true }),
        incidenttime: f.time('IncidentTime'),
        incidentlocation: location === null ? null : location.slice(location.lastIndexOf('#') + 1).slice(0, 100),
        incidentdescription: f.text('IncidentDescription', 1024),
        reporterdescriptiondescriptorid: f.descriptor('ReporterDescription', 'ReporterDescriptionDescriptor'),
        reportername: f.text('ReporterName', 75),
        reportedtolawenforcement: f.bool('ReportedToLawEnforcement'),
        casenumber: f.text('CaseNumber', 20),
        incidentcost: f.num('IncidentCost'),
        staffusi: f.staffUsi('StaffReference', {}),
      });
    },
  },
  {
    element: 'StudentDisciplineIncidentBehaviorAssociation',
    resource: 'studentDisciplineIncidentBehaviorAssociations',
    phase: 'discipline',
    map: (f) => {
      const key = {
        studentusi: f.studentUsi(),
        incidentidentifier: f.refText('DisciplineIncidentReference', 'IncidentIdentifier', { required: true }),
        schoolid: f.refInt('DisciplineIncidentReference', 'SchoolId', { required: true }),
      };
      const participation = childrenOf(f.node, 'DisciplineIncidentParticipationCode')[0];
      return [
        // 5.2 moved the participation code here; the seed keeps it on the student–incident association.
        ...(participation
          ? [
              {
                table: incidentStudent,
                row: {
                  ...key,
                  studentparticipationcodedescriptorid: f.descriptorR(
                    'DisciplineIncidentParticipationCode',
                    'DisciplineIncidentParticipationCodeDescriptor',
                  ),
                },
              },
            ]
          : []),
        {
          table: incidentBehavior,
          row: {
            ...key,
            behaviordescriptorid: f.descriptorR('Behavior', 'BehaviorDescriptor'),
            behaviordetaileddescription: f.text('BehaviorDetailedDescription', 1024),
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
      return one(incidentNonOffender, {
        studentusi: f.studentUsi(),
        incidentidentifier: f.refText('DisciplineIncidentReference', 'IncidentIdentifier', { required: true }),
        schoolid: f.refInt('DisciplineIncidentReference', 'SchoolId', { required: true }),
        studentparticipationcodedescriptorid: f.descriptorR(
          'DisciplineIncidentParticipationCode',
          'DisciplineIncidentParticipationCodeDescriptor',
        ),
      });
    },
  },
  {
    element: 'DisciplineAction',
    resource: 'disciplineActions',
    phase: 'discipline',
    map: (f) =>
      one(disciplineAction, {
        disciplineactionidentifier: f.textR('DisciplineActionIdentifier', 36),
        studentusi: f.studentUsi(),
        disciplinedate: f.date('DisciplineDate', { required: true }),
        actualdisciplineactionlength: f.int('ActualDisciplineActionLength'),
        disciplineactionlength: f.int('DisciplineActionLength'),
        disciplineactionlengthdifferencereasondescriptorid: f.descriptor(
          'DisciplineActionLengthDifferenceReason',
          'DisciplineActionLengthDifferenceReasonDescriptor',
        ),
        iepplacementmeetingindicator: f.bool('IEPPlacementMeetingIndicator'),
        relatedtozerotolerancepolicy: f.bool('RelatedToZeroTolerancePolicy'),
        responsibilityschoolid: f.refInt('ResponsibilitySchoolReference', 'SchoolId', { required: true }),
        assignmentschoolid: f.refInt('AssignmentSchoolReference', 'SchoolId'),
      }),
  },
  {
    element: 'Assessment',
    resource: 'assessments',
    phase: 'assessments',
    map: (f) => {
      const key = { assessmentidentifier: f.textR('AssessmentIdentifier', 60), namespace: f.textR('Namespace', 255) };
      const items = (table: TableSpec, element: string, row: (item: Fields) => Row): RowOut[] =>
        childrenOf(f.node, element).map((node) => ({ table, row: { ...key, ...row(f.sub(node)) } }));
      const scoreRange = (item: Fields): Row => ({
        assessmentreportingmethoddescriptorid: item.descriptorR(
          'AssessmentReportingMethod',
          'AssessmentReportingMethodDescriptor',
        ),
        minimumscore: item.text('MinimumScore', 35),
        maximumscore: item.text('MaximumScore', 35),
        resultdatatypetypedescriptorid: item.descriptor('ResultDatatypeType', 'ResultDatatypeTypeDescriptor'),
      });
      return [
        {
          table: assessment,
          row: {
            ...key,
            assessmenttitle: f.textR('AssessmentTitle', 100),
            assessmentcategorydescriptorid: f.descriptor('AssessmentCategory', 'AssessmentCategoryDescriptor'),
            assessmentform: f.text('AssessmentForm', 60),
            assessmentversion: f.int('AssessmentVersion'),
            revisiondate: f.date('RevisionDate'),
            maxrawscore: f.num('MaxRawScore'),
            nomenclature: f.text('Nomenclature', 100),
            assessmentfamily: f.refText('AssessmentFamilyReference', 'AssessmentFamilyTitle'),
            educationorganizationid: f.refInt('EducationOrganizationReference', 'EducationOrganizationId'),
            adaptiveassessment: f.bool('AdaptiveAssessment'),
          },
        },
        ...f.descriptorList('AcademicSubject', 'AcademicSubjectDescriptor').map((id) => ({
          table: academicSubject,
          row: { ...key, academicsubjectdescriptorid: id },
        })),
        ...f.descriptorList('AssessedGradeLevel', 'GradeLevelDescriptor').map((id) => ({
          table: assessedGradeLevel,
          row: { ...key, gradeleveldescriptorid: id },
        })),
        ...f.descriptorList('PlatformType', 'PlatformTypeDescriptor').map((id) => ({
          table: platformType,
          row: { ...key, platformtypedescriptorid: id },
        })),
        ...items(identificationCode, 'AssessmentIdentificationCode', (item) => ({
          assessmentidentificationsystemdescriptorid: item.descriptorR(
            'AssessmentIdentificationSystem',
            'AssessmentIdentificationSystemDescriptor',
          ),
          identificationcode: item.textR('IdentificationCode', 60),
          assigningorganizationidentificationcode: item.text('AssigningOrganizationIdentificationCode', 60),
        })),
        ...items(assessmentScore, 'AssessmentScore', scoreRange),
        ...items(assessmentPerformanceLevel, 'AssessmentPerformanceLevel', (item) => ({
          ...scoreRange(item),
          performanceleveldescriptorid: item.descriptorR('PerformanceLevel', 'PerformanceLevelDescriptor'),
        })),
      ];
    },
  },
  {
    element: 'ObjectiveAssessment',
    resource: 'objectiveAssessments',
    phase: 'assessments',
    map: (f) =>
      one(objectiveAssessment, {
        assessmentidentifier: f.refText('AssessmentReference', 'AssessmentIdentifier', { required: true }),
        identificationcode: f.textR('IdentificationCode', 60),
        namespace: f.refText('AssessmentReference', 'Namespace', { required: true }),
        maxrawscore: f.num('MaxRawScore'),
        percentofassessment: f.num('PercentOfAssessment'),
        nomenclature: f.text('Nomenclature', 100),
        description: f.text('Description', 1024),
        parentidentificationcode: f.refText('ParentObjectiveAssessmentReference', 'IdentificationCode'),
      }),
  },
  {
    element: 'StudentAssessment',
    resource: 'studentAssessments',
    phase: 'assessments',
    map: (f) => {
      const key = {
        studentassessmentidentifier: f.textR('StudentAssessmentIdentifier', 60),
        studentusi: f.studentUsi(),
        assessmentidentifier: f.refText('AssessmentReference', 'AssessmentIdentifier', { required: true }),
        namespace: f.refText('AssessmentReference', 'Namespace', { required: true }),
      };
      return [
        {
          table: studentAssessment,
          row: {
            ...key,
            administrationdate: f.dateTime('AdministrationDate', { required: true }),
            administrationenddate: f.dateTime('AdministrationEndDate'),
            administrationenvironmentdescriptorid: f.descriptor(
              'AdministrationEnvironment',
              'AdministrationEnvironmentDescriptor',
            ),
            administrationlanguagedescriptorid: f.descriptor('AdministrationLanguage', 'LanguageDescriptor'),
            serialnumber: f.text('SerialNumber', 60),
            whenassessedgradeleveldescriptorid: f.descriptor('WhenAssessedGradeLevel', 'GradeLevelDescriptor'),
            eventcircumstancedescriptorid: f.descriptor('EventCircumstance', 'EventCircumstanceDescriptor'),
            eventdescription: f.text('EventDescription', 1024),
            // Ed-Fi 5.2: StudentAssessment/SchoolYear (e.g. "2021-2022" or "2022").
            schoolyear: f.year('SchoolYear'),
            platformtypedescriptorid: f.descriptor('PlatformType', 'PlatformTypeDescriptor'),
          },
        },
        ...childrenOf(f.node, 'PerformanceLevel').map((node) => {
          const level = f.sub(node);
          return {
            table: studentPerformanceLevel,
            row: {
              ...key,
              assessmentreportingmethoddescriptorid: level.descriptorR(
                'AssessmentReportingMethod',
                'AssessmentReportingMethodDescriptor',
              ),
              performanceleveldescriptorid: level.descriptorR('PerformanceLevel', 'PerformanceLevelDescriptor'),
              performancelevelindicatorname: level.text('PerformanceLevelIndicatorName', 60),
            },
          };
        }),
        // Only the assessment-level ScoreResults: objective-level scores have no table.
        ...childrenOf(f.node, 'ScoreResult').map((node) => {
          const score = f.sub(node);
          return {
            table: scoreResult,
            row: {
              ...key,
              assessmentreportingmethoddescriptorid: score.descriptorR(
                'AssessmentReportingMethod',
                'AssessmentReportingMethodDescriptor',
              ),
              result: score.textR('Result', 35),
              resultdatatypetypedescriptorid: score.descriptorR('ResultDatatypeType', 'ResultDatatypeTypeDescriptor'),
            },
          };
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
      const immunizations = [
        ...childrenOf(f.node, 'RequiredImmunization').map((n) => {
          const uri = f.sub(n).textR('ImmunizationType');
          f.sub(n).descriptorR('ImmunizationType', 'ImmunizationTypeDescriptor');
          return { vaccine: uri.slice(uri.lastIndexOf('#') + 1), date: f.sub(n).date('ImmunizationDate') };
        }),
        ...childrenOf(f.node, 'AdditionalImmunization').map((n) => ({
          vaccine: f.sub(n).textR('ImmunizationName', 100),
          date: f.sub(n).date('ImmunizationDate'),
        })),
      ];
      return [
        {
          table: healthRecord,
          row: {
            student_usi: studentUsi,
            record_type: 'Ed-Fi StudentHealth',
            record_date: f.date('AsOfDate', { required: true }),
          },
        },
        // An exemption has no date: nothing was administered, so there is no immunization row.
        ...immunizations
          .filter((i) => i.date !== null)
          .map((i) => ({
            table: immunization,
            row: { student_usi: studentUsi, vaccine_type: i.vaccine.slice(0, 100), date_administered: i.date },
          })),
      ];
    },
  },
];
