/**
 * `schola retention run` as a process, against a fresh data directory with a small demo district
 * (its retention policies, old data and a legal hold on one student): the dry run prints one line per
 * policy with the rows it would remove and those a hold keeps, and removes nothing (a second dry run
 * counts the same); bad arguments and an unknown tenant exit 2 with one sentence.
 * Runs on the embedded engine (PGlite) — or on the PostgreSQL server under test when one is set.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPgUrl, engine } from '../support/db.js';

const BIN = path.resolve('bin/schola.js');
const TENANT = 'retention-district';
let extra: Record<string, string> = {};
let dataDir = '';
let pg: Awaited<ReturnType<typeof emptyPgUrl>> | undefined;

function schola(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...extra },
    encoding: 'utf8',
  });
}

/** "would remove N row(s)" and "M kept by legal hold" per table, from the dry run's lines. */
function countsOf(stdout: string): Record<string, { rows: number; held: number }> {
  const counts: Record<string, { rows: number; held: number }> = {};
  for (const line of stdout.split('\n')) {
    const match = line.match(
      /^\S+: (\S+) \[[^\]]+\]: would remove (\d+) row\(s\)[^,(]*(?:, (\d+) kept by legal hold)?/,
    );
    if (match) counts[match[1]!] = { rows: Number(match[2]), held: Number(match[3] ?? 0) };
  }
  return counts;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-retention-cli-'));
  pg = engine() === 'postgres' ? await emptyPgUrl() : undefined;
  extra = { SCHOLA_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
  expect(schola('migrate').status).toBe(0);
  const seeded = schola('seed', 'demo', '--students', '12', '--tenant', TENANT);
  expect(seeded.status, seeded.stderr).toBe(0);
}, 400_000);

afterAll(async () => {
  await pg?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('schola retention run', () => {
  it('--dry-run prints per-table counts (held rows apart) and deletes nothing', () => {
    const dry = schola('retention', 'run', '--dry-run', '--tenant', TENANT);
    expect(dry.status, dry.stderr).toBe(0);
    const counts = countsOf(dry.stdout);
    expect(counts['audio.recordings']).toEqual({ rows: 24, held: 0 });
    expect(counts['operational.api_metrics']).toEqual({ rows: 150, held: 0 });
    expect(counts['analytics.session_events']).toBeDefined();
    // Two of the six old discipline actions belong to the student under legal hold.
    expect(counts['edfi.disciplineaction']).toEqual({ rows: 4, held: 2 });
    expect(dry.stdout).toMatch(
      /edfi\.disciplineaction \[discipline, delete\]: would remove 4 row\(s\) older than .*, 2 kept by legal hold/,
    );
    expect(dry.stdout).not.toMatch(/FAILED/);

    const again = schola('retention', 'run', '--dry-run', '--tenant', TENANT);
    expect(again.status).toBe(0);
    expect(countsOf(again.stdout)).toEqual(counts);
  }, 120_000);

  it('exits 2 with one sentence for bad arguments and for an unknown tenant', () => {
    for (const args of [
      ['retention', 'run', '--dry-run', '--bogus'],
      ['retention', 'run', '--tenant'],
      ['retention', 'sweep'],
    ]) {
      const bad = schola(...args);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n')[0]).toMatch(/^schola: .+/);
      expect(bad.stdout).toBe('');
    }
    const unknown = schola('retention', 'run', '--dry-run', '--tenant', 'no-such-district');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe('schola: no tenant with slug "no-such-district"');
    expect(unknown.stdout).toBe('');
  }, 60_000);
});
