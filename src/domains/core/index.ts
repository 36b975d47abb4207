/**
 * The core domain's public entry. Core holds the tenant's organisations (`core.organizations`) and has no routes of
 * its own; other domains ask it which organisation a new record belongs to.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Work } from '../../platform/service/work.js';

/** The tenant's organisation (the first by id); 409 `conflict` when the tenant has none. */
export async function tenantOrganization(work: Work): Promise<string> {
  const [org] = rowsOf<{ id: string }>(
    await work.tx.execute(
      sql`SELECT id FROM core.organizations WHERE tenant_id = ${work.tenantId} ORDER BY id LIMIT 1`,
    ),
  );
  if (!org) throw new AppError('conflict', 'The tenant has no organization.');
  return org.id;
}
