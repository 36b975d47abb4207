/**
 * One interface over Schola's two engines:
 * - PGlite (embedded PostgreSQL in WebAssembly) in a data directory, guarded by a lock file;
 * - a node-postgres pool for DATABASE_URL.
 * Drizzle runs on both; raw SQL goes through `query`/`exec`; `withSession` hands out one
 * connection for session-level work (advisory locks, migrations, COPY).
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PreludeClient } from './begin-prelude.js';
import type { AppDb, Database, Session } from './engine.js';
import { createTenantSessions } from './tenant-sessions.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { databaseConnectError } from '../startup-error.js';

export type { AppDb, Database, Engine, Session } from './engine.js';

export interface OpenOptions {
  /** PostgreSQL server URL; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; undefined with no URL = in-memory (tests). */
  dataDir?: string;
  poolMax?: number;
  /** PGlite's shared_buffers, in MiB (default PGLITE_BUFFERS_MB). */
  pgliteBuffersMb?: number;
  /** Skip the lock (only for an in-memory PGlite, which no other process can open). */
  applicationName?: string;
}

// Dates, timestamps and numerics come back as strings in both engines; Drizzle maps them per column.
pg.types.setTypeParser(1700, (v) => v); // numeric: keep exact text, Drizzle converts per column mode
pg.types.setTypeParser(20, (v) => v); // int8: keep exact text

/** Table and column names come from code, never from users; quoting keeps them exact. */
function copyStatement(table: string, columns: string[], source: string): string {
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const qualified = table.split('.').map(ident).join('.');
  return `COPY ${qualified} (${columns.map(ident).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

/**
 * How long a pooled PostgreSQL connection may sit unused before the pool closes it (all three pools:
 * this one and the tenant read and write sessions). node-postgres closes them after 10 s by default,
 * so a pool that a burst had grown shrank again within seconds, and the next burst opened connections
 * on the request path: a new backend, its login, role and tenant setup, and the first planning of
 * every named statement, while the requests behind it queued. Measured with bench/oneroster/tail.ts,
 * those openings were the slowest requests of a paced run. Five minutes keeps the working set warm
 * through a lull; an idle server still gives its connections back.
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60 * 1000;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
    application_name: options.applicationName ?? 'schola',
    // Lets a tenant transaction's setup ride on its BEGIN (see begin-prelude.ts).
    Client: PreludeClient,
  });
  // A pool error on an idle client must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw databaseConnectError(url, error);
  }
  const db = drizzlePg({ client: pool }) as unknown as AppDb;
  const sessions = {
    max: options.poolMax ?? 10,
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
    applicationName: options.applicationName ?? 'schola',
  };
  const tenantReads = createTenantSessions(url, { ...sessions, readOnly: true });
  const tenantWrites = createTenantSessions(url, { ...sessions, readOnly: false });
  const sessionOf = (client: pg.PoolClient | pg.Pool): Session => ({
    async query<R>(text: string, params?: unknown[]) {
      return (await client.query(text, params as unknown[])).rows as R[];
    },
    async exec(text: string) {
      await client.query(text);
    },
  });
  const base = sessionOf(pool);
  return {
    engine: 'postgres',
    url,
    db,
    tenantReads,
    tenantWrites,
    query: base.query,
    exec: base.exec,
    async withSession(fn) {
      const client = await pool.connect();
      // A session may sit idle for long (a running job's advisory lock): losing its connection then
      // must not be an unhandled 'error' event; the session's next query reports it.
      const ignoreIdleError = () => undefined;
      client.on('error', ignoreIdleError);
      try {
        return await fn(sessionOf(client));
      } finally {
        client.removeListener('error', ignoreIdleError);
        client.release();
      }
    },
    async copyFromCsv(table, columns, csv) {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from([csv]), client.query(copyFrom(copyStatement(table, columns, 'STDIN'))));
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.all([pool.end(), tenantReads.close(), tenantWrites.close()]);
    },
  };
}

/**
 * PGlite keeps its shared buffers inside the process (PostgreSQL's default, 128 MB, is most of an idle
 * embedded database's memory). Its files sit in the operating system's page cache anyway, so a small
 * pool costs reads little: measured, a 1M-row scan ran as fast with 16 MB, and the process held
 * about 120 MiB less.
 */
export const PGLITE_BUFFERS_MB = 16;

function pgliteOptions(buffersMb: number): PGliteOptions | undefined {
  // startParams replaces PGlite's own; keep them (a missing list means a PGlite this code does not know).
  const defaults = (PGlite as unknown as { defaultStartParams?: unknown }).defaultStartParams;
  if (!Array.isArray(defaults)) return undefined;
  return { startParams: [...(defaults as string[]), '-c', `shared_buffers=${Math.round(buffersMb)}MB`] };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (options.dataDir) lock = acquireDataDirLock(options.dataDir);
  let client: PGlite;
  try {
    client = new PGlite({
      ...(options.dataDir ? { dataDir: `${options.dataDir}/pgdata` } : {}),
      ...pgliteOptions(options.pgliteBuffersMb ?? PGLITE_BUFFERS_MB),
    });
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite({ client }) as unknown as AppDb;
  const session: Session = {
    async query<R>(text: string, params?: unknown[]) {
      return (await client.query<R>(text, params)).rows;
    },
    async exec(text: string) {
      await client.exec(text);
    },
  };
  let closed = false;
  return {
    engine: 'pglite',
    db,
    ...session,
    // PGlite is a single connection: the session is the database itself.
    withSession: (fn) => fn(session),
    async copyFromCsv(table, columns, csv) {
      // PGlite reads COPY input from its virtual /dev/blob device.
      await client.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** `db.execute` results differ by engine: node-postgres has rowCount, PGlite affectedRows. */
export interface ExecuteResult<R> {
  rows: R[];
  rowCount?: number | null;
  affectedRows?: number;
}

export function rowsOf<R>(result: unknown): R[] {
  return (result as ExecuteResult<R>).rows;
}

export function affectedRows(result: unknown): number {
  const r = result as ExecuteResult<unknown>;
  return r.rowCount ?? r.affectedRows ?? 0;
}
