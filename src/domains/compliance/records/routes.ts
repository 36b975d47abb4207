/** FERPA records requests over HTTP: thin routes over service.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../../platform/service/routes.js';
import { COMPLIANCE_ERROR_CODES } from '../errors.js';
import {
  completeRecordsRequestInput,
  decideRecordsRequestInput,
  recordsRequestParams,
  recordsRequestQuery,
  recordsRequestView,
  submitRecordsRequestInput,
} from '../schemas.js';
import {
  completeRecordsRequest,
  decideRecordsRequest,
  listRecordsRequests,
  startReview,
  submitRecordsRequest,
} from './service.js';

export const RECORDS_REQUEST_PATH = '/api/v1/compliance/records-requests';

const tags = ['compliance'];
const errors = COMPLIANCE_ERROR_CODES;
const one = { status: 200, description: 'The request after the step', schema: recordsRequestView } as const;

export function recordsRequestRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'POST',
    url: RECORDS_REQUEST_PATH,
    summary: "Submit a request to correct or delete part of a student's education record",
    description: 'By a parent or guardian, the eligible student, or staff on their behalf; due in 45 days.',
    body: submitRecordsRequestInput,
    response: { status: 201, description: 'The request, submitted', schema: recordsRequestView },
    run: (work, { body }) => submitRecordsRequest(work, body),
  });
  serve({
    method: 'GET',
    url: RECORDS_REQUEST_PATH,
    summary: 'Records requests (newest first); a family member sees their own',
    query: recordsRequestQuery,
    response: { status: 200, description: 'The requests', schema: z.array(recordsRequestView) },
    errors: [],
    run: (work, { query }) => listRecordsRequests(work, query),
  });
  serve({
    method: 'POST',
    url: `${RECORDS_REQUEST_PATH}/:requestId/review`,
    summary: 'Start reviewing a submitted request',
    params: recordsRequestParams,
    response: one,
    run: (work, { params }) => startReview(work, params.requestId),
  });
  serve({
    method: 'POST',
    url: `${RECORDS_REQUEST_PATH}/:requestId/decision`,
    summary: 'Approve or deny a request, with the reason',
    params: recordsRequestParams,
    body: decideRecordsRequestInput,
    response: one,
    run: (work, { params, body }) => decideRecordsRequest(work, params.requestId, body),
  });
  serve({
    method: 'POST',
    url: `${RECORDS_REQUEST_PATH}/:requestId/complete`,
    summary: 'Record how an approved request was carried out',
    params: recordsRequestParams,
    body: completeRecordsRequestInput,
    response: one,
    run: (work, { params, body }) => completeRecordsRequest(work, params.requestId, body),
  });
}
