/**
 * Where the OneRoster latency tail comes from (issue 12): only the REST part of the benchmark, with
 * instruments (tail-probe.ts). Imports a district at BENCH_SCALE (default 0.1) into a fresh PostgreSQL
 * database, measures the endpoint's maximum (50 connections), then runs TAIL_ROUNDS paced loads at
 * TAIL_RATE (default half the maximum) and, for each, lines the slowest 1 % of requests (from the load
 * generator's timeline) up with what the server recorded meanwhile: GC pauses, event-loop stalls,
 * connections opened, cache loads, and the server-side split of its own slowest requests; where in the
 * round the slow requests were (slowAt), the GC pauses and loop stalls with their offsets (spans), and
 * the server's timings of the round's first 300 ms. TAIL_NOPROBE=1 leaves the server uninstrumented (the
 * probe's own records are promoted garbage); run it under `node --trace-gc --import tsx` to line the
 * rounds (uptimeMs) up with V8's mark-compacts. Other instruments: tail-instruments.ts.
 *   npx tsx bench/oneroster/tail.ts            TAIL_ENDPOINT=byid|users|students (byid)
 * Prints a JSON line per round. Not part of `npm run bench`: nothing is recorded.
 */
import os from 'node:os';
import { applicationPlugins } from '../../src/app.js';
import { buildApp } from '../../src/platform/http/app.js';
import { tuneServerRuntime } from '../../src/platform/runtime-tuning.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { ROSTERING_BASE } from '../../src/standards/oneroster/rostering-routes.js';
import { assertAllOk, drain, load } from '../lib/http-load.js';
import { clientToken } from '../lib/tenant.js';
import { probeDistrict } from './probe-district.js';
import {
  applyInstruments,
  heapSnapshot,
  printQueryStats,
  queryStats,
  startPromotedSampling,
} from './tail-instruments.js';
import { Probe } from './tail-probe.js';
import { firstRequests, gaps, slowBuckets, spans, summarise } from './tail-summary.js';

const scale = Number(process.env.BENCH_SCALE ?? '0.1');
const seconds = Number(process.env.TAIL_SECONDS ?? '5');
const rounds = Number(process.env.TAIL_ROUNDS ?? '3');
const which = process.env.TAIL_ENDPOINT ?? 'byid';

applyInstruments();

// As `schola start` runs (runtime-tuning.ts); TAIL_PRETENURING=1 keeps V8's default for an A/B.
if (process.env.TAIL_PRETENURING !== '1') tuneServerRuntime();

const { database, tenant, size, drop } = await probeDistrict('schola_tail', scale);
const probe = new Probe();
try {
  const app = await buildApp({
    database,
    logger: createLogger((process.env.TAIL_LOG ?? 'silent') as 'silent'),
    plugins: applicationPlugins(),
  });
  if (process.env.TAIL_NOPROBE !== '1') probe.install(app);
  const token = await clientToken(app, database, tenant, ['roster.readonly']);
  const headers = { authorization: `Bearer ${token}` };
  const pick = (count: number, id: (i: number) => string) =>
    Array.from({ length: 100 }, (_, i) => id(Math.floor((i * count) / 100)));
  const paths =
    which === 'users'
      ? [`${ROSTERING_BASE}/users?limit=100`]
      : which === 'students'
        ? pick(size.classes, (i) => `${ROSTERING_BASE}/classes/cls-${String(i).padStart(6, '0')}/students`)
        : pick(size.students, (i) => `${ROSTERING_BASE}/users/stu-${String(i).padStart(6, '0')}`);
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const first = await fetch(`${appUrl}${paths[0]}`, { headers });
  if (!first.ok) throw new Error(`${paths[0]} answered ${first.status}: ${(await first.text()).slice(0, 500)}`);
  await load(appUrl, { connections: 50, seconds: 1, headers, paths });
  const max = await load(appUrl, { connections: 50, seconds, headers, paths });
  await drain(`${appUrl}${paths[0]}`, headers);
  heapSnapshot();
  const rate = Number(process.env.TAIL_RATE ?? Math.round(max.requestsPerSecond / 2));
  console.error(`${which}: max ${Math.round(max.requestsPerSecond)} req/s; paced at ${rate} req/s`);
  for (let round = 0; round < rounds; round++) {
    // As in the benchmark: the paced run follows a saturated one (and the bare route's, here a pause).
    await load(appUrl, { connections: 50, seconds: 2, headers, paths });
    await drain(`${appUrl}${paths[0]}`, headers);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.TAIL_PAUSE_MS ?? '7000')));
    queryStats.clear();
    const profiler = process.env.TAIL_HEAPPROF ? await startPromotedSampling() : undefined;
    const startedAt = new Date().toISOString().slice(11, 19);
    const roundStart = performance.now();
    probe.start();
    const result = await load(appUrl, { connections: 50, seconds, headers, paths, overallRate: rate, timeline: true });
    const loop = probe.stop();
    if (profiler) await profiler(`${process.env.TAIL_HEAPPROF}.${round}.heapprofile`);
    assertAllOk(`paced round ${round}`, result);
    printQueryStats();
    await drain(`${appUrl}${paths[0]}`, headers);
    console.log(
      JSON.stringify({
        round,
        startedAt,
        uptimeMs: Math.round(roundStart),
        slowAt: slowBuckets(result.timeline!),
        rate,
        load: os.loadavg()[0],
        generatorLateMax: result.generatorLateMax,
        ...summarise(probe, result.timeline!, loop),
        serverGaps: gaps(probe),
        spans: spans(probe),
        first300ms: firstRequests(probe, 300),
      }),
    );
  }
  await app.close();
} finally {
  await drop();
}
