/**
 * Request bodies → column values, derived from the resource model: scalar types and lengths from the
 * table's columns, descriptor URIs (case-insensitive, of the right type) → descriptor ids, reference
 * objects → the referenced row's key (a surrogate for students and staff). Every problem of the body is
 * reported at once (400 data-validation-failed, keyed by JSON path); a reference that does not resolve
 * is a 409 unresolved-reference naming it.
 */
import type { TenantDb } from '../../platform/db/engine.js';
import { sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { lookupColumn } from './compile.js';
import type { ReferenceModel, ResourceModel, Shape } from './model.js';
import { resourceModel } from './resources.js';
import { checkValue, isObject, splitDescriptorUri, ValidationCollector, type Checked } from './value-checks.js';

/** Column values of the resource's own table, of its supertype and of its child items (by database column name). */
export interface RowValues {
  self: Record<string, unknown>;
  parent: Record<string, unknown>;
  /** Child collection JSON name → one column-value row per item, in body order (parent key columns not included). */
  children: Record<string, Record<string, unknown>[]>;
}

/** Descriptor URIs → ids (case-insensitive, type checked); one query for the whole body. */
async function resolveDescriptors(
  db: TenantDb,
  wanted: { path: string; uri: string; type: string }[],
  errors: ValidationCollector,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (wanted.length === 0) return ids;
  const pairs = wanted.map((w) => splitDescriptorUri(w.uri)!);
  const conditions = sql.join(
    pairs.map((p) => sql`(lower(namespace) = lower(${p.namespace}) AND lower(codevalue) = lower(${p.codeValue}))`),
    sql` OR `,
  );
  const found = rowsOf<{ descriptorid: number; namespace: string; codevalue: string; descriptortype: string }>(
    await db.execute(
      sql`SELECT descriptorid, namespace, codevalue, descriptortype FROM edfi.descriptor WHERE ${conditions}`,
    ),
  );
  wanted.forEach((w, i) => {
    const p = pairs[i]!;
    const row = found.find(
      (f) =>
        f.namespace.toLowerCase() === p.namespace.toLowerCase() &&
        f.codevalue.toLowerCase() === p.codeValue.toLowerCase(),
    );
    if (!row) errors.add(w.path, `${w.type} value '${w.uri}' does not exist.`);
    else if (row.descriptortype.toLowerCase() !== w.type.toLowerCase())
      errors.add(w.path, `'${w.uri}' is a ${row.descriptortype}, not a ${w.type}.`);
    else ids.set(w.path, row.descriptorid);
  });
  return ids;
}

/** The target row's stored value for each key of the reference, or undefined when nothing matches. */
async function lookUpReference(
  db: TenantDb,
  tenantId: string,
  targetName: string,
  values: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  const target = resourceModel(targetName)!;
  const conditions = Object.entries(values)
    .map(([key, value]) => ({ column: lookupColumn(target, key), value }))
    .filter((c): c is { column: PgColumn; value: unknown } => c.column !== undefined);
  const tenantCondition = target.columns.some((c) => c.name === 'tenant_id') ? sql`tenant_id = ${tenantId}` : sql`TRUE`;
  const where = sql.join(
    [tenantCondition, ...conditions.map((c) => sql`${sql.identifier(c.column.name)} = ${c.value}`)],
    sql` AND `,
  );
  const surrogate = target.surrogate ? sql`, ${sql.identifier(target.surrogate.column.name)} AS surrogate` : sql``;
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT 1 AS found${surrogate} FROM ${sql.raw(target.tableName)} WHERE ${where} LIMIT 1`),
  );
  return row;
}

/** A natural key (studentUniqueId) → the surrogate (studentUSI) of the resource holding it, or undefined. */
async function surrogateOf(db: TenantDb, tenantId: string, holderName: string, naturalKey: unknown): Promise<unknown> {
  const holder = resourceModel(holderName)!;
  const [row] = rowsOf<{ surrogate: unknown }>(
    await db.execute(
      sql`SELECT ${sql.identifier(holder.surrogate!.column.name)} AS surrogate FROM ${sql.raw(holder.tableName)}
        WHERE tenant_id = ${tenantId} AND ${sql.identifier(holder.surrogate!.naturalKey.name)} = ${naturalKey} LIMIT 1`,
    ),
  );
  return row?.surrogate;
}

type Bucket = Record<string, unknown>;

/**
 * Items per child collection: far above any real one (grade levels, calendar events, score results), and
 * low enough that the descriptor lookup and the child INSERT stay well within PostgreSQL's 65,535 parameters.
 */
export const MAX_CHILD_ITEMS = 1000;

/** What decoding collected before the database is asked: descriptor URIs and references to resolve. */
interface Pending {
  errors: ValidationCollector;
  descriptors: { path: string; uri: string; type: string; assign: (id: number) => void }[];
  references: { ref: ReferenceModel; path: string; values: Record<string, unknown>; bucket: Bucket }[];
}

function put(errors: ValidationCollector, bucket: Bucket, column: PgColumn, value: unknown, path: string): void {
  if (column.name in bucket && bucket[column.name] !== value && bucket[column.name] !== null && value !== null)
    errors.add(path, `disagrees with another value for ${column.name}`);
  else if (!(column.name in bucket) || bucket[column.name] === null) bucket[column.name] = value;
}

/** Checks one JSON object (the resource, or a child item at `prefix`) against its shape. */
function decodeShape(
  shape: Shape,
  obj: Record<string, unknown>,
  prefix: string,
  bucketOf: (onParent: boolean) => Bucket,
  pending: Pending,
): void {
  const { errors } = pending;
  for (const s of shape.scalars) {
    const value = obj[s.json];
    const path = `${prefix}.${s.json}`;
    if (value === undefined || value === null) {
      if (s.column.notNull && !s.column.hasDefault) errors.add(path, 'is required');
      else put(errors, bucketOf(s.onParent), s.column, null, path);
      continue;
    }
    const checked = checkValue(s.column, value);
    if (!checked.ok) errors.add(path, checked.reason);
    else put(errors, bucketOf(s.onParent), s.column, checked.value, path);
  }

  for (const desc of shape.descriptors) {
    const value = obj[desc.json];
    const path = `${prefix}.${desc.json}`;
    const bucket = bucketOf(desc.onParent);
    if (value === undefined || value === null) {
      if (desc.column.notNull) errors.add(path, 'is required');
      else put(errors, bucket, desc.column, null, path);
    } else if (typeof value !== 'string' || !splitDescriptorUri(value))
      errors.add(path, 'must be a descriptor URI (namespace#codeValue)');
    else
      pending.descriptors.push({
        path,
        uri: value,
        type: desc.type,
        assign: (id) => put(errors, bucket, desc.column, id, path),
      });
  }

  for (const ref of shape.references) {
    const value = obj[ref.json];
    const path = `${prefix}.${ref.json}`;
    const bucket = bucketOf(false);
    if (value === undefined || value === null) {
      if (ref.required) errors.add(path, 'is required');
      else
        for (const key of ref.keys) if (key.column && !key.column.notNull) put(errors, bucket, key.column, null, path);
      continue;
    }
    if (!isObject(value)) {
      errors.add(path, 'must be an object');
      continue;
    }
    const values: Record<string, unknown> = {};
    const target = resourceModel(ref.target)!;
    for (const key of ref.keys) {
      const raw = value[key.json];
      const keyPath = `${path}.${key.json}`;
      if (raw === undefined || raw === null) {
        if (key.column) errors.add(keyPath, 'is required');
        continue;
      }
      if (key.descriptorType) {
        if (typeof raw !== 'string' || !splitDescriptorUri(raw))
          errors.add(keyPath, 'must be a descriptor URI (namespace#codeValue)');
        else
          pending.descriptors.push({
            path: keyPath,
            uri: raw,
            type: key.descriptorType,
            assign: (id) => (values[key.targetKey] = id),
          });
        continue;
      }
      const typeColumn = key.viaSurrogate
        ? resourceModel(key.surrogateHolder!)!.surrogate!.naturalKey
        : (key.column ?? lookupColumn(target, key.targetKey));
      const checked = typeColumn ? checkValue(typeColumn, raw) : ({ ok: true, value: raw } as Checked);
      if (!checked.ok) errors.add(keyPath, checked.reason);
      else values[key.targetKey] = checked.value;
    }
    pending.references.push({ ref, path, values, bucket });
  }
}

function unresolved(ref: ReferenceModel, path: string): AppError {
  const target = resourceModel(ref.target)!;
  return new AppError('reference_not_found', `The referenced ${target.name} item does not exist (${path.slice(2)}).`, {
    reference: ref.json,
    validationErrors: { [path]: [`${target.name} not found`] },
  });
}

/** Checks the reference's target exists and stores its keys (a natural key through a surrogate as the surrogate). */
async function resolveReference(
  db: TenantDb,
  tenantId: string,
  errors: ValidationCollector,
  r: Pending['references'][number],
): Promise<void> {
  const { ref, path, values, bucket } = r;
  const stored: Record<string, unknown> = { ...values };
  // A surrogate behind the target (a studentSectionAssociation's student): the target is matched on the surrogate.
  for (const key of ref.keys) {
    if (!key.viaSurrogate || key.surrogateHolder === ref.target || values[key.targetKey] === undefined) continue;
    const usi = await surrogateOf(db, tenantId, key.surrogateHolder!, values[key.targetKey]);
    if (usi === undefined) throw unresolved(ref, path);
    values[key.targetKey] = stored[key.targetKey] = usi;
  }
  const found = ref.unchecked ? {} : await lookUpReference(db, tenantId, ref.target, values);
  if (!found) throw unresolved(ref, path);
  for (const key of ref.keys) {
    if (!key.column) continue;
    const value = key.viaSurrogate && key.surrogateHolder === ref.target ? found.surrogate : stored[key.targetKey];
    put(errors, bucket, key.column, value, `${path}.${key.json}`);
  }
}

/** Validates `body` against the model and resolves its descriptors and references to column values. */
export async function decodeBody(
  db: TenantDb,
  tenantId: string,
  model: ResourceModel,
  body: unknown,
): Promise<RowValues> {
  if (!isObject(body))
    throw new AppError('validation_failed', 'The request body must be a JSON object.', {
      validationErrors: { $: ['must be a JSON object'] },
    });
  const errors = new ValidationCollector();
  const pending: Pending = { errors, descriptors: [], references: [] };
  const out: RowValues = { self: {}, parent: {}, children: {} };
  decodeShape(model, body, '$', (onParent) => (onParent ? out.parent : out.self), pending);

  for (const child of model.children) {
    const items = body[child.json];
    const rows: Bucket[] = (out.children[child.json] = []);
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      errors.add(`$.${child.json}`, 'must be an array');
      continue;
    }
    if (items.length > MAX_CHILD_ITEMS) {
      errors.add(`$.${child.json}`, `must have at most ${MAX_CHILD_ITEMS} items`);
      continue;
    }
    items.forEach((item: unknown, i) => {
      const path = `$.${child.json}[${i}]`;
      if (!isObject(item)) return errors.add(path, 'must be an object');
      const bucket: Bucket = {};
      rows.push(bucket);
      decodeShape(child, item, path, () => bucket, pending);
    });
  }
  errors.throwIfAny();

  const descriptorIds = await resolveDescriptors(db, pending.descriptors, errors);
  for (const w of pending.descriptors) if (descriptorIds.has(w.path)) w.assign(descriptorIds.get(w.path)!);
  errors.throwIfAny();

  for (const r of pending.references) await resolveReference(db, tenantId, errors, r);
  for (const child of model.children) {
    // Two items with the same key would be one row: Ed-Fi refuses the duplicate.
    const seen = new Map<string, number>();
    out.children[child.json]!.forEach((row, i) => {
      const key = JSON.stringify(child.keyColumns.map((c) => row[c.name] ?? null));
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else errors.add(`$.${child.json}[${i}]`, `duplicates $.${child.json}[${first}] (same key)`);
    });
  }
  errors.throwIfAny();
  return out;
}
