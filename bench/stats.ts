/**
 * Small statistics and formatting helpers shared by the benchmark parts.
 */

/** The median of `values` (NaN for none). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The `p`th percentile (nearest rank) of `values` (NaN for none). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export function since(start: number): number {
  return performance.now() - start;
}

/**
 * Times `fn` up to `runs` times after up to `warmup` unmeasured calls; returns each run's ms.
 * A slow operation stops early once `budgetMs` is spent (at least `minRuns` runs), so one
 * operation that scans a large table cannot hold the whole benchmark for many minutes.
 */
export async function timeRuns(
  fn: () => Promise<unknown>,
  runs: number,
  warmup = 3,
  budgetMs = 30_000,
  minRuns = 3,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) {
    const start = performance.now();
    await fn();
    if (since(start) > budgetMs / 10) break;
  }
  const times: number[] = [];
  const measuredFrom = performance.now();
  for (let i = 0; i < runs; i++) {
    if (times.length >= minRuns && since(measuredFrom) > budgetMs) break;
    const start = performance.now();
    await fn();
    times.push(since(start));
  }
  return times;
}

/** The message of a caught error, for the results file. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
