/**
 * OneRoster reads on PGlite (issue 12): imports a district at BENCH_SCALE (default 0.1) into an in-memory
 * PGlite, lists the statements one GET /users/{id} and one GET /users?limit=100 send, then times each
 * endpoint sequentially and under PROBE_CONNECTIONS (50) for PROBE_SECONDS (5), against the bare route.
 *   npx tsx bench/oneroster/pglite-probe.ts        PROBE_ONLY=<part of an endpoint's name>
 * Not part of `npm run bench`: nothing is recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { applicationPlugins } from '../../src/app.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { tuneServerRuntime } from '../../src/platform/runtime-tuning.js';
import { pageStats } from '../../src/standards/oneroster/page-cache.js';
import { importPackage } from '../../src/standards/oneroster/csv/import.js';
import { drain, load } from '../lib/http-load.js';
import { countStatements } from '../lib/statements.js';
import { clientToken, createBenchTenant } from '../lib/tenant.js';
import { districtFiles, districtSize, sampleIds } from './district.js';
import { writePackage } from './district-output.js';
import { bareApp, bareQuery, bareRoutes, bareSettled } from './rest.js';
import { startPromotedSampling } from './tail-instruments.js';

const scale = Number(process.env.BENCH_SCALE ?? '0.1');
const seconds = Number(process.env.PROBE_SECONDS ?? '5');
const connections = Number(process.env.PROBE_CONNECTIONS ?? '50');
const loads = process.env.PROBE_LOADS !== '0';
const only = process.env.PROBE_ONLY;

// As `schola start` and `npm run bench` run the server (runtime-tuning.ts); PROBE_PRETENURING=1 keeps V8's default.
if (process.env.PROBE_PRETENURING !== '1') tuneServerRuntime();

const dataDir = process.env.PROBE_DATADIR ? fs.mkdtempSync(path.join(os.tmpdir(), 'probe-or-db-')) : undefined;
const database = await openDatabase(dataDir ? { dataDir } : {});
await migrate(database);
const tenant = await createBenchTenant(database, 'probe-or');
const size = districtSize(scale);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-or-'));
await writePackage(dir, districtFiles(size, tenant), '2026-08-01T00:00:00.000Z');
await importPackage(database, tenant, dir);
fs.rmSync(dir, { recursive: true, force: true });
await database.exec('ANALYZE');
const app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
const bare = bareApp();
const bareDb = await bareQuery(database, undefined, tenant);
const token = await clientToken(app, database, tenant, ['roster.readonly']);
const headers = { authorization: `Bearer ${token}` };
const { classIds, userIds } = sampleIds(size);
const endpoints = await bareRoutes(bare, bareDb.query, tenant, classIds, userIds);
const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
for (const endpoint of endpoints) {
  if (only && !endpoint.name.includes(only)) continue;
  for (const p of endpoint.paths.slice(0, 3)) await fetch(`${appUrl}${p}`, { headers }).then((r) => r.text());
  const seen: string[] = [];
  const { statements } = await countStatements(
    () => fetch(`${appUrl}${endpoint.paths[endpoint.paths.length > 1 ? 1 : 0]}`, { headers }).then((r) => r.text()),
    (text) => seen.push(text.replace(/\s+/g, ' ').slice(0, 160)),
  );
  console.log(`${endpoint.name}: ${statements} statements\n  ${seen.join('\n  ')}`);
  // Wall and CPU time per request, one at a time (CPU: this process, which runs the engine, both servers
  // and this client: steadier than wall time on a shared machine).
  const sequential = async (url: string, paths: string[], h: Record<string, string>) => {
    const n = 500;
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < n; i++) await fetch(`${url}${paths[i % paths.length]}`, { headers: h }).then((r) => r.text());
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000 / n;
    return `${((performance.now() - started) / n).toFixed(2)} wall, ${cpuMs.toFixed(2)} CPU`;
  };
  console.log(
    `  sequential ms/request: provider ${await sequential(appUrl, endpoint.paths, headers)}, ` +
      `bare ${await sequential(bareUrl, endpoint.barePaths, {})}`,
  );
  if (!loads) continue;
  // The benchmark's order (rest.ts compare): provider, bare and counted bare at saturation, then the
  // provider at half its maximum, with what the server's thread went through meanwhile.
  const saturate = async (url: string, paths: string[], h: Record<string, string>) => {
    await drain(`${url}${paths[0]}`, h);
    const result = await load(url, { connections, seconds, headers: h, paths: [...paths] });
    await drain(`${url}${paths[0]}`, h);
    if (!process.env.PROBE_UNSETTLED) await bareSettled();
    return result;
  };
  const profile = process.env.PROBE_PROFILE ? new Session() : undefined;
  if (profile) {
    profile.connect();
    await profile.post('Profiler.enable');
    await profile.post('Profiler.start');
  }
  const max = await saturate(appUrl, endpoint.paths, headers);
  if (profile) {
    const { profile: cpu } = await profile.post('Profiler.stop');
    fs.writeFileSync(
      `${process.env.PROBE_PROFILE}.${endpoint.name.replace(/\W+/g, '_')}.cpuprofile`,
      JSON.stringify(cpu),
    );
    profile.disconnect();
  }
  const bareMax = await saturate(bareUrl, endpoint.barePaths, {});
  if (endpoint.countedPaths) await saturate(bareUrl, endpoint.countedPaths, {});
  const rate = Math.max(1, Math.round(max.requestsPerSecond / 2));
  if (process.env.PROBE_GC) (globalThis as { gc?: () => void }).gc?.();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const pauses: string[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration > 10)
        pauses.push(`${Math.round(e.duration)}(${(e as { detail?: { kind?: number } }).detail?.kind})`);
  });
  gc.observe({ entryTypes: ['gc'] });
  // Engine calls that held the thread for more than 20 ms (PGlite runs each call synchronously).
  const slowCalls: string[] = [];
  const proto = PGlite.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const originals = { query: proto.query!, exec: proto.exec! };
  for (const name of ['query', 'exec'] as const)
    proto[name] = async function (this: unknown, ...args: unknown[]) {
      const started = performance.now();
      try {
        return await originals[name].apply(this, args);
      } finally {
        const ms = performance.now() - started;
        if (ms > 20) slowCalls.push(`${ms.toFixed(0)} ms ${String(args[0]).replace(/\s+/g, ' ').slice(0, 80)}`);
      }
    };
  const statsBefore = { ...pageStats };
  loop.enable();
  // PROBE_HEAPPROF=<file>: what the paced load promoted and a major GC then collected (tail-instruments.ts).
  const profiler = process.env.PROBE_HEAPPROF ? await startPromotedSampling() : undefined;
  const half = await load(appUrl, { connections, seconds, headers, paths: [...endpoint.paths], overallRate: rate });
  if (profiler) await profiler(`${process.env.PROBE_HEAPPROF}.${endpoint.name.replace(/\W+/g, '_')}.heapprofile`);
  loop.disable();
  gc.disconnect();
  Object.assign(proto, originals);
  console.log(`  page cache before ${JSON.stringify(statsBefore)} after ${JSON.stringify(pageStats)}`);
  console.log(
    `  engine calls over 20 ms during the provider at half: ${slowCalls.length}\n    ` +
      slowCalls.slice(0, 15).join('\n    '),
  );
  console.log(
    `  provider max ${Math.round(max.requestsPerSecond)}/s, bare ${Math.round(bareMax.requestsPerSecond)}/s; ` +
      `provider at ${rate}/s p50 ${half.p50} p99 ${half.p99} ms; loop delay p99 ` +
      `${(loop.percentile(99) / 1e6).toFixed(1)} max ${(loop.max / 1e6).toFixed(1)} ms; ` +
      `GC > 10 ms: ${pauses.join(', ') || 'none'}; ` +
      `heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
  );
}
await app.close();
await bare.close();
await database.close();
if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
