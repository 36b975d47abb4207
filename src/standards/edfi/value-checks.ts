/**
 * Single JSON values checked against their column (type, length, range), descriptor URIs taken apart,
 * and the collector that reports every problem of a body at once (400 data-validation-failed).
 */
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError, type ValidationErrors } from '../../platform/http/errors.js';

export type Checked = { ok: true; value: unknown } | { ok: false; reason: string };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A JSON value checked against a column's type, length and range. */
export function checkValue(column: PgColumn, value: unknown): Checked {
  const c = column as PgColumn & { length?: number; precision?: number; scale?: number };
  switch (column.columnType) {
    case 'PgVarchar':
    case 'PgText':
    case 'PgChar':
      if (typeof value !== 'string') return { ok: false, reason: 'must be a string' };
      if (value.includes('\u0000')) return { ok: false, reason: 'must not contain NUL characters' };
      if (c.length !== undefined && value.length > c.length)
        return { ok: false, reason: `must be at most ${c.length} characters` };
      if (column.notNull && value.trim() === '')
        return { ok: false, reason: 'is required and should not be left empty' };
      return { ok: true, value };
    case 'PgInteger':
    case 'PgSerial':
    case 'PgSmallInt':
    case 'PgBigInt53': {
      const max =
        column.columnType === 'PgSmallInt'
          ? 32767
          : column.columnType === 'PgBigInt53'
            ? Number.MAX_SAFE_INTEGER
            : 2147483647;
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= max
        ? { ok: true, value }
        : { ok: false, reason: `must be a whole number within ±${max}` };
    }
    case 'PgNumericNumber':
    case 'PgNumeric': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, reason: 'must be a number' };
      const limit = c.precision !== undefined ? 10 ** (c.precision - (c.scale ?? 0)) : Infinity;
      return Math.abs(value) < limit
        ? { ok: true, value }
        : { ok: false, reason: `must be less than ${limit} in magnitude` };
    }
    case 'PgBoolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, reason: 'must be true or false' };
    case 'PgDateString':
    case 'PgDate':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? { ok: true, value }
        : { ok: false, reason: 'must be a date (YYYY-MM-DD)' };
    case 'PgTime':
      return typeof value === 'string' && TIME.test(value)
        ? { ok: true, value }
        : { ok: false, reason: 'must be a time (HH:MM:SS)' };
    case 'PgTimestamp':
    case 'PgTimestampString':
      return typeof value === 'string' &&
        (DATE_TIME.test(value) || DATE.test(value)) &&
        !Number.isNaN(Date.parse(value))
        ? { ok: true, value }
        : { ok: false, reason: 'must be an ISO 8601 date-time' };
    default:
      return { ok: false, reason: `has an unsupported type ${column.columnType}` };
  }
}

export class ValidationCollector {
  readonly errors: ValidationErrors = Object.create(null) as ValidationErrors;
  add(path: string, reason: string): void {
    (this.errors[path] ??= []).push(reason);
  }
  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) {
      throw new AppError('validation_failed', 'Data validation failed. See validationErrors for details.', {
        validationErrors: this.errors,
      });
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 'uri://ed-fi.org/GradeLevelDescriptor#Tenth grade' → namespace and code value. */
export function splitDescriptorUri(uri: string): { namespace: string; codeValue: string } | undefined {
  const hash = uri.lastIndexOf('#');
  if (hash <= 0 || hash === uri.length - 1 || uri.length > 306) return undefined;
  return { namespace: uri.slice(0, hash), codeValue: uri.slice(hash + 1) };
}
