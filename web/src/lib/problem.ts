/**
 * API problems (RFC 9457) as the pages show them: the `detail` in words, and each invalid field's
 * reasons next to that field (`validationErrors`, keyed by field name).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  validationErrors?: Record<string, string[]>;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ProblemError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): Record<string, string[]> {
    return this.problem.validationErrors ?? {};
  }
}

/** What to tell the person: the problem's detail, else a generic sentence. */
export function problemMessage(error: unknown, fallback: string): string {
  if (error instanceof ProblemError) return error.problem.detail ?? error.problem.title ?? fallback;
  return fallback;
}

/**
 * Puts each field's reasons from a problem next to the form's field (react-hook-form `setError`);
 * returns true when at least one field was named, so the caller can skip a generic banner.
 */
export function applyFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  setError: (field: F, error: { type: string; message: string }) => void,
): boolean {
  if (!(error instanceof ProblemError)) return false;
  let named = false;
  for (const [field, reasons] of Object.entries(error.fieldErrors)) {
    if ((fields as readonly string[]).includes(field)) {
      setError(field as F, { type: 'server', message: reasons.join('; ') });
      named = true;
    }
  }
  return named;
}

/** A field's reasons from a refusal, joined; undefined when the refusal names no such field. */
export function fieldReasons(error: unknown, field: string): string | undefined {
  return error instanceof ProblemError ? error.fieldErrors[field]?.join('; ') : undefined;
}

/** A field's reasons led by the field's label (the banner then stays for the detail). */
export function labelledReasons(error: unknown, field: string, label: string): string | undefined {
  const reasons = fieldReasons(error, field);
  return reasons ? `${label} ${reasons}` : undefined;
}
