import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEvents } from '../../bench/seed-events.js';
import { generateEvents } from '../../bench/synthetic-events.js';
import { makeDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoEventStore } from '../../functions/adapters/dynamodb-event-store.js';
import { FAST_START_JVM_OPTIONS, freePort, type LocalServer, startDynamoLocal } from '../../local/servers.js';
import { ensureTable } from '../../local/setup.js';

let server: LocalServer;
let client: ReturnType<typeof makeDynamoClient>;

beforeAll(async () => {
  server = await startDynamoLocal({
    port: await freePort(),
    dataDir: null,
    jvmOptions: FAST_START_JVM_OPTIONS,
  });
  client = makeDynamoClient({ region: 'us-east-1', endpoint: server.endpoint });
  await ensureTable(client, 'seeded');
  await ensureTable(client, 'created');
}, 120_000);

afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

/** Every item of a table (a scan: fine in a test, never in the product), sorted by key. */
async function allItems(table: string): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  const key = (i: Record<string, AttributeValue>) => `${i.pk?.S}\u0000${i.sk?.S}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe('benchmark seeding', () => {
  it('builds the same table as the store’s create, item for item (events, index items, counters)', async () => {
    // Two loads, as the benchmark grows the table: counters must add up across them.
    await seedEvents(client, 'seeded', 0, 60, 'seed');
    await seedEvents(client, 'seeded', 60, 150, 'seed');
    const store = new DynamoEventStore(client, 'created');
    for (const event of generateEvents(0, 150)) await store.create(event);

    const seeded = await allItems('seeded');
    const created = await allItems('created');
    expect(seeded.length).toBeGreaterThan(150 * 3);
    expect(seeded.filter((i) => i.kind?.S === 'counter').length).toBeGreaterThan(10);
    expect(seeded).toEqual(created);

    const seededStore = new DynamoEventStore(client, 'seeded');
    expect(await seededStore.query({ country: 'iran', limit: 5 })).toEqual(
      await store.query({ country: 'iran', limit: 5 }),
    );
  }, 120_000);
});
