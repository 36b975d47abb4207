/**
 * Maps PostgreSQL errors (from node-postgres or PGlite, possibly wrapped by Drizzle) to AppError,
 * so a constraint the database enforces reaches the client as a clear 4xx naming the field or key.
 */
import { AppError } from '../http/errors.js';

interface PgErrorLike {
  code: string;
  message: string;
  detail?: string;
  constraint?: string;
  column?: string;
  table?: string;
  schema?: string;
}

/** Finds the PostgreSQL error inside a Drizzle wrapper (`cause`) or returns undefined. */
export function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as Partial<PgErrorLike> & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as PgErrorLike;
    current = candidate.cause;
  }
  return undefined;
}

/** "Key (tenant_id, code)=(…, X) already exists." → the column list without the tenant key. */
function keyColumns(detail: string | undefined): string[] {
  const match = detail?.match(/Key \(([^)]*)\)/);
  if (!match?.[1]) return [];
  return match[1]
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''))
    .filter((c) => c !== 'tenant_id');
}

/** Removes the values (which may be personal data) from a PostgreSQL detail message. */
function withoutValues(detail: string | undefined): string | undefined {
  return detail?.replace(/=\([^)]*\)/g, '');
}

export function mapPgError(error: unknown): AppError | undefined {
  const pg = findPgError(error);
  if (!pg) return undefined;
  const where = pg.table ? `${pg.schema ? `${pg.schema}.` : ''}${pg.table}` : 'the record';
  switch (pg.code) {
    case '23505': {
      const columns = keyColumns(pg.detail);
      return new AppError(
        'duplicate_key',
        `A record with the same ${columns.join(', ') || 'key'} already exists in ${where}.`,
        {
          constraint: pg.constraint,
          key: columns,
        },
      );
    }
    case '23503': {
      const columns = keyColumns(pg.detail);
      const referencing = /is still referenced/.test(pg.detail ?? '');
      if (referencing) {
        return new AppError('dependent_records_exist', `The record is still referenced from ${where}.`, {
          constraint: pg.constraint,
          key: columns,
        });
      }
      return new AppError(
        'reference_not_found',
        `The referenced record (${columns.join(', ')}) does not exist (${withoutValues(pg.detail) ?? pg.constraint}).`,
        {
          constraint: pg.constraint,
          key: columns,
        },
      );
    }
    case '42501': // insufficient_privilege: the app role may not change this table (global reference data)
      return new AppError(
        'forbidden',
        `This application may not change ${where === 'the record' ? 'this data' : where}: it is maintained by the ` +
          `platform.`,
      );
    case '23001': // restrict_violation: ON DELETE RESTRICT
      return new AppError('dependent_records_exist', `The record is still referenced from ${where}.`, {
        constraint: pg.constraint,
      });
    case '23514':
      // A rule a trigger enforces names its column and says in words what is wrong (no personal data).
      if (pg.column) return AppError.validation({ [pg.column]: [pg.message] }, pg.message);
      return AppError.validation(
        { [pg.constraint ?? 'record']: [`violates the rule ${pg.constraint ?? ''} of ${where}`.trim()] },
        `A value breaks the rule ${pg.constraint ?? ''} of ${where}.`,
      );
    case '23502':
      return AppError.validation({ [pg.column ?? 'field']: ['is required'] }, `${pg.column ?? 'A field'} is required.`);
    case '22001':
      return AppError.validation(
        { [pg.column ?? 'field']: ['is too long'] },
        'A value is longer than its column allows.',
      );
    case '22003':
      return AppError.validation({ [pg.column ?? 'field']: ['is out of range'] }, 'A number is out of range.');
    case '22007':
    case '22008':
      return AppError.validation(
        { [pg.column ?? 'field']: ['is not a valid date or time'] },
        'A date or time is invalid.',
      );
    case '22021': // invalid byte sequence (e.g. a NUL character in text)
    case '22P05': // untranslatable character (e.g. \u0000 inside JSON)
      return AppError.validation(
        { [pg.column ?? 'field']: ['contains a character PostgreSQL cannot store (NUL)'] },
        'A text value contains a NUL character.',
      );
    case '22P02':
      return AppError.validation(
        { [pg.column ?? 'field']: ['has an invalid format'] },
        'A value has an invalid format.',
      );
    case '40001':
    case '40P01':
      return new AppError('conflict', 'The request conflicted with a concurrent change; retry it.');
    case '57014':
      return new AppError('unavailable', 'The query was cancelled (timeout).');
    default:
      return undefined;
  }
}
