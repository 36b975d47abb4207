/**
 * The resource registry: every table of the data model described once for the API — its route,
 * key, which fields may be filtered, sorted and searched, which are secret or read-only — and the
 * zod schemas derived from the table. Routes, validation and the OpenAPI document are all derived
 * from these descriptions; per-table overrides live in `OVERRIDES`.
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { allTables, type TableEntry } from '../db/catalog.js';
import { isAppendOnlyTable, isGlobalTable } from '../db/schema-kit.js';
import { columnSchema } from '../db/zod-from-table.js';
import { lazy } from './lazy.js';

export interface Field {
  name: string;
  column: PgColumn;
  /** Text columns: `contains` filter allowed. */
  text: boolean;
}

export interface Resource {
  /** "edfi/student" — also the OpenAPI tag. */
  name: string;
  path: string;
  entry: TableEntry;
  table: PgTable;
  fields: Map<string, Field>;
  /** Field names of the primary key, tenant key excluded, in key order. */
  key: string[];
  filterable: Set<string>;
  sortable: Set<string>;
  searchable: Set<string>;
  /** Never returned, never written through the generic API. */
  secret: Set<string>;
  /** Returned but not writable (server-maintained). */
  readOnly: Set<string>;
  softDelete?: { flag?: string; at?: string };
  /** Global reference data: readable by every tenant, not writable through the API. */
  global: boolean;
  writable: boolean;
  /** Written only through this domain's service (set by the composition root from the domain modules). */
  ownedBy?: { domain: string; writeVia: readonly string[] };
  /** Seed 002 tables keyed by a ULID `id`: the server generates it when a create omits it. */
  generatesUlid: boolean;
  insertSchema: z.ZodObject;
  /** PUT: like insert, but the key comes from the URL (may be repeated in the body, unchanged). */
  replaceSchema: z.ZodObject;
  patchSchema: z.ZodObject;
  /** The insert schema built afresh and not kept: for the OpenAPI document, which is encoded once. */
  documentedInsertSchema: () => z.ZodObject;
}

/** `resource` owned by a domain; its schemas stay lazy (a spread would call their getters). */
export function ownedResource(resource: Resource, ownedBy: NonNullable<Resource['ownedBy']>): Resource {
  const owned = Object.defineProperties({}, Object.getOwnPropertyDescriptors(resource)) as Resource;
  owned.ownedBy = ownedBy;
  return owned;
}

/** Tables the generic API does not expose: platform internals with their own endpoints. */
const HIDDEN = new Set([
  'platform.tenants',
  'admin.schema_migrations',
  'compliance.audit_chain_heads',
  'identity.sessions',
  'identity.password_resets',
  'identity.revoked_tokens',
]);

/** Columns that are secrets wherever they appear. */
const SECRET_COLUMNS = new Set([
  'password_hash',
  'secret_hash',
  'token_hash',
  'password',
  'verification_token',
  'signing_secret',
]);

/** Columns the server maintains. */
const SERVER_COLUMNS = new Set([
  'lastmodifieddate',
  'changeversion',
  'createdate',
  'created_at',
  'updated_at',
  'id_hash',
]);

const TEXT_TYPES = new Set(['PgText', 'PgVarchar', 'PgChar']);

/** Seed 002's schemas: their tables are keyed by application-generated ULIDs. */
const ULID_SCHEMAS = new Set([
  'core',
  'curriculum',
  'toolbox',
  'school_ops',
  'finance',
  'crm',
  'ai_memory',
  'supervision',
]);
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A table keyed by (tenant_id, id text) in a seed-002 schema. */
function isUlidKeyed(table: PgTable): boolean {
  const config = getTableConfig(table);
  const pk = config.primaryKeys[0]?.columns.filter((c) => c.name !== 'tenant_id') ?? [];
  return (
    ULID_SCHEMAS.has(config.schema ?? '') && pk.length === 1 && pk[0]!.name === 'id' && pk[0]!.columnType === 'PgText'
  );
}

function propertyKeys(table: PgTable): Map<PgColumn, string> {
  const keys = new Map<PgColumn, string>();
  for (const [key, value] of Object.entries(table as unknown as Record<string, unknown>)) {
    if (value && typeof value === 'object' && 'columnType' in value) keys.set(value as PgColumn, key);
  }
  return keys;
}

function describe(entry: TableEntry): Resource {
  const config = getTableConfig(entry.table);
  const keyOf = propertyKeys(entry.table);
  const fields = new Map<string, Field>();
  const byColumnName = new Map<string, string>();
  for (const column of config.columns) {
    if (column.name === 'tenant_id') continue;
    const name = keyOf.get(column) ?? column.name;
    fields.set(name, { name, column, text: TEXT_TYPES.has(column.columnType) });
    byColumnName.set(column.name, name);
  }
  const pkColumns = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
  const key = pkColumns.filter((c) => c.name !== 'tenant_id').map((c) => byColumnName.get(c.name)!);

  // Filters and sorts are offered where an index serves them: a column that is the first
  // non-tenant column of an index, a unique constraint or the primary key.
  const leading = new Set<string>();
  const lead = (names: string[]) => {
    const first = names.find((n) => n !== 'tenant_id');
    if (first && byColumnName.has(first)) leading.add(byColumnName.get(first)!);
  };
  lead(pkColumns.map((c) => c.name));
  for (const u of config.uniqueConstraints) lead(u.columns.map((c) => c.name));
  for (const index of config.indexes) {
    const cols = index.config.columns
      .map((c) => (c as { name?: string }).name)
      .filter((n): n is string => typeof n === 'string');
    if (!index.config.where && index.config.method !== 'gin') lead(cols);
  }
  for (const fk of config.foreignKeys) lead(fk.reference().columns.map((c) => c.name));

  const secret = new Set([...fields.values()].filter((f) => SECRET_COLUMNS.has(f.column.name)).map((f) => f.name));
  const readOnly = new Set(
    [...fields.values()]
      .filter(
        (f) =>
          SERVER_COLUMNS.has(f.column.name) ||
          ['PgSerial', 'PgBigSerial53', 'PgBigSerial64'].includes(f.column.columnType),
      )
      .map((f) => f.name),
  );
  const filterable = new Set([...leading].filter((n) => !secret.has(n)));
  // Sorting uses keyset paging, which needs NOT NULL values.
  const sortable = new Set([...filterable].filter((n) => fields.get(n)!.column.notNull));
  const searchable = new Set([...filterable].filter((n) => fields.get(n)!.text));
  const flag = [...fields.values()].find((f) => f.column.name === 'is_deleted')?.name;
  const at = [...fields.values()].find((f) => f.column.name === 'deleted_at')?.name;
  const global = isGlobalTable(entry.table) || !config.columns.some((c) => c.name === 'tenant_id');
  const writable = !global && !isAppendOnlyTable(entry.table);

  // ULID columns: the key of a ULID-keyed table and every column referencing one.
  const ulidColumns = new Set<string>();
  const generatesUlid = isUlidKeyed(entry.table);
  if (generatesUlid) ulidColumns.add('id');
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    if (isUlidKeyed(ref.foreignTable)) for (const c of ref.columns) if (c.name !== 'tenant_id') ulidColumns.add(c.name);
  }
  const schemaOf = (field: Field): z.ZodType => {
    if (!ulidColumns.has(field.column.name)) return columnSchema(field.column);
    let schema: z.ZodType = z.string().regex(ULID, { message: 'must be a ULID (26 Crockford base-32 characters)' });
    if (!field.column.notNull) schema = schema.nullable().optional();
    // The server generates the key of a new row when the client leaves it out.
    else if (field.column.name === 'id' && generatesUlid) schema = schema.optional();
    return schema;
  };
  /** A field a client may send (not secret, not server-maintained). */
  const accepted = (field: Field) => !secret.has(field.name) && !readOnly.has(field.name);
  const insertSchema = () =>
    z.strictObject(Object.fromEntries([...fields.values()].filter(accepted).map((f) => [f.name, schemaOf(f)])));
  const buildSchemas = () => {
    const patchShape: Record<string, z.ZodType> = {};
    const replaceShape: Record<string, z.ZodType> = {};
    for (const field of [...fields.values()].filter(accepted)) {
      patchShape[field.name] = schemaOf(field).optional();
      replaceShape[field.name] = key.includes(field.name) ? schemaOf(field).optional() : schemaOf(field);
    }
    return { insert: insertSchema(), replace: z.strictObject(replaceShape), patch: z.strictObject(patchShape) };
  };
  // Built on first write and kept: built for every resource up front, the ~40,000 zod objects stayed
  // ~35 MB of the server's live heap (measured), marked again by every full GC, for tables a process
  // mostly never writes through this API.
  const schemas = lazy(buildSchemas);
  return {
    name: `${entry.schema}/${entry.name}`,
    path: `/api/v1/${entry.schema}/${entry.name.replace(/_/g, '-')}`,
    entry,
    table: entry.table,
    fields,
    key,
    filterable,
    sortable,
    searchable,
    secret,
    readOnly,
    softDelete: flag || at ? { flag, at } : undefined,
    global,
    writable,
    generatesUlid,
    get insertSchema() {
      return schemas().insert;
    },
    get replaceSchema() {
      return schemas().replace;
    },
    get patchSchema() {
      return schemas().patch;
    },
    documentedInsertSchema: insertSchema,
  };
}

let resources: Resource[] | undefined;

export function allResources(): Resource[] {
  resources ??= allTables()
    .filter((t) => !HIDDEN.has(t.qualifiedName))
    .map(describe);
  return resources;
}

export function resourceByName(name: string): Resource | undefined {
  return allResources().find((r) => r.name === name);
}
