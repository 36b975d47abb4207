/**
 * Ed-Fi resource writes, in the caller's tenant transaction: POST upsert on the natural key, PUT by id
 * (If-Match), key changes tracked for Change Queries (change versions and deletes are kept by the
 * database's triggers), child collections replaced with their parent (delete + insert), every write
 * audited (recordAudit) in the same transaction. Deletes are store-deletes.ts, reads store-reads.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { authorizeRecord } from './authorization.js';
import type { EdfiWork } from './caller.js';
import { decodeBody, type RowValues } from './codec.js';
import type { ResourceModel } from './model.js';
import { keyValuesOf, toResource } from './query.js';
import { checkEtag, checkResourceId, lockedRow, notFound, rawRow, readBack } from './store-reads.js';
import { projectEdfiWrite } from '../edfi-oneroster/write-through.js';

const q = (name: string) => sql.identifier(name);

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

/** The Ed-Fi write's audit row, in the same transaction. */
export async function auditWrite(
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
    await auditWrite(work, model, String(existing._id), 'UPDATE', existing._values, newValuesOf(model, values));
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
  await auditWrite(work, model, inserted!.id, 'INSERT', undefined, newValuesOf(model, values));
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
  checkResourceId(model, id);
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
  await auditWrite(work, model, id, 'UPDATE', existing._values, newValuesOf(model, values));
  return item;
}
