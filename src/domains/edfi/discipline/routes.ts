/** Discipline's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
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
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/schools/:schoolId/discipline-incidents',
      summary: 'Record a discipline incident: students and roles, behaviours, actions, who reported and who decided',
      description: 'For school and district administrators (sensitive record; all or nothing).',
      tags,
      params: schoolParams,
      body: recordIncidentInput,
      response: { status: 201, description: 'The incident as recorded', schema: incidentView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => recordIncident(work, params.schoolId, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/discipline-incidents',
      summary: "A school's discipline incidents in a date range (audited read)",
      description: 'For counsellors and school or district administrators of the school.',
      tags,
      params: schoolParams,
      query: rangeQuery,
      response: { status: 200, description: 'Incidents, newest first', schema: incidentListView },
    },
    ({ params, query, request }) => requestWork(request, (work) => disciplineIncidents(work, params.schoolId, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/discipline-incidents/:incidentIdentifier',
      summary: 'One discipline incident with its students, behaviours and actions (audited read)',
      tags,
      params: incidentParams,
      response: { status: 200, description: 'The incident', schema: incidentView },
    },
    ({ params, request }) =>
      requestWork(request, (work) => disciplineIncidentOf(work, params.schoolId, params.incidentIdentifier)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/discipline-counts',
      summary: 'Discipline counts of a school per behaviour and per discipline over a date range',
      tags,
      params: schoolParams,
      query: rangeQuery,
      response: { status: 200, description: 'Counts', schema: countsView },
    },
    ({ params, query, request }) => requestWork(request, (work) => disciplineCounts(work, params.schoolId, query)),
  );
}
