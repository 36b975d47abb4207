/** Drizzle conditions for a list plan: filters, keyset cursor, order. */
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Filter, ListPlan } from './list-query.js';
import type { Resource } from './registry.js';

function column(resource: Resource, field: string): PgColumn {
  return resource.fields.get(field)!.column;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function filterCondition(resource: Resource, filter: Filter): SQL {
  const col = column(resource, filter.field);
  switch (filter.op) {
    case 'eq':
      return eq(col, filter.value);
    case 'ne':
      return ne(col, filter.value);
    case 'gt':
      return gt(col, filter.value);
    case 'gte':
      return gte(col, filter.value);
    case 'lt':
      return lt(col, filter.value);
    case 'lte':
      return lte(col, filter.value);
    case 'in':
      return inArray(col, filter.value as unknown[]);
    case 'contains':
      return ilike(col, `%${escapeLike(String(filter.value))}%`);
    case 'null':
      return filter.value ? isNull(col) : isNotNull(col);
  }
}

/**
 * Rows strictly after the cursor in the plan's order: for sort keys k1..kn,
 * (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … (with < for descending keys).
 */
export function cursorCondition(resource: Resource, plan: ListPlan): SQL | undefined {
  if (!plan.cursor) return undefined;
  const branches: SQL[] = [];
  plan.sort.forEach((key, i) => {
    const equalities = plan.sort.slice(0, i).map((prev, j) => eq(column(resource, prev.field), plan.cursor![j]));
    const step = key.desc
      ? lt(column(resource, key.field), plan.cursor![i])
      : gt(column(resource, key.field), plan.cursor![i]);
    branches.push(and(...equalities, step)!);
  });
  return or(...branches);
}

export function orderBy(resource: Resource, plan: ListPlan): SQL[] {
  return plan.sort.map((s) => (s.desc ? desc(column(resource, s.field)) : asc(column(resource, s.field))));
}

export function whereAll(conditions: (SQL | undefined)[]): SQL | undefined {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length ? and(...present) : undefined;
}

export function keyCondition(resource: Resource, values: unknown[]): SQL {
  return and(...resource.key.map((field, i) => eq(column(resource, field), values[i])))!;
}

/** Rows not soft-deleted (is_deleted not true and deleted_at null, where the table has them). */
export function softDeleteCondition(resource: Resource): SQL | undefined {
  const parts: SQL[] = [];
  if (resource.softDelete?.flag) parts.push(sql`${column(resource, resource.softDelete.flag)} IS NOT TRUE`);
  if (resource.softDelete?.at) parts.push(isNull(column(resource, resource.softDelete.at)));
  return parts.length ? and(...parts) : undefined;
}
