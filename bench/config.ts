/**
 * The benchmark's sizes, from the environment: `BENCH_QUICK=1` shrinks every size for a
 * smoke run; each `BENCH_*` variable overrides one size either way.
 */

/** Every size the benchmark uses. */
export interface BenchConfig {
  quick: boolean;
  /** Articles normalized by the throughput part. */
  normalizeArticles: number;
  /** Table sizes of the flat-cost part: the small one, then grown to the large one. */
  events: { small: number; large: number };
  /** Timed repetitions per operation and size (median reported), after warm-up. */
  flatRuns: number;
  e2eUploads: number;
  bulkArticles: number;
  loadSeconds: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** Reads the sizes from `env`. */
export function readBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const small = positiveInt(env, 'BENCH_EVENTS_SMALL', quick ? 1_000 : 1_000);
  const large = positiveInt(env, 'BENCH_EVENTS', quick ? 5_000 : 100_000);
  return {
    quick,
    normalizeArticles: positiveInt(env, 'BENCH_ARTICLES', quick ? 200 : 2_000),
    events: { small, large: Math.max(small, large) },
    flatRuns: positiveInt(env, 'BENCH_FLAT_RUNS', quick ? 10 : 20),
    e2eUploads: positiveInt(env, 'BENCH_E2E_UPLOADS', quick ? 20 : 200),
    bulkArticles: positiveInt(env, 'BENCH_BULK', quick ? 200 : 10_000),
    loadSeconds: positiveInt(env, 'BENCH_LOAD_SECONDS', quick ? 3 : 30),
  };
}
