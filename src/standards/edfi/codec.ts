/**
 * Request bodies → column values, derived from the resource model: scalar types and lengths from the
 * table's columns, descriptor URIs (case-insensitive, of the right type) → descriptor ids, reference
 * objects → the referenced row's key (a surrogate for students and staff). Every problem of the body is
 * reported at once (400 data-validation-failed, keyed by JSON path); a reference that does not resolve
 * is a 409 unresolved-reference naming it.
 */
import { sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { AppError, type ValidationErrors } from '../../platform/http/errors.js';
import { lookupColumn, type ResourceModel } from './model.js';
import { resourceModel } from './resources.js';

type Checked = { ok: true; value: unknown } | { ok: false; reason: string };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A JSON value checked against a column's type, length and range. */
export function checkValue(column: PgColumn, value: unknown): Checked {
  const c = column as PgColumn & { length?: number; precision?: number; scale?: number };
  switch (column.columnType) {
    case 'PgVarchar':
    case 'PgText':
    case 'PgChar':
      if (typeof value !== 'string') return { ok: false, reason: 'must be a string' };
      if (value.includes('\u0000')) return { ok: false, reason: 'must not contain NUL characters' };
      if (c.length !== undefined && value.length > c.length) return { ok: false, reason: `must be at most ${c.length} characters` };
      if (column.notNull && value.trim() === '') return { ok: false, reason: 'is required and should not be left empty' };
      return { ok: true, value };
    case 'PgInteger':
    case 'PgSerial':
    case 'PgSmallInt':
    case 'PgBigInt53': {
      const max = column.columnType === 'PgSmallInt' ? 32767 : column.columnType === 'PgBigInt53' ? Number.MAX_SAFE_INTEGER : 2147483647;
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= max ? { ok: true, value } : { ok: false, reason: `must be a whole number within ±${max}` };
    }
    case 'PgNumericNumber':
    case 'PgNumeric': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, reason: 'must be a number' };
      const limit = c.precision !== undefined ? 10 ** (c.precision - (c.scale ?? 0)) : Infinity;
      return Math.abs(value) < limit ? { ok: true, value } : { ok: false, reason: `must be less than ${limit} in magnitude` };
    }
    case 'PgBoolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, reason: 'must be true or false' };
    case 'PgDateString':
    case 'PgDate':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? { ok: true, value } : { ok: false, reason: 'must be a date (YYYY-MM-DD)' };
    case 'PgTime':
      return typeof value === 'string' && TIME.test(value) ? { ok: true, value } : { ok: false, reason: 'must be a time (HH:MM:SS)' };
    case 'PgTimestamp':
    case 'PgTimestampString':
      return typeof value === 'string' && (DATE_TIME.test(value) || DATE.test(value)) && !Number.isNaN(Date.parse(value)) ? { ok: true, value } : { ok: false, reason: 'must be an ISO 8601 date-time' };
    default:
      return { ok: false, reason: `has an unsupported type ${column.columnType}` };
  }
}

/** Column values of the resource's own table and of its supertype (by database column name). */
export interface RowValues {
  self: Record<string, unknown>;
  parent: Record<string, unknown>;
}

export class ValidationCollector {
  readonly errors: ValidationErrors = Object.create(null) as ValidationErrors;
  add(path: string, reason: string): void {
    (this.errors[path] ??= []).push(reason);
  }
  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) {
      throw new AppError('validation_failed', 'Data validation failed. See validationErrors for details.', { validationErrors: this.errors });
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 'uri://ed-fi.org/GradeLevelDescriptor#Tenth grade' → namespace and code value. */
export function splitDescriptorUri(uri: string): { namespace: string; codeValue: string } | undefined {
  const hash = uri.lastIndexOf('#');
  if (hash <= 0 || hash === uri.length - 1 || uri.length > 306) return undefined;
  return { namespace: uri.slice(0, hash), codeValue: uri.slice(hash + 1) };
}

/** Descriptor URIs → ids (case-insensitive, type checked); one query for the whole body. */
async function resolveDescriptors(tx: Tx, wanted: { path: string; uri: string; type: string }[], errors: ValidationCollector): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (wanted.length === 0) return ids;
  const pairs = wanted.map((w) => splitDescriptorUri(w.uri)!);
  const conditions = sql.join(
    pairs.map((p) => sql`(lower(namespace) = lower(${p.namespace}) AND lower(codevalue) = lower(${p.codeValue}))`),
    sql` OR `,
  );
  const found = rowsOf<{ descriptorid: number; namespace: string; codevalue: string; descriptortype: string }>(
    await tx.execute(sql`SELECT descriptorid, namespace, codevalue, descriptortype FROM edfi.descriptor WHERE ${conditions}`),
  );
  wanted.forEach((w, i) => {
    const p = pairs[i]!;
    const row = found.find((f) => f.namespace.toLowerCase() === p.namespace.toLowerCase() && f.codevalue.toLowerCase() === p.codeValue.toLowerCase());
    if (!row) errors.add(w.path, `${w.type} value '${w.uri}' does not exist.`);
    else if (row.descriptortype.toLowerCase() !== w.type.toLowerCase()) errors.add(w.path, `'${w.uri}' is a ${row.descriptortype}, not a ${w.type}.`);
    else ids.set(w.path, row.descriptorid);
  });
  return ids;
}

/** The target row's stored value for each key of the reference, or undefined when nothing matches. */
async function lookUpReference(tx: Tx, tenantId: string, targetName: string, values: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const target = resourceModel(targetName)!;
  const conditions = Object.entries(values)
    .map(([key, value]) => ({ column: lookupColumn(target, key), value }))
    .filter((c): c is { column: PgColumn; value: unknown } => c.column !== undefined);
  const tenantCondition = target.columns.some((c) => c.name === 'tenant_id') ? sql`tenant_id = ${tenantId}` : sql`TRUE`;
  const where = sql.join([tenantCondition, ...conditions.map((c) => sql`${sql.identifier(c.column.name)} = ${c.value}`)], sql` AND `);
  const surrogate = target.surrogate ? sql`, ${sql.identifier(target.surrogate.column.name)} AS surrogate` : sql``;
  const [row] = rowsOf<Record<string, unknown>>(await tx.execute(sql`SELECT 1 AS found${surrogate} FROM ${sql.raw(target.tableName)} WHERE ${where} LIMIT 1`));
  return row;
}

/** Validates `body` against the model and resolves its descriptors and references to column values. */
export async function decodeBody(tx: Tx, tenantId: string, model: ResourceModel, body: unknown): Promise<RowValues> {
  if (!isObject(body)) throw new AppError('validation_failed', 'The request body must be a JSON object.', { validationErrors: { $: ['must be a JSON object'] } });
  const errors = new ValidationCollector();
  const out: RowValues = { self: {}, parent: {} };
  const put = (onParent: boolean, column: PgColumn, value: unknown, path: string) => {
    const bucket = onParent ? out.parent : out.self;
    if (column.name in bucket && bucket[column.name] !== value && bucket[column.name] !== null && value !== null) errors.add(path, `disagrees with another value for ${column.name}`);
    else if (!(column.name in bucket) || bucket[column.name] === null) bucket[column.name] = value;
  };

  for (const s of model.scalars) {
    const value = body[s.json];
    if (value === undefined || value === null) {
      if (s.column.notNull && !s.column.hasDefault) errors.add(`$.${s.json}`, 'is required');
      else put(s.onParent, s.column, null, `$.${s.json}`);
      continue;
    }
    const checked = checkValue(s.column, value);
    if (!checked.ok) errors.add(`$.${s.json}`, checked.reason);
    else put(s.onParent, s.column, checked.value, `$.${s.json}`);
  }

  const wanted: { path: string; uri: string; type: string; column: PgColumn; onParent: boolean }[] = [];
  for (const desc of model.descriptors) {
    const value = body[desc.json];
    const path = `$.${desc.json}`;
    if (value === undefined || value === null) {
      if (desc.column.notNull) errors.add(path, 'is required');
      else put(desc.onParent, desc.column, null, path);
    } else if (typeof value !== 'string' || !splitDescriptorUri(value)) errors.add(path, 'must be a descriptor URI (namespace#codeValue)');
    else wanted.push({ path, uri: value, type: desc.type, column: desc.column, onParent: desc.onParent });
  }

  const references: { ref: ResourceModel['references'][number]; values: Record<string, unknown> }[] = [];
  for (const ref of model.references) {
    const value = body[ref.json];
    const path = `$.${ref.json}`;
    if (value === undefined || value === null) {
      if (ref.required) errors.add(path, 'is required');
      else for (const key of ref.keys) if (key.column && !key.column.notNull) put(false, key.column, null, path);
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
      const typeColumn = key.viaSurrogate ? target.surrogate!.naturalKey : (key.column ?? lookupColumn(target, key.targetKey));
      if (raw === undefined || raw === null) {
        if (key.column) errors.add(keyPath, 'is required');
        continue;
      }
      const checked = typeColumn ? checkValue(typeColumn, raw) : ({ ok: true, value: raw } as Checked);
      if (!checked.ok) errors.add(keyPath, checked.reason);
      else values[key.targetKey] = checked.value;
    }
    references.push({ ref, values });
  }
  errors.throwIfAny();

  const descriptorIds = await resolveDescriptors(tx, wanted, errors);
  for (const w of wanted) if (descriptorIds.has(w.path)) put(w.onParent, w.column, descriptorIds.get(w.path), w.path);
  errors.throwIfAny();

  for (const { ref, values } of references) {
    const found = ref.unchecked ? {} : await lookUpReference(tx, tenantId, ref.target, values);
    if (!found) {
      const target = resourceModel(ref.target)!;
      throw new AppError('reference_not_found', `The referenced ${target.name} item does not exist (${ref.json}).`, { reference: ref.json, validationErrors: { [`$.${ref.json}`]: [`${target.name} not found`] } });
    }
    for (const key of ref.keys) {
      if (!key.column) continue;
      put(false, key.column, key.viaSurrogate ? found.surrogate : values[key.targetKey], `$.${ref.json}.${key.json}`);
    }
  }
  errors.throwIfAny();
  return out;
}
