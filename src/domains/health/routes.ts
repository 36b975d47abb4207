/** The health domain's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { serviceRoutes } from '../../platform/service/routes.js';
import { HEALTH_ERROR_CODES } from './errors.js';
import {
  allergiesView,
  checkOutVisitInput,
  complianceView,
  healthListQuery,
  immunizationView,
  medicationsTodayView,
  recordImmunizationInput,
  recordVisitInput,
  visitListQuery,
  visitParams,
  visitsView,
  visitView,
} from './schemas.js';
import { allergyList, immunizationCompliance, medicationsToday, recordImmunization } from './service.js';
import { checkOutVisit, recordVisit, visitList } from './visits.js';

const tags = ['health'];

export const HEALTH_PATHS = {
  immunizations: '/api/v1/health/immunizations',
  compliance: '/api/v1/health/nurse/immunization-compliance',
  medicationsToday: '/api/v1/health/nurse/medications-today',
  allergies: '/api/v1/health/nurse/allergies',
  visits: '/api/v1/health/visits',
  visitCheckOut: '/api/v1/health/visits/:visitId/check-out',
  nurseVisits: '/api/v1/health/nurse/visits',
} as const;

export function healthRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags });
  serve({
    method: 'POST',
    url: HEALTH_PATHS.immunizations,
    summary: 'Record an immunization given to a student',
    description: 'Not in the future; a positive dose number; each vaccine’s dose recorded once per student.',
    body: recordImmunizationInput,
    response: { status: 201, description: 'The recorded immunization', schema: immunizationView },
    errors: HEALTH_ERROR_CODES,
    run: (work, { body }) => recordImmunization(work, body),
  });
  serve({
    method: 'GET',
    url: HEALTH_PATHS.compliance,
    summary: 'Students missing required immunizations',
    description: 'Within the caller’s reach, by name; each with the required vaccines short of doses.',
    query: healthListQuery,
    response: { status: 200, description: 'One page of students', schema: complianceView },
    run: (work, { query }) => immunizationCompliance(work, query),
  });
  serve({
    method: 'GET',
    url: HEALTH_PATHS.medicationsToday,
    summary: 'Today’s medications: who, what, when',
    query: healthListQuery,
    response: { status: 200, description: 'One page of doses, by time', schema: medicationsTodayView },
    run: (work, { query }) => medicationsToday(work, query),
  });
  serve({
    method: 'GET',
    url: HEALTH_PATHS.allergies,
    summary: 'Students’ active allergies, the severe first',
    query: healthListQuery,
    response: { status: 200, description: 'One page of allergies', schema: allergiesView },
    run: (work, { query }) => allergyList(work, query),
  });
  visitRoutes(app);
}

function visitRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags });
  serve({
    method: 'POST',
    url: HEALTH_PATHS.visits,
    summary: 'Record a visit to the nurse’s office',
    description:
      'Open (in now or at timeIn) or closed (with timeOut and the action taken). Neither time in the future, ' +
      'out not before in; a student has at most one open visit. A student sent home has their parents told.',
    body: recordVisitInput,
    response: { status: 201, description: 'The recorded visit', schema: visitView },
    errors: HEALTH_ERROR_CODES,
    run: (work, { body }) => recordVisit(work, body),
  });
  serve({
    method: 'POST',
    url: HEALTH_PATHS.visitCheckOut,
    summary: 'Check a student out of the nurse’s office',
    description: 'The visit must be open; out (default now) not before in; the action taken is required.',
    params: visitParams,
    body: checkOutVisitInput,
    response: { status: 200, description: 'The closed visit', schema: visitView },
    errors: HEALTH_ERROR_CODES,
    run: (work, { params, body }) => checkOutVisit(work, params.visitId, body),
  });
  serve({
    method: 'GET',
    url: HEALTH_PATHS.nurseVisits,
    summary: 'The nurse’s visits: who is in the office now, and the day’s visits',
    description: 'Visits that began in [from, to) (default: today, UTC), the latest first, and every open visit.',
    query: visitListQuery,
    response: { status: 200, description: 'Open visits and one page of the period’s', schema: visitsView },
    run: (work, { query }) => visitList(work, query),
  });
}
