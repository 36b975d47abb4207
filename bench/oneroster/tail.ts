/**
 * Where the OneRoster latency tail comes from (issue 12): only the REST part of the benchmark, with
 * instruments (tail-probe.ts). Imports a district at BENCH_SCALE (default 0.1) into a fresh PostgreSQL
 * database, measures the endpoint's maximum (50 connections), then runs TAIL_ROUNDS paced loads at
 * TAIL_RATE (default half the maximum) and, for each, lines the slowest 1 % of requests (from the load
 * generator's timeline) up with what the server recorded meanwhile: GC pauses, event-loop stalls,
 * connections opened, cache loads, and the server-side split of its own slowest requests.
 *   npx tsx bench/oneroster/tail.ts            TAIL_ENDPOINT=byid|users|students (byid)
 * Prints a JSON line per round. Not part of `npm run bench`: nothing is recorded.
 */
import os from 'node:os';
import pg from 'pg';
import { applicationPlugins } from '../../src/app.js';
import { TtlCache } from '../../src/platform/cache/ttl-cache.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { ROSTERING_BASE } from '../../src/standards/oneroster/rostering-routes.js';
import { assertAllOk, drain, load } from '../lib/http-load.js';
import { clientToken } from '../lib/tenant.js';
import { probeDistrict } from './probe-district.js';
import { Probe, type Span } from './tail-probe.js';

const scale = Number(process.env.BENCH_SCALE ?? '0.1');
const seconds = Number(process.env.TAIL_SECONDS ?? '5');
const rounds = Number(process.env.TAIL_ROUNDS ?? '3');
const which = process.env.TAIL_ENDPOINT ?? 'byid';

// A/B: TAIL_BASELINE=1 runs as before the fixes: node-postgres's default 10-s idle timeout on every
// pool and no background renewal of the policies (a request reloads them when they expire).
if (process.env.TAIL_BASELINE === '1') {
  const idleTimeoutMillis = 10_000;
  const proto = TtlCache.prototype as unknown as { getOrLoad: (...args: unknown[]) => Promise<unknown> };
  const getOrLoad = proto.getOrLoad;
  proto.getOrLoad = function (this: unknown, ...[key, load, options]: unknown[]) {
    const { renew: _renew, ...rest } = (options ?? {}) as { renew?: unknown };
    return getOrLoad.call(this, key, load, rest);
  };
  const Pool = pg.Pool;
  pg.Pool = class extends Pool {
    constructor(config?: pg.PoolConfig) {
      super({ ...config, idleTimeoutMillis });
    }
  };
}

const { database, tenant, size, drop } = await probeDistrict('schola_tail', scale);
const probe = new Probe();
try {
  const app = await buildApp({
    database,
    logger: createLogger((process.env.TAIL_LOG ?? 'silent') as 'silent'),
    plugins: applicationPlugins(),
  });
  probe.install(app);
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
  const rate = Number(process.env.TAIL_RATE ?? Math.round(max.requestsPerSecond / 2));
  console.error(`${which}: max ${Math.round(max.requestsPerSecond)} req/s; paced at ${rate} req/s`);
  for (let round = 0; round < rounds; round++) {
    // As in the benchmark: the paced run follows a saturated one (and the bare route's, here a pause).
    await load(appUrl, { connections: 50, seconds: 2, headers, paths });
    await drain(`${appUrl}${paths[0]}`, headers);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.TAIL_PAUSE_MS ?? '7000')));
    probe.start();
    const result = await load(appUrl, { connections: 50, seconds, headers, paths, overallRate: rate, timeline: true });
    const loop = probe.stop();
    assertAllOk(`paced round ${round}`, result);
    await drain(`${appUrl}${paths[0]}`, headers);
    console.log(
      JSON.stringify({
        round,
        rate,
        load: os.loadavg()[0],
        generatorLateMax: result.generatorLateMax,
        ...summarise(result.timeline!, loop),
        serverGaps: gaps(),
      }),
    );
  }
  await app.close();
} finally {
  await drop();
}

/**
 * Windows over 15 ms in which the server began no request although the generator had due ones: the
 * requests were held before the server's onRequest (the generator, the kernel, or the server's thread).
 */
function gaps() {
  const over = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const found: string[] = [];
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]! - sorted[i - 1]! > 15)
        found.push(`${Math.round(sorted[i]! - sorted[i - 1]!)} ms at +${Math.round(sorted[i - 1]! - sorted[0]!)} ms`);
    return found.slice(0, 20).join(',');
  };
  // Arrivals: parsed by Node's HTTP server; starts: past the app's onRequest hooks (the probe's is last).
  return { arrivals: over(probe.arrivals), starts: over(probe.requests.map((r) => r.start)) };
}

function summarise(timeline: [number, number][], loop: { loopP99: number; loopMax: number }) {
  const sorted = [...timeline].sort((a, b) => a[1] - b[1]);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]![1];
  const slow = sorted.slice(Math.floor(0.99 * sorted.length));
  const overlaps = (spans: Span[], min = 0) =>
    slow.filter(([due, ms]) => spans.some((s) => s.ms >= min && s.start < due + ms && s.start + s.ms > due)).length;
  const share = (n: number) => `${Math.round((100 * n) / Math.max(1, slow.length))}%`;
  const requests = [...probe.requests].sort((a, b) => a.end - a.start - (b.end - b.start));
  const slowServer = requests.slice(Math.floor(0.99 * requests.length));
  const avg = (f: (r: (typeof requests)[number]) => number) =>
    Math.round((10 * slowServer.reduce((n, r) => n + f(r), 0)) / Math.max(1, slowServer.length)) / 10;
  const gcTotal = (min: number) => probe.gcs.filter((g) => g.ms >= min);
  return {
    p50: Math.round(q(0.5) * 100) / 100,
    p99: Math.round(q(0.99) * 100) / 100,
    max: Math.round(q(1) * 100) / 100,
    slowest1pct: slow.length,
    slowOverlapping: {
      gcOver5ms: share(overlaps(probe.gcs, 5)),
      loopStallOver10ms: share(overlaps(probe.stalls)),
      connectionOpened: share(overlaps(probe.connects)),
      ttlCacheLoad: share(overlaps(probe.loads)),
    },
    // Where the slowest 1 % of requests spent their time once the server had them (onRequest to onResponse).
    serverSlowest1pct: {
      n: slowServer.length,
      totalMs: avg((r) => r.end - r.start),
      acquireMs: avg((r) => r.acquire),
      sqlMs: avg((r) => r.sql),
      queries: avg((r) => r.queries),
      connects: avg((r) => r.connects),
      cacheLoads: avg((r) => r.cacheLoads),
    },
    events: {
      gcOver5ms: gcTotal(5).length,
      gcMaxMs: Math.round(Math.max(0, ...probe.gcs.map((g) => g.ms))),
      loopStalls: probe.stalls.length,
      loopStallMaxMs: Math.round(Math.max(0, ...probe.stalls.map((s) => s.ms))),
      connects: probe.connects.length,
      connectMaxMs: Math.round(Math.max(0, ...probe.connects.map((s) => s.ms))),
      ttlLoads: probe.loads.length,
      ttlLoadMaxMs: Math.round(Math.max(0, ...probe.loads.map((s) => s.ms))),
      loopDelayP99Ms: Math.round(loop.loopP99),
      loopDelayMaxMs: Math.round(loop.loopMax),
    },
  };
}
