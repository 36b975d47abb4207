/**
 * What the interchange loader deliberately does not store, with the reason: Ed-Fi 5.2 elements (by XSD path) inside
 * records it loads, and the records of the loaded interchanges that it does not load at all. The load report prints
 * these reasons beside what it dropped; `xsd-coverage.test.ts` holds the list to Ed-Fi-Core.xsd: every XSD leaf of a
 * loaded record is read by its mapping or covered here, and every entry here covers an element no mapping reads.
 *
 * A path pattern names a subtree from the record element: `*` stands for any part of one name
 * (`*Descriptor/PriorDescriptor`), and a part `**` for any number of elements.
 */

const NO_TABLE = (what: string) => `deliberately not stored: ${what}; the data model has no table for it`;
const NO_COLUMN = (table: string, what = 'it') => `deliberately not stored: edfi.${table} has no column for ${what}`;
/** Ed-Fi identities nest: the school of a section's session is the section's school. */
const NESTED_KEY =
  'a key part repeated inside a nested reference: the same value as the part read beside it (Ed-Fi identities nest)';
const NO_SESSION_NAME = 'a session name inside a reference: the referring table is keyed without the session';
const NOT_ON = (table: string, what: string) => `deliberately not stored: edfi.${table} holds no ${what}`;

const EDUCATION_ORGANIZATION_PARTS: Record<string, string> = {
  EducationOrganizationIdentificationCode: NO_TABLE("an organization's identification codes"),
  EducationOrganizationCategory: NO_TABLE("an organization's categories"),
  Address: NO_TABLE("an organization's addresses"),
  InternationalAddress: NO_TABLE("an organization's addresses"),
  InstitutionTelephone: NO_TABLE("an organization's telephones"),
  EducationOrganizationIndicator: NO_TABLE("an organization's indicators"),
};
const underEach = (records: readonly string[], parts: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    records.flatMap((record) => Object.entries(parts).map(([part, reason]) => [`${record}/${part}`, reason])),
  );

const PERSON_PARTS: Record<string, string> = {
  'Name/PersonalIdentificationDocument': NO_TABLE("a person's identity documents"),
  OtherName: NO_TABLE("a person's other names"),
  Citizenship: NO_TABLE("a person's citizenship and visa"),
  PersonReference: 'deliberately not stored: the source-system person record (Ed-Fi Person) is not loaded',
};

/** XSD path pattern inside a loaded record → why its values are not stored. */
export const NOT_STORED_ELEMENTS: Readonly<Record<string, string>> = {
  '**/*Reference/*Lookup':
    'a reference lookup (finding the target by other fields) is not resolved: references are matched by their ' +
    'identity\'s natural key or an XML ref="…" (key parts inside a lookup are read as an identity\'s are)',
  '**/SessionIdentity/SchoolReference': NESTED_KEY,
  '*/SectionReference/**/CourseOfferingIdentity/SessionReference/SessionIdentity/SessionName': NO_SESSION_NAME,
  'StudentSchoolAttendanceEvent/SessionReference/SessionIdentity/SessionName': NO_SESSION_NAME,
  '*Descriptor/PriorDescriptor': NO_COLUMN('descriptor', "a descriptor's predecessor"),

  // AssessmentMetadata, StudentAssessment
  'Assessment/ContentStandard':
    'deliberately not stored: a citation of the publication the assessment is aligned to (title, version, ' +
    'year, authors); the data model has no table for it and no Schola feature reads it',
  'Assessment/AssessmentPerformanceLevel/PerformanceLevelIndicatorName': NO_COLUMN('assessmentperformancelevel'),
  'Assessment/Language': NO_TABLE("an assessment's languages"),
  'Assessment/AssessmentPeriod': NO_TABLE("an assessment's administration windows"),
  'Assessment/SectionReference': NO_TABLE('the sections an assessment is given in'),
  'Assessment/ProgramReference': NO_TABLE('the program an assessment belongs to'),
  'ObjectiveAssessment/AssessmentPerformanceLevel': NOT_ON('objectiveassessment', 'performance levels'),
  'ObjectiveAssessment/AssessmentScore': NOT_ON('objectiveassessment', 'score ranges'),
  'ObjectiveAssessment/AcademicSubject': NO_COLUMN('objectiveassessment'),
  'ObjectiveAssessment/AssessmentItemReference': NO_TABLE('assessment items'),
  'ObjectiveAssessment/LearningStandardReference': NO_TABLE("an objective's learning standards"),
  'ObjectiveAssessment/ParentObjectiveAssessmentReference/ObjectiveAssessmentIdentity/AssessmentReference': NESTED_KEY,
  'StudentAssessment/Accommodation': NO_TABLE("a student assessment's accommodations"),
  'StudentAssessment/RetestIndicator': NO_COLUMN('studentassessment'),
  'StudentAssessment/ReasonNotTested': NO_COLUMN('studentassessment'),
  'StudentAssessment/StudentAssessmentItem': NO_TABLE('item-level responses'),
  'StudentAssessment/StudentObjectiveAssessment': NO_TABLE('objective-level results'),
  'StudentAssessment/AssessmentPeriod': NO_COLUMN('studentassessment'),
  'StudentAssessment/AssessedMinutes': NO_COLUMN('studentassessment'),
  'StudentAssessment/ReportedSchoolReference': NO_COLUMN('studentassessment'),
  'StudentAssessment/ReportedSchoolIdentifier': NO_COLUMN('studentassessment'),

  // EducationOrgCalendar
  'Session/GradingPeriodReference': NO_TABLE("a session's grading periods (each grading period names its year)"),
  'Session/AcademicWeekReference': NO_TABLE('academic weeks'),
  'GradingPeriod/GradingPeriodName': NO_COLUMN('gradingperiod'),
  'Calendar/GradeLevel': NO_TABLE("a calendar's grade levels"),

  // EducationOrganization
  ...underEach(['StateEducationAgency', 'EducationServiceCenter', 'LocalEducationAgency', 'School'], {
    ...EDUCATION_ORGANIZATION_PARTS,
  }),
  'StateEducationAgency/StateEducationAgencyAccountability': NO_TABLE('federal accountability reporting'),
  'StateEducationAgency/StateEducationAgencyFederalFunds': NO_TABLE('federal funds reporting'),
  'EducationServiceCenter/StateEducationAgencyReference': NOT_ON('educationorganization', 'parent agency'),
  'LocalEducationAgency/CharterStatus': NO_COLUMN('localeducationagency'),
  'LocalEducationAgency/LocalEducationAgencyAccountability': NO_TABLE('federal accountability reporting'),
  'LocalEducationAgency/LocalEducationAgencyFederalFunds': NO_TABLE('federal funds reporting'),
  'LocalEducationAgency/EducationServiceCenterReference': NO_COLUMN('localeducationagency'),
  'School/SchoolCategory': NO_TABLE("a school's categories"),
  'School/MagnetSpecialProgramEmphasisSchool': NO_COLUMN('school'),
  'School/InternetAccess': NO_COLUMN('school'),
  'School/CharterApprovalAgencyType': NO_COLUMN('school'),
  'School/CharterApprovalSchoolYear': NO_COLUMN('school'),
  'ClassPeriod/MeetingTime': NO_TABLE("a class period's meeting times (bell schedules hold the day's times)"),
  'Course/CourseIdentificationCode': NO_TABLE("a course's identification codes"),
  'Course/CourseLevelCharacteristic': NO_TABLE("a course's level characteristics"),
  'Course/OfferedGradeLevel': NO_TABLE("a course's grade levels"),
  'Course/TimeRequiredForCompletion': NO_COLUMN('course'),
  'Course/DateCourseAdopted': NO_COLUMN('course'),
  'Course/HighSchoolCourseRequirement': NO_COLUMN('course'),
  'Course/MinimumAvailableCredits/CreditType': NO_COLUMN('course', 'the credit type (the amount is stored)'),
  'Course/MinimumAvailableCredits/CreditConversion': NO_COLUMN('course'),
  'Course/MaximumAvailableCredits/CreditType': NO_COLUMN('course', 'the credit type (the amount is stored)'),
  'Course/MaximumAvailableCredits/CreditConversion': NO_COLUMN('course'),
  'Course/CareerPathway': NO_COLUMN('course'),
  'Course/CompetencyLevel': NO_TABLE("a course's competency levels"),
  'Course/LearningStandardReference': NO_TABLE("a course's learning standards"),

  // MasterSchedule
  'CourseOffering/CurriculumUsed': NO_TABLE("a course offering's curricula"),
  'CourseOffering/CourseLevelCharacteristic': NO_TABLE("a course offering's level characteristics"),
  'CourseOffering/OfferedGradeLevel': NO_TABLE("a course offering's grade levels"),
  'Section/SectionType': NO_COLUMN('section'),
  'Section/AvailableCredits/CreditConversion': NO_COLUMN('section'),
  'Section/SectionCharacteristic': NO_TABLE("a section's characteristics"),
  'Section/InstructionLanguage': NO_COLUMN('section'),
  'Section/LocationSchoolReference': NO_COLUMN('section', 'a location school other than its own'),
  'Section/LocationReference': NO_TABLE('locations (classrooms)'),
  'Section/ClassPeriodReference': NO_TABLE("a section's class periods"),
  'Section/ProgramReference': NO_TABLE("a section's programs"),
  'Section/CourseLevelCharacteristic': NO_TABLE("a section's level characteristics"),
  'Section/OfferedGradeLevel': NO_TABLE("a section's grade levels"),
  'Section/OfficialAttendancePeriod': NO_COLUMN('section'),
  'BellSchedule/GradeLevel': NO_TABLE("a bell schedule's grade levels"),
  'BellSchedule/ClassPeriodReference': NO_TABLE("a bell schedule's class periods"),
  'BellSchedule/Date': NO_TABLE("a bell schedule's dates"),

  // StaffAssociation, Student
  ...underEach(['Staff', 'Student'], PERSON_PARTS),
  'Staff/StaffIdentificationCode': NO_TABLE("a staff member's identification codes"),
  'Staff/Name/PreferredFirstName': NO_COLUMN('staff'),
  'Staff/Name/PreferredLastSurname': NO_COLUMN('staff'),
  'Staff/Sex': NO_COLUMN('staff'),
  'Staff/GenderIdentity': NO_COLUMN('staff'),
  'Staff/Address': NO_TABLE("a staff member's addresses"),
  'Staff/InternationalAddress': NO_TABLE("a staff member's addresses"),
  'Staff/Telephone': NO_TABLE("a staff member's telephones"),
  'Staff/ElectronicMail': NO_TABLE("a staff member's e-mail addresses (accounts hold the sign-in e-mail)"),
  'Staff/Race': NO_TABLE("a staff member's races"),
  'Staff/Language': NO_TABLE("a staff member's languages"),
  'Staff/HighlyQualifiedTeacher': NO_COLUMN('staff'),
  'Staff/Recognition': NO_TABLE("a staff member's recognitions"),
  'Staff/CredentialReference': NO_TABLE('the staff–credential link (credentials are stored, not whose they are)'),
  'Staff/TribalAffiliation': NO_TABLE("a staff member's tribal affiliations"),
  'Staff/AncestryEthnicOrigin': NO_TABLE("a staff member's ancestry"),
  'Student/BirthData/BirthInternationalProvince': NO_COLUMN('student'),
  'StaffSchoolAssociation/GradeLevel': NO_TABLE("a staff school association's grade levels"),
  'StaffSchoolAssociation/AcademicSubject': NO_TABLE("a staff school association's subjects"),
  'StaffSchoolAssociation/CalendarReference': NO_COLUMN('staffschoolassociation', 'a calendar'),
  'StaffSectionAssociation/TeacherStudentDataLinkExclusion': NO_COLUMN('staffsectionassociation'),
  'Credential/EffectiveDate': NO_COLUMN('credential'),
  'Credential/CredentialEndorsement': NO_TABLE("a credential's endorsements"),
  'Credential/GradeLevel': NO_TABLE("a credential's grade levels"),
  'Credential/AcademicSubject': NO_TABLE("a credential's subjects"),
  'Credential/Namespace': NO_COLUMN('credential'),

  // StudentAttendance
  'StudentSectionAttendanceEvent/ClassPeriodReference': NO_TABLE("an attendance event's class periods"),

  // StudentDiscipline
  'DisciplineIncident/Behavior': 'deliberately not stored: 5.2 behaviors are kept on the behavior associations',
  'DisciplineIncident/Weapon': NO_TABLE("an incident's weapons"),
  'DisciplineIncident/DisciplineIncidentExternalParticipant': NO_TABLE("an incident's external participants"),
  'StudentDisciplineIncidentBehaviorAssociation/Weapon': NO_TABLE("a behavior's weapons"),
  // The behavior association an action answers: its student is the action's, its incident is stored.
  'DisciplineAction/**/StudentDisciplineIncidentBehaviorAssociationIdentity/StudentReference': NESTED_KEY,
  'DisciplineAction/**/DisciplineIncidentIdentity/SchoolReference':
    "the incident's school: edfi.disciplineaction holds the incident at the action's responsibility school",
  'DisciplineAction/**/StudentDisciplineIncidentBehaviorAssociationIdentity/Behavior': NO_COLUMN(
    'disciplineaction',
    'the behavior',
  ),

  // StudentGradebook
  'GradebookEntry/SourceSectionIdentifier': NO_COLUMN('gradebookentry'),
  'GradebookEntry/GradingPeriodReference': NO_COLUMN('gradebookentry', 'a grading period reference'),
  'GradebookEntry/LearningStandardReference': NO_TABLE("a gradebook entry's learning standards"),
  'StudentGradebookEntry/CompetencyLevel': NO_COLUMN('studentgradebookentry'),
  'StudentGradebookEntry/TimeFulfilled': NO_COLUMN('studentgradebookentry'),
  'StudentGradebookEntry/SubmissionStatus': NO_COLUMN('studentgradebookentry'),
  'StudentGradebookEntry/AssignmentLateStatus': NO_COLUMN('studentgradebookentry', 'the late status descriptor'),

  // StudentHealth
  'StudentHealth/EducationOrganizationReference': 'deliberately not stored: health records belong to the student',
  'StudentHealth/RequiredImmunization/MedicalExemption': NO_TABLE('immunization exemptions'),
  'StudentHealth/RequiredImmunization/MedicalExemptionDate': NO_TABLE('immunization exemptions'),
  'StudentHealth/NonMedicalImmunizationExemption': NO_TABLE('immunization exemptions'),
  'StudentHealth/NonMedicalImmunizationExemptionDate': NO_TABLE('immunization exemptions'),
};

const REFERENCE_RECORD =
  'a reference record (an XML id target for ref="…"); the loader follows ref="…" only to the records it loads';
const NOT_LOADED = (what: string) => `not loaded: ${what}; the data model has no table for it`;

/** Records of the loaded interchanges that the loader does not load (counted as `notStored`), and why. */
export const NOT_LOADED_RECORDS: Readonly<Record<string, string>> = {
  AssessmentItem: NOT_LOADED('assessment items'),
  AssessmentScoreRangeLearningStandard: NOT_LOADED('score ranges aligned to learning standards'),
  AcademicWeek: NOT_LOADED('academic weeks'),
  FeederSchoolAssociation: NOT_LOADED('feeder school relationships'),
  Location: NOT_LOADED('locations (classrooms)'),
  Program: NOT_LOADED('programs'),
  AccountabilityRating: NOT_LOADED('accountability ratings'),
  EducationOrganizationPeerAssociation: NOT_LOADED('peer organizations'),
  EducationOrganizationNetwork: NOT_LOADED('education organization networks'),
  EducationOrganizationNetworkAssociation: NOT_LOADED('education organization networks'),
  CommunityOrganization: NOT_LOADED('community organizations'),
  CommunityProvider: NOT_LOADED('community providers'),
  CommunityProviderLicense: NOT_LOADED("community providers' licenses"),
  PostSecondaryInstitution: NOT_LOADED('post-secondary institutions'),
  OrganizationDepartment: NOT_LOADED('organization departments'),
  StaffEducationOrganizationEmploymentAssociation: NOT_LOADED('employment records'),
  StaffEducationOrganizationAssignmentAssociation: NOT_LOADED('staff assignments to organizations'),
  OpenStaffPosition: NOT_LOADED('open positions'),
  StaffProgramAssociation: NOT_LOADED('staff in programs'),
  StaffEducationOrganizationContactAssociation: NOT_LOADED('staff contacts of an organization'),
  StaffAbsenceEvent: NOT_LOADED('staff absences'),
  Person: NOT_LOADED('source-system person records'),
  StudentInterventionAttendanceEvent: NOT_LOADED('intervention attendance'),
  StudentProgramAttendanceEvent: NOT_LOADED('program attendance'),
  SectionAttendanceTakenEvent: NOT_LOADED('the record that a section took attendance'),
  StaffDisciplineIncidentAssociation: NOT_LOADED('staff involved in incidents'),
  EducationOrganization: NOT_LOADED('a bare education organization (its subtypes are loaded)'),
  LearningStandardReference: REFERENCE_RECORD,
  AssessmentReference: REFERENCE_RECORD,
  AssessmentItemReference: REFERENCE_RECORD,
  ObjectiveAssessmentReference: REFERENCE_RECORD,
  SectionReference: REFERENCE_RECORD,
};

const globs = new Map<string, RegExp>();
/** `*` within one element name. */
function glob(part: string): RegExp {
  let re = globs.get(part);
  if (!re) {
    const escaped = part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    globs.set(part, (re = new RegExp(`^${escaped.join('.*')}$`)));
  }
  return re;
}

/** Whether `pattern` names `elementPath` or an element above it. */
export function covers(pattern: string, elementPath: string): boolean {
  const match = (p: readonly string[], s: readonly string[]): boolean => {
    if (p.length === 0) return true;
    if (p[0] === '**') return s.some((_, i) => match(p.slice(1), s.slice(i))) || match(p.slice(1), []);
    return s.length > 0 && glob(p[0]!).test(s[0]!) && match(p.slice(1), s.slice(1));
  };
  return match(pattern.split('/'), elementPath.split('/'));
}

/** The declared pattern covering an element path, if any. */
export function notStoredPattern(elementPath: string): string | undefined {
  return Object.keys(NOT_STORED_ELEMENTS).find((pattern) => covers(pattern, elementPath));
}

/** The reason an element path is deliberately not stored, if it is. */
export function notStoredReason(elementPath: string): string | undefined {
  const pattern = notStoredPattern(elementPath);
  return pattern === undefined ? undefined : NOT_STORED_ELEMENTS[pattern];
}
