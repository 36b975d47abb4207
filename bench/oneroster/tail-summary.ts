/**
 * What tail.ts prints per paced round: the generator's slowest 1 % lined up with what the probe
 * (tail-probe.ts) recorded in the server meanwhile.
 */
import type { Probe, Span } from './tail-probe.js';

/**
 * Windows over 15 ms in which the server began no request although the generator had due ones: the
 * requests were held before the server's onRequest (the generator, the kernel, or the server's thread).
 */
export function gaps(probe: Probe) {
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

/** The 100-ms windows (ms after the first due time) holding the slowest 1 % of requests, with counts. */
export function slowBuckets(timeline: [number, number][]) {
  const t0 = Math.min(...timeline.map(([due]) => due));
  const slow = [...timeline].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(timeline.length / 100));
  const buckets = new Map<number, number>();
  for (const [due] of slow)
    buckets.set(Math.floor((due - t0) / 100) * 100, (buckets.get(Math.floor((due - t0) / 100) * 100) ?? 0) + 1);
  return [...buckets]
    .sort((a, b) => a[0] - b[0])
    .map(([at, n]) => `+${at}:${n}`)
    .join(' ');
}

/** What the server recorded of the requests it began in the round's first `ms` (the start-up transient). */
export function firstRequests(probe: Probe, ms: number) {
  if (probe.requests.length === 0) return undefined;
  const t0 = Math.min(...probe.arrivals);
  const first = probe.requests.filter((r) => r.start - t0 < ms);
  const avg = (f: (r: (typeof first)[number]) => number) =>
    Math.round((10 * first.reduce((n, r) => n + f(r), 0)) / Math.max(1, first.length)) / 10;
  const max = (f: (r: (typeof first)[number]) => number) => Math.round(Math.max(0, ...first.map(f)));
  return {
    n: first.length,
    arrivals: probe.arrivals.filter((a) => a - t0 < ms).length,
    totalAvg: avg((r) => r.end - r.start),
    totalMax: max((r) => r.end - r.start),
    acquireAvg: avg((r) => r.acquire),
    sqlAvg: avg((r) => r.sql),
    sqlMax: max((r) => r.sql),
    cacheLoads: first.reduce((n, r) => n + r.cacheLoads, 0),
  };
}

/** GC pauses over 4 ms and loop stalls, as "ms at +offset" from the round's first arrival. */
export function spans(probe: Probe) {
  const t0 = Math.min(...probe.arrivals);
  const list = (items: Span[], min: number) =>
    items
      .filter((s) => s.ms >= min)
      .map((s) => `${s.what} ${Math.round(s.ms)} ms at +${Math.round(s.start - t0)}`)
      .join(', ');
  return { gcs: list(probe.gcs, 4), stalls: list(probe.stalls, 0) };
}

export function summarise(probe: Probe, timeline: [number, number][], loop: { loopP99: number; loopMax: number }) {
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
