/**
 * A full garbage collection of the benchmark's process, run before each load (http-load.ts). The
 * servers under test live in this process, so what one load leaves in the old generation is collected
 * in a later one and charged to it: the bare route offered the provider's rate, which it cannot keep
 * up with, queues tens of thousands of requests whose objects all outlive the young generation;
 * the heap grew to 474 MB, and the mark-compact that emptied it (148 ms of marking) landed in the
 * provider's next paced load and made its p99 134 ms (OneRoster by-id, PostgreSQL, scale 1). Each load
 * now starts with only the garbage it makes itself, as the servers do in production, where no baseline
 * shares their heap; their own collections during a load still count.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** BENCH_GC_BEFORE_LOAD=0 leaves it out, for an A/B. */
export function collectGarbage(): void {
  if (process.env.BENCH_GC_BEFORE_LOAD !== '0') gc();
}
