/**
 * Form helpers: a field's error as shown next to it. The server's zod messages are phrases about the
 * field ("is required", "is too long"), so the field's label leads them.
 */
import type { FieldError } from 'react-hook-form';

export function fieldError(label: string, error: FieldError | undefined): string | undefined {
  if (!error?.message) return undefined;
  return /^(is|must|at least|cannot|does)\b/.test(error.message) ? `${label} ${error.message}` : error.message;
}
