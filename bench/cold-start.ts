/**
 * Cold-start benchmark: bundles each Lambda handler with the stack's own esbuild settings
 * (infra/entente-function.ts), then measures the bundle's size and the time a fresh Node
 * process takes to import it (median of several runs). Targets: ≤ 250 KB and ≤ 100 ms per
 * function. Figures are printed and returned, never asserted (machines are noisy).
 *
 * The stack bundles the AWS SDK clients each function imports (BUNDLE_SETTINGS), so the
 * deployed bundle and the imported bundle are the same file and the import time includes
 * the SDK. For comparison the benchmark also builds each function the CDK's default way,
 * with `@aws-sdk/*` left to the runtime, and imports that with the SDK loaded from
 * node_modules (as the runtime would load its own copy): smaller files, slower start.
 *
 * Run alone: `npx tsx bench/cold-start.ts`; `bench/run.ts` folds the result into
 * `bench/results.json`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_SETTINGS, esbuildOptions, HANDLERS, handlerEntry } from '../infra/entente-function.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Targets from issue 7. */
export const COLD_START_TARGETS = { bundleKB: 250, importMs: 100 } as const;

/** One function's figures. */
export interface ColdStartFunctionResult {
  name: string;
  entry: string;
  /** Size of the minified ESM bundle (without its external source map), in KB (1024 bytes). */
  bundleKB: number | null;
  /** Median time to `import()` the bundle in a fresh process, in ms. */
  importMs: number | null;
  /** Each run's import time, in ms. */
  importRunsMs: number[];
  /** Median wall time of the whole process (Node start-up + import + exit), in ms. */
  processMs: number | null;
  /** Whether the bundle exports a `handler` function, as Lambda needs. */
  exportsHandler: boolean | null;
  /** The largest contributors to the bundle, by package (or file outside node_modules). */
  largestInputs: Array<{ input: string; kB: number }>;
  withinTargets: boolean;
  /** KB of the bundle that is not the AWS SDK (@aws-sdk, @smithy, @aws-crypto, @aws). */
  codeWithoutSdkKB: number | null;
  /**
   * The alternative not deployed: `@aws-sdk/*` external (the CDK default, SDK from the
   * runtime). Its bundle size, and its import time with the SDK loaded from node_modules.
   */
  sdkExternal: { bundleKB: number; importMs: number } | null;
  /** Why a figure is missing (entry absent, build or import failed). */
  error?: string;
}

/** What {@link runColdStartBench} returns. */
export interface ColdStartResult {
  targets: typeof COLD_START_TARGETS;
  runs: number;
  /**
   * Median time to import an empty module the same way: Node's ESM loader start-up, which
   * every function pays too. Shows how loaded the machine was.
   */
  baselineImportMs: number | null;
  node: string;
  cpu: string;
  bundle: { target: string; format: string; minify: boolean; nodeOptions: string };
  functions: ColdStartFunctionResult[];
}

/** Options of {@link runColdStartBench}. */
export interface ColdStartOptions {
  /** Import runs per function (median reported). Default 5. */
  runs?: number;
  /** Where bundles are written. Default a folder in the OS temp dir (kept out of lint and git). */
  outDir?: string;
  /** Progress lines. Default console.log. */
  log?: (line: string) => void;
}

/**
 * The environment a deployed function gets (names from infra/entente-stack.ts, dummy values),
 * so a handler that reads its config or builds SDK clients at import behaves as in Lambda.
 */
const LAMBDA_LIKE_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'cold-start-bench',
  AWS_SECRET_ACCESS_KEY: 'cold-start-bench',
  TABLE_NAME: 'entente-events',
  ARTICLES_BUCKET: 'articles',
  SITE_BUCKET: 'site',
  PUBLIC_URL: 'https://example.invalid',
  MAX_ARTICLE_BYTES: String(2 * 1024 * 1024),
};

/** Measures the import in the child itself, so the number excludes Node's own start-up. */
const IMPORT_PROBE = `
const t0 = performance.now();
const m = await import(process.env.BUNDLE_URL);
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, hasHandler: typeof m.handler === 'function' }));
`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Groups a metafile's inputs by npm package (or source file) and returns the largest. */
/** Packages that are the AWS SDK v3 and its runtime. */
const SDK_PACKAGE = /node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws)\//;

/** KB of a metafile's entry output that does not come from the SDK. */
function nonSdkKB(metafile: Metafile): number {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) return 0;
  let bytes = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
    if (!SDK_PACKAGE.test(input)) bytes += bytesInOutput;
  return round(bytes / 1024);
}

function largestInputs(metafile: Metafile, count = 5): Array<{ input: string; kB: number }> {
  // One build, one entry: the JavaScript output is the one with an entry point (not the .map).
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) return [];
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input;
    totals.set(pkg, (totals.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([input, bytes]) => ({ input, kB: round(bytes / 1024) }));
}

async function measureImport(
  bundle: string,
): Promise<{ ms: number; processMs: number; hasHandler: boolean }> {
  const nodeArgs = BUNDLE_SETTINGS.nodeOptions.split(' ').filter(Boolean);
  const started = performance.now();
  const { stdout } = await run(process.execPath, [...nodeArgs, '--input-type=module', '-e', IMPORT_PROBE], {
    cwd: dirname(bundle),
    env: { PATH: process.env.PATH, ...LAMBDA_LIKE_ENV, BUNDLE_URL: pathToFileURL(bundle).href },
    timeout: 30_000,
  });
  const processMs = performance.now() - started;
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const parsed = JSON.parse(line) as { ms: number; hasHandler: boolean };
  return { ...parsed, processMs };
}

async function measureBaseline(outDir: string, runs: number): Promise<number | null> {
  const empty = join(outDir, 'empty.mjs');
  writeFileSync(empty, 'export const handler = async () => null;\n');
  try {
    await measureImport(empty);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await measureImport(empty)).ms);
    return round(median(times));
  } catch {
    return null;
  }
}

async function benchOne(
  name: (typeof HANDLERS)[number],
  outDir: string,
  runs: number,
): Promise<ColdStartFunctionResult> {
  const entry = handlerEntry(name);
  const result: ColdStartFunctionResult = {
    name,
    entry: relative(ROOT, entry),
    bundleKB: null,
    importMs: null,
    importRunsMs: [],
    processMs: null,
    exportsHandler: null,
    largestInputs: [],
    withinTargets: false,
    codeWithoutSdkKB: null,
    sdkExternal: null,
  };
  if (!existsSync(entry)) return { ...result, error: `entry ${result.entry} does not exist` };
  const outfile = join(outDir, name, 'index.mjs');
  try {
    const built = await build({ ...esbuildOptions(entry, outfile), metafile: true, logLevel: 'silent' });
    result.bundleKB = round(statSync(outfile).size / 1024);
    result.largestInputs = largestInputs(built.metafile);
    result.codeWithoutSdkKB = nonSdkKB(built.metafile);
  } catch (error) {
    return { ...result, error: `build failed: ${String(error).slice(0, 500)}` };
  }
  try {
    const processRuns: number[] = [];
    // One unmeasured run first, so every measured run reads the bundle from the page cache.
    await measureImport(outfile);
    for (let i = 0; i < runs; i++) {
      const measured = await measureImport(outfile);
      result.importRunsMs.push(round(measured.ms));
      processRuns.push(measured.processMs);
      result.exportsHandler = measured.hasHandler;
    }
    result.importMs = round(median(result.importRunsMs));
    result.processMs = round(median(processRuns));
  } catch (error) {
    return { ...result, error: `import failed: ${String(error).slice(0, 500)}` };
  }
  result.withinTargets =
    result.bundleKB <= COLD_START_TARGETS.bundleKB && result.importMs <= COLD_START_TARGETS.importMs;
  result.sdkExternal = await measureSdkExternal(
    entry,
    join(outDir, `${name}-sdk-external`, 'index.mjs'),
    runs,
  );
  return result;
}

/**
 * Builds the entry with `@aws-sdk/*` external and imports it with the SDK resolved from the
 * project's node_modules (a link next to the bundle). Null when that fails.
 */
async function measureSdkExternal(
  entry: string,
  outfile: string,
  runs: number,
): Promise<ColdStartFunctionResult['sdkExternal']> {
  try {
    const options = esbuildOptions(entry, outfile);
    await build({ ...options, external: [...(options.external ?? []), '@aws-sdk/*'], logLevel: 'silent' });
    const link = join(dirname(dirname(outfile)), 'node_modules');
    if (!existsSync(link)) symlinkSync(join(ROOT, 'node_modules'), link, 'dir');
    await measureImport(outfile);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await measureImport(outfile)).ms);
    return { bundleKB: round(statSync(outfile).size / 1024), importMs: round(median(times)) };
  } catch {
    return null;
  }
}

/** Bundles and measures every handler; never throws for one function's failure (it is recorded). */
export async function runColdStartBench(options: ColdStartOptions = {}): Promise<ColdStartResult> {
  const runs = options.runs ?? 5;
  const outDir = options.outDir ?? join(tmpdir(), 'entente-cold-start');
  const log = options.log ?? ((line: string) => console.log(line));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const functions: ColdStartFunctionResult[] = [];
  for (const name of HANDLERS) functions.push(await benchOne(name, outDir, runs));
  const baselineImportMs = await measureBaseline(outDir, runs);

  log(
    `cold start (esbuild ${BUNDLE_SETTINGS.format} ${BUNDLE_SETTINGS.target} minified; median of ${runs} imports in fresh processes, node ${process.version}${BUNDLE_SETTINGS.nodeOptions ? `, ${BUNDLE_SETTINGS.nodeOptions}` : ''})`,
  );
  log(`  baseline: importing an empty module takes ${baselineImportMs ?? '?'} ms here`);
  log(
    '  deployed bundle = as infra/entente-function.ts builds it (SDK clients bundled); import includes the SDK',
  );
  log(
    `  ${'function'.padEnd(10)} ${'bundle KB'.padStart(10)} ${'import ms'.padStart(10)} ${'process ms'.padStart(11)}  target`,
  );
  for (const f of functions) {
    if (f.error) {
      log(`  ${f.name.padEnd(10)} ${f.error}`);
      continue;
    }
    const verdict = f.withinTargets ? 'ok' : 'MISSED';
    const handlerNote = f.exportsHandler ? '' : '  (no `handler` export yet)';
    log(
      `  ${f.name.padEnd(10)} ${String(f.bundleKB).padStart(10)} ${String(f.importMs).padStart(10)} ${String(f.processMs).padStart(11)}  ${verdict} (≤ ${COLD_START_TARGETS.bundleKB} KB, ≤ ${COLD_START_TARGETS.importMs} ms)${handlerNote}`,
    );
    log(`  ${''.padEnd(10)} largest: ${f.largestInputs.map((i) => `${i.input} ${i.kB} KB`).join(', ')}`);
    log(
      `  ${''.padEnd(10)} without the SDK: ${f.codeWithoutSdkKB} KB of code; SDK left to the runtime instead: ${f.sdkExternal ? `${f.sdkExternal.bundleKB} KB, import ${f.sdkExternal.importMs} ms with the SDK from node_modules` : 'not measured'}`,
    );
  }

  return {
    targets: COLD_START_TARGETS,
    runs,
    baselineImportMs,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    bundle: {
      target: BUNDLE_SETTINGS.target,
      format: BUNDLE_SETTINGS.format,
      minify: BUNDLE_SETTINGS.minify,
      nodeOptions: BUNDLE_SETTINGS.nodeOptions,
    },
    functions,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runColdStartBench();
}
