/**
 * V8 settings for a long-running server process, applied once by startServer (and by the benchmarks
 * that build the app in their own process, so that they measure the server as it runs).
 *
 * Allocation-site pretenuring is turned off. V8 decides per allocation site whether the objects it
 * makes are long-lived and, if so, allocates them directly in the old generation. node-postgres parses
 * every result row at the same few sites, and in the measured server V8 had switched those sites to
 * the old generation (which earlier allocations made it do so is not known: V8 counts the objects
 * that outlive the young generation, as a bulk import's rows or a long queue's do), so every request's
 * rows went straight to the old generation and died there. Measured on the OneRoster by-id read
 * (bench/oneroster/tail.ts, 2 cores, PostgreSQL on the same machine): 2.2 MB/s promoted into the old
 * generation and a full mark-compact every 5 to 15 s; marking the server's ~120 MB of live heap took
 * 100 to 140 ms, during which V8's marking threads and the main thread's marking steps left PostgreSQL
 * too little CPU, and about 200 requests were answered 30 to 150 ms late. Without pretenuring: 0.3 MB/s
 * promoted, one mark-compact in about 100 s, and the p99 at half the maximum rate fell from 30-130 ms
 * to 4-10 ms in the rounds without one. Short-lived rows now die in the young generation.
 */
import v8 from 'node:v8';

let tuned = false;

export function tuneServerRuntime(): void {
  if (tuned) return;
  tuned = true;
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
