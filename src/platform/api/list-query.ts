/**
 * Parses a list request's query string into a validated plan. Syntax:
 *   field=value               equality            field[ne]=value
 *   field[gt|gte|lt|lte]=v    ranges              field[in]=a,b,c   (≤ 100 values)
 *   field[contains]=text      declared text fields, case-insensitive
 *   field[null]=true|false    null checks
 *   sort=field,-other         declared sortable fields (the key breaks ties)
 *   limit=1..500 (default 50) offset=n | cursor=<opaque>   fields=a,b   count=true|false
 * Anything unknown or malformed → 400 naming the parameter.
 */
import { AppError, type ValidationErrors } from '../http/errors.js';
import type { Resource } from './registry.js';
import { parseScalar } from './values.js';

export type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains' | 'null';
export interface Filter {
  field: string;
  op: Operator;
  value: unknown;
}

export interface ListPlan {
  filters: Filter[];
  sort: { field: string; desc: boolean }[];
  limit: number;
  offset: number;
  cursor?: unknown[];
  fields?: string[];
  count: boolean;
}

export const MAX_LIMIT = 500;
const OPERATORS = new Set<Operator>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'null']);
const RESERVED = new Set(['sort', 'limit', 'offset', 'cursor', 'fields', 'count']);

function single(errors: ValidationErrors, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    (errors[name] ??= []).push('must be given once');
    return undefined;
  }
  return String(value);
}

function integer(
  errors: ValidationErrors,
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    (errors[name] ??= []).push(`must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return Number(raw);
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(errors: ValidationErrors, raw: string): unknown[] | undefined {
  try {
    const values = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values)) return values;
  } catch {
    /* reported below */
  }
  (errors.cursor ??= []).push('is not a cursor returned by this endpoint');
  return undefined;
}

export function parseListQuery(resource: Resource, query: Record<string, unknown>): ListPlan {
  const errors: ValidationErrors = Object.create(null) as ValidationErrors; // keys come from the request: no prototype
  const filters: Filter[] = [];
  for (const [param, raw] of Object.entries(query)) {
    if (RESERVED.has(param)) continue;
    const match = param.match(/^([A-Za-z0-9_]+)(?:\[([a-z]+)\])?$/);
    const field = match?.[1];
    const op = (match?.[2] ?? 'eq') as Operator;
    if (!field || !resource.fields.has(field) || resource.secret.has(field)) {
      (errors[param] ??= []).push('is not a field of this resource');
      continue;
    }
    if (!OPERATORS.has(op)) {
      (errors[param] ??= []).push(`unknown operator; use one of ${[...OPERATORS].join(', ')}`);
      continue;
    }
    if (!resource.filterable.has(field)) {
      (errors[param] ??= []).push(`cannot be filtered; filterable: ${[...resource.filterable].join(', ')}`);
      continue;
    }
    const text = single(errors, param, raw);
    if (text === undefined) continue;
    const column = resource.fields.get(field)!.column;
    if (op === 'null') {
      if (text !== 'true' && text !== 'false') (errors[param] ??= []).push('must be true or false');
      else filters.push({ field, op, value: text === 'true' });
    } else if (op === 'contains') {
      if (!resource.searchable.has(field)) (errors[param] ??= []).push('is not a text field');
      else if (text.length === 0 || text.length > 200) (errors[param] ??= []).push('must be 1 to 200 characters');
      else filters.push({ field, op, value: text });
    } else if (op === 'in') {
      const parts = text.split(',');
      if (parts.length > 100) (errors[param] ??= []).push('takes at most 100 values');
      const values = parts.map((p) => parseScalar(column, p));
      const bad = values.find((v) => !v.ok);
      if (bad && !bad.ok) (errors[param] ??= []).push(bad.reason);
      else filters.push({ field, op, value: values.map((v) => (v.ok ? v.value : null)) });
    } else {
      const parsed = parseScalar(column, text);
      if (!parsed.ok) (errors[param] ??= []).push(parsed.reason);
      else filters.push({ field, op, value: parsed.value });
    }
  }

  const sort: ListPlan['sort'] = [];
  const sortRaw = single(errors, 'sort', query.sort);
  if (sortRaw !== undefined) {
    for (const part of sortRaw.split(',')) {
      const desc = part.startsWith('-');
      const field = desc ? part.slice(1) : part;
      if (!resource.sortable.has(field))
        (errors.sort ??= []).push(`cannot sort by "${field}"; sortable: ${[...resource.sortable].join(', ')}`);
      else if (!sort.some((s) => s.field === field)) sort.push({ field, desc });
    }
  }
  // The key breaks ties, so pages are stable and keyset paging is exact.
  for (const field of resource.key) if (!sort.some((s) => s.field === field)) sort.push({ field, desc: false });

  const limit = integer(errors, 'limit', single(errors, 'limit', query.limit), 1, MAX_LIMIT, 50);
  const offsetRaw = single(errors, 'offset', query.offset);
  const offset = integer(errors, 'offset', offsetRaw, 0, 1_000_000, 0);
  const cursorRaw = single(errors, 'cursor', query.cursor);
  if (cursorRaw !== undefined && offsetRaw !== undefined) (errors.cursor ??= []).push('cannot be combined with offset');
  const cursor = cursorRaw === undefined ? undefined : decodeCursor(errors, cursorRaw);
  if (cursor && cursor.length !== sort.length) (errors.cursor ??= []).push('does not match this sort order');

  let fields: string[] | undefined;
  const fieldsRaw = single(errors, 'fields', query.fields);
  if (fieldsRaw !== undefined) {
    fields = fieldsRaw.split(',').filter(Boolean);
    for (const f of fields)
      if (!resource.fields.has(f) || resource.secret.has(f)) (errors.fields ??= []).push(`unknown field "${f}"`);
  }
  const countRaw = single(errors, 'count', query.count);
  if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false')
    (errors.count ??= []).push('must be true or false');

  if (Object.keys(errors).length > 0) throw AppError.validation(errors, 'The list query has invalid parameters.');
  return { filters, sort, limit, offset, cursor, fields, count: countRaw !== 'false' && cursor === undefined };
}
