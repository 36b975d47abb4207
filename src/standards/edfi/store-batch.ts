/**
 * POST creations of several items of one resource at once. Where it can (no child items, and a
 * OneRoster write-through that can read the new rows from the writing statement: `writeThroughCtes`),
 * the whole batch is one statement (store-batch-statement.ts), atomic by itself, so on a server it runs
 * without a transaction: one round trip per batch (post-batch.ts hands it a tenant write session).
 * Otherwise the same steps run one by one in a transaction, here: the multi-row INSERT, the child items
 * and a read-back, the write-through, the audit append (`recordAudits`).
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
import { recordAudits } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { projectEdfiWrites } from '../edfi-oneroster/write-through.js';
import { authorizeRecord } from './authorization.js';
import type { EdfiSession, EdfiWork } from './caller.js';
import { decodeBody, type RowValues } from './codec.js';
import type { ResourceModel } from './model.js';
import { selectFrom, selectList, toResource, type RawRow } from './query.js';
import { auditEntriesOf, type BatchItem, type BatchOutcome, type Candidate } from './store-batch-items.js';
import { createInOneStatement } from './store-batch-statement.js';
import { insertChildren } from './store-writes.js';

const q = (name: string) => sql.identifier(name);

export function batchable(model: ResourceModel): boolean {
  return model.parent === undefined;
}

/** Decodes and authorizes each item as a creation; the ones that pass become candidates for the INSERT. */
async function candidatesOf(
  work: EdfiSession,
  model: ResourceModel,
  items: readonly BatchItem[],
  out: BatchOutcome[],
): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const [index, item] of items.entries()) {
    let values: RowValues;
    try {
      values = await decodeBody(work.db, work.tenantId, model, item.body);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out[index] = error;
      continue;
    }
    try {
      await authorizeRecord(
        work.db,
        work.principal,
        item.meta,
        model,
        'write',
        values.self,
        model.surrogate !== undefined,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      continue; // may be an update the caller may make: the one-item path decides
    }
    candidates.push({ index, id: randomUUID(), values });
  }
  return candidates;
}

/**
 * INSERT … ON CONFLICT DO NOTHING of the candidates, the rows as one JSON parameter (one parameter
 * whatever the batch size: no limit on parameters, little to build). Returns the rows inserted, keyed
 * by id, as `selectList` reads them when the resource has no child items (read back later otherwise).
 */
async function insertNew(
  work: EdfiWork,
  model: ResourceModel,
  candidates: readonly Candidate[],
): Promise<Map<string, RawRow>> {
  // The decoder gives every body of a resource the same columns; grouping keeps a column a body
  // left out at its DEFAULT (a missing JSON key would be NULL) should that ever differ.
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = Object.keys(c.values.self).sort().join(',');
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const table = sql.raw(model.tableName);
  const returning = model.children.length === 0 ? selectList(model) : sql`t.id AS "_id"`;
  const inserted = new Map<string, RawRow>();
  for (const [key, group] of groups) {
    const columns = sql.join(['tenant_id', 'id', ...key.split(',').filter(Boolean)].map(q), sql`, `);
    const rows = group.map((c) => ({ ...c.values.self, tenant_id: work.tenantId, id: c.id }));
    const statement = sql`INSERT INTO ${table} AS t (${columns})
      SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(rows)}::jsonb)
      ON CONFLICT DO NOTHING RETURNING ${returning}`;
    for (const row of rowsOf<RawRow>(await work.db.execute(statement))) inserted.set(String(row._id), row);
  }
  return inserted;
}

/** The created rows as `selectList` reads them, for a resource with child items (written after the row). */
async function readBack(work: EdfiWork, model: ResourceModel, ids: readonly string[]): Promise<RawRow[]> {
  const statement = sql`${selectFrom(model)} WHERE t.tenant_id = ${work.tenantId}
    AND t.id = ANY(string_to_array(${ids.join(',')}, ',')::uuid[])`;
  return rowsOf<RawRow>(await work.db.execute(statement));
}

/**
 * Creates what is new among `items`; see the module comment for the rest. `work.db` may be a session
 * without a transaction (`withTenantWrite`, platform/auth/request.ts): the one-statement form is
 * atomic by itself, the statements one by one run in a transaction of their own.
 */
export async function createMany(
  work: EdfiSession,
  model: ResourceModel,
  items: readonly BatchItem[],
): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = items.map(() => undefined);
  const candidates = await candidatesOf(work, model, items, out);
  if (candidates.length === 0) return out;
  const inserted =
    (await createInOneStatement(work, model, items, candidates)) ??
    (await work.db.transaction((tx) => createStepByStep({ ...work, db: tx }, model, items, candidates)));
  for (const c of candidates) {
    const row = inserted.get(c.id);
    if (row) out[c.index] = { id: c.id, etag: String(toResource(model, row)._etag) };
  }
  return out;
}

/** The batch as separate statements (child items, a write-through that needs them); in a transaction. */
async function createStepByStep(
  work: EdfiWork,
  model: ResourceModel,
  items: readonly BatchItem[],
  candidates: readonly Candidate[],
): Promise<Map<string, RawRow>> {
  const inserted = await insertNew(work, model, candidates);
  const created = candidates.filter((c) => inserted.has(c.id));
  if (created.length === 0) return inserted;
  if (model.children.length > 0) {
    await insertChildren(
      work,
      model,
      created.map((c) => c.values),
    );
    for (const row of await readBack(
      work,
      model,
      created.map((c) => c.id),
    ))
      inserted.set(String(row._id), row);
  }
  await projectEdfiWrites(
    work.db,
    work.tenantId,
    model.collection,
    created.map((c) => ({ id: c.id, row: c.values.self })),
  );
  // Last: the audit append locks the tenant's hash-chain head until commit.
  await recordAudits(work.db, auditEntriesOf(work, model, items, created));
  return inserted;
}
