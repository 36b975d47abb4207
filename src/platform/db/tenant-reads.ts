/**
 * Read-only tenant work without a transaction, on a PostgreSQL server.
 *
 * A tenant transaction costs two round trips besides its statements (BEGIN with the tenant setup,
 * COMMIT); for a read of one object that triples the database time. A read needs neither atomicity
 * nor a rollback, only confinement — so reads run on connections of their own, set once to the app
 * role and read-only (`SET ROLE schola_app`, `default_transaction_read_only`), whose tenant setting
 * is switched only when the next read is for another tenant. Row-level security applies exactly as in
 * a tenant transaction: the policies read the same `app.tenant_id` setting, here at session level.
 *
 * Safety: these connections belong to this pool alone (nothing else can leave them as another role
 * or tenant); the tenant is set before every read whose tenant differs from the connection's,
 * recorded only once that succeeded; any write attempted through them fails (read-only session).
 * Each statement sees its own snapshot: a page and its total count read by two statements may
 * disagree by a concurrent write, as on any API that does not hold a transaction open across them.
 * PGlite has no round trips to save: there the same work runs in a tenant transaction.
 */
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError } from '../http/errors.js';
import type { Database } from './database.js';
import { APP_ROLE, tenantTransaction } from './tenant-transaction.js';
import type { Tx } from './transaction.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantReads {
  /** Runs `fn` (reads only) confined to `tenantId`. */
  read<T>(tenantId: string, fn: (db: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Connection {
  tenantId?: string;
  db: NodePgDatabase;
}

export function createTenantReads(url: string, options: { max: number; applicationName: string }): TenantReads {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    application_name: `${options.applicationName}-reads`,
    // Run before the first query of each new connection (pg sends a client's queries in order).
    options: `-c role=${APP_ROLE} -c default_transaction_read_only=on`,
  });
  pool.on('error', () => undefined);
  const connections = new WeakMap<pg.PoolClient, Connection>();
  return {
    async read(tenantId, fn) {
      if (!UUID.test(tenantId)) throw new AppError('bad_request', 'The tenant id is not a UUID.');
      const client = await pool.connect();
      try {
        let connection = connections.get(client);
        if (!connection) connections.set(client, (connection = { db: drizzlePg({ client }) }));
        if (connection.tenantId !== tenantId) {
          connection.tenantId = undefined;
          await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [tenantId.toLowerCase()]);
          connection.tenantId = tenantId;
        }
        // The functions that read take a transaction; a session database answers the same calls.
        return await fn(connection.db as unknown as Tx);
      } finally {
        // The pool drops a connection that lost its server; one that answered an error is fine.
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Read-only work confined to the tenant: on a tenant read connection (server) or in a tenant transaction (PGlite). */
export function readAsTenant<T>(database: Database, tenantId: string, fn: (db: Tx) => Promise<T>): Promise<T> {
  if (database.tenantReads) return database.tenantReads.read(tenantId, fn);
  return tenantTransaction(database, tenantId, ({ tx }) => fn(tx));
}
