/**
 * The Ed-Fi store's single reads: a row by id or natural key (locked for a write that checks If-Match),
 * GET by id within the caller's reach, and the If-Match check itself. Writes (store-writes.ts) and
 * deletes (store-deletes.ts) read the rows they change through these.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { readScope } from './authorization.js';
import type { EdfiSession, EdfiWork } from './caller.js';
import type { ResourceModel } from './model.js';
import { selectFrom, toResource, type RawRow } from './query.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the URL that is no UUID names no item: 404 like an absent one. */
export function checkResourceId(model: ResourceModel, id: string): void {
  if (!UUID.test(id)) throw notFound(model);
}

export function notFound(model: ResourceModel): AppError {
  return new AppError('not_found', `The requested ${model.name} was not found.`);
}

/** If-Match against the current `_etag` (quotes and W/ ignored); 412 on mismatch. */
export function checkEtag(ifMatch: string | undefined, current: Record<string, unknown>): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/"/g, ''));
  if (!tags.includes('*') && !tags.includes(String(current._etag))) {
    throw new AppError(
      'precondition_failed',
      'Resource was modified by another consumer (If-Match does not match the current ETag).',
    );
  }
}

/** The row matching `where`; `lock` (a write checking If-Match) locks it, so only in a transaction. */
export async function rawRow(
  work: EdfiSession,
  model: ResourceModel,
  where: SQL,
  scope?: SQL,
  lock = false,
): Promise<(RawRow & { _inScope: boolean; _values: Record<string, unknown> }) | undefined> {
  const extra = [scope ? sql`(${scope}) AS "_inScope"` : sql`TRUE AS "_inScope"`, sql`to_jsonb(t) AS "_values"`];
  // A write checks If-Match against a locked row: two writers holding the same ETag cannot both pass.
  const forUpdate = lock ? sql` FOR UPDATE OF t` : sql``;
  const [row] = rowsOf<RawRow & { _inScope: boolean }>(
    await work.db.execute(
      sql`${selectFrom(model, extra)} WHERE t.tenant_id = ${work.tenantId} AND ${where} LIMIT 1${forUpdate}`,
    ),
  );
  if (!row) return undefined;
  const values =
    typeof row._values === 'string'
      ? (JSON.parse(row._values) as Record<string, unknown>)
      : (row._values as Record<string, unknown>);
  return { ...row, _values: values };
}

/** The row `id` locked until the transaction ends (FOR UPDATE). */
/** The row `id` locked until the transaction ends (FOR UPDATE). */
export function lockedRow(work: EdfiWork, model: ResourceModel, id: string): ReturnType<typeof rawRow> {
  return rawRow(work, model, sql`t.id = ${id}::uuid`, undefined, true);
}

/** GET by id: 404 when absent, 403 when it exists outside the caller's reach. */
export async function getById(work: EdfiSession, model: ResourceModel, id: string): Promise<Record<string, unknown>> {
  checkResourceId(model, id);
  const scope = await readScope(work.db, work.principal, work.meta, model);
  const row = await rawRow(work, model, sql`t.id = ${id}::uuid`, scope);
  if (!row) throw notFound(model);
  if (!row._inScope)
    throw new AppError(
      'forbidden',
      `Access to the ${model.name} is denied: it is outside the caller's education organizations.`,
    );
  return toResource(model, row);
}

/** The stored item as the API shows it (for the response's ETag), read before the audit row takes the chain lock. */
export async function readBack(work: EdfiWork, model: ResourceModel, id: string): Promise<Record<string, unknown>> {
  return toResource(model, (await rawRow(work, model, sql`t.id = ${id}::uuid`))!);
}
