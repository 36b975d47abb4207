/**
 * Ed-Fi resource writes and single reads, in the caller's tenant transaction: POST upsert on the natural
 * key, PUT/DELETE by id (If-Match), key changes tracked for Change Queries (change versions and deletes
 * are kept by the database's triggers), child collections replaced with their parent (delete + insert), every write
 * audited (recordAudit) in the same transaction.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Principal, RequestMeta } from '../../platform/auth/roles.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import type { TenantDb, Tx } from '../../platform/db/engine.js';
import { AppError } from '../../platform/http/errors.js';
import { authorizeRecord, readScope } from './authorization.js';
import { decodeBody, type RowValues } from './codec.js';
import type { ResourceModel } from './model.js';
import { keyValuesOf, selectFrom, toResource, type RawRow } from './query.js';
import { projectEdfiWrite } from '../edfi-oneroster/write-through.js';

/** Ed-Fi work on a tenant session that may not be a transaction (reads, the POST batch). */
export interface EdfiSession {
  readonly db: TenantDb;
  readonly tenantId: string;
  readonly principal: Principal;
  readonly meta: RequestMeta;
}

/** Ed-Fi work inside one tenant transaction (writes, audited reads). */
export interface EdfiWork extends EdfiSession {
  readonly db: Tx;
}

const q = (name: string) => sql.identifier(name);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(model: ResourceModel): AppError {
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
async function rawRow(
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
function lockedRow(work: EdfiWork, model: ResourceModel, id: string): ReturnType<typeof rawRow> {
  return rawRow(work, model, sql`t.id = ${id}::uuid`, undefined, true);
}

/** GET by id: 404 when absent, 403 when it exists outside the caller's reach. */
export async function getById(work: EdfiSession, model: ResourceModel, id: string): Promise<Record<string, unknown>> {
  if (!UUID.test(id)) throw notFound(model);
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

function naturalKeyWhere(model: ResourceModel, values: RowValues): SQL {
  return sql.join(
    model.identity.map((part) => sql`t.${q(part.column.name)} = ${values.self[part.column.name]}`),
    sql` AND `,
  );
}

function assignments(columns: Record<string, unknown>): SQL[] {
  return Object.entries(columns).map(([name, value]) => sql`${q(name)} = ${value}`);
}

async function writeParent(work: EdfiWork, model: ResourceModel, values: RowValues): Promise<void> {
  const parent = model.parent;
  if (!parent) return;
  const link = values.self[parent.childLink.name];
  const columns: Record<string, unknown> = {
    ...values.parent,
    [parent.discriminatorColumn!.name]: parent.discriminator,
  };
  const names = Object.keys(columns);
  await work.db.execute(sql`
    INSERT INTO ${sql.raw(parent.tableName)} (tenant_id, ${q(parent.parentLink.name)},
      ${sql.join(names.map(q), sql`, `)})
    VALUES (${work.tenantId}, ${link}, ${sql.join(
      names.map((n) => sql`${columns[n]}`),
      sql`, `,
    )})
    ON CONFLICT (tenant_id, ${q(parent.parentLink.name)}) DO UPDATE SET ${sql.join(
      [...names.map((n) => sql`${q(n)} = EXCLUDED.${q(n)}`), sql`lastmodifieddate = now()`],
      sql`, `,
    )}`);
}

/** Removes the child rows of the parent whose key columns hold `parentValues` (column-name keyed). */
async function deleteChildren(
  work: EdfiWork,
  model: ResourceModel,
  parentValues: Record<string, unknown>,
): Promise<void> {
  for (const child of model.children) {
    const link = child.link.map((l) => sql`${q(l.child.name)} = ${parentValues[l.parent.name]}`);
    await work.db.execute(
      sql`DELETE FROM ${sql.raw(child.tableName)} WHERE tenant_id = ${work.tenantId} AND ${sql.join(link, sql` AND `)}`,
    );
  }
}

// PostgreSQL allows 65,535 parameters per statement; a batch of child rows is cut well below that.
const MAX_PARAMS = 30_000;

/** Writes the bodies' child items under their parents (after deleteChildren: a POST/PUT replaces the collection). */
export async function insertChildren(
  work: EdfiWork,
  model: ResourceModel,
  parents: readonly RowValues[],
): Promise<void> {
  for (const child of model.children) {
    const rows = parents.flatMap((values) => (values.children[child.json] ?? []).map((row) => ({ values, row })));
    if (rows.length === 0) continue;
    const names = [...child.link.map((l) => l.child.name), ...new Set(rows.flatMap((r) => Object.keys(r.row)))];
    const tuples = rows.map(({ values, row }) => {
      const parentValue = new Map(child.link.map((l) => [l.child.name, values.self[l.parent.name]]));
      return sql`(${work.tenantId}, ${sql.join(
        names.map((n) => sql`${parentValue.has(n) ? parentValue.get(n) : (row[n] ?? null)}`),
        sql`, `,
      )})`;
    });
    const chunk = Math.max(1, Math.floor(MAX_PARAMS / (names.length + 1)));
    for (let i = 0; i < tuples.length; i += chunk) {
      await work.db.execute(
        sql`INSERT INTO ${sql.raw(child.tableName)} (tenant_id, ${sql.join(names.map(q), sql`, `)})
          VALUES ${sql.join(tuples.slice(i, i + chunk), sql`, `)}`,
      );
    }
  }
}

/** What the audit row records as new values: the columns, and the child items when the resource has any. */
export function newValuesOf(model: ResourceModel, values: RowValues): Record<string, unknown> {
  return model.children.length === 0 ? values.self : { ...values.self, ...values.children };
}

async function audit(
  work: EdfiWork,
  model: ResourceModel,
  id: string,
  operation: 'INSERT' | 'UPDATE' | 'DELETE',
  oldValues?: unknown,
  newValues?: unknown,
): Promise<void> {
  await recordAudit(work.db, {
    principal: work.principal,
    meta: work.meta,
    table: model.qualifiedName,
    recordId: id,
    operation,
    oldValues,
    newValues,
    dataCategories: ['edfi'],
  });
}

/** The stored item as the API shows it (for the response's ETag), read before the audit row takes the chain lock. */
async function readBack(work: EdfiWork, model: ResourceModel, id: string): Promise<Record<string, unknown>> {
  return toResource(model, (await rawRow(work, model, sql`t.id = ${id}::uuid`))!);
}

/** POST: insert (201) or update the item with the same natural key (200). Returns the id. */
export async function upsert(
  work: EdfiWork,
  model: ResourceModel,
  body: unknown,
): Promise<{ id: string; created: boolean; item: Record<string, unknown> }> {
  const values = await decodeBody(work.db, work.tenantId, model, body);
  const existing = await rawRow(work, model, naturalKeyWhere(model, values));
  if (existing) {
    await authorizeRecord(work.db, work.principal, work.meta, model, 'write', existing._values);
    await authorizeRecord(work.db, work.principal, work.meta, model, 'write', { ...existing._values, ...values.self });
    await writeParent(work, model, values);
    await work.db.execute(
      sql`UPDATE ${sql.raw(model.tableName)} SET
        ${sql.join([...assignments(values.self), sql`lastmodifieddate = now()`], sql`, `)}
          WHERE tenant_id = ${work.tenantId} AND id = ${String(existing._id)}::uuid`,
    );
    await deleteChildren(work, model, values.self);
    await insertChildren(work, model, [values]);
    await projectEdfiWrite(work.db, work.tenantId, model.collection, String(existing._id), {
      ...existing._values,
      ...values.self,
    });
    const item = await readBack(work, model, String(existing._id));
    await audit(work, model, String(existing._id), 'UPDATE', existing._values, newValuesOf(model, values));
    return { id: String(existing._id), created: false, item };
  }
  await authorizeRecord(work.db, work.principal, work.meta, model, 'write', values.self, model.surrogate !== undefined);
  await writeParent(work, model, values);
  const names = Object.keys(values.self);
  const [inserted] = rowsOf<{ id: string }>(
    await work.db.execute(
      sql`INSERT INTO ${sql.raw(model.tableName)} (tenant_id, ${sql.join(names.map(q), sql`, `)})
        VALUES (${work.tenantId}, ${sql.join(
          names.map((n) => sql`${values.self[n]}`),
          sql`, `,
        )}) RETURNING id`,
    ),
  );
  await insertChildren(work, model, [values]);
  await projectEdfiWrite(work.db, work.tenantId, model.collection, inserted!.id, values.self);
  const item = await readBack(work, model, inserted!.id);
  // Last: the audit row locks the tenant's hash-chain head until commit.
  await audit(work, model, inserted!.id, 'INSERT', undefined, newValuesOf(model, values));
  return { id: inserted!.id, created: true, item };
}

function sameKey(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(a).every((k) => String(a[k]) === String(b[k]));
}

/** PUT by id (If-Match); a natural-key change only where the resource allows it (tracked for /keyChanges). */
export async function replace(
  work: EdfiWork,
  model: ResourceModel,
  id: string,
  body: unknown,
  ifMatch?: string,
): Promise<Record<string, unknown>> {
  if (!UUID.test(id)) throw notFound(model);
  const existing = await lockedRow(work, model, id);
  if (!existing) throw notFound(model);
  const bodyId = (body as { id?: unknown } | null)?.id;
  if (bodyId !== undefined && String(bodyId).toLowerCase() !== id.toLowerCase()) {
    throw new AppError('validation_failed', 'The id in the body does not match the id in the URL.', {
      validationErrors: { '$.id': ['does not match the resource id in the URL'] },
    });
  }
  const current = toResource(model, existing);
  checkEtag(ifMatch, current);
  const values = await decodeBody(work.db, work.tenantId, model, body);
  await authorizeRecord(work.db, work.principal, work.meta, model, 'write', existing._values);
  await authorizeRecord(work.db, work.principal, work.meta, model, 'write', { ...existing._values, ...values.self });
  const oldKey = keyValuesOf(model, current);
  const newKey = Object.fromEntries(model.identity.map((p) => [p.path[p.path.length - 1]!, undefined]));
  const keyChanged = model.identity.some(
    (p) =>
      !(model.surrogate && p.column === model.surrogate.naturalKey) &&
      String(values.self[p.column.name]) !== String(existing._values[p.column.name]),
  );
  const surrogateKeyChanged =
    model.surrogate &&
    String(values.self[model.surrogate.naturalKey.name]) !== String(existing._values[model.surrogate.naturalKey.name]);
  if ((keyChanged || surrogateKeyChanged) && !model.def.allowKeyChanges) {
    throw new AppError(
      'bad_request',
      `The natural key of a ${model.name} cannot be changed (key values in the body differ from the stored item).`,
    );
  }
  await writeParent(work, model, values);
  // Children go first (by the stored key) and come back under the new one: the collection is replaced.
  await deleteChildren(work, model, existing._values);
  await work.db.execute(
    sql`UPDATE ${sql.raw(model.tableName)} SET
      ${sql.join([...assignments(values.self), sql`lastmodifieddate = now()`], sql`, `)}
        WHERE tenant_id = ${work.tenantId} AND id = ${id}::uuid`,
  );
  await insertChildren(work, model, [values]);
  if (keyChanged || surrogateKeyChanged) {
    const after = await rawRow(work, model, sql`t.id = ${id}::uuid`);
    Object.assign(newKey, keyValuesOf(model, toResource(model, after!)));
    if (!sameKey(oldKey, newKey)) {
      await work.db.execute(
        sql`INSERT INTO edfi.keychanges_tracking (tenant_id, resource, id, oldkeyvalues, newkeyvalues)
          VALUES (${work.tenantId}, ${model.collection}, ${id}::uuid, ${JSON.stringify(oldKey)}::jsonb,
            ${JSON.stringify(newKey)}::jsonb)`,
      );
    }
  }
  await projectEdfiWrite(work.db, work.tenantId, model.collection, id, { ...existing._values, ...values.self });
  const item = await readBack(work, model, id);
  await audit(work, model, id, 'UPDATE', existing._values, newValuesOf(model, values));
  return item;
}

/** DELETE by id (If-Match); 409 dependent-item-exists while referenced; tracked for /deletes. */
export async function remove(work: EdfiWork, model: ResourceModel, id: string, ifMatch?: string): Promise<void> {
  if (!UUID.test(id)) throw notFound(model);
  const existing = await lockedRow(work, model, id);
  if (!existing) throw notFound(model);
  const current = toResource(model, existing);
  checkEtag(ifMatch, current);
  await authorizeRecord(work.db, work.principal, work.meta, model, 'delete', existing._values);
  if (model.parent) {
    // The supertype row's delete cascades to the subtype; dependents of either still refuse it.
    await work.db.execute(
      sql`DELETE FROM ${sql.raw(model.parent.tableName)} WHERE tenant_id = ${work.tenantId}
        AND ${q(model.parent.parentLink.name)} = ${existing._values[model.parent.childLink.name]}`,
    );
  } else {
    await work.db.execute(
      sql`DELETE FROM ${sql.raw(model.tableName)} WHERE tenant_id = ${work.tenantId} AND id = ${id}::uuid`,
    );
  }
  // The database's delete trigger records it in edfi.deletes_tracking (change-tracking.ts).
  await projectEdfiWrite(work.db, work.tenantId, model.collection, id, existing._values, true);
  // Last: the audit row locks the tenant's hash-chain head until commit, so it comes after the other work.
  await audit(work, model, id, 'DELETE', existing._values, undefined);
}
