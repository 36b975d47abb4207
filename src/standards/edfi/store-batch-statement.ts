/**
 * A POST batch as one statement — INSERT … RETURNING *, the OneRoster write-through and the audit
 * append as CTEs of it — atomic by itself, so on a server it runs without a transaction: one round
 * trip per batch. Its text is compiled once per tenant and shape and kept prepared for a bounded
 * number of shapes per resource. store-batch.ts falls back to statements one by one where this form
 * is not possible.
 */
import { sql, type SQL } from 'drizzle-orm';
import { auditAppendCtesFor, auditAppendInput, ensureAuditChainHead } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import { statementTemplates } from '../../platform/db/prepared.js';
import { writeThroughCtes } from '../edfi-oneroster/write-through.js';
import type { EdfiSession } from './caller.js';
import type { ResourceModel } from './model.js';
import { selectList, type RawRow } from './query.js';
import { auditEntriesOf, type BatchItem, type Candidate } from './store-batch-items.js';

const q = (name: string) => sql.identifier(name);

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

/** The new rows as the one statement returns them, keyed by id; undefined where it cannot be one statement. */
export async function createInOneStatement(
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
