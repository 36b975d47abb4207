/**
 * Derives a zod schema for writing a row of a Drizzle table: types, nullability, lengths, and the
 * value rules declared with checkIn/checkRange (the same declaration that produced the SQL CHECK),
 * so the API refuses a bad value with a 400 naming the field before the database has to.
 * Field names are the tables' TypeScript property names (camelCase).
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { ruleFor } from './schema-kit.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/;

/** PostgreSQL text cannot hold NUL characters: refuse them with a clear message. */
const noNul = (schema: z.ZodString) =>
  schema.refine((v) => !v.includes('\u0000'), { message: 'must not contain NUL characters' });

function baseType(column: PgColumn): z.ZodType {
  const sqlType = column.getSQLType();
  const length = sqlType.match(/^(?:varchar|character varying|char)\((\d+)\)/)?.[1];
  if (length) {
    const max = Number(length);
    return noNul(
      sqlType.startsWith('char(')
        ? z.string().length(max)
        : z.string().max(max, { message: `must be at most ${max} characters` }),
    );
  }
  if (sqlType.endsWith('[]')) return z.array(z.string());
  switch (column.columnType) {
    case 'PgUUID':
      return z.uuid({ message: 'must be a UUID' });
    case 'PgText':
      return noNul(z.string());
    case 'PgInteger':
    case 'PgSerial':
      return z.number().int().min(-2147483648).max(2147483647);
    case 'PgSmallInt':
      return z.number().int().min(-32768).max(32767);
    case 'PgBigInt53':
    case 'PgBigSerial53':
      return z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
    case 'PgNumericNumber':
    case 'PgDoublePrecision':
    case 'PgReal':
      return z.number().finite();
    case 'PgNumeric':
      return z.union([z.number().finite(), z.string().regex(/^-?\d+(\.\d+)?$/)]);
    case 'PgBoolean':
      return z.boolean();
    case 'PgDateString':
      return z
        .string()
        .regex(DATE, { message: 'must be a date (YYYY-MM-DD)' })
        .refine((v) => !Number.isNaN(Date.parse(v)), 'is not a calendar date');
    case 'PgTime':
      return z.string().regex(TIME, { message: 'must be a time (HH:MM[:SS])' });
    case 'PgTimestamp':
    case 'PgTimestampString':
      return z.iso
        .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' })
        .transform((v) => new Date(v));
    case 'PgJsonb':
    case 'PgJson':
      return z.unknown();
    case 'PgInet':
      return z.union([z.ipv4(), z.ipv6()]);
    default:
      return z.unknown();
  }
}

function withRule(column: PgColumn, schema: z.ZodType): z.ZodType {
  const rule = ruleFor(column);
  if (!rule) return schema;
  if (rule.kind === 'enum') {
    const allowed = rule.caseInsensitive ? rule.values.map((v) => v.toLowerCase()) : rule.values;
    return z.string().refine((v) => allowed.includes(rule.caseInsensitive ? v.toLowerCase() : v), {
      message: `must be one of ${rule.values.join(', ')}`,
    });
  }
  return (schema as z.ZodNumber)
    .min(rule.min, { message: `must be at least ${rule.min}` })
    .max(rule.max, { message: `must be at most ${rule.max}` });
}

/** zod schema for one column's value on insert. */
export function columnSchema(column: PgColumn): z.ZodType {
  let schema = withRule(column, baseType(column));
  if (!column.notNull) schema = schema.nullable();
  // A column with a default (or a generated serial) may be omitted.
  if (!column.notNull || column.hasDefault) schema = schema.optional();
  return schema;
}

/**
 * The insert schema of a table. `omit` drops server-owned columns (e.g. tenant_id, set from the
 * caller's credentials, never from the body). Unknown fields are refused.
 */
export function insertSchema(table: PgTable, options: { omit?: string[] } = {}): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  const columns = getTableConfig(table).columns;
  const byKey = Object.entries(table as unknown as Record<string, unknown>);
  for (const column of columns) {
    const key = byKey.find(([, value]) => value === column)?.[0] ?? column.name;
    if (options.omit?.includes(key) || options.omit?.includes(column.name)) continue;
    shape[key] = columnSchema(column);
  }
  return z.strictObject(shape);
}
