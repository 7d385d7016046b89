/** Nearest-rank percentile of a sample, in its own unit. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Milliseconds a call takes, and what it returned. */
export function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

export async function timedAsync<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

export const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/** Two decimals are plenty for milliseconds measured on a shared machine. */
export const round2 = (ms: number): number => Math.round(ms * 100) / 100;

/** Peak resident memory of this process so far, in MB. */
export const peakRssMb = (): number => Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);
