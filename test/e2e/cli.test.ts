/**
 * The commands a newcomer types, run as processes: `schola start` (what `npm start` runs) migrates,
 * loads the demo district into an empty embedded database and serves; a second process on the same
 * data directory is refused; SIGTERM stops it cleanly; `db status` and `--help` answer.
 * Runs on the embedded engine (PGlite) — or on the PostgreSQL server under test when one is set.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyPgUrl, engine } from '../support/db.js';
import { readMigrations } from '../../src/platform/db/migrator.js';

const BIN = path.resolve('bin/schola.js');
const children: ChildProcessWithoutNullStreams[] = [];

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...extra };
}

function start(extra: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  url: Promise<string>;
} {
  const child = spawn(process.execPath, [BIN, 'start'], { env: env(extra) });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = output.match(/Schola is serving at (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output, url };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('schola command', () => {
  it('start: migrates, loads the demo district, serves, refuses a second process, survives kill -9, stops on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-cli-'));
    const pg = engine() === 'postgres' ? await emptyPgUrl() : undefined;
    const extra: Record<string, string> = { SCHOLA_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
    try {
      const first = start(extra);
      const url = await first.url;
      expect(first.output()).toMatch(/Demo data loaded: district "demo-district" with 3 schools, 300 students/);
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);

      if (!pg) {
        const second = spawnSync(process.execPath, [BIN, 'start'], { env: env(extra), encoding: 'utf8' });
        expect(second.status).toBe(3);
        expect(second.stderr).toMatch(/data directory .* is in use by another Schola process \(pid \d+\)/);
      }

      // kill -9: nothing is cleaned up. The committed demo data must survive, and (PGlite) the
      // next start must take over the stale lock.
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      if (!pg) expect(fs.existsSync(path.join(dataDir, 'schola.lock'))).toBe(true);

      const again = start(extra);
      const againUrl = await again.url;
      expect(again.output()).not.toMatch(/Demo data loaded/); // the data survived: not empty
      expect((await fetch(`${againUrl}/health/ready`)).status).toBe(200);

      again.child.kill('SIGTERM');
      const code = await new Promise((r) => again.child.once('exit', r));
      expect(code).toBe(0);
      if (!pg) expect(fs.existsSync(path.join(dataDir, 'schola.lock'))).toBe(false);

      const status = spawnSync(process.execPath, [BIN, 'db', 'status'], { env: env(extra), encoding: 'utf8' });
      expect(status.status).toBe(0);
      expect(status.stdout).toMatch(new RegExp(`${readMigrations().length} applied, 0 pending, 0 changed`));
      const seeded = spawnSync(
        process.execPath,
        [BIN, 'seed', 'demo', '--students', '5', '--tenant', 'second-district'],
        { env: env(extra), encoding: 'utf8' },
      );
      expect(seeded.stdout).toMatch(/district "second-district" with 3 schools, 5 students/);
      const created = spawnSync(
        process.execPath,
        [
          BIN,
          'tenants',
          'create',
          '--slug',
          'springfield-isd',
          '--name',
          'Springfield ISD',
          '--admin-email',
          'admin@springfield.example',
        ],
        { env: env(extra), encoding: 'utf8' },
      );
      expect(created.status).toBe(0);
      expect(created.stdout).toMatch(/administrator admin@springfield\.example — password \(shown once\): \S{24}/);
      const clash = spawnSync(process.execPath, [BIN, 'seed', 'demo', '--tenant', 'second-district'], {
        env: env(extra),
        encoding: 'utf8',
      });
      expect(clash.status).toBe(2);
      expect(clash.stderr).toMatch(/A tenant with slug "second-district" already exists/);
    } finally {
      await pg?.drop();
    }
    // Two cold starts (one seeding the demo district) and five CLI runs: slow on a busy 2-core machine.
  }, 180_000);

  it('stops with a clear message and exit code 2 on a wrong configuration value', () => {
    const result = spawnSync(process.execPath, [BIN, 'migrate'], { env: env({ PORT: 'eighty' }), encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /Invalid configuration:\n {2}PORT: expected a whole number from 0 to 65535 \(got "eighty"\)/,
    );
  });

  it('--help lists the commands', () => {
    const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const command of ['start', 'serve', 'migrate', 'db', 'seed', 'docs'])
      expect(result.stdout).toMatch(new RegExp(`\\n\\s+${command}\\b`));
  });
});
