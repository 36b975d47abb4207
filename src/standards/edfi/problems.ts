/**
 * Errors in the Ed-Fi API's shape (RFC 9457 problem details with Ed-Fi `type` URNs, validationErrors,
 * errors[] and correlationId). The platform's closed error codes map onto the Ed-Fi types here, once.
 */
import type { FastifyInstance } from 'fastify';
import { toAppError } from '../../platform/http/app.js';
import type { AppError } from '../../platform/http/errors.js';

const TYPES: Partial<Record<string, string>> = {
  bad_request: 'urn:ed-fi:api:bad-request',
  validation_failed: 'urn:ed-fi:api:bad-request:data-validation-failed',
  unauthenticated: 'urn:ed-fi:api:security:authentication',
  forbidden: 'urn:ed-fi:api:security:authorization',
  consent_required: 'urn:ed-fi:api:security:authorization',
  not_found: 'urn:ed-fi:api:not-found',
  method_not_allowed: 'urn:ed-fi:api:method-not-allowed',
  reference_not_found: 'urn:ed-fi:api:data-conflict:unresolved-reference',
  dependent_records_exist: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
  duplicate_key: 'urn:ed-fi:api:conflict',
  conflict: 'urn:ed-fi:api:conflict',
  precondition_failed: 'urn:ed-fi:api:optimistic-lock-failed',
  payload_too_large: 'urn:ed-fi:api:bad-request',
  unsupported_media_type: 'urn:ed-fi:api:bad-request',
  rate_limited: 'urn:ed-fi:api:too-many-requests',
  unavailable: 'urn:ed-fi:api:system-failure',
  internal: 'urn:ed-fi:api:system-failure',
};

const TITLES: Partial<Record<string, string>> = {
  validation_failed: 'Data Validation Failed',
  reference_not_found: 'Unresolved Reference',
  dependent_records_exist: 'Dependent Item Exists',
  precondition_failed: 'Optimistic Lock Failed',
  forbidden: 'Authorization Denied',
  unauthenticated: 'Authentication Failed',
  not_found: 'Not Found',
};

export interface EdfiProblem {
  detail: string;
  type: string;
  title: string;
  status: number;
  correlationId: string;
  validationErrors?: Record<string, string[]>;
  errors: string[];
}

export function edfiProblem(error: AppError, correlationId: string): EdfiProblem {
  const validationErrors = error.extras.validationErrors;
  return {
    detail: error.detail,
    type: TYPES[error.code] ?? 'urn:ed-fi:api:bad-request',
    title: TITLES[error.code] ?? error.code.replace(/_/g, ' '),
    status: error.status,
    correlationId,
    ...(validationErrors ? { validationErrors } : {}),
    errors: error.status >= 500 ? [] : [error.detail],
  };
}

/** Installs the Ed-Fi error shape on an encapsulated Fastify context (the Ed-Fi routes only). */
export function useEdfiErrors(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'Ed-Fi request failed');
    for (const [name, value] of Object.entries(appError.extras.headers ?? {})) reply.header(name, value);
    return reply.status(appError.status).type('application/problem+json').send(edfiProblem(appError, request.id));
  });
}
