/** Strong ETags over a row's API representation; If-Match / If-None-Match handling. */
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { AppError } from '../http/errors.js';

// Keys sorted at every depth, nothing left out: any change anywhere in the representation (a nested
// metadata value, a reference, a child collection) changes the ETag, and key order never does.
const canonicalJson = configure({ deterministic: true, bigint: true, circularValue: Error });

/** A strong ETag: a hash of the canonical (recursively key-sorted) JSON of the representation. */
export function etagOf(json: Record<string, unknown>): string {
  const canonical = canonicalJson(json) ?? '';
  return `"${createHash('sha256').update(canonical).digest('base64url').slice(0, 27)}"`;
}

/** If-Match: the client's copy must be current (412 otherwise). `*` matches any existing row. */
export function checkIfMatch(header: string | undefined, current: string): void {
  if (header === undefined) return;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(current)) {
    throw new AppError(
      'precondition_failed',
      'The record changed since you read it (ETag mismatch); read it again and retry.',
      { currentEtag: current },
    );
  }
}

export function matchesIfNoneMatch(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === current || t.trim() === '*');
}
