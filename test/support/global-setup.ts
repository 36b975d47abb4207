/**
 * Prepares one migrated template database per test project (engine), see vitest.config.ts:
 * - `pglite`: a data directory is migrated once; each test file opens its own copy;
 * - `postgres` (server URL postgres://…/<base>): database <base>_tpl is created and migrated; each
 *   test file clones it with CREATE DATABASE … TEMPLATE (fast, isolated).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'postgres';
    pgliteTemplate: string;
    pgServerUrl: string;
    pgTemplateDb: string;
    /** The run's temporary root: each test file's own temporary directory is made in it (temp-dirs.ts). */
    tmpRoot: string;
  }
}

function adminUrl(url: string): { server: string; base: string } {
  const parsed = new URL(url);
  const base = parsed.pathname.replace(/^\//, '') || 'schola_test';
  parsed.pathname = '/postgres';
  return { server: parsed.toString(), base };
}

/** The run's temporary root, shared by the engines' projects of one vitest process. */
const TMP_ROOT = path.join(os.tmpdir(), `schola-tests-${process.pid}`);

/**
 * After a project's run: every test file removed its temporary directory (temp-dirs.ts). One left
 * behind (a file whose afterAll never ran) is removed here and fails the run (a thrown teardown
 * error would only be logged: vitest still exits 0).
 */
function removeTempDirs(engine: string): void {
  const left = fs.existsSync(TMP_ROOT) ? fs.readdirSync(TMP_ROOT).filter((name) => name.startsWith(`${engine}-`)) : [];
  for (const name of left) fs.rmSync(path.join(TMP_ROOT, name), { recursive: true, force: true });
  if (fs.existsSync(TMP_ROOT) && fs.readdirSync(TMP_ROOT).length === 0) fs.rmdirSync(TMP_ROOT);
  if (left.length > 0) {
    console.error(`${left.length} test temporary directories were not removed by their test file: ${left.join(', ')}`);
    process.exitCode = 1;
  }
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP_ROOT, { recursive: true });
  project.provide('tmpRoot', TMP_ROOT);
  const teardown = await prepareTemplate(project);
  return async () => {
    await teardown();
    removeTempDirs(project.name);
  };
}

async function prepareTemplate(project: TestProject): Promise<() => void | Promise<void>> {
  // The `postgres` project carries its server's URL (vitest.config.ts); `pglite` has none.
  const url = project.name === 'postgres' ? project.config.env?.SCHOLA_TEST_DATABASE_URL : undefined;
  if (url) {
    const { server, base } = adminUrl(url);
    const template = `${base}_tpl`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
    const templateUrl = new URL(server);
    templateUrl.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: templateUrl.toString(), poolMax: 2 });
    await migrate(database);
    await database.close();
    project.provide('engine', 'postgres');
    project.provide('pgServerUrl', server);
    project.provide('pgTemplateDb', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      // Drop every database this run created (template and per-file clones).
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${base}\\_%`,
      ]);
      for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  // A migrated PGlite data directory; each test file opens a copy of it (a file copy is far faster
  // than migrating again, and PGlite's in-memory dump/load did not round-trip the schema).
  const dir = path.resolve('.tmp', `pglite-template-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: dir });
  await migrate(database);
  await database.close();
  project.provide('engine', 'pglite');
  project.provide('pgliteTemplate', dir);
  project.provide('pgServerUrl', '');
  project.provide('pgTemplateDb', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
