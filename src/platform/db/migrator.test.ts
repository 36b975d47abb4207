import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { MigrationError, migrate, migrationStatus, sha256 } from './migrator.js';
import { emptyDatabase, emptyPgUrl, engine } from '../../../test/support/db.js';

/** Writes a drizzle-kit style migrations folder (journal + SQL files). */
function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = Object.keys(files).map((tag, idx) => ({ idx, version: '7', when: idx, tag, breakpoints: true }));
  fs.writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries }),
  );
  for (const [tag, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${tag}.sql`), sql);
  return dir;
}

const FIRST =
  'CREATE TABLE widgets (id integer PRIMARY KEY);\n--> statement-breakpoint\nINSERT INTO widgets VALUES (1);';
const SECOND = 'ALTER TABLE widgets ADD COLUMN name text;';

describe('migration runner', () => {
  it('applies pending migrations in order and records each in admin.schema_migrations', async () => {
    const database = await emptyDatabase();
    try {
      const dir = migrationsDir({ '0000_first': FIRST, '0001_second': SECOND });
      const result = await migrate(database, { dir });
      expect(result.applied).toEqual(['0000_first', '0001_second']);
      const rows = await database.query<Record<string, unknown>>(
        'SELECT migration_name, migration_file, sql_hash, status, execution_time_ms, executed_at, error_message ' +
          'FROM ' +
          'admin.schema_migrations ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(['0000_first', '0001_second']);
      expect(rows[0]).toMatchObject({
        migration_file: '0000_first.sql',
        sql_hash: sha256(FIRST),
        status: 'applied',
        error_message: null,
      });
      expect(rows[0]!.executed_at).toBeTruthy();
      expect(Number(rows[0]!.execution_time_ms)).toBeGreaterThanOrEqual(0);
      // Idempotent: nothing pending the second time.
      expect((await migrate(database, { dir })).applied).toEqual([]);
      expect((await migrationStatus(database, dir)).map((s) => s.state)).toEqual(['applied', 'applied']);
    } finally {
      await database.dispose();
    }
  });

  it('refuses to start when an applied migration file has changed, naming it', async () => {
    const database = await emptyDatabase();
    try {
      const dir = migrationsDir({ '0000_first': FIRST });
      await migrate(database, { dir });
      fs.writeFileSync(path.join(dir, '0000_first.sql'), `${FIRST}\n-- edited`);
      await expect(migrate(database, { dir })).rejects.toThrow(
        /Migration 0000_first \(0000_first\.sql\) has changed since it was applied/,
      );
      expect((await migrationStatus(database, dir))[0]!.state).toBe('changed');
    } finally {
      await database.dispose();
    }
  });

  it('rolls back a failed migration and records it with its error', async () => {
    const database = await emptyDatabase();
    try {
      const broken = 'CREATE TABLE gadgets (id integer);\n--> statement-breakpoint\nSELECT * FROM no_such_table;';
      const dir = migrationsDir({ '0000_first': FIRST, '0001_broken': broken });
      const error = await migrate(database, { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migration).toBe('0001_broken');
      expect((error as Error).message).toMatch(/no_such_table/);
      // The first migration stays; the broken one left nothing behind.
      const tables = await database.query<{ name: string | null }>(
        `SELECT to_regclass('public.widgets')::text AS name UNION ALL SELECT to_regclass('public.gadgets')::text`,
      );
      expect(tables.map((t) => t.name)).toEqual(['widgets', null]);
      const failed = await database.query<{ status: string; error_message: string }>(
        `SELECT status, error_message FROM admin.schema_migrations WHERE migration_name = '0001_broken'`,
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]!.status).toBe('failed');
      expect(failed[0]!.error_message).toMatch(/no_such_table/);
      expect((await migrationStatus(database, dir)).map((s) => s.state)).toEqual(['applied', 'pending']);
    } finally {
      await database.dispose();
    }
  });

  it('refuses a database migrated by a newer version (unknown applied migration)', async () => {
    const database = await emptyDatabase();
    try {
      await migrate(database, { dir: migrationsDir({ '0000_first': FIRST, '0001_second': SECOND }) });
      await expect(migrate(database, { dir: migrationsDir({ '0000_first': FIRST }) })).rejects.toThrow(
        /does not know: 0001_second/,
      );
    } finally {
      await database.dispose();
    }
  });

  // Concurrency across processes only exists on a server; PGlite is a single in-process connection.
  it.runIf(engine() === 'postgres')(
    'applies each migration once when two instances migrate at the same time',
    async () => {
      const { url, drop } = await emptyPgUrl();
      const a = await openDatabase({ databaseUrl: url, poolMax: 2 });
      const b = await openDatabase({ databaseUrl: url, poolMax: 2 });
      try {
        const slow = 'SELECT pg_sleep(0.3);\n--> statement-breakpoint\nCREATE TABLE slow_one (id integer);';
        const dir = migrationsDir({ '0000_first': FIRST, '0001_slow': slow, '0002_second': SECOND });
        const [ra, rb] = await Promise.all([migrate(a, { dir }), migrate(b, { dir })]);
        expect([...ra.applied, ...rb.applied].sort()).toEqual(['0000_first', '0001_slow', '0002_second']);
        const rows = await a.query<{ migration_name: string; n: string }>(
          `SELECT migration_name, count(*)::text AS n FROM admin.schema_migrations GROUP BY migration_name ORDER BY 1`,
        );
        expect(rows).toEqual([
          { migration_name: '0000_first', n: '1' },
          { migration_name: '0001_slow', n: '1' },
          { migration_name: '0002_second', n: '1' },
        ]);
      } finally {
        await a.close();
        await b.close();
        await drop();
      }
    },
  );
});
