/**
 * The references and descriptor helpers the Ed-Fi resource descriptions share (resources-*.ts): a
 * reference's JSON name, its target resource and how its key parts map onto the target's key.
 */
import type { DescriptorDef, ReferenceDef } from './model.js';

export const d = (json: string, type: string): DescriptorDef => ({ json, type: `${type}Descriptor` });
export const school: ReferenceDef = { json: 'schoolReference', target: 'schools', keys: { schoolId: 'schoolId' } };
export const student: ReferenceDef = {
  json: 'studentReference',
  target: 'students',
  keys: { studentUniqueId: 'studentUSI' },
};
export const staff: ReferenceDef = { json: 'staffReference', target: 'staffs', keys: { staffUniqueId: 'staffUSI' } };
export const schoolYear = (optional = false): ReferenceDef => ({
  json: 'schoolYearTypeReference',
  target: 'schoolYearTypes',
  keys: { schoolYear: 'schoolYear' },
  unchecked: true,
  optional,
});
export const session: ReferenceDef = {
  json: 'sessionReference',
  target: 'sessions',
  keys: { schoolId: 'schoolId', schoolYear: 'schoolYear', sessionName: null },
};
/** Course offerings keep their session (a course is offered each semester): their key stores it. */
export const offeringSession: ReferenceDef = {
  json: 'sessionReference',
  target: 'sessions',
  keys: { schoolId: 'schoolId', schoolYear: 'schoolYear', sessionName: 'sessionName' },
};
export const section: ReferenceDef = {
  json: 'sectionReference',
  target: 'sections',
  keys: {
    sectionIdentifier: 'sectionIdentifier',
    localCourseCode: 'localCourseCode',
    schoolId: 'schoolId',
    schoolYear: 'schoolYear',
    sessionName: null,
  },
};
export const disciplineIncident: ReferenceDef = {
  json: 'disciplineIncidentReference',
  target: 'disciplineIncidents',
  keys: { incidentIdentifier: 'incidentIdentifier', schoolId: 'schoolId' },
};
export const edOrg = (optional = false): ReferenceDef => ({
  json: 'educationOrganizationReference',
  target: 'educationOrganizations',
  keys: { educationOrganizationId: 'educationOrganizationId' },
  optional,
});
export const EDORG_SCALARS: (string | [string, string])[] = [
  'nameOfInstitution',
  'shortNameOfInstitution',
  ['webSite', 'website'],
];
export const EDORG_DESCRIPTORS = [d('operationalStatusDescriptor', 'OperationalStatus')];
