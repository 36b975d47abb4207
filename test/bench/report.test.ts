/**
 * docs/PERFORMANCE.md is generated whole from the recorded result files: every benchmark and engine
 * recorded has its section, and re-running one benchmark (a new result file for it) leaves every
 * other section as recorded. No benchmark runs here: fixture result files only.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { throughput, latency } from '../../bench/lib/harness.js';
import { renderReport } from '../../bench/lib/report.js';
import { readResults, writeResult, type ResultFile } from '../../bench/lib/results.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  dirs.push(d);
  return d;
};

function fixture(benchmark: string, engine: 'pglite' | 'postgres', value: number, date: string): ResultFile {
  return {
    benchmark,
    engine,
    description: `${benchmark} description`,
    about: `About ${benchmark}: published anchors are context here.`,
    date,
    commit: 'abcdef0123456789',
    dirty: false,
    machine: { cores: 2, cpu: 'Test CPU', ramGiB: 24, node: 'v20.0.0', os: 'Linux' },
    loadAverage: { before: [1.5, 1, 0.5], after: [2, 1.2, 0.6] },
    settings: { BENCH_SECONDS: '5' },
    measurements: [
      throughput({
        benchmark,
        engine,
        metric: `${benchmark} throughput`,
        unit: 'req/s',
        value,
        baselineName: 'bare route, same work',
        baseline: value * 2,
        target: '≥ 0.5×',
        met: true,
      }),
      latency({
        benchmark,
        engine,
        metric: `${benchmark} p99 at 50 % of max`,
        unit: 'ms',
        value: 30,
        baselineName: 'bare route, same work',
        baseline: 10,
        target: 'p99 ≤ 25 ms',
        met: false,
      }),
    ],
    notes: [`${benchmark} on ${engine}: a note`],
  };
}

describe('the performance report', () => {
  it('has a section per benchmark and a table per engine, with date, commit, machine, load and every figure', () => {
    const dir = tempDir();
    for (const b of ['http', 'edfi', 'oneroster'])
      for (const e of ['pglite', 'postgres'] as const)
        writeResult(dir, fixture(b, e, 1234, '2026-12-01T10:00:00.000Z'));
    const page = renderReport(readResults(dir));
    for (const b of ['http', 'edfi', 'oneroster']) {
      expect(page).toContain(`## ${b}: ${b} description`);
      expect(page).toContain(`### ${b} on PostgreSQL`);
      expect(page).toContain(`### ${b} on PGlite`);
      expect(page).toContain(`About ${b}: published anchors are context here.`);
      expect(page).toContain(`- ${b} on pglite: a note`);
    }
    expect(page).toContain('commit `abcdef0123`');
    expect(page).toContain('2 × Test CPU, 24 GiB, Node v20.0.0');
    expect(page).toContain('load average 1.5 / 1 / 0.5 before');
    expect(page).toContain('BENCH_SECONDS=5');
    expect(page).toContain(
      '| http throughput | 1,234 req/s | bare route, same work | 2,468 req/s | 0.50× | ≥ 0.5× | met |',
    );
    expect(page).toContain('| p99 ≤ 25 ms | **not met** |');
    // Sections in reading order.
    expect(page.indexOf('## http')).toBeLessThan(page.indexOf('## edfi'));
    expect(page.indexOf('## edfi')).toBeLessThan(page.indexOf('## oneroster'));
  });

  it('re-running one benchmark replaces its section only (npm run bench -- report)', () => {
    const dir = tempDir();
    const report = path.join(dir, 'PERFORMANCE.md');
    const results = path.join(dir, 'results');
    writeResult(results, fixture('http', 'postgres', 1111, '2026-11-01T10:00:00.000Z'));
    writeResult(results, fixture('edfi', 'postgres', 2222, '2026-11-01T10:00:00.000Z'));
    writeResult(results, fixture('oneroster', 'postgres', 3333, '2026-11-01T10:00:00.000Z'));
    // A later run of oneroster alone: its own file is rewritten, nothing else.
    writeResult(results, fixture('oneroster', 'postgres', 4444, '2026-12-02T09:00:00.000Z'));
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'report'], {
      env: { ...process.env, BENCH_RESULTS_DIR: results, BENCH_REPORT_FILE: report },
      stdio: 'pipe',
    });
    const page = fs.readFileSync(report, 'utf8');
    expect(page).toContain('| http throughput | 1,111 req/s');
    expect(page).toContain('| edfi throughput | 2,222 req/s');
    expect(page).toContain('| oneroster throughput | 4,444 req/s');
    expect(page).not.toContain('3,333 req/s');
    expect(page).toContain('Measured 2026-12-02 09:00 UTC');
    expect(page).toContain('Measured 2026-11-01 10:00 UTC');
  });

  it('keeps variants of one benchmark side by side (OneRoster scales)', () => {
    const dir = tempDir();
    writeResult(dir, { ...fixture('oneroster', 'postgres', 46, '2026-12-02T10:00:00.000Z'), variant: 'scale-2.5' });
    writeResult(dir, { ...fixture('oneroster', 'postgres', 900, '2026-12-02T11:00:00.000Z'), variant: 'scale-0.1' });
    expect(fs.readdirSync(dir).sort()).toEqual([
      'oneroster.postgres.scale-0.1.json',
      'oneroster.postgres.scale-2.5.json',
    ]);
    const page = renderReport(readResults(dir));
    expect(page).toContain('### oneroster on PostgreSQL (scale-2.5)');
    expect(page).toContain('### oneroster on PostgreSQL (scale-0.1)');
    expect(page.indexOf('(scale-0.1)')).toBeLessThan(page.indexOf('(scale-2.5)'));
  });
});
