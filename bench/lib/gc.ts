/**
 * A full garbage collection of the benchmark's process before each load (http-load.ts). The servers
 * under test live in this process, so what one load leaves in the old generation is collected in a
 * later one and charged to it: the bare route offered the provider's rate, which it cannot keep up
 * with, queues tens of thousands of requests whose objects all outlive the young generation; the heap
 * grew to 474 MB, and the mark-compact that emptied it (148 ms of marking) landed in the provider's
 * next paced load and made its p99 134 ms (OneRoster by-id, PostgreSQL, scale 1).
 *
 * On PGlite this was once measured to hurt: with V8's own heap-growing factor (~1.3 here), the limit
 * after a forced collection was tight and PGlite's promoted garbage (~5 MB/s) brought a mark-compact
 * every 4-5 s into the next load (p99 85 / 93 / 64 ms, list / roster / by-id). The server now runs with
 * a factor of 3 (src/platform/runtime-tuning.ts), and the same collection leaves each 16-s load free of
 * mark-compacts on both engines (PGlite OneRoster p99 at half 5.9 / 6.1 / 6.9 ms, traced with
 * `--trace-gc`). BENCH_GC_BEFORE_LOAD=0 turns it off.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const enabled = process.env.BENCH_GC_BEFORE_LOAD !== '0';

export function collectGarbage(): void {
  if (enabled) gc();
}
