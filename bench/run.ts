/**
 * `npm run bench`: every benchmark of issue 7 in one run. Prints the machine, each figure
 * with its target and the ratio figure/target (✓ met, ✗ missed), and writes everything to
 * `bench/results.json`. A part that fails records its error and the run goes on.
 *
 * Sizes come from the environment (bench/config.ts): `BENCH_QUICK=1` for a smoke run;
 * `BENCH_PARTS=normalize,coldStart,flatCost,endToEnd,bulk,apiLoad` to run only some parts (the
 * others' figures are then kept in `bench/results.json` from the run that made them).
 * Figures are never asserted: machines are noisy, and this is not part of `npm test`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ApiLoadResult, runApiLoadBench } from './api-load.js';
import { type BenchStack, startBenchStack } from './bench-stack.js';
import { type BulkResult, runBulkBench } from './bulk.js';
import { COLD_START_TARGETS, type ColdStartResult, runColdStartBench } from './cold-start.js';
import { readBenchConfig } from './config.js';
import { E2E_TARGET_P95_MS, type EndToEndResult, runEndToEndBench } from './end-to-end.js';
import { FLAT_COST_TARGET_RATIO, type FlatCostResult, runFlatCostBench } from './flat-cost.js';
import { describeMachine } from './machine.js';
import { measureNormalizeThroughput, type ThroughputResult } from './normalize-throughput.js';
import { errorMessage, round } from './stats.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ARTICLES_DIR = fileURLToPath(new URL('../articles', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

/** Target of issue 7 for normalize throughput, articles per second. */
const NORMALIZE_TARGET_PER_SECOND = 1000;

const PARTS = ['normalize', 'coldStart', 'flatCost', 'endToEnd', 'bulk', 'apiLoad'] as const;
type PartName = (typeof PARTS)[number];

/** One printed figure: a value, and when issue 7 sets one, its target and the ratio. */
interface SummaryRow {
  part: PartName;
  figure: string;
  value: number;
  unit: string;
  target?: { op: '≥' | '≤'; value: number };
  /** value / target. */
  ratio?: number;
  met?: boolean;
}

/** When a part ran and how busy the machine was as it began (1/5/15-minute load averages). */
interface PartRun {
  ranAt: string;
  loadAverage: number[];
  /** The sizes of the run it was part of. */
  config: typeof config;
}

/** A part's outcome in the results file. */
type PartOutcome<T> = PartRun &
  ({ ok: true; seconds: number; result: T } | { ok: false; seconds: number; error: string });

const config = readBenchConfig(process.env);
const selected = new Set<PartName>(
  process.env.BENCH_PARTS
    ? (process.env.BENCH_PARTS.split(',').map((p) => p.trim()) as PartName[]).filter((p) => PARTS.includes(p))
    : PARTS,
);
const machine = describeMachine();
const startedAt = new Date().toISOString();
const rows: SummaryRow[] = [];
const parts: Partial<Record<PartName, PartOutcome<unknown>>> = {};

function row(
  part: PartName,
  figure: string,
  value: number,
  unit: string,
  target?: { op: '≥' | '≤'; value: number },
): void {
  const entry: SummaryRow = { part, figure, value: round(value, 2), unit };
  if (target) {
    entry.target = target;
    entry.ratio = round(value / target.value, 2);
    entry.met = target.op === '≥' ? value >= target.value : value <= target.value;
  }
  rows.push(entry);
}

async function part<T>(name: PartName, title: string, run: () => Promise<T> | T): Promise<T | null> {
  if (!selected.has(name)) return null;
  console.log(`\n▶ ${title}`);
  const start = performance.now();
  const ran: PartRun = {
    ranAt: new Date().toISOString(),
    loadAverage: loadavg().map((l) => round(l, 2)),
    config,
  };
  try {
    const result = await run();
    parts[name] = { ...ran, ok: true, seconds: round((performance.now() - start) / 1000, 1), result };
    return result;
  } catch (error) {
    const message = errorMessage(error);
    console.log(`  ✗ failed: ${message}`);
    parts[name] = {
      ...ran,
      ok: false,
      seconds: round((performance.now() - start) / 1000, 1),
      error: message,
    };
    return null;
  }
}

console.log(`Entente benchmark${config.quick ? ' (QUICK: smoke sizes, not the issue-7 sizes)' : ''}`);
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}; load average at start ${machine.loadAverageAtStart.join(' / ')}`,
);
console.log(
  `sizes: ${config.normalizeArticles} articles; ${config.events.small} → ${config.events.large} events; ${config.e2eUploads} uploads; ${config.bulkArticles} bulk; ${config.loadSeconds} s load`,
);

const normalize = await part<ThroughputResult>('normalize', 'normalize throughput (one core)', () =>
  measureNormalizeThroughput(ARTICLES_DIR, config.normalizeArticles),
);
if (normalize) {
  console.log(
    `  ${normalize.articles} articles (${normalize.megabytes.toFixed(2)} MB) in ${normalize.seconds.toFixed(2)} s; ${normalize.rejected} rejected`,
  );
  row('normalize', `normalize (${normalize.articles} articles)`, normalize.articlesPerSecond, 'articles/s', {
    op: '≥',
    value: NORMALIZE_TARGET_PER_SECOND,
  });
  row('normalize', 'normalize', normalize.megabytesPerSecond, 'MB/s');
}

const coldStart = await part<ColdStartResult>('coldStart', 'cold start', () =>
  runColdStartBench({ runs: config.quick ? 3 : 5 }),
);
for (const f of coldStart?.functions ?? []) {
  if (f.error) {
    console.log(`  ✗ ${f.name}: ${f.error}`);
    continue;
  }
  if (f.bundleKB !== null)
    row('coldStart', `${f.name} bundle`, f.bundleKB, 'KB', { op: '≤', value: COLD_START_TARGETS.bundleKB });
  if (f.importMs !== null)
    row('coldStart', `${f.name} import`, f.importMs, 'ms', { op: '≤', value: COLD_START_TARGETS.importMs });
  // The alternative not deployed (SDK left to the runtime): shown for comparison, no target.
  if (f.sdkExternal) {
    row('coldStart', `${f.name} bundle if the SDK were left to the runtime`, f.sdkExternal.bundleKB, 'KB');
    row('coldStart', `${f.name} import, SDK from node_modules`, f.sdkExternal.importMs, 'ms');
  }
}

const flat = await part<FlatCostResult>('flatCost', 'flat cost (DynamoDB Local in memory)', () =>
  runFlatCostBench({ small: config.events.small, large: config.events.large, runs: config.flatRuns }),
);
if (flat) {
  for (const op of Object.values(flat.operations)) {
    console.log(
      `  ${op.operation}: ${op.smallMs} ms at ${flat.sizes.small}, ${op.largeMs} ms at ${flat.sizes.large}`,
    );
    row('flatCost', `${op.operation} t(${flat.sizes.large})/t(${flat.sizes.small})`, op.ratio, '×', {
      op: '≤',
      value: FLAT_COST_TARGET_RATIO,
    });
  }
  row('flatCost', 'seeding events (BatchWriteItem)', flat.loadEventsPerSecond, 'events/s');
  row('flatCost', 'writing events through create()', flat.createEventsPerSecond, 'events/s');
}

let benchStack: BenchStack | null = null;
let stackError: string | null = null;
const needsStack = (['endToEnd', 'bulk', 'apiLoad'] as const).some((p) => selected.has(p));
if (needsStack) {
  console.log('\n▶ starting the local stack (temp folder, free ports)');
  try {
    benchStack = await startBenchStack();
    console.log(`  HTTP ${benchStack.stack.urls.http}`);
  } catch (error) {
    stackError = `local stack did not start: ${errorMessage(error)}`;
    console.log(`  ✗ ${stackError}`);
  }
}
const withStack =
  <T>(run: (stack: BenchStack) => Promise<T>) =>
  () => {
    if (!benchStack) throw new Error(stackError ?? 'no local stack');
    return run(benchStack);
  };

try {
  const e2e = await part<EndToEndResult>(
    'endToEnd',
    `end to end (${config.e2eUploads} sequential uploads)`,
    withStack((b) => runEndToEndBench(b.stack, { articlesDir: ARTICLES_DIR, count: config.e2eUploads })),
  );
  if (e2e) {
    console.log(
      `  ${e2e.visible} visible, ${e2e.rejected} rejected, ${e2e.timedOut} timed out; median ${e2e.medianMs} ms (ingestion record alone ${e2e.medianIngestedMs} ms), max ${e2e.maxMs} ms`,
    );
    row('endToEnd', 'upload → API + Atom, median', e2e.medianMs, 'ms');
    row('endToEnd', 'upload → API + Atom, p95', e2e.p95Ms, 'ms', { op: '≤', value: E2E_TARGET_P95_MS });
  }

  const bulk = await part<BulkResult>(
    'bulk',
    `bulk ingest (${config.bulkArticles} articles)`,
    withStack((b) => runBulkBench(b.stack, { articlesDir: ARTICLES_DIR, count: config.bulkArticles })),
  );
  if (bulk) {
    console.log(
      `  ${bulk.articles} articles in ${bulk.seconds} s: ${bulk.normalized} normalized, ${bulk.rejected} rejected; upload alone ${bulk.uploadPerSecond}/s (${bulk.concurrency} uploads and ${bulk.normalizers} normalizations at once)`,
    );
    row('bulk', `bulk ingest (${bulk.articles} articles)`, bulk.articlesPerSecond, 'articles/s');
  }

  const load = await part<ApiLoadResult>(
    'apiLoad',
    `API under load (autocannon, ${config.loadSeconds} s each)`,
    withStack((b) => runApiLoadBench(b.stack, { seconds: config.loadSeconds })),
  );
  if (load) {
    for (const figures of [load.events, load.feed304]) {
      console.log(
        `  ${figures.path}: ${figures.requests} requests, ${figures.errors} errors, ${figures.timeouts} timeouts`,
      );
      row('apiLoad', `${figures.path} throughput`, figures.requestsPerSecond, 'req/s');
      row('apiLoad', `${figures.path} p99 latency`, figures.latencyP99Ms, 'ms');
    }
  }
} finally {
  await benchStack?.close();
}

printTable();
const finishedAt = new Date().toISOString();
const kept = keptParts();
writeFileSync(
  RESULTS_FILE,
  `${JSON.stringify(
    {
      quick: config.quick,
      startedAt,
      finishedAt,
      machine,
      config,
      ...(kept.names.length > 0 ? { keptFromEarlierRuns: kept.names } : {}),
      summary: [...kept.rows, ...rows].sort((a, b) => PARTS.indexOf(a.part) - PARTS.indexOf(b.part)),
      parts: Object.fromEntries(
        PARTS.filter((p) => parts[p] || kept.parts[p]).map((p) => [p, parts[p] ?? kept.parts[p]]),
      ),
    },
    null,
    2,
  )}\n`,
);
console.log(
  `\nwritten to bench/results.json${kept.names.length > 0 ? ` (kept from earlier runs: ${kept.names.join(', ')})` : ''}`,
);

/**
 * With `BENCH_PARTS`, the parts not run this time are kept from the results file when it
 * holds a run of the same kind (quick or full), each with its own `ranAt`, load average and
 * sizes: re-running one part does not erase the others' figures.
 */
function keptParts(): {
  names: PartName[];
  rows: SummaryRow[];
  parts: Partial<Record<PartName, PartOutcome<unknown>>>;
} {
  const none = { names: [], rows: [], parts: {} };
  if (!process.env.BENCH_PARTS || !existsSync(RESULTS_FILE)) return none;
  let previous: { quick?: boolean; summary?: SummaryRow[]; parts?: Record<string, PartOutcome<unknown>> };
  try {
    previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  } catch {
    return none;
  }
  if (previous.quick !== config.quick) return none;
  const names = PARTS.filter((p) => !selected.has(p) && previous.parts?.[p]);
  return {
    names,
    rows: (previous.summary ?? []).filter((r) => names.includes(r.part)),
    parts: Object.fromEntries(names.map((p) => [p, previous.parts?.[p]])),
  };
}

function printTable(): void {
  console.log(`\n${'='.repeat(100)}`);
  console.log(
    `${config.quick ? 'QUICK RUN (smoke sizes). ' : ''}${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, load ${machine.loadAverageAtStart.join(' / ')}`,
  );
  const header = `${'figure'.padEnd(62)} ${'value'.padStart(10)} ${'unit'.padEnd(10)} ${'target'.padEnd(10)} ${'ratio'.padStart(6)}`;
  console.log(header);
  console.log('-'.repeat(header.length + 2));
  for (const r of rows) {
    const target = r.target ? `${r.target.op} ${r.target.value}` : '';
    const ratio = r.ratio !== undefined ? `${r.ratio.toFixed(2)} ${r.met ? '✓' : '✗'}` : '';
    console.log(
      `${r.figure.slice(0, 62).padEnd(62)} ${String(r.value).padStart(10)} ${r.unit.padEnd(10)} ${target.padEnd(10)} ${ratio.padStart(8)}`,
    );
  }
  for (const [name, outcome] of Object.entries(parts))
    if (outcome && !outcome.ok) console.log(`${name}: FAILED: ${outcome.error}`);
  const targeted = rows.filter((r) => r.target);
  console.log(`targets met: ${targeted.filter((r) => r.met).length}/${targeted.length}`);
}
