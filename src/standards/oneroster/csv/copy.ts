/**
 * COPY into a staging table on the import transaction's own connection (the rows must be visible
 * to, and rolled back with, that transaction): `COPY … FROM STDIN` through pg-copy-streams on a
 * server, `COPY … FROM '/dev/blob'` on PGlite. Rows are encoded in COPY's text format: tab between
 * columns, \N for NULL, backslash escapes; text[] as array literals, jsonb as JSON.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { APP_ROLE } from '../../../platform/db/tenant-transaction.js';
import type { Tx } from '../../../platform/db/transaction.js';

export type CopyKind = 'scalar' | 'array' | 'json';

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : text;
}

function arrayLiteral(items: unknown[]): string {
  return `{${items.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** One value in COPY text format. */
export function copyValue(value: unknown, kind: CopyKind): string {
  if (value === null || value === undefined) return '\\N';
  if (kind === 'array') return escapeText(arrayLiteral(value as unknown[]));
  if (kind === 'json') return escapeText(JSON.stringify(value));
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeText(String(value));
}

/** The connection a Drizzle transaction runs on (Drizzle keeps it as `session.client`). */
function clientOf(tx: Tx): { engine: 'postgres'; client: pg.ClientBase } | { engine: 'pglite'; client: PgliteTx } {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Client) return { engine: 'postgres', client };
  if (client && typeof (client as PgliteTx).query === 'function' && typeof (client as PgliteTx).rollback === 'function')
    return { engine: 'pglite', client: client as PgliteTx };
  throw new Error("COPY needs the transaction's own connection, which this Drizzle session does not expose");
}

interface PgliteTx {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
  rollback(): Promise<void>;
}

/**
 * Runs `fn` as the session's own (owner) role inside a tenant transaction, then returns to the app
 * role. Only for statements that touch no tenant rows: COPY from PGlite's blob device (a file, to
 * PostgreSQL) into the import's own temporary table, and ANALYZE (owner-only).
 */
export async function asOwner<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx.execute(sql.raw('SET LOCAL ROLE NONE'));
  const result = await fn();
  await tx.execute(sql.raw(`SET LOCAL ROLE ${APP_ROLE}`));
  return result;
}

/** Loads `text` (COPY text format, one line per row) into `table` (trusted name) within `tx`. */
export async function copyText(tx: Tx, table: string, columns: string[], text: string): Promise<void> {
  const target = `${table} (${columns.join(', ')})`;
  const connection = clientOf(tx);
  if (connection.engine === 'postgres') {
    await pipeline(Readable.from([Buffer.from(text)]), connection.client.query(copyFrom(`COPY ${target} FROM STDIN`)));
  } else {
    const { client } = connection;
    await asOwner(tx, () => client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([text]) }));
  }
}
