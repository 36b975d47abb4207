/**
 * `npm run bench [-- name…] [-- --engine pglite|postgres]`: runs the benchmarks in bench/*\/index.ts
 * (all, or those named) on PGlite and (when reachable) the PostgreSQL server at BENCH_DATABASE_URL or
 * 127.0.0.1:5432, records each benchmark's figures per engine in bench/results/<bench>.<engine>.json,
 * then regenerates docs/PERFORMANCE.md from every recorded result file.
 * `npm run bench -- report` only regenerates the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Benchmark } from './lib/harness.js';
import { renderReport } from './lib/report.js';
import { commit, loadAverage, machine, readResults, writeResult } from './lib/results.js';
import { tuneServerRuntime } from '../src/platform/runtime-tuning.js';

// Every benchmark builds the server in this process (its baselines too): run it as `schola start` does.
// BENCH_PRETENURING=1 keeps V8's default, for an A/B of that setting.
if (process.env.BENCH_PRETENURING !== '1') tuneServerRuntime();

const here = path.dirname(fileURLToPath(import.meta.url));
// Overridable so that a test can regenerate a report from fixture files without touching the real ones.
const resultsDir = process.env.BENCH_RESULTS_DIR ?? path.join(here, 'results');
const reportFile = process.env.BENCH_REPORT_FILE ?? path.join(here, '..', 'docs', 'PERFORMANCE.md');
const args = process.argv.slice(2);
const engineArg = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : undefined;
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--engine');
const reportOnly = named.length === 1 && named[0] === 'report';
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `schola_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function loadBenchmarks(): Promise<Benchmark[]> {
  const found: Benchmark[] = [];
  for (const dir of fs.readdirSync(here, { withFileTypes: true })) {
    if (!dir.isDirectory() || ['lib', 'results'].includes(dir.name)) continue;
    const file = path.join(here, dir.name, 'index.ts');
    if (!fs.existsSync(file)) continue;
    const { benchmark } = (await import(pathToFileURL(file).href)) as { benchmark: Benchmark };
    if (named.length === 0 || named.includes(benchmark.name)) found.push(benchmark);
  }
  const unknown = named.filter((n) => !found.some((b) => b.name === n));
  if (unknown.length) throw new Error(`no benchmark named ${unknown.join(', ')} (see bench/*/index.ts)`);
  return found;
}

async function runOne(benchmark: Benchmark, engine: 'pglite' | 'postgres'): Promise<void> {
  const pgDb = engine === 'postgres' ? await freshPgDatabase() : undefined;
  if (engine === 'postgres' && !pgDb) {
    console.log(`[${engine}] ${benchmark.name}: skipped (no PostgreSQL server at ${server})`);
    return;
  }
  console.log(`[${engine}] ${benchmark.name}: ${benchmark.description}`);
  const before = loadAverage();
  const measured = commit();
  const notes: string[] = [];
  try {
    const measurements = await benchmark.run({
      engine,
      pgUrl: pgDb?.url,
      log: (m) => console.log(`  ${m}`),
      note: (m) => {
        console.log(`  ${m}`);
        notes.push(m);
      },
    });
    if (measurements.length === 0) {
      // Nothing measured on this engine (e.g. the web benchmark runs on PGlite only): no empty result file.
      console.log(`  nothing measured on ${engine}: not recorded`);
      return;
    }
    const settings = Object.fromEntries(
      (benchmark.settings ?? []).filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]),
    );
    const file = writeResult(resultsDir, {
      benchmark: benchmark.name,
      engine,
      variant: benchmark.variant?.(),
      description: benchmark.description,
      about: benchmark.about,
      date: new Date().toISOString(),
      ...measured,
      machine: machine(),
      loadAverage: { before, after: loadAverage() },
      settings,
      measurements,
      notes,
    });
    console.log(`  recorded ${path.relative(process.cwd(), file)}`);
  } finally {
    // BENCH_KEEP_DATABASE=1 keeps the PostgreSQL database for a look at its plans afterwards.
    if (process.env.BENCH_KEEP_DATABASE) console.log(`  kept the database: ${pgDb?.url}`);
    else await pgDb?.drop();
  }
}

if (!reportOnly) {
  const benchmarks = await loadBenchmarks();
  for (const engine of ['pglite', 'postgres'] as const) {
    if (engineArg && engineArg !== engine) continue;
    for (const benchmark of benchmarks) await runOne(benchmark, engine);
  }
}
fs.mkdirSync(path.dirname(reportFile), { recursive: true });
fs.writeFileSync(reportFile, renderReport(readResults(resultsDir)));
console.log(`\nwrote ${path.relative(process.cwd(), reportFile)} from ${readResults(resultsDir).length} result files`);
