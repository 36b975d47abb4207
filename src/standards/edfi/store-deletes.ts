/**
 * Ed-Fi DELETE by id, in the caller's tenant transaction: If-Match against the locked row, the
 * authorization, the delete (of the supertype row where the resource has one), the OneRoster face
 * marked, the audit row.
 */
import { sql } from 'drizzle-orm';
import { authorizeRecord } from './authorization.js';
import type { EdfiWork } from './caller.js';
import type { ResourceModel } from './model.js';
import { toResource } from './query.js';
import { checkEtag, checkResourceId, lockedRow, notFound } from './store-reads.js';
import { auditWrite } from './store-writes.js';
import { projectEdfiWrite } from '../edfi-oneroster/write-through.js';

const q = (name: string) => sql.identifier(name);

/** DELETE by id (If-Match); 409 dependent-item-exists while referenced; tracked for /deletes. */
export async function remove(work: EdfiWork, model: ResourceModel, id: string, ifMatch?: string): Promise<void> {
  checkResourceId(model, id);
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
  await auditWrite(work, model, id, 'DELETE', existing._values, undefined);
}
