/**
 * Descriptors, education organizations and the school calendar (Descriptors, EducationOrganization,
 * EducationOrgCalendar).
 */
import type { Fields } from '../fields.js';
import { edfi, type ElementMapping, type RowOut, type TableSpec } from '../mapping.js';

const descriptorTable: TableSpec = {
  name: 'edfi.descriptor',
  key: ['namespace', 'codevalue'],
  global: true,
  edfiResource: true,
};
const educationOrganization = edfi('educationorganization', 'educationorganizationid');
const localEducationAgency = edfi('localeducationagency', 'localeducationagencyid');
const school = edfi('school', 'schoolid');
const schoolGradeLevel = edfi('schoolgradelevel', 'schoolid', 'gradeleveldescriptorid');
const session = edfi('session', 'sessionname', 'schoolid', 'schoolyear');
const gradingPeriod = edfi('gradingperiod', 'gradingperioddescriptorid', 'schoolid', 'schoolyear');
const calendar = edfi('calendar', 'calendarcode', 'schoolid', 'schoolyear');
const calendarDate = edfi('calendardate', 'calendarcode', 'date', 'schoolid', 'schoolyear');
const calendarEvent = edfi(
  'calendardatecalendarevent',
  'calendarcode',
  'date',
  'schoolid',
  'schoolyear',
  'calendareventdescriptorid',
);

/** Any `…Descriptor` element of InterchangeDescriptors; its type is the element name. */
export function descriptorMapping(element: string): ElementMapping {
  return {
    element,
    resource: 'descriptors',
    phase: 'descriptors',
    map: (f) => [
      {
        table: descriptorTable,
        row: {
          namespace: f.textR('Namespace', 255),
          codevalue: f.textR('CodeValue', 50),
          shortdescription: f.textR('ShortDescription', 75),
          description: f.text('Description', 1024),
          effectivebegindate: f.date('EffectiveBeginDate'),
          effectiveenddate: f.date('EffectiveEndDate'),
          descriptortype: element,
        },
      },
    ],
  };
}

/** The supertype row every education organization has. */
function educationOrganizationRow(f: Fields, idPath: string, discriminator: string): RowOut {
  return {
    table: educationOrganization,
    row: {
      educationorganizationid: f.int(idPath, { required: true }),
      nameofinstitution: f.textR('NameOfInstitution', 75),
      shortnameofinstitution: f.text('ShortNameOfInstitution', 75),
      website: f.text('WebSite', 255),
      operationalstatusdescriptorid: f.descriptor('OperationalStatus', 'OperationalStatusDescriptor'),
      discriminator,
    },
  };
}

/** Education organizations with no subtype table: stored as the supertype only. */
const supertypeOnly = (element: string, idPath: string): ElementMapping => ({
  element,
  resource: 'educationOrganizations',
  phase: 'educationOrganizations',
  map: (f) => [educationOrganizationRow(f, idPath, element)],
});

export const organizationMappings: ElementMapping[] = [
  supertypeOnly('StateEducationAgency', 'StateEducationAgencyId'),
  supertypeOnly('EducationServiceCenter', 'EducationServiceCenterId'),
  {
    element: 'LocalEducationAgency',
    resource: 'localEducationAgencies',
    phase: 'educationOrganizations',
    map: (f) => [
      educationOrganizationRow(f, 'LocalEducationAgencyId', 'LocalEducationAgency'),
      {
        table: localEducationAgency,
        row: {
          localeducationagencyid: f.int('LocalEducationAgencyId', { required: true }),
          localeducationagencycategorydescriptorid: f.descriptorR(
            'LocalEducationAgencyCategory',
            'LocalEducationAgencyCategoryDescriptor',
          ),
          parentlocaleducationagencyid: f.refInt('ParentLocalEducationAgencyReference', 'LocalEducationAgencyId'),
          stateeducationagencyid: f.refInt('StateEducationAgencyReference', 'StateEducationAgencyId'),
        },
      },
    ],
  },
  {
    element: 'School',
    resource: 'schools',
    phase: 'educationOrganizations',
    map: (f) => {
      const schoolId = f.int('SchoolId', { required: true });
      return [
        educationOrganizationRow(f, 'SchoolId', 'School'),
        {
          table: school,
          row: {
            schoolid: schoolId,
            localeducationagencyid: f.refInt('LocalEducationAgencyReference', 'LocalEducationAgencyId'),
            schooltypedescriptorid: f.descriptor('SchoolType', 'SchoolTypeDescriptor'),
            charterstatusdescriptorid: f.descriptor('CharterStatus', 'CharterStatusDescriptor'),
            administrativefundingcontroldescriptorid: f.descriptor(
              'AdministrativeFundingControl',
              'AdministrativeFundingControlDescriptor',
            ),
            titleipartaschooldesignationdescriptorid: f.descriptor(
              'TitleIPartASchoolDesignation',
              'TitleIPartASchoolDesignationDescriptor',
            ),
          },
        },
        ...f.descriptorList('GradeLevel', 'GradeLevelDescriptor').map((id) => ({
          table: schoolGradeLevel,
          row: { schoolid: schoolId, gradeleveldescriptorid: id },
        })),
      ];
    },
  },
  {
    element: 'Session',
    resource: 'sessions',
    phase: 'calendars',
    map: (f) => [
      {
        table: session,
        row: {
          sessionname: f.textR('SessionName', 60),
          schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
          schoolyear: f.year('SchoolYear', { required: true }),
          begindate: f.date('BeginDate', { required: true }),
          enddate: f.date('EndDate', { required: true }),
          termdescriptorid: f.descriptorR('Term', 'TermDescriptor'),
          totalinstructionaldays: f.int('TotalInstructionalDays', { required: true }),
        },
      },
    ],
  },
  {
    element: 'GradingPeriod',
    resource: 'gradingPeriods',
    phase: 'calendars',
    map: (f) => [
      {
        table: gradingPeriod,
        row: {
          gradingperioddescriptorid: f.descriptorR('GradingPeriod', 'GradingPeriodDescriptor'),
          schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
          schoolyear: f.year('SchoolYear', { required: true }),
          begindate: f.date('BeginDate', { required: true }),
          enddate: f.date('EndDate', { required: true }),
          totalinstructionaldays: f.int('TotalInstructionalDays', { required: true }),
          periodsequence: f.int('PeriodSequence'),
        },
      },
    ],
  },
  {
    element: 'Calendar',
    resource: 'calendars',
    phase: 'calendars',
    map: (f) => [
      {
        table: calendar,
        row: {
          calendarcode: f.textR('CalendarCode', 60),
          schoolid: f.refInt('SchoolReference', 'SchoolId', { required: true }),
          schoolyear: f.year('SchoolYear', { required: true }),
          calendartypedescriptorid: f.descriptorR('CalendarType', 'CalendarTypeDescriptor'),
        },
      },
    ],
  },
  {
    element: 'CalendarDate',
    resource: 'calendarDates',
    phase: 'calendars',
    map: (f) => {
      const key = {
        calendarcode: f.refText('CalendarReference', 'CalendarCode', { required: true }),
        date: f.date('Date', { required: true }),
        schoolid: f.refInt('CalendarReference', 'SchoolId', { required: true }),
        schoolyear: f.refYear('CalendarReference', 'SchoolYear', { required: true }),
      };
      return [
        { table: calendarDate, row: key },
        ...f.descriptorList('CalendarEvent', 'CalendarEventDescriptor').map((id) => ({
          table: calendarEvent,
          row: { ...key, calendareventdescriptorid: id },
        })),
      ];
    },
  },
];
