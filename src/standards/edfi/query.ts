/**
 * Reading Ed-Fi resources: one SELECT derived from the model (own table, supertype joined, descriptor
 * ids shown as URIs, student/staff surrogates shown as their unique ids) and the row → Ed-Fi JSON
 * mapping (`id`, the fields, reference objects, child collections as arrays, `_etag`, `_lastModifiedDate`).
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgColumn } from 'drizzle-orm/pg-core';
import { etagOf } from '../../platform/api/etag.js';
import type { ChildModel, ReferenceKeyModel, ResourceModel, Shape } from './model.js';
import { resourceModel } from './resources.js';

const q = (name: string) => sql.identifier(name);

/**
 * How a column is read so that the JSON value is exact and in the form the API accepts back: dates
 * `YYYY-MM-DD`, times `HH:MM:SS`, date-times ISO 8601 in UTC (`2021-05-01T16:00:00Z`, fractional seconds
 * only when there are any, to the microsecond), numerics as numbers. Raw statements hand timestamps over as
 * the server's text (`2021-05-01 16:00:00+00`), which is not ISO 8601: the format is chosen here.
 */
function valueExpr(alias: string, column: PgColumn): SQL {
  const ref = sql`${sql.raw(alias)}.${q(column.name)}`;
  switch (column.columnType) {
    case 'PgDateString':
    case 'PgDate':
    case 'PgTime':
      return sql`${ref}::text`;
    case 'PgTimestamp':
    case 'PgTimestampString': {
      const zoned = (column as PgColumn & { withTimezone?: boolean }).withTimezone === true;
      const local = zoned ? sql`${ref} AT TIME ZONE 'UTC'` : ref;
      return sql`(rtrim(rtrim(to_char(${local}, 'YYYY-MM-DD"T"HH24:MI:SS.US'), '0'),
        '.')${sql.raw(zoned ? ` || 'Z'` : '')})`;
    }
    case 'PgNumericNumber':
    case 'PgNumeric':
    case 'PgBigInt53':
      return sql`${ref}::float8`;
    default:
      return ref;
  }
}

function descriptorUri(alias: string, column: PgColumn): SQL {
  return sql`(SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d
    WHERE d.descriptorid = ${sql.raw(alias)}.${q(column.name)})`;
}

/** The natural key column a surrogate reference key shows (studentusi → studentuniqueid). */
function surrogateNaturalKey(alias: string, key: ReferenceKeyModel): SQL {
  const holder = resourceModel(key.surrogateHolder!)!;
  const s = holder.surrogate!;
  return sql`(SELECT x.${q(s.naturalKey.name)} FROM ${sql.raw(holder.tableName)} x
    WHERE x.tenant_id = ${sql.raw(alias)}.tenant_id
      AND x.${q(s.column.name)} = ${sql.raw(alias)}.${q(key.column!.name)})`;
}

/**
 * [output name, expression] for every field of a shape, read from `alias` (the supertype's from `p`).
 * Names are positional (`s0`, `d1`, `r2_0`): JSON names would pass PostgreSQL's 63-byte identifier limit.
 */
function shapeItems(shape: Shape, alias: string): [string, SQL][] {
  const items: [string, SQL][] = [];
  shape.scalars.forEach((s, i) => items.push([`s${i}`, valueExpr(s.onParent ? 'p' : alias, s.column)]));
  shape.descriptors.forEach((d, i) => items.push([`d${i}`, descriptorUri(d.onParent ? 'p' : alias, d.column)]));
  shape.references.forEach((ref, i) =>
    ref.keys.forEach((key, j) => {
      if (!key.column) return;
      const expr = key.viaSurrogate
        ? surrogateNaturalKey(alias, key)
        : key.descriptorType
          ? descriptorUri(alias, key.column)
          : valueExpr(alias, key.column);
      items.push([`r${i}_${j}`, expr]);
    }),
  );
  return items;
}

/** A child collection as one JSON array per parent row, ordered by the items' key (descriptors by URI). */
function childArray(child: ChildModel): SQL {
  const fields = shapeItems(child, 'c');
  // Positional names (s0, d1…) as literals, not parameters: the SELECT list stays parameter-free (cached).
  const object = sql`json_build_object(${sql.join(
    fields.map(([name, expr]) => sql`${sql.raw(`'${name}'`)}, ${expr}`),
    sql`, `,
  )})`;
  const descriptorColumns = new Set([
    ...child.descriptors.map((d) => d.column.name),
    ...child.references.flatMap((r) => r.keys.filter((k) => k.descriptorType).map((k) => k.column!.name)),
  ]);
  const order = child.keyColumns.map((column) =>
    descriptorColumns.has(column.name) ? descriptorUri('c', column) : sql`c.${q(column.name)}`,
  );
  const link = child.link.map((l) => sql`c.${q(l.child.name)} = t.${q(l.parent.name)}`);
  return sql`(SELECT coalesce(json_agg(${object} ORDER BY ${sql.join([...order, sql`c.id`], sql`, `)}), '[]'::json)
    FROM ${sql.raw(child.tableName)} c WHERE c.tenant_id = t.tenant_id AND ${sql.join(link, sql` AND `)})`;
}

const dialect = new PgDialect();
const selectLists = new WeakMap<ResourceModel, SQL>();

/**
 * The SELECT list of a resource's row (what `toResource` reads), over the resource table aliased `t`.
 * It has no parameters, so it is rendered to text once per resource and reused as one raw chunk
 * (building it from its many fragments on every read cost a noticeable share of a request's CPU).
 */
export function selectList(model: ResourceModel, extra: SQL[] = []): SQL {
  let list = selectLists.get(model);
  if (!list) {
    const items: SQL[] = [
      sql`t.id AS "_id"`,
      sql`t.lastmodifieddate AS "_lastModifiedDate"`,
      sql`t.changeversion::float8 AS "_changeVersion"`,
    ];
    for (const [name, expr] of shapeItems(model, 't')) items.push(sql`${expr} AS ${q(name)}`);
    model.children.forEach((child, i) => items.push(sql`${childArray(child)} AS ${q(`c${i}`)}`));
    const rendered = dialect.sqlToQuery(sql.join(items, sql`, `));
    if (rendered.params.length > 0) throw new Error(`the SELECT list of ${model.name} must not take parameters`);
    selectLists.set(model, (list = sql.raw(rendered.sql)));
  }
  return extra.length === 0 ? list : sql`${sql.join(extra, sql`, `)}, ${list}`;
}

/** The SELECT list and FROM clause for a resource; the resource table is aliased `t`, its supertype `p`. */
export function selectFrom(model: ResourceModel, extra: SQL[] = []): SQL {
  const join = model.parent
    ? sql` JOIN ${sql.raw(model.parent.tableName)} p ON p.tenant_id = t.tenant_id
      AND p.${q(model.parent.parentLink.name)} = t.${q(model.parent.childLink.name)}`
    : sql``;
  return sql`SELECT ${selectList(model, extra)} FROM ${sql.raw(model.tableName)} t${join}`;
}

export type RawRow = Record<string, unknown>;

function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The JSON fields of a shape from a row of `shapeItems` (nulls left out, references only when complete). */
function shapeJson(shape: Shape, row: RawRow, out: Record<string, unknown>): Record<string, unknown> {
  shape.scalars.forEach((s, i) => {
    const v = row[`s${i}`];
    if (v !== null && v !== undefined) out[s.json] = jsonValue(v);
  });
  shape.descriptors.forEach((d, i) => {
    const v = row[`d${i}`];
    if (v !== null && v !== undefined) out[d.json] = v;
  });
  shape.references.forEach((ref, i) => {
    const obj: Record<string, unknown> = {};
    let complete = true;
    ref.keys.forEach((key, j) => {
      if (!key.column) return;
      const v = row[`r${i}_${j}`];
      if (v === null || v === undefined) complete = false;
      else obj[key.json] = jsonValue(v);
    });
    if (complete && Object.keys(obj).length > 0) out[ref.json] = obj;
  });
  return out;
}

/** A row of `selectFrom` → the Ed-Fi JSON body (with `_etag` over the rest). */
export function toResource(model: ResourceModel, row: RawRow): Record<string, unknown> {
  const out = shapeJson(model, row, { id: row._id });
  model.children.forEach((child, i) => {
    const raw = row[`c${i}`];
    const items = (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? [])) as RawRow[];
    out[child.json] = items.map((item) => shapeJson(child, item, {}));
  });
  const lastModified =
    row._lastModifiedDate instanceof Date ? row._lastModifiedDate : new Date(String(row._lastModifiedDate));
  out._lastModifiedDate = lastModified.toISOString();
  out._etag = etagOf(out).replace(/"/g, '');
  return out;
}

/**
 * The natural key of the row `alias` as a jsonb object, exactly as `keyValuesOf` reports it from the
 * resource's JSON (flat key names, unique ids for surrogates, descriptor URIs, ISO dates): what the
 * database's delete-tracking triggers record for /deletes.
 */
export function keyValuesSql(model: ResourceModel, alias: string): SQL {
  const pairs = model.identity.map((part) => {
    const name = part.path[part.path.length - 1]!;
    let expr: SQL;
    const reference = part.path.length > 1 ? model.references.find((r) => r.json === part.path[0]) : undefined;
    const key = reference?.keys.find((k) => k.json === name);
    if (key?.viaSurrogate) expr = surrogateNaturalKey(alias, key);
    else if (key?.descriptorType || model.descriptors.some((d) => d.column.name === part.column.name && !d.onParent))
      expr = descriptorUri(alias, part.column);
    else expr = valueExpr(alias, part.column);
    return sql`${sql.raw(`'${name}'`)}, ${expr}`;
  });
  return sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`;
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
  for (const s of model.scalars)
    fields.set(s.json, {
      param: s.json,
      column: s.column,
      alias: s.onParent ? 'p' : 't',
      kind: 'scalar',
      typeColumn: s.column,
    });
  for (const d of model.descriptors)
    fields.set(d.json, {
      param: d.json,
      column: d.column,
      alias: d.onParent ? 'p' : 't',
      kind: 'descriptor',
      typeColumn: d.column,
    });
  for (const ref of model.references) {
    for (const key of ref.keys) {
      if (!key.column || fields.has(key.json)) continue;
      if (key.viaSurrogate) {
        const target = resourceModel(key.surrogateHolder!)!;
        fields.set(key.json, {
          param: key.json,
          column: key.column,
          alias: 't',
          kind: 'surrogate',
          target,
          typeColumn: target.surrogate!.naturalKey,
        });
      } else if (key.descriptorType)
        fields.set(key.json, {
          param: key.json,
          column: key.column,
          alias: 't',
          kind: 'descriptor',
          typeColumn: key.column,
        });
      else
        fields.set(key.json, {
          param: key.json,
          column: key.column,
          alias: 't',
          kind: 'scalar',
          typeColumn: key.column,
        });
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
    return sql`${ref} IN (SELECT descriptorid FROM edfi.descriptor
      WHERE lower(namespace) = lower(${uri.slice(0, hash)}) AND lower(codevalue) = lower(${uri.slice(hash + 1)}))`;
  }
  if (field.kind === 'surrogate') {
    const target = field.target!;
    return sql`${ref} IN (SELECT x.${q(target.surrogate!.column.name)} FROM ${sql.raw(target.tableName)} x
      WHERE x.tenant_id = t.tenant_id AND x.${q(target.surrogate!.naturalKey.name)} = ${value})`;
  }
  return sql`${ref} = ${value}`;
}
