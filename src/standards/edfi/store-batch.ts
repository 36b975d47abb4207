/**
 * POST upserts of several items of one resource in one transaction, set-based: one multi-row INSERT for
 * the items that are new, their child items, one OneRoster write-through, one read-back and one
 * audit-chain append for all. post-batch.ts feeds it the concurrent POSTs of one client.
 *
 * Only what is certainly a plain creation is done here; the rest is left to the one-item path
 * (`upsert`), which the caller runs for every item answered `undefined`:
 * - an item whose natural key already exists (the INSERT skips it: ON CONFLICT DO NOTHING) is an
 *   update, with its own authorization and audit of the old values;
 * - an item the creation rule refuses may still be allowed as an update of an existing record.
 * An item whose body is invalid or whose references do not resolve fails alone, with the error the
 * one-item path would give. Resources stored with a supertype row (schools, LEAs) are not batched.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { RequestMeta } from '../../platform/auth/roles.js';
import { recordAudits } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { projectEdfiWrites } from '../edfi-oneroster/write-through.js';
import { authorizeRecord } from './authorization.js';
import { decodeBody, type RowValues } from './codec.js';
import type { ResourceModel } from './model.js';
import { selectFrom, toResource } from './query.js';
import { insertChildren, newValuesOf, type EdfiWork } from './store.js';

export interface BatchItem {
  body: unknown;
  /** The item's own request (audit: ip, user agent, request id). */
  meta: RequestMeta;
}

export interface Created {
  id: string;
  etag: string;
}

/** Per item: created here, failed here (an AppError), or undefined: run it through the one-item path. */
export type BatchOutcome = Created | AppError | undefined;

const q = (name: string) => sql.identifier(name);
const MAX_PARAMS = 30_000;

export function batchable(model: ResourceModel): boolean {
  return model.parent === undefined;
}

interface Candidate {
  index: number;
  id: string;
  values: RowValues;
}

/** Decodes and authorizes each item as a creation; the ones that pass become candidates for the INSERT. */
async function candidatesOf(work: EdfiWork, model: ResourceModel, items: readonly BatchItem[], out: BatchOutcome[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const [index, item] of items.entries()) {
    let values: RowValues;
    try {
      values = await decodeBody(work.tx, work.tenantId, model, item.body);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out[index] = error;
      continue;
    }
    try {
      await authorizeRecord(work.tx, work.principal, item.meta, model, 'write', values.self, model.surrogate !== undefined);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      continue; // may be an update the caller may make: the one-item path decides
    }
    candidates.push({ index, id: randomUUID(), values });
  }
  return candidates;
}

/** INSERT … ON CONFLICT DO NOTHING of the candidates; returns the ids actually inserted. */
async function insertNew(work: EdfiWork, model: ResourceModel, candidates: readonly Candidate[]): Promise<Set<string>> {
  const names = [...new Set(candidates.flatMap((c) => Object.keys(c.values.self)))];
  const inserted = new Set<string>();
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / (names.length + 2)));
  for (let i = 0; i < candidates.length; i += chunk) {
    const tuples = candidates.slice(i, i + chunk).map((c) => {
      const cells = names.map((n) => (n in c.values.self ? sql`${c.values.self[n]}` : sql`DEFAULT`));
      return sql`(${work.tenantId}, ${c.id}::uuid, ${sql.join(cells, sql`, `)})`;
    });
    const rows = rowsOf<{ id: string }>(
      await work.tx.execute(sql`INSERT INTO ${sql.raw(model.tableName)} (tenant_id, id, ${sql.join(names.map(q), sql`, `)})
        VALUES ${sql.join(tuples, sql`, `)} ON CONFLICT DO NOTHING RETURNING id::text AS id`),
    );
    for (const r of rows) inserted.add(r.id);
  }
  return inserted;
}

/** Creates what is new among `items`, in the caller's transaction; see the module comment for the rest. */
export async function createMany(work: EdfiWork, model: ResourceModel, items: readonly BatchItem[]): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = items.map(() => undefined);
  const candidates = await candidatesOf(work, model, items, out);
  if (candidates.length === 0) return out;
  const inserted = await insertNew(work, model, candidates);
  const created = candidates.filter((c) => inserted.has(c.id));
  if (created.length === 0) return out;

  await insertChildren(work, model, created.map((c) => c.values));
  await projectEdfiWrites(work.tx, work.tenantId, model.collection, created.map((c) => ({ id: c.id, row: c.values.self })));
  const stored = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`${selectFrom(model)} WHERE t.tenant_id = ${work.tenantId} AND t.id IN (${sql.join(created.map((c) => sql`${c.id}::uuid`), sql`, `)})`),
  );
  const etags = new Map(stored.map((row) => [String(row._id), String(toResource(model, row)._etag)]));
  // Last: the audit append locks the tenant's hash-chain head until commit.
  await recordAudits(
    work.tx,
    created.map((c) => ({
      principal: work.principal,
      meta: items[c.index]!.meta,
      table: model.qualifiedName,
      recordId: c.id,
      operation: 'INSERT' as const,
      newValues: newValuesOf(model, c.values),
      dataCategories: ['edfi'],
    })),
  );
  for (const c of created) out[c.index] = { id: c.id, etag: etags.get(c.id)! };
  return out;
}
