/** Samples the process's resident set size while `fn` runs; returns the peak in MiB. */
export async function peakRss<T>(fn: () => Promise<T>, everyMs = 50): Promise<{ result: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: Math.round(peak / 1048576) };
  } finally {
    clearInterval(timer);
  }
}
