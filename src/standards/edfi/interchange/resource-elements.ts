/**
 * The Ed-Fi API resources the interchange loads, each mapped by deriving it from its resource description
 * (resource-mapping.ts says how). Listed here: the load phase, and only where the 5.2 XML differs from the
 * JSON, why and how. The resources the interchange does not load are in NOT_IN_INTERCHANGE, with the reason.
 */
import { resourceModel } from '../resources.js';
import { lengthOf, type Source } from './columns.js';
import type { ElementMapping } from './mapping.js';
import { resourceMapping, type ElementDef } from './resource-mapping.js';
import { incidentParticipation } from './non-resource-elements.js';

/** The XSD's Name group: a person's names sit inside `<Name>`. */
const NAME_GROUP = Object.fromEntries(
  ['personalTitlePrefix', 'firstName', 'middleName', 'lastSurname', 'generationCodeSuffix', 'maidenName'].map(
    (json) => [json, `Name/${json.charAt(0).toUpperCase()}${json.slice(1)}`],
  ),
);
const descriptorAt = (path: string, type: string): Source => ({ path, descriptor: `${type}Descriptor` });
/** The XSD's AttendanceEvent group, shared by both attendance events. */
const ATTENDANCE_EVENT: Record<string, Source> = {
  eventDate: 'AttendanceEvent/EventDate',
  attendanceEventCategoryDescriptor: descriptorAt('AttendanceEvent/AttendanceEventCategory', 'AttendanceEventCategory'),
  attendanceEventReason: 'AttendanceEvent/AttendanceEventReason',
  educationalEnvironmentDescriptor: descriptorAt('AttendanceEvent/EducationalEnvironment', 'EducationalEnvironment'),
  eventDuration: 'AttendanceEvent/EventDuration',
};

/** A descriptor URI's code value (the part after '#'), cut to the column's length. */
const codeValue =
  (path: string): Source =>
  (f, column) => {
    const uri = f.text(path);
    return uri === null ? null : uri.slice(uri.lastIndexOf('#') + 1).slice(0, lengthOf(column));
  };

export const ELEMENT_DEFS: ElementDef[] = [
  // EducationOrganization, EducationOrgCalendar
  { collection: 'localEducationAgencies', phase: 'educationOrganizations' },
  { collection: 'schools', phase: 'educationOrganizations' },
  { collection: 'sessions', phase: 'calendars' },
  { collection: 'gradingPeriods', phase: 'calendars' },
  { collection: 'calendars', phase: 'calendars' },
  { collection: 'calendarDates', phase: 'calendars' },

  // Student, StaffAssociation
  {
    collection: 'students',
    phase: 'students',
    paths: {
      ...NAME_GROUP,
      // The Name group also holds the preferred names; the BirthData group what was recorded at birth.
      preferredFirstName: 'Name/PreferredFirstName',
      preferredLastSurname: 'Name/PreferredLastSurname',
      birthDate: 'BirthData/BirthDate',
      birthCity: 'BirthData/BirthCity',
      dateEnteredUS: 'BirthData/DateEnteredUS',
      multipleBirthStatus: 'BirthData/MultipleBirthStatus',
      birthCountryDescriptor: descriptorAt('BirthData/BirthCountry', 'Country'),
      birthSexDescriptor: descriptorAt('BirthData/BirthSex', 'Sex'),
      birthStateAbbreviationDescriptor: descriptorAt('BirthData/BirthStateAbbreviation', 'StateAbbreviation'),
    },
  },
  // The report has always called them 'staff' (the API's collection is 'staffs').
  { collection: 'staffs', phase: 'staff', report: 'staff', paths: NAME_GROUP },
  { collection: 'credentials', phase: 'staff' },
  { collection: 'staffSchoolAssociations', phase: 'staffAssociations' },
  { collection: 'staffLeaves', phase: 'staffAssociations' },
  { collection: 'staffSectionAssociations', phase: 'staffAssociations' },

  // MasterSchedule (ClassPeriod and Course ride in EducationOrganization)
  {
    collection: 'courses',
    phase: 'masterSchedule',
    // The XSD's Credits group: the amount inside `<Credits>` (its type beside it).
    paths: {
      minimumAvailableCredits: 'MinimumAvailableCredits/Credits',
      maximumAvailableCredits: 'MaximumAvailableCredits/Credits',
    },
  },
  { collection: 'classPeriods', phase: 'masterSchedule' },
  { collection: 'courseOfferings', phase: 'masterSchedule' },
  {
    collection: 'sections',
    phase: 'masterSchedule',
    // The XSD's Credits group (as for courses): amount and credit type inside `<AvailableCredits>`.
    paths: {
      availableCredits: 'AvailableCredits/Credits',
      availableCreditTypeDescriptor: descriptorAt('AvailableCredits/CreditType', 'CreditType'),
    },
  },
  { collection: 'bellSchedules', phase: 'masterSchedule' },

  // StudentAttendance, StudentGradebook
  { collection: 'studentSchoolAttendanceEvents', phase: 'attendance', paths: ATTENDANCE_EVENT },
  { collection: 'studentSectionAttendanceEvents', phase: 'attendance', paths: ATTENDANCE_EVENT },
  { collection: 'gradebookEntries', phase: 'gradebook' },
  { collection: 'studentGradebookEntries', phase: 'gradebook' },

  // StudentDiscipline
  {
    collection: 'disciplineIncidents',
    phase: 'discipline',
    // 5.2 makes IncidentLocation a descriptor; the column (and the API) keep its code value.
    paths: { incidentLocation: codeValue('IncidentLocation') },
  },
  {
    collection: 'studentDisciplineIncidentBehaviorAssociations',
    phase: 'discipline',
    // 5.2 moved the participation code here; the data model keeps it on the student–incident association.
    before: incidentParticipation,
  },
  {
    collection: 'disciplineActions',
    phase: 'discipline',
    // The XSD keeps the acronym in capitals (the JSON camel-cases it: iepPlacementMeetingIndicator).
    paths: { iepPlacementMeetingIndicator: 'IEPPlacementMeetingIndicator' },
    // 5.2's disciplines, staffs and behavior associations are collections; the table holds one of each per action
    // (the discipline service's columns, not described for the API): the first of each is stored.
    also: {
      disciplineDescriptorId: descriptorAt('Discipline', 'Discipline'),
      assignedByStaffUSI: { usi: 'staff', ref: 'StaffReference' },
      incidentIdentifier: { ref: 'StudentDisciplineIncidentBehaviorAssociationReference', key: 'IncidentIdentifier' },
    },
  },

  // AssessmentMetadata, StudentAssessment
  {
    collection: 'assessments',
    phase: 'assessments',
    // The XSD prefixes these item elements with the entity's name (platforms hold a PlatformType each).
    children: {
      identificationCodes: 'AssessmentIdentificationCode',
      scores: 'AssessmentScore',
      performanceLevels: 'AssessmentPerformanceLevel',
      platforms: 'PlatformType',
    },
  },
  { collection: 'objectiveAssessments', phase: 'assessments' },
  { collection: 'studentAssessments', phase: 'assessments' },
];

/** The Ed-Fi API resources the interchange does not load, and why. */
export const NOT_IN_INTERCHANGE: Readonly<Record<string, string>> = {
  educationOrganizations: 'internal reference target; its rows come with each education organization subtype',
  schoolYearTypes: 'internal reference target; the XML names school years by value',
  studentSchoolAssociations: 'InterchangeStudentEnrollment is not loaded yet',
  studentSectionAssociations: 'InterchangeStudentEnrollment is not loaded yet',
  reportCards: 'InterchangeStudentGrade is not loaded yet',
  grades: 'InterchangeStudentGrade is not loaded yet',
  diplomas: 'an Ed-Fi 3 resource; 5.2 embeds diplomas in StudentAcademicRecord (InterchangeStudentTranscript)',
  studentCompetencyObjectives: 'InterchangeStudentGrade is not loaded yet',
  cohorts: 'InterchangeStudentCohort is not loaded yet',
  studentCohortAssociations: 'InterchangeStudentCohort is not loaded yet',
  studentDisciplineIncidentAssociations:
    'an Ed-Fi 3 resource; its rows come from the 5.2 behavior and non-offender associations',
  learningStandards: 'InterchangeStandards is not loaded yet',
  learningObjectives: 'an Ed-Fi 3 resource (not in the 5.2 interchanges)',
};

/** The element mappings of every loaded resource. */
export function resourceElementMappings(): ElementMapping[] {
  return ELEMENT_DEFS.map((def) => {
    const model = resourceModel(def.collection);
    if (!model) throw new Error(`interchange: no resource ${def.collection}`);
    return resourceMapping(model, def);
  });
}
