/**
 * Tenant-scoped units of work. Inside, the connection acts as the non-owner role `schola_app`
 * with `app.tenant_id` set for this transaction only, so row-level security confines every
 * statement to the tenant — whatever the code above forgets. (PGlite runs as a superuser; the
 * role switch makes its policies apply exactly as on a server.)
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../http/errors.js';
import { withBeginPrelude } from './begin-prelude.js';
import type { Database } from './engine.js';
import { pgliteConnectionOf } from './pglite-client.js';
import { transaction, type TransactionOptions, type UnitOfWork } from './transaction.js';

export const APP_ROLE = 'schola_app';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantUnitOfWork extends UnitOfWork {
  readonly tenantId: string;
}

export async function tenantTransaction<T>(
  database: Database,
  tenantId: string,
  fn: (work: TenantUnitOfWork) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (!UUID.test(tenantId)) throw new AppError('bad_request', 'The tenant id is not a UUID.');
  // Trusted text: a validated UUID and a constant role name.
  const setup = `SELECT set_config('app.tenant_id', '${tenantId.toLowerCase()}', true); SET LOCAL ROLE ${APP_ROLE}`;
  return withBeginPrelude(setup, (consumed) =>
    transaction(
      database,
      async (work) => {
        if (!consumed()) {
          // PGlite: the same trusted text in one pass through the engine (pglite-client.ts).
          const pglite = pgliteConnectionOf(work.tx);
          if (pglite) await pglite.exec(setup);
          else
            await work.tx.execute(
              sql`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${APP_ROLE}, true)`,
            );
        }
        return fn({ ...work, tenantId });
      },
      options,
    ),
  );
}
