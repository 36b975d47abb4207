/**
 * Process-wide instruments of tail.ts, each behind its variable:
 * - TAIL_BASELINE=1: as before the pool and policy-cache fixes (A/B);
 * - TAIL_QUERYSTATS=1: per statement text, how often it ran and how many rows it returned;
 * - TAIL_HEAPPROF=<file>: a sampling heap profile per round of what was promoted and then collected by a
 *   major GC (the garbage that drives mark-compacts);
 * - TAIL_SNAPSHOT=<file>: a heap snapshot before the paced rounds.
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import v8 from 'node:v8';
import pg from 'pg';
import { TtlCache } from '../../src/platform/cache/ttl-cache.js';

export const queryStats = new Map<string, { n: number; rows: number }>();

export function applyInstruments(): void {
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

  // TAIL_QUERYSTATS=1: per statement text, how often it ran and how many rows it returned (all processes' pools here).
  if (process.env.TAIL_QUERYSTATS === '1') {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      const text = (typeof config === 'string' ? config : (config?.text ?? '?')).replace(/\s+/g, ' ').slice(0, 140);
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function')
        (result as Promise<{ rowCount?: number; rows?: unknown[] }>).then(
          (r) => {
            const e = queryStats.get(text) ?? { n: 0, rows: 0 };
            e.n++;
            e.rows += Array.isArray(r) ? r.reduce((k, x) => k + (x?.rows?.length ?? 0), 0) : (r?.rows?.length ?? 0);
            queryStats.set(text, e);
          },
          () => undefined,
        );
      return result;
    } as typeof query;
  }
}

/** Prints the statements that returned the most rows since the last call, and forgets them. */
export function printQueryStats(): void {
  for (const [text, e] of [...queryStats].sort((a, b) => b[1].rows - a[1].rows).slice(0, 12))
    console.error(`${String(e.n).padStart(7)} ${String(e.rows).padStart(8)} ${text}`);
  queryStats.clear();
}

export function heapSnapshot(): void {
  if (process.env.TAIL_SNAPSHOT) console.error(`heap snapshot: ${v8.writeHeapSnapshot(process.env.TAIL_SNAPSHOT)}`);
}

/**
 * Samples what the server allocates that survives the young generation (promoted) but is collected by
 * a later major GC: the garbage that drives the mark-compacts. Returns a function that writes the profile.
 */
export async function startPromotedSampling() {
  const session = new inspector.Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  } as never);
  return async (file: string) => {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
