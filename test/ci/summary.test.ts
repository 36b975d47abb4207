/**
 * The CI summary (.ci/summary.mjs) against vitest JSON reports: a test file that crashed before its
 * tests (an import error: no assertion results; a throwing beforeAll: only skipped ones) is a failure.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const passing = (name: string, tests: number) => ({
  name,
  status: 'passed',
  message: '',
  assertionResults: Array.from({ length: tests }, (_, i) => ({ title: `t${i}`, status: 'passed' })),
});

function report(testResults: object[], counts: { passed: number; failed: number; pending: number }) {
  return {
    numPassedTests: counts.passed,
    numFailedTests: counts.failed,
    numPendingTests: counts.pending,
    success: counts.failed === 0,
    testResults,
  };
}

async function summarize(reports: Record<string, object>, failedSteps = 0, exitCodes: Record<string, number> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-ci-summary-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(reports)) fs.writeFileSync(`${dir}/${name}.json`, JSON.stringify(body));
  for (const [name, code] of Object.entries(exitCodes)) fs.writeFileSync(`${dir}/${name}.exit`, `${code}\n`);
  const result = await run(process.execPath, ['.ci/summary.mjs', dir, String(failedSteps)]).then(
    ({ stdout }) => ({ stdout, code: 0 }),
    (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
  );
  return { ...result, summary: fs.readFileSync(`${dir}/summary.txt`, 'utf8').trim() };
}

describe('.ci/summary.mjs', () => {
  it('counts a file that crashed at import as failed, in the per-engine line and the final line', async () => {
    const crashed = {
      name: '/repo/src/standards/edfi/load.test.ts',
      status: 'failed',
      message: "Cannot find module './missing-fixture.xml'",
      assertionResults: [],
    };
    const result = await summarize({
      pglite: report([passing('/repo/a.test.ts', 3), crashed], { passed: 3, failed: 0, pending: 0 }),
      postgres: report([passing('/repo/a.test.ts', 3)], { passed: 3, failed: 0, pending: 0 }),
    });
    expect(result.stdout).toContain('pglite: 3 passed, 0 failed, 0 skipped, 1 files failed to run');
    expect(result.stdout).toContain('failed to run: /repo/src/standards/edfi/load.test.ts: Cannot find module');
    expect(result.summary).toBe('6 passed, 1 failed');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('6 passed, 1 failed');
    expect(result.code).toBe(1);
  });

  it('counts a file whose beforeAll threw (its tests reported skipped) as failed', async () => {
    const setupThrew = {
      name: '/repo/b.test.ts',
      status: 'failed',
      message: 'boom',
      assertionResults: [
        { title: 'one', status: 'skipped' },
        { title: 'two', status: 'skipped' },
      ],
    };
    const result = await summarize({
      pglite: report([setupThrew], { passed: 0, failed: 0, pending: 2 }),
      postgres: report([passing('/repo/a.test.ts', 1)], { passed: 1, failed: 0, pending: 0 }),
    });
    expect(result.stdout).toContain('pglite: 0 passed, 0 failed, 2 skipped, 1 files failed to run');
    expect(result.summary).toBe('1 passed, 1 failed');
  });

  it('does not count a file twice when its tests failed, and passes a clean run', async () => {
    const failing = {
      name: '/repo/c.test.ts',
      status: 'failed',
      message: '',
      assertionResults: [
        { title: 'a', status: 'failed' },
        { title: 'b', status: 'passed' },
      ],
    };
    const red = await summarize({
      pglite: report([failing], { passed: 1, failed: 1, pending: 0 }),
      postgres: report([], { passed: 0, failed: 0, pending: 0 }),
    });
    expect(red.summary).toBe('1 passed, 1 failed');
    const green = await summarize({
      pglite: report([passing('/repo/a.test.ts', 2)], { passed: 2, failed: 0, pending: 0 }),
      postgres: report([passing('/repo/a.test.ts', 2)], { passed: 2, failed: 0, pending: 0 }),
    });
    expect(green).toMatchObject({ summary: '4 passed, 0 failed', code: 0 });
  });

  it('counts a missing report and failed CI steps', async () => {
    const result = await summarize(
      { pglite: report([passing('/repo/a.test.ts', 1)], { passed: 1, failed: 0, pending: 0 }) },
      2,
    );
    expect(result.stdout).toContain('postgres: no report (the run crashed)');
    expect(result.summary).toBe('1 passed, 3 failed');
  });

  it('counts a run that exited non-zero with no failed test (e.g. its teardown found leftovers) as failed', async () => {
    const clean = report([passing('/repo/a.test.ts', 2)], { passed: 2, failed: 0, pending: 0 });
    const result = await summarize({ pglite: clean, postgres: clean }, 0, { pglite: 1, postgres: 0 });
    expect(result.stdout).toContain('pglite: vitest exited with code 1 although no test failed');
    expect(result.summary).toBe('4 passed, 1 failed');
  });
});
