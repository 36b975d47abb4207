// An open-loop load at a fixed rate, evenly spaced: request i is due at start + i / rate, whatever
// happened to the requests before it, and its latency is counted from that due time (so a stall
// that delays the requests behind it is counted for each of them: no coordinated omission).
// autocannon's overallRate is not used for this: it releases each second's quota in one burst at the
// start of the second and then corrects its histogram with a 1 ms expected interval, which measures
// its own burst queue rather than the server's latency at that load.
//
// The measured requests follow a warm-up at the same rate (WARMUP_SECONDS, not counted): each load runs
// in a new generator process, whose first few hundred milliseconds (its code not yet compiled, its 50
// connections being opened) delayed requests by up to 100 ms while the server answered each of them
// within 13 ms (bench/oneroster/tail.ts, with the server's own timings); that start-up is the
// generator's, not the server's, and is the same for the provider and its baseline.
import http from 'node:http';

export const WARMUP_SECONDS = 1;

/**
 * @param {{url: string, connections: number, seconds: number, rate: number, method: string,
 *   headers?: Record<string, string>, nextPath: () => string, nextBody: () => string | undefined,
 *   timeline?: boolean}} options
 */
export async function pacedLoad(options) {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const interval = 1000 / options.rate;
  const count = Math.max(1, Math.round(options.rate * options.seconds));
  const warmup = Math.round(options.rate * WARMUP_SECONDS);
  const latencies = [];
  // How late the generator itself sent each request (its own timer, GC and CPU share): counted in the
  // latency (from the due time) but not the server's doing, so it is reported beside the p99.
  const lateness = [];
  // With `timeline`: [wall-clock due time (ms since the epoch), latency] of every request, so that a
  // probe can line the slow ones up with what the server recorded at the same moments.
  const timeline = [];
  let errors = 0;
  let non2xx = 0;
  const start = performance.now() + 50;
  // When the measured requests begin: the warm-up's last one was due one interval before.
  const measuredFrom = start + warmup * interval;

  const one = (due, measured) =>
    new Promise((resolve) => {
      if (measured) lateness.push(performance.now() - due);
      const body = options.nextBody();
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: options.nextPath(),
          method: options.method,
          agent,
          headers: {
            ...options.headers,
            ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (response) => {
          response.resume();
          response.once('end', () => {
            if (measured) {
              latencies.push(performance.now() - due);
              if (options.timeline) timeline.push([performance.timeOrigin + due, performance.now() - due]);
            }
            if (response.statusCode < 200 || response.statusCode >= 300) non2xx++;
            resolve();
          });
        },
      );
      request.once('error', () => {
        errors++;
        resolve();
      });
      if (body !== undefined) request.write(body);
      request.end();
    });

  const inFlight = [];
  for (let i = 0; i < warmup + count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(one(due, i >= warmup));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - measuredFrom) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  lateness.sort((a, b) => a - b);
  const quantile = (sorted, q) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const at = (q) => quantile(latencies, q);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50: Math.round(at(0.5) * 100) / 100,
    p99: Math.round(at(0.99) * 100) / 100,
    generatorLateP99: Math.round(Math.max(0, quantile(lateness, 0.99)) * 100) / 100,
    generatorLateMax: Math.round(Math.max(0, quantile(lateness, 1)) * 100) / 100,
    errors,
    non2xx,
    total: latencies.length + errors,
    ...(options.timeline ? { timeline } : {}),
  };
}
