/**
 * One measured load in a process of its own, so that its peak RSS is its own (not the package
 * generator's, the parent's database or the REST benchmark's): `import` runs importPackage on a
 * package already written to disk; `copy` runs the raw COPY baseline of the same rows. Started by
 * index.ts as `node --import tsx bench/oneroster/child.ts '<job JSON>'`; prints one JSON line.
 * PGlite is opened from the parent's data directory (the parent closes it first).
 */
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { importPackage } from '../../src/standards/oneroster/csv/import.js';
import { districtFiles, districtSize, type DistrictFile } from './district.js';
import { copyChunks } from './district-output.js';

export interface ChildJob {
  mode: 'import' | 'copy';
  engine: 'pglite' | 'postgres';
  /** PGlite data directory or PostgreSQL URL. */
  database: string;
  tenantId: string;
  /** import: the package directory. */
  dir?: string;
  /** copy: the district to render. */
  scale?: number;
  stamp: string;
}

export interface ChildResult {
  seconds: number;
  /** The process's peak resident set size (getrusage maxrss), start-up included. */
  peakMiB: number;
  /** RSS once the runtime, the code and the database connection were loaded, before the load. */
  startMiB: number;
  /**
   * Peak of the V8 heap used: the loader's own objects. With PGlite most of the rest of the RSS is
   * the engine's WebAssembly memory (shared buffers, catalogs), which the COPY baseline grows too.
   */
  jsPeakMiB: number;
  ok: boolean;
  error?: string;
}

async function copyAll(database: Database, files: DistrictFile[], stamp: string): Promise<number> {
  let seconds = 0;
  for (const f of files) {
    for (const chunk of copyChunks(f, stamp)) {
      const started = performance.now();
      await database.copyFromCsv(f.table, f.dbColumns, chunk);
      seconds += (performance.now() - started) / 1000;
    }
  }
  return seconds;
}

/** Samples the V8 heap (the loader's own objects and strings) while `fn` runs. */
async function jsPeak<T>(fn: () => Promise<T>): Promise<{ result: T; jsPeakMiB: number }> {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 50);
  try {
    const result = await fn();
    sample();
    return { result, jsPeakMiB: Math.round(peak / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

async function run(job: ChildJob): Promise<ChildResult> {
  const database =
    job.engine === 'pglite'
      ? await openDatabase({ dataDir: job.database })
      : await openDatabase({ databaseUrl: job.database, poolMax: 2 });
  try {
    const startMiB = Math.round(process.memoryUsage().rss / 1048576);
    let seconds = 0;
    let ok = true;
    let error: string | undefined;
    const { jsPeakMiB } = await jsPeak(async () => {
      if (job.mode === 'import') {
        const started = performance.now();
        const report = await importPackage(database, job.tenantId, job.dir!);
        seconds = (performance.now() - started) / 1000;
        ok = report.applied && report.ok;
        if (!ok) error = `${report.errorCount} errors, first: ${JSON.stringify(report.issues.slice(0, 3))}`;
      } else {
        seconds = await copyAll(database, districtFiles(districtSize(job.scale!), job.tenantId), job.stamp);
      }
    });
    return { seconds, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024), startMiB, jsPeakMiB, ok, error };
  } finally {
    await database.close();
  }
}

const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob;
process.stdout.write(`${JSON.stringify(await run(job))}\n`);
