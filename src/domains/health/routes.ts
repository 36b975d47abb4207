/** The health domain's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { route } from '../../platform/service/routes.js';
import { requestWork } from '../../platform/service/work.js';
import { HEALTH_ERROR_CODES } from './errors.js';
import {
  allergiesView,
  complianceView,
  healthListQuery,
  immunizationView,
  medicationsTodayView,
  recordImmunizationInput,
} from './schemas.js';
import { allergyList, immunizationCompliance, medicationsToday, recordImmunization } from './service.js';

const tags = ['health'];

export const HEALTH_PATHS = {
  immunizations: '/api/v1/health/immunizations',
  compliance: '/api/v1/health/nurse/immunization-compliance',
  medicationsToday: '/api/v1/health/nurse/medications-today',
  allergies: '/api/v1/health/nurse/allergies',
} as const;

export function healthRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'POST',
      url: HEALTH_PATHS.immunizations,
      summary: 'Record an immunization given to a student',
      description: 'Not in the future; a positive dose number; each vaccine’s dose recorded once per student.',
      tags,
      body: recordImmunizationInput,
      response: { status: 201, description: 'The recorded immunization', schema: immunizationView },
      errors: HEALTH_ERROR_CODES,
    },
    ({ body, request }) => requestWork(request, (work) => recordImmunization(work, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: HEALTH_PATHS.compliance,
      summary: 'Students missing required immunizations',
      description: 'Within the caller’s reach, by name; each with the required vaccines short of doses.',
      tags,
      query: healthListQuery,
      response: { status: 200, description: 'One page of students', schema: complianceView },
    },
    ({ query, request }) => requestWork(request, (work) => immunizationCompliance(work, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: HEALTH_PATHS.medicationsToday,
      summary: 'Today’s medications: who, what, when',
      tags,
      query: healthListQuery,
      response: { status: 200, description: 'One page of doses, by time', schema: medicationsTodayView },
    },
    ({ query, request }) => requestWork(request, (work) => medicationsToday(work, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: HEALTH_PATHS.allergies,
      summary: 'Students’ active allergies, the severe first',
      tags,
      query: healthListQuery,
      response: { status: 200, description: 'One page of allergies', schema: allergiesView },
    },
    ({ query, request }) => requestWork(request, (work) => allergyList(work, query)),
  );
}
