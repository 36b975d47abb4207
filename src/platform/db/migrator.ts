/**
 * Applies the drizzle-kit migrations in `drizzle/` and records each in admin.schema_migrations.
 *
 * - Order and names come from drizzle-kit's journal (drizzle/meta/_journal.json).
 * - sql_hash is the SHA-256 of the migration file; if an applied migration's file has changed,
 *   start-up is refused, naming it (history must not be rewritten under a running database).
 * - One migration = one transaction; a failure is rolled back and recorded with its error.
 * - A session-level advisory lock serialises concurrent runners (two instances starting at once
 *   against one server apply each migration exactly once).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Session } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** Arbitrary but fixed: hashtext-free so it is identical on every engine. */
const ADVISORY_LOCK_KEY = 727_001_2;

/** Must stay identical to src/platform/db/tables.ts (a test compares them). */
export const BOOTSTRAP_SQL = `
CREATE SCHEMA IF NOT EXISTS "admin";
CREATE TABLE IF NOT EXISTS "admin"."schema_migrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"error_message" text,
	"executed_at" timestamp with time zone DEFAULT now(),
	"execution_time_ms" bigint,
	"migration_file" text,
	"migration_name" text,
	"sql_hash" text,
	"status" text,
	CONSTRAINT "schema_migrations_status_check" CHECK ("status" IN ('applied', 'failed'))
);
CREATE INDEX IF NOT EXISTS "schema_migrations_name_idx" ON "admin"."schema_migrations" USING btree ("migration_name");
`;

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationFile {
  name: string;
  file: string;
  sql: string;
  hash: string;
}

export type MigrationState = 'applied' | 'pending' | 'changed';

export interface MigrationStatus {
  name: string;
  file: string;
  state: MigrationState;
  executedAt?: string;
  executionTimeMs?: number;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Migration files are part of the deployed code: read and hashed once per process. */
const cache = new Map<string, { stamp: string; files: MigrationFile[] }>();

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  // The journal's mtime and size guard the cache (tests rewrite migration folders in place).
  const journal = path.join(dir, 'meta', '_journal.json');
  const stat = fs.existsSync(journal) ? fs.statSync(journal) : undefined;
  const files = stat
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.sql'))
        .map((f) => `${f}:${fs.statSync(path.join(dir, f)).mtimeMs}`)
    : [];
  const stamp = stat ? `${stat.mtimeMs}:${stat.size}:${files.join(',')}` : 'none';
  const hit = cache.get(dir);
  if (hit?.stamp === stamp) return hit.files;
  const result = loadMigrations(dir);
  cache.set(dir, { stamp, files: result });
  return result;
}

function loadMigrations(dir: string): MigrationFile[] {
  const journalPath = path.join(dir, 'meta', '_journal.json');
  if (!fs.existsSync(journalPath)) return [];
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => {
      const file = `${entry.tag}.sql`;
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return { name: entry.tag, file, sql, hash: sha256(sql) };
    });
}

function statements(sql: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

interface AppliedRow {
  migration_name: string;
  sql_hash: string;
  executed_at: string | Date;
  execution_time_ms: string | number | null;
}

async function appliedMigrations(session: Session): Promise<Map<string, AppliedRow>> {
  const rows = await session.query<AppliedRow>(
    `SELECT migration_name, sql_hash, executed_at, execution_time_ms FROM admin.schema_migrations
     WHERE status = 'applied' ORDER BY executed_at`,
  );
  return new Map(rows.map((r) => [r.migration_name, r]));
}

/** Fails when the database was migrated with files that differ from, or are missing in, this code. */
function verifyHistory(files: MigrationFile[], applied: Map<string, AppliedRow>): void {
  for (const file of files) {
    const row = applied.get(file.name);
    if (row && row.sql_hash !== file.hash) {
      throw new MigrationError(
        `Migration ${file.name} (${file.file}) has changed since it was applied ` +
          `(recorded sha256 ${row.sql_hash.slice(0, 12)}…, file sha256 ${file.hash.slice(0, 12)}…). ` +
          'Applied migrations must never be edited: restore the file and add a new migration instead.',
        file.name,
      );
    }
  }
  const known = new Set(files.map((f) => f.name));
  const unknown = [...applied.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new MigrationError(
      `The database has migrations this version of Schola does not know: ${unknown.join(', ')}. ` +
        'It was migrated by a newer version; run that version.',
      unknown[0],
    );
  }
}

async function withMigrationLock<T>(database: Database, fn: (session: Session) => Promise<T>): Promise<T> {
  return database.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    try {
      await session.exec(BOOTSTRAP_SQL);
      return await fn(session);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
    }
  });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(
  database: Database,
  options: { dir?: string; onApplied?: (name: string, ms: number) => void } = {},
): Promise<MigrateResult> {
  const files = readMigrations(options.dir);
  return withMigrationLock(database, async (session) => {
    const applied = await appliedMigrations(session);
    verifyHistory(files, applied);
    const done: string[] = [];
    for (const file of files) {
      if (applied.has(file.name)) continue;
      const started = performance.now();
      try {
        await session.exec('BEGIN');
        for (const statement of statements(file.sql)) await session.exec(statement);
        const ms = Math.round(performance.now() - started);
        await session.query(
          `INSERT INTO admin.schema_migrations (migration_name, migration_file, sql_hash, execution_time_ms, status)
           VALUES ($1, $2, $3, $4, 'applied')`,
          [file.name, file.file, file.hash, ms],
        );
        await session.exec('COMMIT');
        done.push(file.name);
        options.onApplied?.(file.name, ms);
      } catch (error) {
        await session.exec('ROLLBACK').catch(() => undefined);
        const message = (error as Error).message;
        await session.query(
          `INSERT INTO admin.schema_migrations (migration_name, migration_file, sql_hash, execution_time_ms, status,
            error_message)
           VALUES ($1, $2, $3, $4, 'failed', $5)`,
          [file.name, file.file, file.hash, Math.round(performance.now() - started), message],
        );
        throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${message}`, file.name);
      }
    }
    return { applied: done, alreadyApplied: applied.size };
  });
}

export async function migrationStatus(database: Database, dir?: string): Promise<MigrationStatus[]> {
  const files = readMigrations(dir);
  const exists = await database.query<{ ok: boolean }>(
    `SELECT to_regclass('admin.schema_migrations') IS NOT NULL AS ok`,
  );
  const applied = exists[0]?.ok ? await appliedMigrations(database) : new Map<string, AppliedRow>();
  return files.map((file) => {
    const row = applied.get(file.name);
    if (!row) return { name: file.name, file: file.file, state: 'pending' as const };
    return {
      name: file.name,
      file: file.file,
      state: row.sql_hash === file.hash ? ('applied' as const) : ('changed' as const),
      executedAt: new Date(row.executed_at).toISOString(),
      executionTimeMs: row.execution_time_ms === null ? undefined : Number(row.execution_time_ms),
    };
  });
}

/** True when every migration of this code is applied and unchanged (readiness). */
export async function migrationsUpToDate(database: Database, dir?: string): Promise<boolean> {
  const status = await migrationStatus(database, dir);
  return status.every((s) => s.state === 'applied');
}
