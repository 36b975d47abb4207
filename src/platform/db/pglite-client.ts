/**
 * The PGlite connection under a drizzle handle, for the few hot paths that talk to it directly.
 *
 * PGlite runs every statement inside this process, so what a statement costs there is mostly the work of
 * getting it in and out: `query` (extended protocol) makes six passes through the WebAssembly engine
 * (parse, describe, bind, describe, execute, sync) where `exec` (simple protocol) makes one and may carry
 * several statements. So a tenant transaction's fixed setup runs as one `exec` (tenant-transaction.ts),
 * and a compiled statement runs straight on the connection, without drizzle building and compiling its
 * SQL tree again (prepared.ts).
 */
import { is } from 'drizzle-orm';
import { PgliteSession } from 'drizzle-orm/pglite';
import { types, type Results } from '@electric-sql/pglite';
import type { TenantDb } from './engine.js';

/** What drizzle's PGlite session calls on the connection (a PGlite instance, or one of its transactions). */
export interface PgliteConnection {
  query<R>(text: string, params?: unknown[], options?: object): Promise<Results<R>>;
  exec(text: string): Promise<Results[]>;
}

/** The PGlite connection a drizzle handle (database or transaction) runs on, or undefined on a server. */
export function pgliteConnectionOf(db: TenantDb): PgliteConnection | undefined {
  const session = (db as unknown as { session?: unknown }).session;
  return is(session, PgliteSession) ? (session as unknown as { client: PgliteConnection }).client : undefined;
}

const asText = (value: string) => value;
/**
 * Rows as drizzle's PGlite session reads them for `db.execute` (objects; dates, times, intervals and
 * numeric arrays kept as the text PostgreSQL wrote), so that a direct query answers exactly as it would.
 */
const AS_DRIZZLE_EXECUTES = {
  rowMode: 'object',
  parsers: {
    [types.TIMESTAMP]: asText,
    [types.TIMESTAMPTZ]: asText,
    [types.INTERVAL]: asText,
    [types.DATE]: asText,
    1231: asText, // numeric[]
    1115: asText, // timestamp[]
    1185: asText, // timestamptz[]
    1187: asText, // interval[]
    1182: asText, // date[]
  },
} as const;

/** One compiled statement on the PGlite connection, answered as `db.execute` answers. */
export function pgliteExecute(connection: PgliteConnection, text: string, params: unknown[]): Promise<Results> {
  return connection.query(text, params, AS_DRIZZLE_EXECUTES);
}
