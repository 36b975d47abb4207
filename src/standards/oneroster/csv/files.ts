/**
 * The OneRoster 1.2 CSV files (binding 1.2.1), derived from the entity models (../model.ts): header order
 * exactly as the standard, each column's kind, whether it is required, what it references, and where
 * Schola stores it. A column without `db` has no column in Schola's table: it is kept in the row's
 * `metadata` jsonb under its CSV name (tables without metadata drop it, with a warning). A `derived`
 * column repeats what Schola derives (results.classSourcedId = its line item's class): staged and checked
 * on import, written from the derivation on export, never stored twice. Every 1.2 file has a table; a
 * FileSpec without one would be validated and reported as "not stored". The 1.1 variants of users.csv
 * and lineItems.csv are mapped onto the 1.2 ones below.
 */
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { academicSessionModel, classModel, courseModel, enrollmentModel, orgModel } from '../rostering-resources.js';
import { demographicModel, userModel } from '../rostering-users.js';
import { categoryModel, lineItemModel, resultModel, scoreScaleModel } from '../gradebook-resources.js';
import { LINK_MODELS, roleModel, userProfileModel } from '../link-models.js';
import { columnName, qualifiedName, type Field, type Kind as ModelKind, type Model } from '../model.js';
import { resourceModel } from '../resources-service.js';

/** A CSV cell's kind (the REST-only kinds have no cell). */
export type Kind = Exclude<ModelKind, 'json' | 'custom'>;

export interface ColumnSpec {
  csv: string;
  kind: Kind;
  /** Physical column; undefined = metadata.<csv>; a leading "_" = staged only (1.1 mapping, derived). */
  db?: string;
  /** Required by the CSV binding 1.2.1 (the only columns Schola requires: optional there is optional here). */
  required?: boolean;
  values?: readonly string[];
  /** The file whose sourcedIds this column references. */
  ref?: string;
  /**
   * A staged-only column (db "_…") whose value Schola derives: `sql` over alias `t` (a row of the
   * table or of its staging table) gives it; an import row must agree, the export writes it.
   */
  derived?: { sql: string; what: string };
}

export interface FileSpec {
  name: string;
  table?: PgTable;
  /** Qualified table name (audit, SQL). */
  tableName?: string;
  hasMetadata: boolean;
  columns: ColumnSpec[];
}

function columnSpec(m: Model, f: Field): ColumnSpec {
  if (f.kind === 'json' || f.kind === 'custom') throw new Error(`${m.file}.${f.csv}: ${f.kind} has no CSV cell`);
  const db = f.derived ? f.derived.staged : f.column ? columnName(m.table, f.column) : undefined;
  return {
    csv: f.csv!,
    kind: f.kind,
    db,
    ...(f.required ? { required: true } : {}),
    ...(f.values ? { values: f.values } : {}),
    ...(f.ref ? { ref: f.ref } : {}),
    ...(f.derived ? { derived: { sql: f.derived.sql, what: f.derived.what } } : {}),
  };
}

/** The CSV file of a model: its fields with a CSV header, in declaration (= the binding's header) order. */
export function fileOf(m: Model): FileSpec {
  return {
    name: m.file!,
    table: m.table,
    tableName: qualifiedName(m.table),
    hasMetadata: 'metadata' in getTableColumns(m.table),
    columns: m.fields.filter((f) => f.csv).map((f) => columnSpec(m, f)),
  };
}

/** 1.1 users.role values and the 1.2 role each becomes (1.2 splits "administrator" by org level). */
export const ROLE_1_1_TO_1_2: Record<string, string> = {
  administrator: 'siteAdministrator',
  aide: 'aide',
  guardian: 'guardian',
  parent: 'parent',
  proctor: 'proctor',
  relative: 'relative',
  student: 'student',
  teacher: 'teacher',
};

/** In dependency order: a file only references files before it (or itself). */
export const FILES: FileSpec[] = [
  academicSessionModel,
  orgModel,
  courseModel,
  classModel,
  userModel,
  userProfileModel,
  roleModel,
  enrollmentModel,
  demographicModel,
  categoryModel,
  lineItemModel,
  resultModel,
  scoreScaleModel,
  resourceModel,
  // The 1.2 link files (learning objectives, score scales, resource assignments).
  ...LINK_MODELS,
].map(fileOf);

export const FILE_BY_NAME = new Map(FILES.map((f) => [f.name, f]));

/** OneRoster 1.1 users.csv: org and role inline (1.2 moved them to roles.csv). */
export const USERS_1_1: FileSpec = {
  ...FILE_BY_NAME.get('users')!,
  columns: [
    // sourcedId, status, dateLastModified
    ...FILE_BY_NAME.get('users')!.columns.slice(0, 3),
    { csv: 'enabledUser', kind: 'boolean', db: 'enabled_user', required: true },
    { csv: 'orgSourcedIds', kind: 'list', db: '_orgs', required: true, ref: 'orgs' },
    { csv: 'role', kind: 'enum', db: '_role', required: true, values: Object.keys(ROLE_1_1_TO_1_2) },
    ...FILE_BY_NAME.get('users')!.columns.filter((c) =>
      [
        'username',
        'userIds',
        'givenName',
        'familyName',
        'middleName',
        'identifier',
        'email',
        'sms',
        'phone',
        'agentSourcedIds',
        'grades',
        'password',
      ].includes(c.csv),
    ),
  ],
};

/** OneRoster 1.1 lineItems.csv: gradingPeriodSourcedId where 1.2 has academicSessionSourcedId. */
export const LINE_ITEMS_1_1: FileSpec = {
  ...FILE_BY_NAME.get('lineItems')!,
  columns: FILE_BY_NAME.get('lineItems')!
    .columns.filter((c) => c.csv !== 'schoolSourcedId')
    .map((c) => (c.csv === 'academicSessionSourcedId' ? { ...c, csv: 'gradingPeriodSourcedId', required: true } : c)),
};

export const headerOf = (spec: FileSpec): string[] => spec.columns.map((c) => c.csv);
