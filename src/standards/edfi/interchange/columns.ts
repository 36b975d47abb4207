/**
 * Reading an interchange record into a row of a Drizzle table. The column says how its value is read and
 * checked — a varchar's length, integer, numeric, date, time, boolean, timestamp; a school-year column
 * accepts "2021-2022" — and a NOT NULL column makes its value required. A mapping only says where in
 * the XML each column's value is (`Source`), so a length or type is never written twice.
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { columnOf } from '../compile.js';
import type { Fields, Opt } from './fields.js';
import { RowError } from './row-error.js';
import type { Row, TableSpec } from './mapping.js';

export type Value = string | number | boolean | null;

/** Where a column's value is in the record. */
export type Source =
  /** An element path ("Name/FirstName"), read as the column's type. */
  | string
  /** A descriptor URI of this type → its descriptorid. */
  | { path: string; descriptor: string }
  /** A natural-key part inside a reference (`ref="…"` followed), read as the column's type. */
  | { ref: string; key: string; descriptor?: string }
  /** A StudentUniqueId/StaffUniqueId inside a reference → the loaded person's USI. */
  | { usi: 'student' | 'staff'; ref: string }
  /** A constant (a discriminator, a descriptor's type). */
  | { value: Value }
  /** Anything else (the why belongs beside it). */
  | ((f: Fields, column: PgColumn) => Value);

/** The JavaScript property names of a Drizzle table's columns. */
export type ColumnProp<T extends PgTable> = keyof T['_']['columns'] & string;
export type RowSpec<T extends PgTable> = Partial<Record<ColumnProp<T>, Source>>;

type Kind = 'text' | 'int' | 'num' | 'date' | 'time' | 'bool' | 'dateTime' | 'year';

const KINDS: Record<string, Kind> = {
  PgVarchar: 'text',
  PgText: 'text',
  PgInteger: 'int',
  PgSmallInt: 'int',
  PgBigInt53: 'int',
  PgSerial: 'int',
  PgNumeric: 'num',
  PgNumericNumber: 'num',
  PgDateString: 'date',
  PgDate: 'date',
  PgTime: 'time',
  PgBoolean: 'bool',
  PgTimestamp: 'dateTime',
  PgTimestampString: 'dateTime',
};

/** How a column's value is read; school years (schoolyear, classofschoolyear…) take the interchange's "2021-2022". */
function kindOf(column: PgColumn): Kind {
  if (column.name.endsWith('schoolyear')) return 'year';
  const kind = KINDS[column.columnType];
  if (!kind) throw new Error(`column ${column.name} (${column.columnType}) has no interchange reading`);
  return kind;
}

/** A varchar's length (undefined for other types). */
export const lengthOf = (column: PgColumn): number | undefined => (column as { length?: number }).length;

/** The value of `column` at `path`, read and checked as the column's type. */
export function readColumn(f: Fields, column: PgColumn, path: string, opt: Opt): Value {
  switch (kindOf(column)) {
    case 'text':
      return f.text(path, lengthOf(column), opt);
    case 'int':
      return f.int(path, opt);
    case 'num':
      return f.num(path, opt);
    case 'date':
      return f.date(path, opt);
    case 'time':
      return f.time(path, opt);
    case 'bool':
      return f.bool(path, opt);
    case 'dateTime':
      return f.dateTime(path, opt);
    case 'year':
      return f.year(path, opt);
  }
}

function readRef(f: Fields, column: PgColumn, source: { ref: string; key: string; descriptor?: string }, opt: Opt) {
  if (source.descriptor) return f.refDescriptor(source.ref, source.key, source.descriptor, opt);
  switch (kindOf(column)) {
    case 'int':
      return f.refInt(source.ref, source.key, opt);
    case 'year':
      return f.refYear(source.ref, source.key, opt);
    case 'text': {
      const value = f.refText(source.ref, source.key, opt);
      const max = lengthOf(column);
      if (value !== null && max !== undefined && value.length > max)
        throw new RowError(`${source.ref}/${source.key} is longer than ${max} characters`);
      return value;
    }
    default:
      throw new Error(`reference key column ${column.name} (${column.columnType}) has no interchange reading`);
  }
}

/** The value of one column from its source; a NOT NULL column's value is required. */
export function readSource(f: Fields, column: PgColumn, source: Source): Value {
  const opt: Opt = { required: column.notNull };
  if (typeof source === 'string') return readColumn(f, column, source, opt);
  if (typeof source === 'function') return source(f, column);
  if ('value' in source) return source.value;
  if ('usi' in source) return source.usi === 'student' ? f.studentUsi(source.ref) : f.staffUsi(source.ref, opt);
  if ('ref' in source) return readRef(f, column, source, opt);
  return f.descriptor(source.path, source.descriptor, opt);
}

/** A row (physical column names), each column read from its source in the order given. */
export function readColumns(f: Fields, sources: readonly (readonly [PgColumn, Source])[]): Row {
  const row: Row = {};
  for (const [column, source] of sources) row[column.name] = readSource(f, column, source);
  return row;
}

/** One row of `table`, its columns named by their Drizzle properties. */
export function readRow<T extends PgTable>(f: Fields, table: T, spec: RowSpec<T>): Row {
  const sources = (Object.entries(spec) as [string, Source | undefined][])
    .filter((e): e is [string, Source] => e[1] !== undefined)
    .map(([prop, source]) => [columnOf(table, prop), source] as const);
  return readColumns(f, sources);
}

const specs = new WeakMap<PgTable, TableSpec>();

/**
 * Where a table's rows are written: its qualified name and natural key (the primary key without the tenant)
 * from the Drizzle table; a table without tenant_id is global reference data, one with lastmodifieddate an
 * Ed-Fi resource table. One spec object per table: rows are grouped into statements by spec.
 */
export function tableSpec(table: PgTable, key?: readonly string[]): TableSpec {
  let spec = specs.get(table);
  if (!spec) {
    const config = getTableConfig(table);
    const names = config.columns.map((c) => c.name);
    spec = {
      name: `${config.schema ?? 'public'}.${config.name}`,
      key: key ?? (config.primaryKeys[0]?.columns ?? []).map((c) => c.name).filter((n) => n !== 'tenant_id'),
      ...(names.includes('tenant_id') ? {} : { global: true }),
      ...(names.includes('lastmodifieddate') ? { edfiResource: true } : {}),
    };
    specs.set(table, spec);
  }
  return spec;
}
