/**
 * Tenant work without an explicit transaction, on a PostgreSQL server.
 *
 * A tenant transaction costs two round trips besides its statements (BEGIN with the tenant setup,
 * COMMIT). A read needs neither atomicity nor a rollback, only confinement; a write made of one
 * statement is atomic by itself. So such work runs on connections of their own, opened as the app
 * role (`-c role=schola_app`), whose tenant setting (`app.tenant_id`, at session level) is switched
 * only when the next piece of work is for another tenant. Row-level security applies exactly as in a
 * tenant transaction: its policies read the same setting.
 *
 * Two pools: reads (`readAsTenant`) on read-only connections (`default_transaction_read_only`: any
 * write attempted through them fails), and writes (`writeAsTenant`) for work that is one statement or
 * opens its own transaction (`db.transaction(…)`) for several. Safety: these connections belong to
 * their pool alone (nothing else can leave them as another role or tenant); the tenant is set before
 * every piece of work whose tenant differs from the connection's, recorded only once that succeeded.
 * Reads see one snapshot per statement: a page and its total count read by two statements may
 * disagree by a concurrent write, as on any API that does not hold a transaction open across them.
 * PGlite has no round trips to save: there the same work runs in a tenant transaction.
 */
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError } from '../http/errors.js';
import type { Database, TenantDb, TenantSessions } from './engine.js';
import { APP_ROLE, tenantTransaction } from './tenant-transaction.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type { TenantDb, TenantSessions } from './engine.js';

interface Connection {
  tenantId?: string;
  db: NodePgDatabase;
}

type Detached = <T>(fn: (db: TenantDb) => Promise<T>) => Promise<T>;
const detachedRunners = new WeakMap<TenantDb, Detached>();

/**
 * For work that must outlive the caller's (a cache renewing itself in the background): runs `fn` for
 * the same tenant as `db`, on a session connection of its own from the same pool, once the caller's
 * work may long be over. Undefined for a tenant transaction (PGlite, domain services): its work
 * cannot outlive it. Read it while `db` is the caller's: the connection may serve another tenant later.
 */
export function detachedRunner(db: TenantDb): Detached | undefined {
  return detachedRunners.get(db);
}

export function createTenantSessions(
  url: string,
  options: { max: number; idleTimeoutMillis?: number; applicationName: string; readOnly: boolean },
): TenantSessions {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    idleTimeoutMillis: options.idleTimeoutMillis,
    application_name: `${options.applicationName}-${options.readOnly ? 'reads' : 'writes'}`,
    // Applied when each connection opens, before its first query.
    options: `-c role=${APP_ROLE}${options.readOnly ? ' -c default_transaction_read_only=on' : ''}`,
  });
  pool.on('error', () => undefined);
  const connections = new WeakMap<pg.PoolClient, Connection>();
  const sessions: TenantSessions = {
    async run(tenantId, fn) {
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
        detachedRunners.set(connection.db as TenantDb, (detached) => sessions.run(tenantId, detached));
        // A session database, not a transaction: each statement commits on its own.
        return await fn(connection.db);
      } finally {
        // The pool drops a connection that lost its server; one that answered an error is fine (a
        // failed `db.transaction` has rolled back before it rethrows).
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return sessions;
}

/** Read-only work confined to the tenant: on a tenant read connection (server) or in a tenant transaction (PGlite). */
export function readAsTenant<T>(database: Database, tenantId: string, fn: (db: TenantDb) => Promise<T>): Promise<T> {
  if (database.tenantReads) return database.tenantReads.run(tenantId, fn);
  return tenantTransaction(database, tenantId, ({ tx }) => fn(tx));
}

/**
 * Work confined to the tenant whose every statement must stand alone or that opens its own
 * transaction for several (`db.transaction`): on a tenant write connection (server, autocommit) or in
 * a tenant transaction (PGlite, where `db.transaction` is a savepoint).
 */
export function writeAsTenant<T>(database: Database, tenantId: string, fn: (db: TenantDb) => Promise<T>): Promise<T> {
  if (database.tenantWrites) return database.tenantWrites.run(tenantId, fn);
  return tenantTransaction(database, tenantId, ({ tx }) => fn(tx));
}
