/**
 * The types of Schola's database interface (implemented in database.ts for PGlite and for a
 * PostgreSQL pool), apart from the implementation so that the transaction helpers and tenant
 * sessions can name them without importing the engines.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

export type AppDb = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Engine = 'pglite' | 'postgres';

/** A single connection: what migrations and advisory locks need. */
export interface Session {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  exec(text: string): Promise<void>;
}

export interface Database extends Session {
  readonly engine: Engine;
  /** The server's URL (PostgreSQL only): for work that needs its own connection, e.g. LISTEN. */
  readonly url?: string;
  readonly db: AppDb;
  withSession<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  /** Connections for tenant work without an explicit transaction (server only; see tenant-sessions.ts). */
  readonly tenantReads?: TenantSessions;
  readonly tenantWrites?: TenantSessions;
  /** Bulk load CSV text with COPY … FROM (the fastest ingestion path on both engines). */
  copyFromCsv(table: string, columns: string[], csv: string): Promise<void>;
  close(): Promise<void>;
}

/** A transaction of the application's database (what units of work pass down). */
export type Tx = Parameters<Parameters<AppDb['transaction']>[0]>[0];

/**
 * A database handle confined to one tenant that is NOT a transaction (tenant-sessions.ts): on a server
 * every statement through it commits on its own (autocommit), so two statements are not atomic
 * together; `db.transaction(…)` opens a transaction when they must be. A `Tx` is also a `TenantDb` (work
 * that needs no atomicity runs inside a transaction too), but not the reverse: a function that needs a
 * transaction takes `Tx`, and the type checker refuses to hand it a session.
 */
export type TenantDb = AppDb;

/** Tenant-confined connections without an explicit transaction (tenant-sessions.ts). */
export interface TenantSessions {
  /** Runs `fn` confined to `tenantId` (without a transaction: `db.transaction` opens one). */
  run<T>(tenantId: string, fn: (db: TenantDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
