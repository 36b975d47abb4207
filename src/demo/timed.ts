/** With SCHOLA_SEED_TIMINGS set, each demo seed step's duration goes to stderr (profiling the first start). */
export async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  if (!process.env.SCHOLA_SEED_TIMINGS) return step();
  const started = performance.now();
  try {
    return await step();
  } finally {
    process.stderr.write(`seed ${label}: ${Math.round(performance.now() - started)} ms\n`);
  }
}
