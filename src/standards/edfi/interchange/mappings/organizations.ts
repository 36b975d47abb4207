/**
 * Descriptors, education organizations and the school calendar (Descriptors, EducationOrganization,
 * EducationOrgCalendar). Lengths and types come from the Drizzle columns (columns.ts).
 */
import * as t from '../../../../domains/edfi/tables.js';
import { readRow, tableSpec } from '../columns.js';
import type { Fields } from '../fields.js';
import type { ElementMapping, RowOut } from '../mapping.js';

// edfi.descriptor's primary key is its serial id; an interchange names a descriptor by its URI.
const descriptorTable = tableSpec(t.descriptor, ['namespace', 'codevalue']);

/** Any `…Descriptor` element of InterchangeDescriptors; its type is the element name. */
export function descriptorMapping(element: string): ElementMapping {
  return {
    element,
    resource: 'descriptors',
    phase: 'descriptors',
    map: (f) => [
      {
        table: descriptorTable,
        row: readRow(f, t.descriptor, {
          namespace: 'Namespace',
          codeValue: 'CodeValue',
          shortDescription: 'ShortDescription',
          description: 'Description',
          effectiveBeginDate: 'EffectiveBeginDate',
          effectiveEndDate: 'EffectiveEndDate',
          descriptorType: { value: element },
        }),
      },
    ],
  };
}

/** The supertype row every education organization has. */
function educationOrganizationRow(f: Fields, idPath: string, discriminator: string): RowOut {
  return {
    table: tableSpec(t.educationOrganization),
    row: readRow(f, t.educationOrganization, {
      educationOrganizationId: idPath,
      nameOfInstitution: 'NameOfInstitution',
      shortNameOfInstitution: 'ShortNameOfInstitution',
      website: 'WebSite',
      operationalStatusDescriptorId: { path: 'OperationalStatus', descriptor: 'OperationalStatusDescriptor' },
      discriminator: { value: discriminator },
    }),
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
        table: tableSpec(t.localEducationAgency),
        row: readRow(f, t.localEducationAgency, {
          localEducationAgencyId: 'LocalEducationAgencyId',
          localEducationAgencyCategoryDescriptorId: {
            path: 'LocalEducationAgencyCategory',
            descriptor: 'LocalEducationAgencyCategoryDescriptor',
          },
          parentLocalEducationAgencyId: { ref: 'ParentLocalEducationAgencyReference', key: 'LocalEducationAgencyId' },
          stateEducationAgencyId: { ref: 'StateEducationAgencyReference', key: 'StateEducationAgencyId' },
        }),
      },
    ],
  },
  {
    element: 'School',
    resource: 'schools',
    phase: 'educationOrganizations',
    map: (f) => {
      const row = readRow(f, t.school, {
        schoolId: 'SchoolId',
        localEducationAgencyId: { ref: 'LocalEducationAgencyReference', key: 'LocalEducationAgencyId' },
        schoolTypeDescriptorId: { path: 'SchoolType', descriptor: 'SchoolTypeDescriptor' },
        charterStatusDescriptorId: { path: 'CharterStatus', descriptor: 'CharterStatusDescriptor' },
        administrativeFundingControlDescriptorId: {
          path: 'AdministrativeFundingControl',
          descriptor: 'AdministrativeFundingControlDescriptor',
        },
        titleIPartASchoolDesignationDescriptorId: {
          path: 'TitleIPartASchoolDesignation',
          descriptor: 'TitleIPartASchoolDesignationDescriptor',
        },
      });
      return [
        educationOrganizationRow(f, 'SchoolId', 'School'),
        { table: tableSpec(t.school), row },
        ...f.descriptorList('GradeLevel', 'GradeLevelDescriptor').map((id) => ({
          table: tableSpec(t.schoolGradeLevel),
          row: { schoolid: row.schoolid!, gradeleveldescriptorid: id },
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
        table: tableSpec(t.session),
        row: readRow(f, t.session, {
          sessionName: 'SessionName',
          schoolId: { ref: 'SchoolReference', key: 'SchoolId' },
          schoolYear: 'SchoolYear',
          beginDate: 'BeginDate',
          endDate: 'EndDate',
          termDescriptorId: { path: 'Term', descriptor: 'TermDescriptor' },
          totalInstructionalDays: 'TotalInstructionalDays',
        }),
      },
    ],
  },
  {
    element: 'GradingPeriod',
    resource: 'gradingPeriods',
    phase: 'calendars',
    map: (f) => [
      {
        table: tableSpec(t.gradingPeriod),
        row: readRow(f, t.gradingPeriod, {
          gradingPeriodDescriptorId: { path: 'GradingPeriod', descriptor: 'GradingPeriodDescriptor' },
          schoolId: { ref: 'SchoolReference', key: 'SchoolId' },
          schoolYear: 'SchoolYear',
          beginDate: 'BeginDate',
          endDate: 'EndDate',
          totalInstructionalDays: 'TotalInstructionalDays',
          periodSequence: 'PeriodSequence',
        }),
      },
    ],
  },
  {
    element: 'Calendar',
    resource: 'calendars',
    phase: 'calendars',
    map: (f) => [
      {
        table: tableSpec(t.calendar),
        row: readRow(f, t.calendar, {
          calendarCode: 'CalendarCode',
          schoolId: { ref: 'SchoolReference', key: 'SchoolId' },
          schoolYear: 'SchoolYear',
          calendarTypeDescriptorId: { path: 'CalendarType', descriptor: 'CalendarTypeDescriptor' },
        }),
      },
    ],
  },
  {
    element: 'CalendarDate',
    resource: 'calendarDates',
    phase: 'calendars',
    map: (f) => {
      const key = readRow(f, t.calendarDate, {
        calendarCode: { ref: 'CalendarReference', key: 'CalendarCode' },
        date: 'Date',
        schoolId: { ref: 'CalendarReference', key: 'SchoolId' },
        schoolYear: { ref: 'CalendarReference', key: 'SchoolYear' },
      });
      return [
        { table: tableSpec(t.calendarDate), row: key },
        ...f.descriptorList('CalendarEvent', 'CalendarEventDescriptor').map((id) => ({
          table: tableSpec(t.calendarDateCalendarEvent),
          row: { ...key, calendareventdescriptorid: id },
        })),
      ];
    },
  },
];
