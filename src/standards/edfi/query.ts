/**
 * Reading Ed-Fi resources: one SELECT derived from the model (own table, supertype joined, descriptor
 * ids shown as URIs, student/staff surrogates shown as their unique ids) and the row → Ed-Fi JSON
 * mapping (`id`, the fields, reference objects, `_etag`, `_lastModifiedDate`).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { etagOf } from '../../platform/api/etag.js';
import type { ResourceModel } from './model.js';
import { resourceModel } from './resources.js';

const q = (name: string) => sql.identifier(name);

/** How a column is read so that the JSON value is exact (dates and times as text, numerics as numbers). */
function valueExpr(alias: string, column: PgColumn): SQL {
  const ref = sql`${sql.raw(alias)}.${q(column.name)}`;
  switch (column.columnType) {
    case 'PgDateString':
    case 'PgDate':
    case 'PgTime':
      return sql`${ref}::text`;
    case 'PgNumericNumber':
    case 'PgNumeric':
    case 'PgBigInt53':
      return sql`${ref}::float8`;
    default:
      return ref;
  }
}

function descriptorUri(alias: string, column: PgColumn): SQL {
  return sql`(SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = ${sql.raw(alias)}.${q(column.name)})`;
}

/** The SELECT list and FROM clause for a resource; the resource table is aliased `t`, its supertype `p`. */
export function selectFrom(model: ResourceModel, extra: SQL[] = []): SQL {
  const items: SQL[] = [...extra, sql`t.id AS "_id"`, sql`t.lastmodifieddate AS "_lastModifiedDate"`, sql`t.changeversion::float8 AS "_changeVersion"`];
  for (const s of model.scalars) items.push(sql`${valueExpr(s.onParent ? 'p' : 't', s.column)} AS ${q(`s:${s.json}`)}`);
  for (const d of model.descriptors) items.push(sql`${descriptorUri(d.onParent ? 'p' : 't', d.column)} AS ${q(`d:${d.json}`)}`);
  for (const ref of model.references) {
    for (const key of ref.keys) {
      if (!key.column) continue;
      const alias = q(`r:${ref.json}.${key.json}`);
      if (key.viaSurrogate) {
        const target = resourceModel(ref.target)!;
        items.push(
          sql`(SELECT x.${q(target.surrogate!.naturalKey.name)} FROM ${sql.raw(target.tableName)} x WHERE x.tenant_id = t.tenant_id AND x.${q(target.surrogate!.column.name)} = t.${q(key.column.name)}) AS ${alias}`,
        );
      } else items.push(sql`${valueExpr('t', key.column)} AS ${alias}`);
    }
  }
  const join = model.parent
    ? sql` JOIN ${sql.raw(model.parent.tableName)} p ON p.tenant_id = t.tenant_id AND p.${q(model.parent.parentLink.name)} = t.${q(model.parent.childLink.name)}`
    : sql``;
  return sql`SELECT ${sql.join(items, sql`, `)} FROM ${sql.raw(model.tableName)} t${join}`;
}

export type RawRow = Record<string, unknown>;

function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** A row of `selectFrom` → the Ed-Fi JSON body (with `_etag` over the rest). */
export function toResource(model: ResourceModel, row: RawRow): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row._id };
  for (const s of model.scalars) {
    const v = row[`s:${s.json}`];
    if (v !== null && v !== undefined) out[s.json] = jsonValue(v);
  }
  for (const d of model.descriptors) {
    const v = row[`d:${d.json}`];
    if (v !== null && v !== undefined) out[d.json] = v;
  }
  for (const ref of model.references) {
    const obj: Record<string, unknown> = {};
    let complete = true;
    for (const key of ref.keys) {
      if (!key.column) continue;
      const v = row[`r:${ref.json}.${key.json}`];
      if (v === null || v === undefined) complete = false;
      else obj[key.json] = jsonValue(v);
    }
    if (complete && Object.keys(obj).length > 0) out[ref.json] = obj;
  }
  const lastModified = row._lastModifiedDate instanceof Date ? row._lastModifiedDate : new Date(String(row._lastModifiedDate));
  out._lastModifiedDate = lastModified.toISOString();
  out._etag = etagOf(out).replace(/"/g, '');
  return out;
}

/** The natural key of a resource as Ed-Fi reports it in /deletes and /keyChanges (flat key names). */
export function keyValuesOf(model: ResourceModel, resource: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of model.identity) {
    let v: unknown = resource;
    for (const segment of part.path) v = (v as Record<string, unknown> | undefined)?.[segment];
    out[part.path[part.path.length - 1]!] = v;
  }
  return out;
}

/**
 * A query parameter naming a top-level field (scalar, descriptor, or a key inside a reference, as
 * Ed-Fi allows: `?schoolId=…`, `?studentUniqueId=…`) → the column it filters and how to compare.
 */
export interface QueryField {
  param: string;
  column: PgColumn;
  alias: 't' | 'p';
  kind: 'scalar' | 'descriptor' | 'surrogate';
  target?: ResourceModel;
  /** The column whose type checks the text (the natural key for surrogates). */
  typeColumn: PgColumn;
}

export function queryFields(model: ResourceModel): Map<string, QueryField> {
  const fields = new Map<string, QueryField>();
  for (const s of model.scalars) fields.set(s.json, { param: s.json, column: s.column, alias: s.onParent ? 'p' : 't', kind: 'scalar', typeColumn: s.column });
  for (const d of model.descriptors) fields.set(d.json, { param: d.json, column: d.column, alias: d.onParent ? 'p' : 't', kind: 'descriptor', typeColumn: d.column });
  for (const ref of model.references) {
    for (const key of ref.keys) {
      if (!key.column || fields.has(key.json)) continue;
      if (key.viaSurrogate) {
        const target = resourceModel(ref.target)!;
        fields.set(key.json, { param: key.json, column: key.column, alias: 't', kind: 'surrogate', target, typeColumn: target.surrogate!.naturalKey });
      } else fields.set(key.json, { param: key.json, column: key.column, alias: 't', kind: 'scalar', typeColumn: key.column });
    }
  }
  return fields;
}

/** The WHERE condition for one query-field value (already type-checked). */
export function queryCondition(field: QueryField, value: unknown): SQL {
  const ref = sql`${sql.raw(field.alias)}.${q(field.column.name)}`;
  if (field.kind === 'descriptor') {
    const uri = String(value);
    const hash = uri.lastIndexOf('#');
    return sql`${ref} IN (SELECT descriptorid FROM edfi.descriptor WHERE lower(namespace) = lower(${uri.slice(0, hash)}) AND lower(codevalue) = lower(${uri.slice(hash + 1)}))`;
  }
  if (field.kind === 'surrogate') {
    const target = field.target!;
    return sql`${ref} IN (SELECT x.${q(target.surrogate!.column.name)} FROM ${sql.raw(target.tableName)} x WHERE x.tenant_id = t.tenant_id AND x.${q(target.surrogate!.naturalKey.name)} = ${value})`;
  }
  return sql`${ref} = ${value}`;
}
