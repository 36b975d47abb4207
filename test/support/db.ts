/**
 * Databases for tests, on the engine under test (see global-setup.ts).
 * `migratedDatabase()` — a private copy of the migrated template; `emptyDatabase()` — nothing in it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.js';

export const engine = (): 'pglite' | 'postgres' => inject('engine');

export interface TestDatabase extends Database {
  /** Connection URL (PostgreSQL only), for tests that open a second connection or process. */
  readonly url?: string;
  dispose(): Promise<void>;
}

let counter = 0;

async function createPgDatabase(template?: string): Promise<string> {
  const server = inject('pgServerUrl');
  const base = inject('pgTemplateDb').replace(/_tpl$/, '');
  const name = `${base}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function wrap(database: Database, url: string | undefined): TestDatabase {
  return Object.assign(Object.create(null) as object, database, {
    url,
    async dispose() {
      await database.close();
      if (url) await dropPgDatabase(url);
    },
  }) as TestDatabase;
}

export async function migratedDatabase(): Promise<TestDatabase> {
  if (engine() === 'postgres') {
    const url = await createPgDatabase(inject('pgTemplateDb'));
    return wrap(await openDatabase({ databaseUrl: url, poolMax: 5 }), url);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-test-'));
  fs.cpSync(path.join(inject('pgliteTemplate'), 'pgdata'), path.join(dir, 'pgdata'), { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  return Object.assign(wrap(database, undefined), {
    async dispose() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

export async function emptyDatabase(): Promise<TestDatabase> {
  if (engine() === 'postgres') {
    const url = await createPgDatabase();
    return wrap(await openDatabase({ databaseUrl: url, poolMax: 5 }), url);
  }
  return wrap(await openDatabase({}), undefined);
}

/** A URL for a fresh empty PostgreSQL database (engine postgres only), without opening it. */
export async function emptyPgUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = await createPgDatabase();
  return { url, drop: () => dropPgDatabase(url) };
}
