/** Discipline's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { serviceRoutes } from '../../../platform/service/routes.js';
import { DISCIPLINE_ERROR_CODES } from './errors.js';
import {
  countsView,
  incidentListView,
  incidentParams,
  incidentView,
  rangeQuery,
  recordIncidentInput,
  schoolParams,
} from './schemas.js';
import { disciplineCounts, disciplineIncidentOf, disciplineIncidents, recordIncident } from './service.js';

const tags = ['discipline'];
const errors = DISCIPLINE_ERROR_CODES;

export const DISCIPLINE_PATHS = { incidents: '/api/v1/schools/{schoolId}/discipline-incidents' } as const;

export function disciplineRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'POST',
    url: '/api/v1/schools/:schoolId/discipline-incidents',
    summary: 'Record a discipline incident: students and roles, behaviours, actions, who reported and who decided',
    description: 'For school and district administrators (sensitive record; all or nothing).',
    params: schoolParams,
    body: recordIncidentInput,
    response: { status: 201, description: 'The incident as recorded', schema: incidentView },
    run: (work, { params, body }) => recordIncident(work, params.schoolId, body),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/discipline-incidents',
    summary: "A school's discipline incidents in a date range (audited read)",
    description: 'For counsellors and school or district administrators of the school.',
    params: schoolParams,
    query: rangeQuery,
    response: { status: 200, description: 'Incidents, newest first', schema: incidentListView },
    errors: [],
    run: (work, { params, query }) => disciplineIncidents(work, params.schoolId, query),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/discipline-incidents/:incidentIdentifier',
    summary: 'One discipline incident with its students, behaviours and actions (audited read)',
    params: incidentParams,
    response: { status: 200, description: 'The incident', schema: incidentView },
    errors: [],
    run: (work, { params }) => disciplineIncidentOf(work, params.schoolId, params.incidentIdentifier),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/discipline-counts',
    summary: 'Discipline counts of a school per behaviour and per discipline over a date range',
    params: schoolParams,
    query: rangeQuery,
    response: { status: 200, description: 'Counts', schema: countsView },
    errors: [],
    run: (work, { params, query }) => disciplineCounts(work, params.schoolId, query),
  });
}
