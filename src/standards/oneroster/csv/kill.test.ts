/**
 * kill -9 in the middle of a real import: `schola oneroster import` runs in a child process against a
 * PGlite data directory or a PostgreSQL database and is killed with SIGKILL once its progress shows
 * a file staged and merged (inside the one import transaction). The tenant's previous rows must be
 * exactly as before (nothing half-applied), the PGlite data directory must open again (the killed
 * process's lock is stale), and running the same import again must complete with the expected rows.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { openDatabase, type Database } from '../../../platform/db/database.js';
import { LOCK_FILE } from '../../../platform/db/data-dir-lock.js';
import { engine, migratedDatabase } from '../../../../test/support/db.js';
import { importPackage } from './import.js';
import { reportText } from './report.js';
import { createTenant, manifest, writeDirectory, type PackageFiles } from '../../../../test/support/oneroster-csv.js';

const SLUG = 'kill-nine';
const USERS = 1000;
const CLASSES = 50;

/** A district whose users carry `given` as their given name and `enrollments` student enrollments. */
function district(given: string, enrollments: number): PackageFiles {
  const lines = (header: string, count: number, row: (i: number) => string) =>
    [header, ...Array.from({ length: count }, (_, i) => row(i))].join('\n');
  return {
    manifest: manifest({
      academicSessions: 'bulk',
      orgs: 'bulk',
      courses: 'bulk',
      classes: 'bulk',
      users: 'bulk',
      enrollments: 'bulk',
    }),
    orgs:
      'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nd1,,,District,district,D1,\ns1,,,' +
      'School,school,S1,d1',
    academicSessions:
      'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\ny1,,,2026-27,' +
      'schoolYear,2026-08-15,2027-06-10,,2027',
    courses:
      'sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,' +
      'subjectCodes\nc1,,,y1,Algebra,ALG,09,d1,Math,',
    classes: lines(
      'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,' +
        'schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
      CLASSES,
      (i) => `k${i},,,Class ${i},09,c1,K${i},scheduled,,s1,y1,Math,,`,
    ),
    users: lines(
      'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,' +
        'identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,' +
        'preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
      USERS,
      (i) => `u${i},,,true,user${i},,${given},Family${i},,,,,,,09,,,,,,s1,`,
    ),
    enrollments: lines(
      'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
      enrollments,
      (i) => `e${i},,,k${i % CLASSES},s1,u${i % USERS},student,false,,`,
    ),
  };
}

interface Target {
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function target(): Promise<Target & { dataDir?: string }> {
  if (engine() === 'postgres') {
    const database = await migratedDatabase();
    return { env: { DATABASE_URL: database.url! }, open: async () => database, dispose: () => database.dispose() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-kill-'));
  fs.cpSync(path.join(inject('pgliteTemplate'), 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
  return {
    dataDir,
    env: { SCHOLA_DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** `schola oneroster import <dir> --tenant kill-nine` in a child process. */
function cliImport(dir: string, env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, LOG_LEVEL: 'error' };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'oneroster', 'import', dir, '--tenant', SLUG],
    { cwd: path.resolve('.'), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(async () => void child.kill('SIGKILL')); // a failed assertion must not leave it running
  return { child, exited, stderr: () => stderr, stdout: () => stdout };
}

async function snapshot(database: Database, tenantId: string) {
  const rows = async (table: string) =>
    database.query(`SELECT * FROM oneroster.${table} WHERE tenant_id = $1 ORDER BY sourced_id`, [tenantId]);
  return {
    users: await rows('users'),
    classes: await rows('classes'),
    enrollments: await rows('enrollments'),
    audits: await database.query(`SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1`, [
      tenantId,
    ]),
  };
}

describe('kill -9 during `schola oneroster import`', () => {
  it(
    'leaves the previous import intact, the database opens again, and the re-run applies the package',
    { timeout: 120_000 },
    async () => {
      const where = await target();
      cleanups.push(where.dispose);
      let database = await where.open();
      const tenantId = await createTenant(database, SLUG);
      const firstDir = writeDirectory(district('Before', 2000));
      const first = await importPackage(database, tenantId, firstDir);
      expect(first.ok, reportText(first)).toBe(true);
      const before = await snapshot(database, tenantId);
      expect(before.enrollments).toHaveLength(2000);
      if (engine() === 'pglite') await database.close(); // one process at a time in a data directory

      // Every user renamed (users.csv is merged first), then enough enrollments to still be busy when killed.
      const second = writeDirectory(district('After', 40_000));
      cleanups.push(async () => [firstDir, second].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
      const run = cliImport(second, where.env);
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (/^users: \d+ rows/m.test(run.stderr())) {
            clearInterval(poll);
            resolve();
          }
        }, 5);
        void run.exited.then(({ code }) => {
          clearInterval(poll);
          reject(
            new Error(`the import ended (exit ${code}) before it could be killed: ${run.stderr()} ${run.stdout()}`),
          );
        });
      });
      run.child.kill('SIGKILL');
      expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(run.stdout()).toBe(''); // killed before the report: nothing was committed
      if (where.dataDir) expect(fs.existsSync(path.join(where.dataDir, LOCK_FILE))).toBe(true);

      // The killed process's lock is stale: the data directory opens, and the previous state is whole.
      if (engine() === 'pglite') database = await where.open();
      expect(await snapshot(database, tenantId)).toEqual(before);
      if (engine() === 'pglite') await database.close();

      const rerun = cliImport(second, where.env);
      const done = await rerun.exited;
      expect(done, rerun.stderr()).toEqual({ code: 0, signal: null });
      expect(rerun.stdout()).toMatch(
        /enrollments\.csv \(bulk\): 40000 rows, 0 bad; 38000 inserted, 0 updated, 2000 unchanged/,
      );

      if (engine() === 'pglite') database = await where.open();
      try {
        const after = await snapshot(database, tenantId);
        expect(after.users).toHaveLength(USERS);
        expect(after.users.every((u) => u.given_name === 'After' && u.status === 'active')).toBe(true);
        expect(after.enrollments).toHaveLength(40_000);
        expect(after.enrollments.every((e) => e.status === 'active')).toBe(true);
        expect(after.audits[0]!.n).toBe((before.audits[0] as { n: number }).n + 6);
      } finally {
        if (engine() === 'pglite') await database.close();
      }
    },
  );
});
