/**
 * One description per OneRoster entity. A `Model` names its Drizzle table and lists its fields once, in the
 * order of the OneRoster 1.2 CSV binding's header; each field says which column of the table it is (typed: a
 * field naming a column the table does not have does not compile), its REST JSON name, its CSV header, its
 * value kind, whether the binding requires it and what it references. Both faces are derived from it:
 * `entityOf` gives the REST entity (entity-kit.ts: field SQL, JSON types, references) and `fileOf`
 * (csv/files.ts) the CSV file (header order, required columns, conversions, references).
 * Where the two bindings genuinely differ the field says so itself: a REST-only field (no `csv`: nested
 * objects, computed children, extensions), a CSV-only field (no `rest`), a different CSV name (`csv`), or
 * REST reading other SQL than the stored column (`restAs`), each with a comment at the field.
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Entity, FieldSpec, FieldType, RefType } from './entity-kit.js';

/** A value's kind: the CSV cell conversion (csv/values.ts) and the REST JSON type both follow from it. */
export type Kind =
  | 'id'
  | 'string'
  | 'date'
  | 'datetime'
  | 'dateOrDatetime'
  | 'boolean'
  | 'number'
  | 'list'
  | 'enum'
  | 'userIds'
  | 'scoreScaleValue'
  /** REST only: a jsonb value served as stored (metadata, learningObjectiveSet); there is no CSV cell for it. */
  | 'json'
  /** REST only: computed SQL finished by `restAs.render` (nested roles[], scoreScale link…). */
  | 'custom';

/** What a reference points at: the entity's plural name (= its CSV file name when it has one). */
export type Target =
  | 'academicSessions'
  | 'orgs'
  | 'courses'
  | 'classes'
  | 'users'
  | 'userProfiles'
  | 'categories'
  | 'lineItems'
  | 'results'
  | 'scoreScales'
  | 'resources'
  | 'assessmentLineItems';

/** The REST reference type of each target REST serves references to (the others are CSV-only references). */
const REF_TYPE: Partial<Record<Target, RefType>> = {
  academicSessions: 'academicSession',
  orgs: 'org',
  courses: 'course',
  classes: 'class',
  users: 'user',
  categories: 'category',
  lineItems: 'lineItem',
  scoreScales: 'scoreScale',
  resources: 'resource',
  assessmentLineItems: 'assessmentLineItem',
};

export type ColumnOf<T extends PgTable> = keyof T['_']['columns'] & string;

export interface Field<C extends string = string> {
  /** REST JSON name; undefined = not a field of the REST object. */
  rest?: string;
  /** CSV header; undefined = not a column of the CSV file. */
  csv?: string;
  /** The Drizzle column (property name); undefined = computed (`restAs.sql`, `derived`). */
  column?: C;
  kind: Kind;
  /** Required by the CSV binding 1.2.1 (the only columns the import requires). */
  required?: boolean;
  values?: readonly string[];
  ref?: Target;
  /**
   * Not stored: Schola derives it (`sql` over alias `t`). The CSV stages it as `staged` and checks an import
   * row against the derivation; the export and REST read the derivation.
   */
  derived?: { sql: string; what: string; staged: string };
  /** REST differs from the stored column (other SQL, scopes, rendering); the reason is commented at the field. */
  restAs?: Partial<FieldSpec>;
}

/** A model as declared: its fields name columns of `T` (a typo or a dropped column does not compile). */
export interface ModelDecl<T extends PgTable> {
  /** The CSV file (1.2 binding); undefined = the binding has no file for it. */
  file?: string;
  /** The REST entity; undefined = served only nested in another entity. */
  rest?: Omit<Entity, 'fields' | 'table'>;
  fields: Field<ColumnOf<T>>[];
}

/** A model once checked (column names erased to strings, so models of different tables share a type). */
export interface Model extends ModelDecl<PgTable> {
  table: PgTable;
  fields: Field[];
}

export function model<T extends PgTable>(table: T, m: ModelDecl<T>): Model {
  return { table, ...m };
}

/** The column's SQL name. */
export function columnName(table: PgTable, column: string): string {
  const c = (getTableColumns(table) as Record<string, { name: string } | undefined>)[column];
  if (!c) throw new Error(`${qualifiedName(table)} has no column ${column}`);
  return c.name;
}

export function qualifiedName(table: PgTable): string {
  const { schema, name } = getTableConfig(table);
  return schema ? `${schema}.${name}` : name;
}

// Field builders: `name` is the REST name and, unless `extra.csv` says otherwise, the CSV header.

export const STATUS = ['active', 'tobedeleted'] as const;
export const field = <C extends string>(name: string, column: C, kind: Kind, extra: Partial<Field<C>> = {}) =>
  ({ rest: name, csv: name, column, kind, ...extra }) as Field<C>;
export const str = <C extends string>(name: string, column: C, extra: Partial<Field<C>> = {}) =>
  field(name, column, 'string', extra);
export const bool = <C extends string>(name: string, column: C) => field(name, column, 'boolean');
export const date = <C extends string>(name: string, column: C) => field(name, column, 'date');
export const num = <C extends string>(name: string, column: C) => field(name, column, 'number');
export const list = <C extends string>(name: string, column: C, extra: Partial<Field<C>> = {}) =>
  field(name, column, 'list', extra);
export const oneOf = <C extends string>(name: string, column: C, values: readonly string[], required = false) =>
  field(name, column, 'enum', { values, required });
/** A reference: REST `name` → {href, sourcedId, type}; CSV `<name>SourcedId` unless `extra.csv` says otherwise. */
export const refTo = <C extends string>(
  name: string,
  column: C,
  target: Target,
  extra: Partial<Field<C>> = {},
): Field<C> => field(name, column, 'id', { csv: `${name}SourcedId`, ref: target, ...extra });
/** REST only: computed SQL over `t` (children, nested objects, links); no CSV column. */
export const computed = (name: string, spec: FieldSpec): Field<never> => ({ rest: name, kind: 'custom', restAs: spec });
/** The fields every OneRoster object has (a link table without `metadata` has only these). */
export const common = (extra: Partial<Field<'sourcedId'>> = {}) => [
  field('sourcedId', 'sourcedId', 'id', { required: true, ...extra }),
  oneOf('status', 'status', STATUS),
  field('dateLastModified', 'dateLastModified', 'datetime'),
];
/** …and `metadata`: REST serves it, the CSV has no column for it (it keeps unknown CSV columns in it). */
export const base = (extra: Partial<Field<'sourcedId'>> = {}) => [
  ...common(extra),
  { rest: 'metadata', column: 'metadata', kind: 'json' } as Field<'metadata'>,
];

const REST_TYPE: Record<Kind, FieldType> = {
  id: 'string',
  string: 'string',
  enum: 'string',
  date: 'date',
  datetime: 'datetime',
  dateOrDatetime: 'datetime',
  boolean: 'truefalse',
  number: 'number',
  list: 'strings',
  userIds: 'json',
  scoreScaleValue: 'json',
  json: 'json',
  custom: 'custom',
};

function restField(table: PgTable, f: Field): FieldSpec {
  const refType = f.ref ? REF_TYPE[f.ref] : undefined;
  const type = refType && f.kind === 'id' ? 'ref' : refType && f.kind === 'list' ? 'refs' : REST_TYPE[f.kind];
  const sql = f.derived ? f.derived.sql : f.column ? `t.${columnName(table, f.column)}` : '';
  const spec: FieldSpec = { sql, type, ...(type === 'json' ? { sortable: false } : {}), ...f.restAs };
  if ((spec.type === 'ref' || spec.type === 'refs') && !spec.refType) spec.refType = refType;
  if (!spec.sql) throw new Error(`${qualifiedName(table)}.${f.rest}: no column and no SQL`);
  return spec;
}

/** The REST entity of a model: its fields with a REST name, in declaration order. */
export function entityOf(m: Model): Entity {
  if (!m.rest) throw new Error(`${qualifiedName(m.table)} has no REST entity`);
  const fields = m.fields.filter((f) => f.rest).map((f) => [f.rest!, restField(m.table, f)] as const);
  return { ...m.rest, table: qualifiedName(m.table), fields: Object.fromEntries(fields) };
}
