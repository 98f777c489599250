/**
 * Reconcile at start over a few hundred objects: the ingestion records are read with one
 * BatchGetItem per 100 keys (no GetItem per object), throttled reads (UnprocessedKeys) are
 * asked again, and the objects found are exactly those without a finished record.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoIngestionStore } from '../../functions/adapters/dynamodb-ingestion-store.js';
import { MemoryIngestionStore } from '../../functions/adapters/memory-stores.js';
import type { Ingestion } from '../../functions/core/event.js';
import type { IngestionStore } from '../../functions/ports.js';
import { reconcileBucket } from '../../local/reconcile.js';
import { FAST_START_JVM_OPTIONS, freePort, type LocalServer, startDynamoLocal } from '../../local/servers.js';
import { ensureTable } from '../../local/setup.js';
import { MemoryArticleStore } from '../helpers/memory-article-store.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const OBJECTS = 330;
const NOW = '2026-01-01T00:00:00.000Z';

/** Keys with spaces, `+` and unicode, as users name files. */
const keyOf = (i: number) =>
  `batch/${String(i).padStart(4, '0')} ${i % 7 === 0 ? 'Genève+Lausanne' : 'talks'}.txt`;

/** Every 5th object has no record, every 11th a pending one, every 13th a rejected one. */
function recordOf(i: number): Ingestion | null {
  if (i % 5 === 0) return null;
  if (i % 11 === 0) return { key: keyOf(i), status: 'pending', updatedAt: NOW };
  if (i % 13 === 0)
    return { key: keyOf(i), status: 'rejected', code: 'EMPTY', reason: 'empty', updatedAt: NOW };
  return { key: keyOf(i), status: 'normalized', eventId: `ev_${i}`, updatedAt: NOW };
}

const expectedMissing = Array.from({ length: OBJECTS }, (_, i) => i)
  .filter((i) => {
    const record = recordOf(i);
    return !record || record.status === 'pending';
  })
  .map(keyOf)
  .sort();

/** Counts the commands a client sends; optionally hands back part of each first BatchGetItem as unprocessed. */
function instrument(client: DynamoDBClient, options: { throttleFirstBatches?: boolean } = {}) {
  const counts = new Map<string, number>();
  const throttled = new Set<string>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '?';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      const result = await next(args);
      const output = result.output as {
        Responses?: Record<string, Array<Record<string, { S?: string }>>>;
        UnprocessedKeys?: Record<string, { Keys: Array<Record<string, unknown>> }>;
      };
      if (name === 'BatchGetItemCommand' && options.throttleFirstBatches && output.Responses) {
        // What a throttled table does: answer part, return the rest as UnprocessedKeys.
        for (const [table, items] of Object.entries(output.Responses)) {
          const kept = items.filter((item) => {
            const pk = item.pk?.S ?? '';
            if (throttled.has(pk) || items.indexOf(item) % 3 !== 0) return true;
            throttled.add(pk);
            return false;
          });
          const dropped = items.filter((item) => !kept.includes(item));
          if (dropped.length > 0) {
            output.Responses[table] = kept;
            output.UnprocessedKeys = {
              [table]: { Keys: dropped.map((item) => ({ pk: item.pk, sk: item.sk })) },
            };
          }
        }
      }
      return result;
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return { count: (name: string) => counts.get(name) ?? 0, throttled };
}

describe('reconcile at start reads ingestion records in batches', () => {
  let dynamo: LocalServer;
  let admin: DynamoDBClient;
  const table = 'reconcile-batch';
  const articles = new MemoryArticleStore();

  beforeAll(async () => {
    dynamo = await startDynamoLocal({ port: await freePort(), jvmOptions: FAST_START_JVM_OPTIONS });
    admin = makeDynamoClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    await ensureTable(admin, table);
    const writer = new DynamoIngestionStore(admin, table);
    const records = Array.from({ length: OBJECTS }, (_, i) => recordOf(i)).filter(
      (r): r is Ingestion => r !== null,
    );
    for (let i = 0; i < records.length; i += 25) {
      await Promise.all(records.slice(i, i + 25).map((r) => writer.put(r)));
    }
    for (let i = 0; i < OBJECTS; i++) articles.put(keyOf(i), new TextEncoder().encode(`article ${i}`));
  }, 120_000);
  afterAll(async () => {
    admin?.destroy();
    await dynamo?.stop();
  });

  const missingKeys = async (ingestions: IngestionStore) =>
    (await reconcileBucket({ articles, ingestions, bucket: 'articles', region: 'us-east-1' }))
      .map((event) => decodeURIComponent((event.Records[0]?.s3.object.key ?? '').replace(/\+/g, ' ')))
      .sort();

  it('DynamoDB: one BatchGetItem per 100 keys, no GetItem, exactly the unfinished objects', async () => {
    const client = makeDynamoClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    const counter = instrument(client);
    expect(await missingKeys(new DynamoIngestionStore(client, table))).toEqual(expectedMissing);
    expect(counter.count('BatchGetItemCommand')).toBe(Math.ceil(OBJECTS / 100));
    expect(counter.count('GetItemCommand')).toBe(0);
    client.destroy();
  });

  it('DynamoDB: keys handed back unprocessed (throttling) are asked again, none lost', async () => {
    const client = makeDynamoClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    const counter = instrument(client, { throttleFirstBatches: true });
    const store = new DynamoIngestionStore(client, table);
    const keys = Array.from({ length: OBJECTS }, (_, i) => keyOf(i));
    const records = await store.getMany(keys);
    expect(counter.throttled.size).toBeGreaterThan(50);
    expect(counter.count('BatchGetItemCommand')).toBeGreaterThan(Math.ceil(OBJECTS / 100));
    expect([...records.keys()].sort()).toEqual(keys.filter((_, i) => recordOf(i) !== null).sort());
    expect(records.get(keyOf(13))).toMatchObject({ status: 'rejected', code: 'EMPTY' });
    expect(await missingKeys(store)).toEqual(expectedMissing);
    client.destroy();
  });

  it('the memory store and a store without getMany (one get per key) find the same objects', async () => {
    const memory = new MemoryIngestionStore();
    for (let i = 0; i < OBJECTS; i++) {
      const record = recordOf(i);
      if (record) await memory.put(record);
    }
    expect(await missingKeys(memory)).toEqual(expectedMissing);
    let gets = 0;
    const plain: IngestionStore = {
      get: (key) => {
        gets += 1;
        return memory.get(key);
      },
      put: (record) => memory.put(record),
    };
    expect(await missingKeys(plain)).toEqual(expectedMissing);
    expect(gets).toBe(OBJECTS);
  });
});
