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
 *
 * The old generation may grow to three times what the last full GC left live before the next one
 * (`--heap-growing-percent=200`). V8 otherwise picked a factor of about 1.3 for this process, so the
 * embedded database's own garbage (PGlite promotes ~2 KB per statement into the old generation, ~5 MB/s
 * under the OneRoster benchmark's paced loads) brought a full mark-compact every ~8 s, each taking
 * 8-19 ms of pause and its marking steps on the thread that also runs the database: two of them fell in
 * each 15-s paced window and made the p99 47-59 ms. With the factor at 3 they come about once a
 * minute: a window holds none or one (p99 5.5-7 ms without, 11-32 ms with one, in three runs). The
 * price is memory: a heap of up to three times its live size (~80 MB live for the built app), which a
 * server can afford.
 */
import v8 from 'node:v8';

let tuned = false;

export function tuneServerRuntime(): void {
  if (tuned) return;
  tuned = true;
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  v8.setFlagsFromString('--heap-growing-percent=200');
}
