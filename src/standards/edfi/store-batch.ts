/**
 * POST creations of several items of one resource at once. Where it can (no child items, and a
 * OneRoster write-through that can read the new rows from the writing statement: `writeThroughCtes`),
 * the whole batch is one statement — INSERT … RETURNING *, the write-through and the audit append as
 * CTEs of it — which is atomic by itself, so on a server it runs without a transaction: one round trip
 * per batch (post-batch.ts hands it a tenant write session). Otherwise the same steps run one by one in
 * a transaction: the multi-row INSERT, the child items and a read-back, the write-through, the audit
 * append (`recordAudits`).
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
import { sql, type SQL } from 'drizzle-orm';
import type { RequestMeta } from '../../platform/auth/roles.js';
import {
  auditAppendCtesFor,
  auditAppendInput,
  ensureAuditChainHead,
  recordAudits,
  type AuditEntry,
} from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import { statementTemplates } from '../../platform/db/prepared.js';
import { AppError } from '../../platform/http/errors.js';
import { projectEdfiWrites, writeThroughCtes } from '../edfi-oneroster/write-through.js';
import { authorizeRecord } from './authorization.js';
import { decodeBody, type RowValues } from './codec.js';
import type { ResourceModel } from './model.js';
import { selectFrom, selectList, toResource, type RawRow } from './query.js';
import { insertChildren, newValuesOf, type EdfiSession, type EdfiWork } from './store.js';

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

export function batchable(model: ResourceModel): boolean {
  return model.parent === undefined;
}

export interface Candidate {
  index: number;
  id: string;
  values: RowValues;
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

function auditEntriesOf(
  work: EdfiSession,
  model: ResourceModel,
  items: readonly BatchItem[],
  candidates: readonly Candidate[],
): AuditEntry[] {
  return candidates.map((c) => ({
    principal: work.principal,
    meta: items[c.index]!.meta,
    table: model.qualifiedName,
    recordId: c.id,
    operation: 'INSERT' as const,
    newValues: newValuesOf(model, c.values),
    dataCategories: ['edfi'],
  }));
}

/** The columns every candidate gives, as the statement names them; undefined if they differ. */
function sharedColumns(candidates: readonly Candidate[]): string[] | undefined {
  const names = Object.keys(candidates[0]!.values.self).sort();
  const key = names.join(',');
  return candidates.every((c) => Object.keys(c.values.self).sort().join(',') === key) ? names : undefined;
}

/** The batch's two parameters: the new rows and the audit entries, each one JSON text. */
function batchParameters(
  work: EdfiSession,
  model: ResourceModel,
  items: readonly BatchItem[],
  candidates: readonly Candidate[],
): { rows: string; audit: string } {
  return {
    rows: JSON.stringify(candidates.map((c) => ({ ...c.values.self, tenant_id: work.tenantId, id: c.id }))),
    audit: auditAppendInput(auditEntriesOf(work, model, items, candidates)),
  };
}

/**
 * The whole batch as one statement: the INSERT as a CTE returning the new rows, the write-through
 * reading them from it, the audit append restricted to them, and the rows as the ETags need them.
 * For resources without child items whose write-through can read the new rows that way
 * (`writeThroughCtes`); every candidate must have the same columns (one INSERT). undefined: not
 * possible here, use the statements one by one.
 *
 * The rows and the audit entries go in as one JSON parameter each (`rows`, `audit`: their values, or
 * placeholders), so the text depends on the resource and its column set only, never on the batch size.
 */
function batchStatement(
  tenantId: string,
  model: ResourceModel,
  names: readonly string[],
  rows: unknown,
  audit: unknown,
): SQL | undefined {
  if (model.children.length > 0) return undefined;
  const writeThrough = writeThroughCtes(tenantId, model.collection, 'inserted');
  if (!writeThrough) return undefined;
  const table = sql.raw(model.tableName);
  const columns = sql.join(['tenant_id', 'id', ...names].map(q), sql`, `);
  const auditCtes = auditAppendCtesFor(tenantId, audit, { onlyRecordIdsIn: sql`SELECT id FROM inserted` });
  return sql`WITH RECURSIVE
    inserted AS (
      INSERT INTO ${table} AS t (${columns})
      SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, ${rows}::jsonb)
      ON CONFLICT DO NOTHING RETURNING t.*
    ),
    ${sql.join([...writeThrough, auditCtes], sql`, `)}
    SELECT ${selectList(model)},
      -- Every new row has its audit row, or the statement fails (division by zero) and writes nothing:
      -- a chain head gone since ensureAuditChainHead must not let a write go unaudited.
      1 / ((SELECT count(*) FROM audit_appended) = (SELECT count(*) FROM inserted))::int AS "_audited"
    FROM inserted t`;
}

/** `batchStatement` with this batch's values; undefined where the batch cannot be one statement. */
export function oneStatementOf(
  work: EdfiSession,
  model: ResourceModel,
  items: readonly BatchItem[],
  candidates: readonly Candidate[],
): SQL | undefined {
  const names = sharedColumns(candidates);
  if (!names) return undefined;
  const { rows, audit } = batchParameters(work, model, items, candidates);
  return batchStatement(work.tenantId, model, names, rows, audit);
}

/**
 * The statement's text varies with the set of fields the clients send, which clients choose: only the
 * first PREPARED_SHAPES_PER_RESOURCE shapes of a resource run as named statements (each stays
 * prepared on every connection for its life), later ones run unnamed, so no client can grow the
 * server's prepared statements without end.
 */
const PREPARED_SHAPES_PER_RESOURCE = 16;
const preparedShapes = new Map<string, Set<string>>();

export function preparable(shape: string): boolean {
  const resource = shape.slice(0, shape.indexOf(':'));
  let shapes = preparedShapes.get(resource);
  if (!shapes) preparedShapes.set(resource, (shapes = new Set()));
  if (shapes.has(shape)) return true;
  if (shapes.size >= PREPARED_SHAPES_PER_RESOURCE) return false;
  shapes.add(shape);
  return true;
}

/**
 * Compiled once per tenant and shape, then only bound (as OneRoster's by-id reads are): building and
 * compiling the statement's SQL tree, the write-through's CTEs among it, cost more CPU per batch than
 * everything else Node does for it.
 */
const compiledBatches = statementTemplates();

/** Per collection: can its batches be one statement (`batchStatement` not undefined)? It depends on nothing else. */
const oneStatementCollections = new Map<string, boolean>();
function inOneStatement(tenantId: string, model: ResourceModel): boolean {
  let possible = oneStatementCollections.get(model.collection);
  if (possible === undefined) {
    possible = batchStatement(tenantId, model, [], undefined, undefined) !== undefined;
    oneStatementCollections.set(model.collection, possible);
  }
  return possible;
}

async function createInOneStatement(
  work: EdfiSession,
  model: ResourceModel,
  items: readonly BatchItem[],
  candidates: readonly Candidate[],
): Promise<Map<string, RawRow> | undefined> {
  const names = sharedColumns(candidates);
  if (!names || !inOneStatement(work.tenantId, model)) return undefined;
  await ensureAuditChainHead(work.db, work.tenantId);
  const values = batchParameters(work, model, items, candidates);
  const shape = `${model.collection}:${names.join(',')}`;
  const result = preparable(shape)
    ? await compiledBatches(
        work.db,
        `${work.tenantId}:${shape}`,
        (bind) => batchStatement(work.tenantId, model, names, bind('rows', values.rows), bind('audit', values.audit))!,
        values,
      )
    : await work.db.execute(batchStatement(work.tenantId, model, names, values.rows, values.audit)!);
  const returned = rowsOf<RawRow>(result);
  return new Map(returned.map((row) => [String(row._id), row]));
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
