/**
 * A full garbage collection of the benchmark's process before each load (http-load.ts), on PostgreSQL.
 * The servers under test live in this process, so what one load leaves in the old generation is
 * collected in a later one and charged to it: the bare route offered the provider's rate, which it
 * cannot keep up with, queues tens of thousands of requests whose objects all outlive the young
 * generation; the heap grew to 474 MB, and the mark-compact that emptied it (148 ms of marking) landed
 * in the provider's next paced load and made its p99 134 ms (OneRoster by-id, PostgreSQL, scale 1).
 *
 * Not on PGlite: there the forced collection itself distorted the next load. PGlite's own protocol and
 * result objects are promoted at ~4 MB/s, and after a forced full GC V8's old-generation limit is
 * tight, so mark-compacts came every 4-5 s in the following window, on the thread that also runs the
 * database: OneRoster p99 at half of max 85 / 93 / 64 ms (list, roster, by-id) with it, 6 / 5 / 11 ms
 * without it, in back-to-back runs of the same code. BENCH_GC_BEFORE_LOAD=1 or 0 overrides either way.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
let enabled = true;

/** Set by bench/run.ts for each engine's runs. */
export function gcBeforeLoads(engine: 'pglite' | 'postgres'): void {
  const override = process.env.BENCH_GC_BEFORE_LOAD;
  enabled = override === undefined ? engine === 'postgres' : override !== '0';
}

export function collectGarbage(): void {
  if (enabled) gc();
}
