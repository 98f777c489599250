import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoEventStore } from '../../functions/adapters/dynamodb-event-store.js';
import { DynamoIngestionStore } from '../../functions/adapters/dynamodb-ingestion-store.js';
import { eventFromItem, isEventItem } from '../../functions/adapters/dynamodb-item.js';
import { MemoryEventStore } from '../../functions/adapters/memory-stores.js';
import { StorageUnavailableError } from '../../functions/core/errors.js';
import type { EventQuery, FacetKind } from '../../functions/ports.js';
import { freePort, type LocalServer, startDynamoLocal } from '../../local/servers.js';
import { ensureTable } from '../../local/setup.js';
import { dataset } from '../helpers/event-dataset.js';
import { describeEventStoreContract, walk } from './event-store-contract.js';

let server: LocalServer;
let client: ReturnType<typeof makeDynamoClient>;
const commands: string[] = [];

beforeAll(async () => {
  server = await startDynamoLocal({ port: await freePort() });
  client = makeDynamoClient({ region: 'us-east-1', endpoint: server.endpoint });
  // Record every command sent, to prove no query falls back to a Scan.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  await ensureTable(client, 'contract');
  await ensureTable(client, 'same-data');
});

afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

describeEventStoreContract(
  'DynamoEventStore',
  () => new DynamoEventStore(client, 'contract', { queryPageSize: 7 }),
);

describe('DynamoEventStore matches MemoryEventStore on the same data', () => {
  const events = dataset(80);
  const memory = new MemoryEventStore();
  let dynamo: DynamoEventStore;

  beforeAll(async () => {
    dynamo = new DynamoEventStore(client, 'same-data', { queryPageSize: 5 });
    for (const e of events) {
      await memory.create(e);
      await dynamo.create(e);
    }
  });

  const queries: Array<Omit<EventQuery, 'cursor' | 'limit'>> = [
    {},
    { actor: 'sergey-lavrov' },
    { country: 'russia' },
    { actor: 'john-kerry', country: 'china' },
    { organization: 'united-nations' },
    { type: 'meeting' },
    { type: 'military_cooperation' },
    { location: 'geneva' },
    { from: '2016-06-01' },
    { to: '2016-06' },
    { from: '2016-03-01', to: '2017-02-15' },
    { from: '2017', to: '2017' },
    { actor: 'wang-yi', from: '2016-06-01', to: '2017-06-30' },
    { q: 'talk' },
    { q: 'ceasefire minister', country: 'iran' },
    { source: 'articles/3-0 ü+x.txt' },
    { source: 'articles/3-0 ü+x.txt', actor: 'nobody' },
    { actor: 'nobody-at-all' },
  ];

  for (const filters of queries) {
    it(`walks the same pages for ${JSON.stringify(filters)}`, async () => {
      for (const limit of [1, 3, 10, 200]) {
        const expected = await walk(memory, { ...filters, limit });
        const actual = await walk(dynamo, { ...filters, limit });
        expect(actual).toEqual(expected);
      }
    });
  }

  it('returns the same events, field for field', async () => {
    const a = await memory.query({ limit: 20 });
    const b = await dynamo.query({ limit: 20 });
    expect(b).toEqual(a);
  });

  it('has the same facet counts for every kind', async () => {
    for (const kind of ['actor', 'country', 'organization', 'type', 'location'] as FacetKind[]) {
      expect(await dynamo.facets(kind)).toEqual(await memory.facets(kind));
    }
  });

  it('finds the same candidates', async () => {
    for (const date of ['2016-05-10', '2017-01-03', '2016-12', null]) {
      for (const hint of [
        { participants: ['Sergey Lavrov'], countries: [] },
        { participants: [], countries: ['Turkey', 'Syria'] },
      ]) {
        const a = (await memory.findCandidates({ ...hint, date })).map((e) => e.id);
        const b = (await dynamo.findCandidates({ ...hint, date })).map((e) => e.id);
        expect(b).toEqual(a);
      }
    }
  });

  it('stays equal after updates that move dates and facets, and deletes (no stale index items)', async () => {
    const changed = events.slice(0, 15);
    for (const [i, e] of changed.entries()) {
      const next = {
        ...e,
        date: i % 2 ? `2016-01-0${1 + (i % 9)}` : null,
        participants: i % 3 ? ['Sergey Lavrov'] : [],
        countries: ['Russia', 'Atlantis'],
        type: 'sanctions' as const,
        location: i % 2 ? 'Moscow' : null,
        title: `moved ${i}`,
        version: 2,
      };
      await memory.update(next, 1);
      await dynamo.update(next, 1);
    }
    for (const e of events.slice(20, 26)) {
      await memory.delete(e.id, 1);
      await dynamo.delete(e.id, 1);
    }
    for (const filters of queries) {
      expect(await walk(dynamo, { ...filters, limit: 4 })).toEqual(
        await walk(memory, { ...filters, limit: 4 }),
      );
    }
    expect(await walk(dynamo, { country: 'atlantis', limit: 4 })).toEqual(
      await walk(memory, { country: 'atlantis', limit: 4 }),
    );
    for (const kind of ['actor', 'country', 'type', 'location'] as FacetKind[]) {
      expect(await dynamo.facets(kind)).toEqual(await memory.facets(kind));
    }
  });

  it('never scans', () => {
    expect(commands).toContain('QueryCommand');
    expect(commands).toContain('TransactWriteItemsCommand');
    expect(commands.filter((c) => c.startsWith('Scan'))).toEqual([]);
  });
});

describe('DynamoEventStore under concurrency and faults', () => {
  it('lets exactly one of many concurrent updates of one version win', async () => {
    const store = new DynamoEventStore(client, 'contract');
    const [event] = dataset(1, 99);
    const e = {
      ...event!,
      id: 'ev_race',
      sources: event!.sources.map((x) => ({ ...x, key: `race/${x.key}` })),
    };
    await store.create(e);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.update({ ...e, title: `writer ${i}`, version: 2 }, 1)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await store.get('ev_race'))?.version).toBe(2);
  });

  it('throws StorageUnavailableError after retrying when DynamoDB is unreachable', async () => {
    const dead = makeDynamoClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${await freePort()}` });
    const policy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
    const store = new DynamoEventStore(dead, 'contract', { retry: policy });
    const ingestions = new DynamoIngestionStore(dead, 'contract', { retry: policy });
    await expect(store.get('ev_x')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.query({ limit: 3, actor: 'a' })).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(ingestions.put({ key: 'k', status: 'pending', updatedAt: 'now' })).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    dead.destroy();
  });

  it('stream records carry event items with sk EVENT that decode to the Event', async () => {
    const store = new DynamoEventStore(client, 'contract');
    const [event] = dataset(1, 123);
    const e = {
      ...event!,
      id: 'ev_stream',
      sources: event!.sources.map((x) => ({ ...x, key: `stream/${x.key}` })),
    };
    await store.create(e);
    const arn = (await client.send(new DescribeTableCommand({ TableName: 'contract' }))).Table
      ?.LatestStreamArn as string;
    const streams = new DynamoDBStreamsClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    const images: Array<Record<string, unknown>> = [];
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const it = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      let iterator = it.ShardIterator;
      for (let i = 0; iterator && i < 20; i++) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const r of out.Records ?? []) if (r.dynamodb?.NewImage) images.push(r.dynamodb.NewImage);
        if (!out.Records?.length) break;
        iterator = out.NextShardIterator;
      }
    }
    streams.destroy();
    // biome-ignore lint/suspicious/noExplicitAny: stream images are attribute maps
    const eventImages = images.filter((img) => isEventItem(img as any));
    expect(images.length).toBeGreaterThan(eventImages.length);
    // biome-ignore lint/suspicious/noExplicitAny: stream images are attribute maps
    const mine = eventImages.map((img) => eventFromItem(img as any)).find((x) => x.id === 'ev_stream');
    expect(mine).toEqual(e);
  });
});
