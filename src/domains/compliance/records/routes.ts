/** FERPA records requests over HTTP: thin routes over service.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
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
  route(
    app,
    {
      method: 'POST',
      url: RECORDS_REQUEST_PATH,
      summary: "Submit a request to correct or delete part of a student's education record",
      description: 'By a parent or guardian, the eligible student, or staff on their behalf; due in 45 days.',
      tags,
      body: submitRecordsRequestInput,
      response: { status: 201, description: 'The request, submitted', schema: recordsRequestView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => submitRecordsRequest(work, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: RECORDS_REQUEST_PATH,
      summary: 'Records requests (newest first); a family member sees their own',
      tags,
      query: recordsRequestQuery,
      response: { status: 200, description: 'The requests', schema: z.array(recordsRequestView) },
    },
    ({ query, request }) => requestWork(request, (work) => listRecordsRequests(work, query)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${RECORDS_REQUEST_PATH}/:requestId/review`,
      summary: 'Start reviewing a submitted request',
      tags,
      params: recordsRequestParams,
      response: one,
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => startReview(work, params.requestId)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${RECORDS_REQUEST_PATH}/:requestId/decision`,
      summary: 'Approve or deny a request, with the reason',
      tags,
      params: recordsRequestParams,
      body: decideRecordsRequestInput,
      response: one,
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => decideRecordsRequest(work, params.requestId, body)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${RECORDS_REQUEST_PATH}/:requestId/complete`,
      summary: 'Record how an approved request was carried out',
      tags,
      params: recordsRequestParams,
      body: completeRecordsRequestInput,
      response: one,
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => completeRecordsRequest(work, params.requestId, body)),
  );
}
