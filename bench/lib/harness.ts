/**
 * The benchmark contract: each benchmark measures Schola and a baseline doing the same work in the
 * same run (these machines are shared and noisy, so only the ratio is comparable across runs).
 */
export interface Measurement {
  benchmark: string;
  engine: 'pglite' | 'postgres';
  metric: string;
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  /** value / baseline for throughputs, baseline / value for latencies: > 1 means faster than the baseline. */
  ratio: number;
  target?: string;
  /** Whether the target is met, where the benchmark can tell (absolute targets, e.g. p99 ≤ 25 ms). */
  met?: boolean;
}

export interface BenchContext {
  engine: 'pglite' | 'postgres';
  /** A fresh database URL on the server (postgres engine only). */
  pgUrl?: string;
  log(message: string): void;
  /** A sentence recorded with the figures (what was measured beyond the table, e.g. the scale reached). */
  note(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  /** Prose printed above the benchmark's tables in docs/PERFORMANCE.md: what each baseline is, and context. */
  about?: string;
  /** Environment variables that size the run (recorded with the figures). */
  settings?: readonly string[];
  /** A name for runs that are kept side by side (e.g. 'scale-2.5'): its own result file and table. */
  variant?(): string | undefined;
  run(context: BenchContext): Promise<Measurement[]>;
}

export function throughput(m: Omit<Measurement, 'ratio'>): Measurement {
  return { ...m, ratio: m.baseline === 0 ? 0 : m.value / m.baseline };
}

export function latency(m: Omit<Measurement, 'ratio'>): Measurement {
  return { ...m, ratio: m.value === 0 ? 0 : m.baseline / m.value };
}
