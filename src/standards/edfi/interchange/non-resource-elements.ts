/**
 * The interchange elements that are no Ed-Fi API resource of Schola's, mapped by hand onto Drizzle tables
 * (columns.ts reads each value as its column's type): descriptors, education organizations stored as the
 * supertype only, a discipline incident's non-offenders, and student health.
 */
import * as t from '../../../domains/edfi/tables.js';
import * as health from '../../../domains/health/tables.js';
import { lengthOf, readRow, tableSpec, type Source } from './columns.js';
import { childrenOf, type Fields } from './fields.js';
import type { ElementMapping, Row, RowOut, TableSpec } from './mapping.js';

// edfi.descriptor's primary key is its serial id; an interchange names a descriptor by its URI.
const descriptorTable = tableSpec(t.descriptor, ['namespace', 'codevalue']);
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
const participation: Source = {
  path: 'DisciplineIncidentParticipationCode',
  descriptor: 'DisciplineIncidentParticipationCodeDescriptor',
};

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

/** Education organizations with no subtype table: stored as the supertype only. */
const supertypeOnly = (element: string): ElementMapping => ({
  element,
  resource: 'educationOrganizations',
  phase: 'educationOrganizations',
  map: (f) => [
    {
      table: tableSpec(t.educationOrganization),
      row: readRow(f, t.educationOrganization, {
        educationOrganizationId: `${element}Id`,
        nameOfInstitution: 'NameOfInstitution',
        shortNameOfInstitution: 'ShortNameOfInstitution',
        website: 'WebSite',
        operationalStatusDescriptorId: { path: 'OperationalStatus', descriptor: 'OperationalStatusDescriptor' },
        discriminator: { value: element },
      }),
    },
  ],
});

/**
 * A behavior association's participation code (5.2 moved it there), kept on the student–incident association
 * (`row` holds the student and incident): the first code, the table has room for one.
 */
export function incidentParticipation(f: Fields, row: Row): RowOut[] {
  if (!childrenOf(f.node, 'DisciplineIncidentParticipationCode')[0]) return [];
  const code = readRow(f, t.studentDisciplineIncidentAssociation, {
    studentParticipationCodeDescriptorId: participation,
  });
  return [
    {
      table: incidentStudent,
      row: {
        studentusi: row.studentusi!,
        incidentidentifier: row.incidentidentifier!,
        schoolid: row.schoolid!,
        ...code,
      },
    },
  ];
}

/** The vaccine of an immunization: a required one's descriptor code value, an additional one's name. */
function immunizations(f: Fields): { vaccine: string; date: string | null }[] {
  return [
    ...childrenOf(f.node, 'RequiredImmunization').map((n) => {
      const item = f.sub(n);
      // The URI is checked against the descriptors; the vaccine is named by its code value.
      const uri = item.textR('ImmunizationType');
      item.descriptorR('ImmunizationType', 'ImmunizationTypeDescriptor');
      return { vaccine: uri.slice(uri.lastIndexOf('#') + 1), date: item.date('ImmunizationDate') };
    }),
    ...childrenOf(f.node, 'AdditionalImmunization').map((n) => ({
      vaccine: f.sub(n).textR('ImmunizationName', lengthOf(health.immunizations.vaccineType)),
      date: f.sub(n).date('ImmunizationDate'),
    })),
  ];
}

export const nonResourceMappings: ElementMapping[] = [
  supertypeOnly('StateEducationAgency'),
  supertypeOnly('EducationServiceCenter'),
  {
    element: 'StudentDisciplineIncidentNonOffenderAssociation',
    resource: 'studentDisciplineIncidentNonOffenderAssociations',
    phase: 'discipline',
    map: (f) => {
      if (!childrenOf(f.node, 'DisciplineIncidentParticipationCode')[0]) return [];
      return [
        {
          table: incidentNonOffender,
          row: readRow(f, t.studentDisciplineIncidentAssociation, {
            studentUSI: student,
            incidentIdentifier: { ref: 'DisciplineIncidentReference', key: 'IncidentIdentifier' },
            schoolId: { ref: 'DisciplineIncidentReference', key: 'SchoolId' },
            studentParticipationCodeDescriptorId: participation,
          }),
        },
      ];
    },
  },
  {
    element: 'StudentHealth',
    resource: 'studentHealth',
    phase: 'health',
    map: (f) => {
      const studentUsi = f.studentUsi();
      const items = immunizations(f);
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
        ...items
          .filter((i) => i.date !== null)
          .map((i) => ({
            table: immunization,
            row: {
              student_usi: studentUsi,
              vaccine_type: i.vaccine.slice(0, lengthOf(health.immunizations.vaccineType)),
              date_administered: i.date,
            },
          })),
      ];
    },
  },
];
