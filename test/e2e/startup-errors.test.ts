/**
 * Start-up mistakes a newcomer makes, run as processes: each prints one sentence on stderr saying what
 * is wrong and what to do — no stack trace, no driver error object — and exits with code 2 (3 for a
 * data directory in use, as the README says). Invalid arguments exit 2 too.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { emptyPgUrl, engine } from '../support/db.js';

const BIN = path.resolve('bin/schola.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-startup-'));
  dirs.push(dir);
  return dir;
}

/** Runs `schola <args>` to its end. */
function schola(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', SCHOLA_DATA_DIR: tempDir(), ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** One line, starting "schola: ", with no stack frame or error-object dump. */
function expectOneSentence(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^schola: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at |code: '|errno/);
}

/** A TCP port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up mistakes', () => {
  it('DATABASE_URL names a server that does not answer: exit 2, one sentence', async () => {
    const port = await closedPort();
    const result = await schola(['migrate'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/schola` });
    expect(result.code).toBe(2);
    expectOneSentence(
      result.stderr,
      new RegExp(`No PostgreSQL server answers at 127\\.0\\.0\\.1:${port}: start it, or correct .* DATABASE_URL\\.$`),
    );
  });

  it.runIf(engine() === 'postgres')(
    'DATABASE_URL names a database that does not exist: exit 2, one sentence',
    async () => {
      const url = new URL(inject('pgServerUrl'));
      url.pathname = '/schola_no_such_database';
      url.password = 'secret-password';
      const result = await schola(['serve'], { DATABASE_URL: url.toString() });
      expect(result.code).toBe(2);
      expectOneSentence(
        result.stderr,
        /The database "schola_no_such_database" does not exist .*: create it .* or correct DATABASE_URL\.$/,
      );
      expect(result.stderr).not.toContain('secret-password');
    },
  );

  it('the port is in use: exit 2, one sentence', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    const pg = engine() === 'postgres' ? await emptyPgUrl() : undefined;
    // PGlite: a copy of the migrated template, so start-up reaches the listen quickly.
    const dataDir = tempDir();
    if (!pg)
      fs.cpSync(path.join(inject('pgliteTemplate'), 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
    try {
      const result = await schola(['start'], {
        PORT: String(port),
        SCHOLA_DEMO_SEED: 'false',
        SCHOLA_DATA_DIR: dataDir,
        ...(pg ? { DATABASE_URL: pg.url } : {}),
      });
      expect(result.code).toBe(2);
      expectOneSentence(
        result.stderr,
        new RegExp(
          `Port ${port} on 127\\.0\\.0\\.1 is already in use: stop the process using it, or set PORT to a free port`,
        ),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await pg?.drop();
    }
  }, 120_000);

  it('the data directory is in use by a live process: exit 3, one sentence', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'schola.lock'),
      JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }),
    );
    const result = await schola(['db', 'status'], { SCHOLA_DATA_DIR: dataDir });
    expect(result.code).toBe(3);
    expectOneSentence(
      result.stderr,
      new RegExp(
        `data directory .* is in use by another Schola process \\(pid ${process.pid}\\): stop that process, or set ` +
          `SCHOLA_DATA_DIR`,
      ),
    );
  });
});

describe.concurrent('invalid arguments exit 2', () => {
  it.each([
    [['no-such-command'], /unknown command 'no-such-command'/],
    [['seed', 'demo', '--students', 'many'], /option '--students <n>' argument 'many' is invalid/],
    [['edfi', 'load', 'x.xml'], /required option '--tenant <slug>' not specified/],
    [['migrate', '--no-such-option'], /unknown option '--no-such-option'/],
  ])('schola %j', async (args, message) => {
    const result = await schola(args);
    expect(result.code).toBe(2);
    expectOneSentence(result.stderr, message);
  });

  it('--help still exits 0', async () => {
    expect((await schola(['edfi', 'load', '--help'])).code).toBe(0);
  });
});
