/**
 * The OneRoster 1.2 error body (imsx_StatusInfo): every error the OneRoster services answer —
 * whatever raised it (AppError, a PostgreSQL error, Fastify's own) — is re-shaped here, so
 * integrators only ever see the shape the specification defines.
 */
import type { FastifyInstance } from 'fastify';
import { toAppError } from '../../platform/http/app.js';
import { AppError, type ErrorCode } from '../../platform/http/errors.js';

export const IMSX_CODE_MINORS = [
  'fullsuccess',
  'invalid_filter_field',
  'invalid_selection_field',
  'invaliddata',
  'unauthorisedrequest',
  'forbidden',
  'server_busy',
  'unknownobject',
  'internal_server_error',
] as const;
export type ImsxCodeMinor = (typeof IMSX_CODE_MINORS)[number];

export interface ImsxStatus {
  imsx_codeMajor: 'success' | 'processing' | 'failure' | 'unsupported';
  imsx_severity: 'status' | 'warning' | 'error';
  imsx_description: string;
  imsx_CodeMinor: {
    imsx_codeMinorField: { imsx_codeMinorFieldName: 'TargetEndSystem'; imsx_codeMinorFieldValue: ImsxCodeMinor }[];
  };
}

/** An error raised by the OneRoster layer that knows its imsx code minor. */
export class OneRosterError extends AppError {
  constructor(
    code: ErrorCode,
    readonly codeMinor: ImsxCodeMinor,
    detail: string,
  ) {
    super(code, detail);
  }
}

export const invalidFilter = (detail: string) => new OneRosterError('bad_request', 'invalid_filter_field', detail);
export const invalidSelection = (detail: string) =>
  new OneRosterError('bad_request', 'invalid_selection_field', detail);
export const invalidData = (detail: string) => new OneRosterError('bad_request', 'invaliddata', detail);
export const unknownObject = (detail: string) => new OneRosterError('not_found', 'unknownobject', detail);
export const forbidden = (detail: string) => new OneRosterError('forbidden', 'forbidden', detail);

function codeMinorOf(error: AppError): ImsxCodeMinor {
  if (error instanceof OneRosterError) return error.codeMinor;
  if (error.status === 401) return 'unauthorisedrequest';
  if (error.status === 403) return 'forbidden';
  if (error.status === 404) return 'unknownobject';
  if (error.status === 429 || error.status === 503) return 'server_busy';
  if (error.status >= 500) return 'internal_server_error';
  return 'invaliddata';
}

/** The statuses OneRoster defines; anything else is folded into the nearest one. */
function imsxStatus(status: number): number {
  if ([400, 401, 403, 404, 422, 429, 500].includes(status)) return status;
  if (status === 503) return 429;
  if (status >= 500) return 500;
  return status === 409 ? 422 : 400;
}

export function imsxBody(codeMinor: ImsxCodeMinor, description: string): ImsxStatus {
  return {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: description,
    imsx_CodeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }],
    },
  };
}

function describe(error: AppError): string {
  const fields = error.extras.validationErrors;
  if (!fields) return error.detail;
  return `${error.detail} ${Object.entries(fields)
    .map(([field, reasons]) => `${field}: ${reasons.join('; ')}`)
    .join('. ')}`.trim();
}

/** Installs the imsx error and not-found handlers on a OneRoster service's encapsulated scope. */
export function useImsxErrors(scope: FastifyInstance): void {
  scope.setErrorHandler(async (raw, request, reply) => {
    const error = toAppError(raw);
    if (error.status >= 500) request.log.error({ err: raw }, 'request failed');
    else request.log.info({ code: error.code }, 'request refused');
    for (const [name, value] of Object.entries(error.extras.headers ?? {})) reply.header(name, value);
    const description = error.status >= 500 ? `An unexpected error occurred (request ${request.id}).` : describe(error);
    return reply
      .status(imsxStatus(error.status))
      .type('application/json')
      .send(imsxBody(codeMinorOf(error), description));
  });
  scope.setNotFoundHandler(async (request, reply) => {
    return reply
      .status(404)
      .type('application/json')
      .send(imsxBody('unknownobject', `No endpoint ${request.method} ${request.url.split('?')[0]}.`));
  });
}
