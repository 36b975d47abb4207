/**
 * The platform's one error type. Its codes are a closed set; `problemFor` maps each to an HTTP
 * status and an RFC 9457 problem document in one place. (The OneRoster and Ed-Fi bindings re-shape
 * the same errors into their specifications' bodies.)
 */
export const ERROR_CODES = {
  bad_request: { status: 400, title: 'Bad request' },
  validation_failed: { status: 400, title: 'Validation failed' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  consent_required: { status: 403, title: 'Consent required' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  reference_not_found: { status: 409, title: 'Referenced record not found' },
  dependent_records_exist: { status: 409, title: 'Dependent records exist' },
  duplicate_key: { status: 409, title: 'Duplicate key' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** field (JSON path or column) → reasons */
export type ValidationErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: {
      validationErrors?: ValidationErrors;
      headers?: Record<string, string>;
      [k: string]: unknown;
    } = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
  }

  static validation(validationErrors: ValidationErrors, detail = 'The request has invalid fields.'): AppError {
    return new AppError('validation_failed', detail, { validationErrors });
  }
}

/** The zod issues of a parse, by field (null-prototype: field names may come from the request). */
export function validationErrorsOf(
  error: {
    issues: readonly { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }[];
  },
  options: { prefix?: string; unknownField?: string } = {},
): ValidationErrors {
  const prefix = options.prefix ?? '';
  const out = Object.create(null) as ValidationErrors;
  for (const issue of error.issues) {
    const unknown = issue.code === 'unrecognized_keys' && issue.keys !== undefined;
    const keys = unknown ? issue.keys! : [issue.path.map(String).join('.')];
    for (const key of keys)
      (out[`${prefix}${key}` || prefix || '$'] ??= []).push(
        unknown ? (options.unknownField ?? 'is not a known field') : issue.message,
      );
  }
  return out;
}

export const PROBLEM_TYPE_BASE = 'https://schola.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  requestId?: string;
  validationErrors?: ValidationErrors;
  [extra: string]: unknown;
}

export function problemFor(error: AppError, requestId?: string, instance?: string): Problem {
  const { headers: _headers, ...extras } = error.extras;
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code.replace(/_/g, '-')}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...extras,
  };
}
