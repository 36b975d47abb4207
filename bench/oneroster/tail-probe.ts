/**
 * Instruments for the latency tail (issue 12): what the server was doing when a request was slow.
 * Installed in the server's process by tail.ts, never by the application. Records, with wall-clock
 * times (ms since the epoch, comparable with the load generator's timeline):
 * - per request (AsyncLocalStorage from onRequest): time waiting for a pool connection, time in SQL,
 *   connections opened, cache loads (TtlCache) awaited;
 * - event-loop stalls (a 5 ms timer that fired late) and GC pauses (PerformanceObserver);
 * - every TtlCache load and every new connection, whoever caused it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { TtlCache } from '../../src/platform/cache/ttl-cache.js';

export interface RequestRecord {
  start: number;
  end: number;
  url: string;
  acquire: number;
  sql: number;
  queries: number;
  connects: number;
  cacheLoads: number;
}

export interface Span {
  start: number;
  ms: number;
  what: string;
}

const clock = () => performance.timeOrigin + performance.now();
const als = new AsyncLocalStorage<RequestRecord>();

export class Probe {
  readonly requests: RequestRecord[] = [];
  readonly stalls: Span[] = [];
  readonly gcs: Span[] = [];
  readonly loads: Span[] = [];
  readonly connects: Span[] = [];
  /** When Node's HTTP server had each request parsed, before any Fastify hook (authentication's included). */
  readonly arrivals: number[] = [];
  private histogram?: IntervalHistogram;
  private timer?: NodeJS.Timeout;
  private observer?: PerformanceObserver;

  /** Empties the records in place (the patched functions hold on to the arrays). */
  reset(): void {
    for (const list of [this.requests, this.stalls, this.gcs, this.loads, this.connects, this.arrivals])
      list.length = 0;
  }

  start(): void {
    this.reset();
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - last - 5;
      if (late > 10) this.stalls.push({ start: performance.timeOrigin + last + 5, ms: late, what: 'loop' });
      last = now;
    }, 5);
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        this.gcs.push({
          start: performance.timeOrigin + e.startTime,
          ms: e.duration,
          what: `gc${(e as unknown as { detail?: { kind?: number } }).detail?.kind ?? ''}`,
        });
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): { loopP99: number; loopMax: number } {
    clearInterval(this.timer);
    this.observer?.disconnect();
    this.histogram!.disable();
    return { loopP99: this.histogram!.percentile(99) / 1e6, loopMax: this.histogram!.max / 1e6 };
  }

  /** Hooks the app's requests (before listen) and patches pg and TtlCache for this process. */
  install(app: FastifyInstance): void {
    app.server.on('request', () => this.arrivals.push(clock()));
    app.addHook('onRequest', (request, _reply, done) => {
      const record: RequestRecord = {
        start: clock(),
        end: 0,
        url: request.url,
        acquire: 0,
        sql: 0,
        queries: 0,
        connects: 0,
        cacheLoads: 0,
      };
      als.enterWith(record);
      (request as unknown as { probe: RequestRecord }).probe = record;
      done();
    });
    app.addHook('onResponse', (request, _reply, done) => {
      const record = (request as unknown as { probe?: RequestRecord }).probe;
      if (record) {
        record.end = clock();
        this.requests.push(record);
      }
      done();
    });
    const connects = this.connects;
    const loads = this.loads;
    const poolConnect = pg.Pool.prototype.connect;
    pg.Pool.prototype.connect = function (this: pg.Pool, ...args: unknown[]) {
      if (args.length > 0) return (poolConnect as (...a: unknown[]) => unknown).apply(this, args);
      const t = clock();
      const record = als.getStore();
      return (poolConnect as () => Promise<pg.PoolClient>).call(this).then((client) => {
        if (record) record.acquire += clock() - t;
        return client;
      });
    } as typeof poolConnect;
    const clientConnect = pg.Client.prototype.connect;
    pg.Client.prototype.connect = function (this: pg.Client, ...args: unknown[]) {
      const t = clock();
      const record = als.getStore();
      if (record) record.connects++;
      const done = () => connects.push({ start: t, ms: clock() - t, what: 'connect' });
      if (typeof args[0] === 'function') {
        const cb = args[0] as (e: unknown) => void;
        return (clientConnect as (cb: (e: unknown) => void) => void).call(this, (e) => (done(), cb(e)));
      }
      return (clientConnect as () => Promise<unknown>).call(this).finally(done);
    } as typeof clientConnect;
    const clientQuery = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const record = als.getStore();
      if (!record) return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
      const t = clock();
      record.queries++;
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const cb = args[last] as (...a: unknown[]) => void;
        args[last] = (...a: unknown[]) => ((record.sql += clock() - t), cb(...a));
        return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
      }
      const result = (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function')
        (result as Promise<unknown>).then(
          () => (record.sql += clock() - t),
          () => (record.sql += clock() - t),
        );
      return result;
    } as typeof clientQuery;
    const proto = TtlCache.prototype as unknown as {
      loadOnce: (key: unknown, load: () => Promise<unknown>, inFlight: unknown) => unknown;
    };
    const loadOnce = proto.loadOnce;
    proto.loadOnce = function (this: TtlCache<string, never>, key, load, inFlight) {
      const record = als.getStore();
      if (record) record.cacheLoads++;
      const ttl = this.ttl;
      const timed = async () => {
        const t = clock();
        try {
          return await load();
        } finally {
          loads.push({ start: t, ms: clock() - t, what: `ttl${ttl}` });
        }
      };
      return loadOnce.call(this, key, timed, inFlight);
    };
  }
}
