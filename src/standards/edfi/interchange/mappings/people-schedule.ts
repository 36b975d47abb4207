/**
 * Students, staff and the master schedule (Student, StaffAssociation, MasterSchedule; ClassPeriod and Course ride in
 * EducationOrganization).
 */
import type { Fields } from '../fields.js';
import { edfi, type ElementMapping, type Row } from '../mapping.js';

const student = edfi('student', 'studentuniqueid');
const staff = edfi('staff', 'staffuniqueid');
const staffSchool = edfi('staffschoolassociation', 'staffusi', 'schoolid', 'programassignmentdescriptorid');
const staffSection = edfi(
  'staffsectionassociation',
  'staffusi',
  'sectionidentifier',
  'localcoursecode',
  'schoolid',
  'schoolyear',
);
const staffLeave = edfi('staffleave', 'staffusi', 'staffleaveeventcategorydescriptorid', 'begindate');
const credential = edfi('credential', 'credentialidentifier', 'stateofissuestateabbreviationdescriptorid');
const course = edfi('course', 'coursecode', 'educationorganizationid');
const courseOffering = edfi('courseoffering', 'localcoursecode', 'schoolid', 'schoolyear', 'sessionname');
const section = edfi('section', 'sectionidentifier', 'localcoursecode', 'schoolid', 'schoolyear');
const bellSchedule = edfi('bellschedule', 'bellschedulename', 'schoolid');
const classPeriod = edfi('classperiod', 'classperiodname', 'schoolid');

/** A SectionReference's natural key (the section's course offering supplies school and year). */
export function sectionKey(f: Fields, path = 'SectionReference'): Row {
  return {
    sectionidentifier: f.refText(path, 'SectionIdentifier', { required: true }),
    localcoursecode: f.refText(path, 'LocalCourseCode', { required: true }),
    schoolid: f.refInt(path, 'SchoolId', { required: true }),
    schoolyear: f.refYear(path, 'SchoolYear', { required: true }),
  };
}

const names = (f: Fields): Row => ({
  personaltitleprefix: f.text('Name/PersonalTitlePrefix', 30),
  firstname: f.textR('Name/FirstName', 75),
  middlename: f.text('Name/MiddleName', 75),
  lastsurname: f.textR('Name/LastSurname', 75),
  generationcodesuffix: f.text('Name/GenerationCodeSuffix', 10),
  maidenname: f.text('Name/MaidenName', 75),
});

export const peopleMappings: ElementMapping[] = [
  {
    element: 'Student',
    resource: 'students',
    phase: 'students',
    map: (f) => [
      {
        table: student,
        row: {
          studentuniqueid: f.textR('StudentUniqueId', 32),
          ...names(f),
          preferredfirstname: f.text('Name/PreferredFirstName', 75),
          preferredlastsurname: f.text('Name/PreferredLastSurname', 75),
          birthdate: f.date('BirthData/BirthDate', { required: true }),
          birthcity: f.text('BirthData/BirthCity', 30),
          birthcountrydescriptorid: f.descriptor('BirthData/BirthCountry', 'CountryDescriptor'),
          birthsexdescriptorid: f.descriptor('BirthData/BirthSex', 'SexDescriptor'),
          birthstateabbreviationdescriptorid: f.descriptor(
            'BirthData/BirthStateAbbreviation',
            'StateAbbreviationDescriptor',
          ),
          citizenshipstatusdescriptorid: f.descriptor('CitizenshipStatus', 'CitizenshipStatusDescriptor'),
          dateenteredus: f.date('BirthData/DateEnteredUS'),
          multiplebirthstatus: f.bool('BirthData/MultipleBirthStatus'),
        },
      },
    ],
  },
  {
    element: 'Staff',
    resource: 'staff',
    phase: 'staff',
    map: (f) => [
      {
        table: staff,
        row: {
          staffuniqueid: f.textR('StaffUniqueId', 32),
          ...names(f),
          birthdate: f.date('BirthDate'),
          hispaniclatinoethnicity: f.bool('HispanicLatinoEthnicity'),
          highestcompletedlevelofeducationdescriptorid: f.descriptor(
            'HighestCompletedLevelOfEducation',
            'LevelOfEducationDescriptor',
          ),
          yearsofpriorprofessionalexperience: f.num('YearsOfPriorProfessionalExperience'),
          yearsofpriorteachingexperience: f.num('YearsOfPriorTeachingExperience'),
          loginid: f.text('LoginId', 60),
        },
      },
    ],
  },
  {
    element: 'StaffSchoolAssociation',
    resource: 'staffSchoolAssociations',
    phase: 'staffAssociations',
    map: (f) => [
      {
        table: staffSchool,
        row: {
          staffusi: f.staffUsi(),
          schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
          programassignmentdescriptorid: f.descriptorR('ProgramAssignment', 'ProgramAssignmentDescriptor'),
          schoolyear: f.year('SchoolYear'),
        },
      },
    ],
  },
  {
    element: 'StaffLeave',
    resource: 'staffLeaves',
    phase: 'staffAssociations',
    map: (f) => [
      {
        table: staffLeave,
        row: {
          staffusi: f.staffUsi(),
          staffleaveeventcategorydescriptorid: f.descriptorR(
            'StaffLeaveEventCategory',
            'StaffLeaveEventCategoryDescriptor',
          ),
          begindate: f.date('BeginDate', { required: true }),
          enddate: f.date('EndDate'),
          reason: f.text('Reason', 1024),
          substituteassigned: f.bool('SubstituteAssigned'),
        },
      },
    ],
  },
  {
    element: 'Credential',
    resource: 'credentials',
    phase: 'staff',
    map: (f) => [
      {
        table: credential,
        row: {
          credentialidentifier: f.textR('CredentialIdentifier', 60),
          stateofissuestateabbreviationdescriptorid: f.descriptorR(
            'StateOfIssueStateAbbreviation',
            'StateAbbreviationDescriptor',
          ),
          credentialfielddescriptorid: f.descriptor('CredentialField', 'CredentialFieldDescriptor'),
          credentialtypedescriptorid: f.descriptorR('CredentialType', 'CredentialTypeDescriptor'),
          teachingcredentialdescriptorid: f.descriptor('TeachingCredential', 'TeachingCredentialDescriptor'),
          issuancedate: f.date('IssuanceDate', { required: true }),
          expirationdate: f.date('ExpirationDate'),
          teachingcredentialbasisdescriptorid: f.descriptor(
            'TeachingCredentialBasis',
            'TeachingCredentialBasisDescriptor',
          ),
        },
      },
    ],
  },
  {
    element: 'StaffSectionAssociation',
    resource: 'staffSectionAssociations',
    phase: 'staffAssociations',
    map: (f) => [
      {
        table: staffSection,
        row: {
          staffusi: f.staffUsi(),
          ...sectionKey(f),
          classroompositiondescriptorid: f.descriptorR('ClassroomPosition', 'ClassroomPositionDescriptor'),
          begindate: f.date('BeginDate', { required: true }),
          enddate: f.date('EndDate'),
          highlyqualifiedteacher: f.bool('HighlyQualifiedTeacher'),
          percentagecontribution: f.num('PercentageContribution'),
        },
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
        table: course,
        row: {
          coursecode: f.textR('CourseCode', 60),
          educationorganizationid: f.refInt('EducationOrganizationReference', 'EducationOrganizationId', {
            required: true,
          }),
          coursetitle: f.textR('CourseTitle', 60),
          numberofparts: f.int('NumberOfParts'),
          academicsubjectdescriptorid: f.descriptor('AcademicSubject', 'AcademicSubjectDescriptor'),
          coursedescription: f.text('CourseDescription', 1024),
          coursegpaapplicabilitydescriptorid: f.descriptor(
            'CourseGPAApplicability',
            'CourseGPAApplicabilityDescriptor',
          ),
          coursedefinedbydescriptorid: f.descriptor('CourseDefinedBy', 'CourseDefinedByDescriptor'),
          minimumavailablecredits: f.num('MinimumAvailableCredits/Credits'),
          maximumavailablecredits: f.num('MaximumAvailableCredits/Credits'),
          maxcompletionsforcredit: f.int('MaxCompletionsForCredit'),
        },
      },
    ],
  },
  {
    element: 'ClassPeriod',
    resource: 'classPeriods',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: classPeriod,
        row: {
          classperiodname: f.textR('ClassPeriodName', 60),
          schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
          officialattendanceperiod: f.bool('OfficialAttendancePeriod'),
        },
      },
    ],
  },
  {
    element: 'CourseOffering',
    resource: 'courseOfferings',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: courseOffering,
        row: {
          localcoursecode: f.textR('LocalCourseCode', 60),
          schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
          schoolyear: f.refYear('SessionReference', 'SchoolYear', { required: true }),
          sessionname: f.refText('SessionReference', 'SessionName', { required: true }),
          localcoursetitle: f.text('LocalCourseTitle', 60),
          instructionaltimeplanned: f.int('InstructionalTimePlanned'),
          coursecode: f.refText('CourseReference', 'CourseCode', { required: true }),
          educationorganizationid: f.refInt('CourseReference', 'EducationOrganizationId', { required: true }),
        },
      },
    ],
  },
  {
    element: 'Section',
    resource: 'sections',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: section,
        row: {
          sectionidentifier: f.textR('SectionIdentifier', 255),
          localcoursecode: f.refText('CourseOfferingReference', 'LocalCourseCode', { required: true }),
          schoolid: f.refInt('CourseOfferingReference', 'SchoolId', { required: true }),
          schoolyear: f.refYear('CourseOfferingReference', 'SchoolYear', { required: true }),
          sessionname: f.refText('CourseOfferingReference', 'SessionName', { required: true }),
          sectionname: f.text('SectionName', 100),
          sequenceofcourse: f.int('SequenceOfCourse'),
          educationalenvironmentdescriptorid: f.descriptor(
            'EducationalEnvironment',
            'EducationalEnvironmentDescriptor',
          ),
          mediumofinstructiondescriptorid: f.descriptor('MediumOfInstruction', 'MediumOfInstructionDescriptor'),
          populationserveddescriptorid: f.descriptor('PopulationServed', 'PopulationServedDescriptor'),
          availablecredits: f.num('AvailableCredits/Credits'),
          availablecredittypedescriptorid: f.descriptor('AvailableCredits/CreditType', 'CreditTypeDescriptor'),
        },
      },
    ],
  },
  {
    element: 'BellSchedule',
    resource: 'bellSchedules',
    phase: 'masterSchedule',
    map: (f) => [
      {
        table: bellSchedule,
        row: {
          bellschedulename: f.textR('BellScheduleName', 60),
          schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
          alternatedayname: f.text('AlternateDayName', 20),
          starttime: f.time('StartTime'),
          endtime: f.time('EndTime'),
          totalinstructionaltime: f.int('TotalInstructionalTime'),
        },
      },
    ],
  },
];
