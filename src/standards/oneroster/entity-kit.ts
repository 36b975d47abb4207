/**
 * The REST face of a OneRoster entity (derived from its model, model.ts) and what is done with it: the SQL
 * of each REST field (for selection, `filter`, `sort`), its JSON shape (references become
 * {href, sourcedId, type}), which scope reveals it, how a school-bound client is confined and how a
 * teacher, parent or student is narrowed to their relationship.
 * Field SQL is trusted text written here over the alias `t` (the entity's table); values from
 * requests only ever travel as bound parameters.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { RelationSql } from './relationships.js';

export type FieldType =
  | 'string'
  | 'date'
  | 'datetime'
  | 'number'
  /** OneRoster's TrueFalseEnum: the JSON strings "true"/"false" (enabledUser, primary, race flags). */
  | 'truefalse'
  | 'strings'
  | 'ref'
  | 'refs'
  | 'json'
  /** Computed in SQL as JSON, finished by `render` (roles[], scoreScaleValue…). */
  | 'custom';

/** Reference types and the service path their href points at. */
export const REF_PATHS = {
  academicSession: '/ims/oneroster/rostering/v1p2/academicSessions',
  org: '/ims/oneroster/rostering/v1p2/orgs',
  course: '/ims/oneroster/rostering/v1p2/courses',
  class: '/ims/oneroster/rostering/v1p2/classes',
  user: '/ims/oneroster/rostering/v1p2/users',
  student: '/ims/oneroster/rostering/v1p2/students',
  category: '/ims/oneroster/gradebook/v1p2/categories',
  lineItem: '/ims/oneroster/gradebook/v1p2/lineItems',
  scoreScale: '/ims/oneroster/gradebook/v1p2/scoreScales',
  assessmentLineItem: '/ims/oneroster/gradebook/v1p2/assessmentLineItems',
  assessmentResult: '/ims/oneroster/gradebook/v1p2/assessmentResults',
  resource: '/ims/oneroster/resources/v1p2/resources',
} as const;
export type RefType = keyof typeof REF_PATHS;

export interface Ref {
  href: string;
  sourcedId: string;
  type: RefType;
}

export interface FieldSpec {
  /** SQL over alias `t` giving the stored value (typed: filters and sort compare on it). */
  sql: string;
  type: FieldType;
  refType?: RefType;
  /** The field is shown only to a caller holding one of these scopes (the non-"core" ones). */
  revealedBy?: string[];
  /** Scalar fields sort by default; false to refuse. */
  sortable?: boolean;
  /** false: never a filter (a credential must not become an oracle through `filter=password='…'`). */
  filterable?: boolean;
  /** custom fields: turns the SQL JSON into the REST value. */
  render?: (value: unknown, ref: (type: RefType, id: string) => Ref) => unknown;
}

export interface Entity {
  /** REST names: `user` / `users`. */
  singular: string;
  plural: string;
  /** Qualified table, e.g. oneroster.users (also the policy engine's table). */
  table: string;
  /** Extra condition over `t` that defines the entity (type='school', a student role…). */
  where?: string;
  fields: Record<string, FieldSpec>;
  /** Rows a school-bound caller may see, given the sourcedIds of its school orgs; undefined = not school data. */
  confine?: (schoolOrgs: SQL) => SQL;
  /**
   * Rows a teacher, parent or student may see through their relationship (relationships.ts); undefined = not narrowed.
   */
  relate?: (relation: RelationSql) => SQL;
}

const OR_SCOPE = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
export const scope = (name: string) => `${OR_SCOPE}${name}`;

/** Confinement of rows that belong to a class (given as SQL over `t`) to the classes of the caller's schools. */
export const classInSchools = (classColumn: string, schools: SQL) =>
  sql`EXISTS (SELECT 1 FROM oneroster.classes c WHERE c.tenant_id = t.tenant_id
    AND c.sourced_id = ${sql.raw(classColumn)} AND c.school_sourced_id IN ${schools})`;

export function isSortable(field: FieldSpec): boolean {
  return field.sortable ?? !['strings', 'refs', 'json', 'custom'].includes(field.type);
}

/** Trusted SQL text (from this folder's descriptions), never request data. */
export const raw = (text: string): SQL => sql.raw(text);

/** The SQL text that selects a field for output: dates and instants as ISO text, numerics as numbers. */
export function outputText(field: FieldSpec): string {
  switch (field.type) {
    case 'date':
      return `(${field.sql})::text`;
    case 'datetime':
      return `to_char((${field.sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'number':
      return `(${field.sql})::float8`;
    default:
      return field.sql;
  }
}

/** One stored row → the REST object (nulls left out: the specification's fields are not nullable). */
export function render(
  entity: Entity,
  row: Record<string, unknown>,
  names: readonly string[],
  origin: string,
): Record<string, unknown> {
  const makeRef = (type: RefType, id: string): Ref => ({
    href: `${origin}${REF_PATHS[type]}/${encodeURIComponent(id)}`,
    sourcedId: id,
    type,
  });
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const field = entity.fields[name]!;
    const value = row[name];
    if (value === null || value === undefined) continue;
    switch (field.type) {
      case 'truefalse':
        out[name] = value === true || value === 'true' ? 'true' : 'false';
        break;
      case 'ref':
        out[name] = makeRef(field.refType!, String(value));
        break;
      case 'refs':
        out[name] = (value as string[]).map((id) => makeRef(field.refType!, id));
        break;
      case 'number':
        out[name] = Number(value);
        break;
      case 'custom':
        out[name] = field.render ? field.render(value, makeRef) : value;
        break;
      default:
        out[name] = value;
    }
  }
  return out;
}
