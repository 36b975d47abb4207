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

export interface ErrorDefinition {
  status: number;
  title: string;
}

/**
 * Every code a problem document can carry: the platform's (ERROR_CODES) and those each domain
 * declares with `defineErrors`. The set is closed — a code is declared once, with its status and
 * title, before anything can raise it — and the OpenAPI document lists it.
 */
const DECLARED: Map<string, ErrorDefinition> = new Map(Object.entries(ERROR_CODES));

export function declaredErrorCodes(): ReadonlyMap<string, ErrorDefinition> {
  return DECLARED;
}

/**
 * A domain's own error codes (e.g. `groups_not_ready` → 409): returns one factory per code that
 * builds the AppError. Codes are snake_case and unique across the platform; declaring a code twice
 * with a different status or title is a programming error caught at start-up.
 */
export function defineErrors<const D extends Record<string, ErrorDefinition>>(
  definitions: D,
): { [K in keyof D]: (detail: string, extras?: AppErrorExtras) => AppError } {
  const factories = {} as Record<string, (detail: string, extras?: AppErrorExtras) => AppError>;
  for (const [code, definition] of Object.entries(definitions)) {
    if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new Error(`error code ${code} must be snake_case`);
    const known = DECLARED.get(code);
    if (known && (known.status !== definition.status || known.title !== definition.title)) {
      throw new Error(`error code ${code} is already declared as ${known.status} ${known.title}`);
    }
    DECLARED.set(code, definition);
    // The code was declared just above: the constructor accepts every declared code.
    factories[code] = (detail, extras = {}) => new AppError(code as ErrorCode, detail, extras);
  }
  return factories as { [K in keyof D]: (detail: string, extras?: AppErrorExtras) => AppError };
}

export type AppErrorExtras = {
  validationErrors?: ValidationErrors;
  headers?: Record<string, string>;
  [k: string]: unknown;
};

/** field (JSON path or column) → reasons */
export type ValidationErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  /** A platform code (ErrorCode) or a code a domain declared with `defineErrors`. */
  readonly code: string;
  /**
   * `code` is one of the platform's ERROR_CODES; a domain's own codes are raised through the
   * factories `defineErrors` returns (so no code can be raised without being declared).
   */
  constructor(
    code: ErrorCode,
    readonly detail: string,
    readonly extras: AppErrorExtras = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    const definition = DECLARED.get(code);
    if (!definition) throw new Error(`undeclared error code ${code}`);
    this.status = definition.status;
    this.title = definition.title;
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
  code: string;
  requestId?: string;
  validationErrors?: ValidationErrors;
  [extra: string]: unknown;
}

export function problemFor(error: AppError, requestId?: string, instance?: string): Problem {
  const { headers: _headers, ...extras } = error.extras;
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code.replace(/_/g, '-')}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...extras,
  };
}
