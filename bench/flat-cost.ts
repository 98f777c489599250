/**
 * Flat cost: the time to build the live feeds and to answer `/api/events?limit=50` and a
 * filtered query, with a small table and with a large one. The ratio large/small must stay
 * ≤ 1.5: every read is a bounded keyset read of an index, never a scan.
 *
 * DynamoDB Local runs in memory on a free port. The table is seeded with BatchWriteItem
 * (bench/seed-events.ts: the very items the store's `create` writes, 25 per call, several
 * calls in flight), because one transaction per event loads only a few dozen events a second
 * here and 100,000 would take hours; the last {@link CREATE_SAMPLE} events of each size go
 * through the store's real `create`, and its rate is reported. The API is asked in process
 * through Hono's `app.request` (no network in the measurement).
 */

import { makeDynamoClient } from '../functions/adapters/clients.js';
import { DynamoEventStore } from '../functions/adapters/dynamodb-event-store.js';
import { MemoryIngestionStore } from '../functions/adapters/memory-stores.js';
import { readLiveFeed } from '../functions/core/feed-source.js';
import { renderFeeds } from '../functions/core/feeds.js';
import { createApp } from '../functions/http/app.js';
import type { Logger } from '../functions/logger.js';
import type { EventStore } from '../functions/ports.js';
import { mapBounded } from '../local/bulk-upload.js';
import { freePort, startDynamoLocal } from '../local/servers.js';
import { ensureTable } from '../local/setup.js';
import { seedEvents } from './seed-events.js';
import { median, round, timeRuns } from './stats.js';
import { FILTER_COUNTRY, generateEvents } from './synthetic-events.js';

/** Target of issue 7: time at the large size over time at the small size. */
export const FLAT_COST_TARGET_RATIO = 1.5;

/** The operations timed at each size. */
export const FLAT_OPERATIONS = {
  liveFeeds: 'live feeds (query 50 + render RSS/Atom/JSON)',
  apiEvents: 'GET /api/events?limit=50',
  apiFiltered: `GET /api/events?country=${FILTER_COUNTRY.slug}&limit=50`,
  feedRoute: 'GET /feeds/timeline.atom',
} as const;

/** One operation's medians and their ratio. */
export interface FlatOperationResult {
  operation: string;
  smallMs: number;
  largeMs: number;
  /** largeMs / smallMs. */
  ratio: number;
  smallRunsMs: number[];
  largeRunsMs: number[];
}

/** What {@link runFlatCostBench} returns. */
export interface FlatCostResult {
  sizes: { small: number; large: number };
  runs: number;
  /** Events seeded per second with BatchWriteItem (all but the create sample). */
  loadEventsPerSecond: number;
  loadSeconds: number;
  /** Events written per second through the store's `create` (16 at a time), on the sample. */
  createEventsPerSecond: number;
  /** Share of the events the filtered query matches (from the first 20,000 generated). */
  filterShare: number;
  targetRatio: number;
  operations: Record<keyof typeof FLAT_OPERATIONS, FlatOperationResult>;
}

const silentLog: Logger = { info() {}, warn() {}, error() {} };
const LOAD_CONCURRENCY = 16;
/** Events of each size written through the store's `create` rather than seeded. */
export const CREATE_SAMPLE = 200;

/** Writes events through the store's port, 16 at a time; returns the seconds taken. */
async function createThroughStore(store: EventStore, from: number, to: number): Promise<number> {
  const start = performance.now();
  await mapBounded(generateEvents(from, to), LOAD_CONCURRENCY, (event) => store.create(event));
  return (performance.now() - start) / 1000;
}

/** Loads the small table, times every operation, grows it to the large size and times them again. */
export async function runFlatCostBench(options: {
  small: number;
  large: number;
  runs: number;
  log?: (line: string) => void;
}): Promise<FlatCostResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const port = await freePort();
  // Default JVM flags, not FAST_START_JVM_OPTIONS: those start the server sooner but cap its
  // JIT at C1, and seeding 100,000 events is a long run (measured on a busy 2-core machine:
  // 28–40 events/s with them, 86–111 events/s without once warm).
  const server = await startDynamoLocal({ port, dataDir: null });
  const client = makeDynamoClient({ region: 'us-east-1', endpoint: server.endpoint });
  try {
    const tableName = 'entente-bench-flat';
    await ensureTable(client, tableName);
    const store = new DynamoEventStore(client, tableName);
    const app = createApp({
      events: store,
      ingestions: new MemoryIngestionStore(),
      publicUrl: 'https://entente.example',
      log: silentLog,
    });
    const request = async (path: string) => {
      const response = await app.request(path);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return response.text();
    };
    const operations: Record<keyof typeof FLAT_OPERATIONS, () => Promise<unknown>> = {
      liveFeeds: async () => {
        const live = await readLiveFeed(store);
        return renderFeeds(live.events, {
          publicUrl: 'https://entente.example',
          title: 'Entente: diplomatic timeline',
          path: '/feeds/timeline',
          prevArchivePath: null,
        });
      },
      apiEvents: () => request('/api/events?limit=50'),
      apiFiltered: () => request(`/api/events?country=${FILTER_COUNTRY.slug}&limit=50`),
      feedRoute: () => request('/feeds/timeline.atom'),
    };
    const measure = async () => {
      const out = {} as Record<keyof typeof FLAT_OPERATIONS, number[]>;
      for (const name of Object.keys(operations) as Array<keyof typeof FLAT_OPERATIONS>)
        out[name] = (await timeRuns(operations[name], options.runs, 3)).map((ms) => round(ms, 2));
      return out;
    };

    let seeded = 0;
    let seedSeconds = 0;
    let created = 0;
    let createSeconds = 0;
    /** Fills the table up to `size` events: seeded in bulk, then the last few through `create`. */
    const grow = async (from: number, size: number) => {
      const split = Math.max(from, size - CREATE_SAMPLE);
      seedSeconds += await seedEvents(client, tableName, from, split, `events ${from}→${split} (batch)`);
      seeded += split - from;
      createSeconds += await createThroughStore(store, split, size);
      created += size - split;
    };
    let start = performance.now();
    await grow(0, options.small);
    const small = await measure();
    log(`  ${options.small} events loaded in ${((performance.now() - start) / 1000).toFixed(1)} s; measured`);
    start = performance.now();
    await grow(options.small, options.large);
    const large = await measure();
    log(
      `  grown to ${options.large} events in ${((performance.now() - start) / 1000).toFixed(1)} s; measured`,
    );

    const filtered = await app.request(`/api/events?country=${FILTER_COUNTRY.slug}&limit=50`);
    const filteredBody = (await filtered.json()) as { items: unknown[] };
    if (filteredBody.items.length < 50)
      throw new Error(`filtered query returned ${filteredBody.items.length} events, expected a full page`);
    const sample = generateEvents(0, Math.min(options.large, 20_000));
    const filterShare =
      sample.filter((e) => e.countries.includes(FILTER_COUNTRY.name)).length / sample.length;

    const result = {} as Record<keyof typeof FLAT_OPERATIONS, FlatOperationResult>;
    for (const name of Object.keys(operations) as Array<keyof typeof FLAT_OPERATIONS>) {
      const smallMs = round(median(small[name]), 2);
      const largeMs = round(median(large[name]), 2);
      result[name] = {
        operation: FLAT_OPERATIONS[name],
        smallMs,
        largeMs,
        ratio: round(largeMs / smallMs, 2),
        smallRunsMs: small[name],
        largeRunsMs: large[name],
      };
    }
    return {
      sizes: { small: options.small, large: options.large },
      runs: options.runs,
      loadEventsPerSecond: round(seeded / Math.max(seedSeconds, 1e-9), 1),
      loadSeconds: round(seedSeconds + createSeconds, 1),
      createEventsPerSecond: round(created / Math.max(createSeconds, 1e-9), 1),
      filterShare: round(filterShare, 3),
      targetRatio: FLAT_COST_TARGET_RATIO,
      operations: result,
    };
  } finally {
    client.destroy();
    await server.stop();
  }
}
