/**
 * Text (URL path segments, query parameters) → typed values for a column, and rows → JSON.
 */
import type { PgColumn } from 'drizzle-orm/pg-core';

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseScalar(column: PgColumn, text: string): Parsed {
  if (text.includes('\u0000')) return { ok: false, reason: 'must not contain NUL characters' };
  switch (column.columnType) {
    case 'PgInteger':
    case 'PgSerial':
    case 'PgSmallInt':
    case 'PgBigInt53':
    case 'PgBigSerial53': {
      const max =
        column.columnType === 'PgSmallInt'
          ? 32767
          : column.columnType.startsWith('PgBig')
            ? Number.MAX_SAFE_INTEGER
            : 2147483647;
      if (!/^-?\d{1,16}$/.test(text) || Math.abs(Number(text)) > max)
        return { ok: false, reason: `must be a whole number within ±${max}` };
      return { ok: true, value: Number(text) };
    }
    case 'PgNumericNumber':
    case 'PgDoublePrecision':
    case 'PgReal':
    case 'PgNumeric':
      if (!/^-?\d{1,20}(\.\d{1,20})?$/.test(text)) return { ok: false, reason: 'must be a number' };
      return { ok: true, value: Number(text) };
    case 'PgBoolean':
      if (text !== 'true' && text !== 'false') return { ok: false, reason: 'must be true or false' };
      return { ok: true, value: text === 'true' };
    case 'PgUUID':
      return UUID.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false, reason: 'must be a UUID' };
    case 'PgDateString':
      return DATE.test(text) && !Number.isNaN(Date.parse(text))
        ? { ok: true, value: text }
        : { ok: false, reason: 'must be a date (YYYY-MM-DD)' };
    case 'PgTimestamp':
    case 'PgTimestampString': {
      const time = Date.parse(text);
      return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(time)
        ? { ok: true, value: new Date(time) }
        : { ok: false, reason: 'must be an ISO 8601 date-time' };
    }
    default:
      return text.length <= 4096 ? { ok: true, value: text } : { ok: false, reason: 'is too long' };
  }
}

/** A row as the API returns it: secrets dropped, dates as ISO strings, bytes as base64. */
export function toJson(row: Record<string, unknown>, hidden: Set<string>, only?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'tenantId' || hidden.has(key) || (only && !only.includes(key))) continue;
    out[key] =
      value instanceof Date
        ? value.toISOString()
        : Buffer.isBuffer(value) || value instanceof Uint8Array
          ? Buffer.from(value).toString('base64')
          : value;
  }
  return out;
}
