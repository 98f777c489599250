/**
 * Bulk seeding for the flat-cost benchmark: writes synthetic events with BatchWriteItem (25
 * items a call, several calls in flight) instead of one TransactWriteItems per event, so
 * 100,000 events load in minutes, not hours. The items are exactly those the store's own
 * `create` writes (`newEventItems`, from the adapter), and the facet counters are summed and
 * applied once per load, so the table is the one the real write path would have built.
 */
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { newEventItems } from '../functions/adapters/dynamodb-event-store.js';
import { mapBounded } from '../local/bulk-upload.js';
import { createProgress } from '../local/progress.js';
import { generateEvents } from './synthetic-events.js';

/** Items per BatchWriteItem call: DynamoDB's maximum. */
const BATCH_ITEMS = 25;
/** Batch calls in flight at once. */
const BATCH_CONCURRENCY = 8;
/** Events generated (and held in memory) at a time. */
const CHUNK_EVENTS = 2_000;

/** Writes one batch, resending unprocessed items with a growing pause. */
async function writeBatch(
  client: DynamoDBClient,
  tableName: string,
  requests: WriteRequest[],
): Promise<void> {
  let pending = requests;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 10) throw new Error('BatchWriteItem kept returning unprocessed items');
    if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, 20 * 2 ** round)));
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = out.UnprocessedItems?.[tableName] ?? [];
  }
}

/**
 * Seeds events `from` (inclusive) to `to` (exclusive) of the synthetic sequence; returns the
 * seconds taken. Only for events not in the table yet (ids are the sequence index's).
 */
export async function seedEvents(
  client: DynamoDBClient,
  tableName: string,
  from: number,
  to: number,
  label: string,
): Promise<number> {
  const bar = createProgress(label, to - from);
  const start = performance.now();
  const counters = new Map<string, { pk: string; sk: string; name: string; count: number }>();
  let done = 0;
  for (let chunkStart = from; chunkStart < to; chunkStart += CHUNK_EVENTS) {
    const events = generateEvents(chunkStart, Math.min(to, chunkStart + CHUNK_EVENTS));
    const requests: WriteRequest[] = [];
    for (const event of events) {
      const { items, counters: increments } = newEventItems(event);
      for (const item of items) requests.push({ PutRequest: { Item: item } });
      for (const c of increments) {
        const key = `${c.pk}\u0000${c.sk}`;
        const entry = counters.get(key) ?? { ...c, count: 0 };
        entry.count += 1;
        counters.set(key, entry);
      }
    }
    const batches: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_ITEMS) batches.push(requests.slice(i, i + BATCH_ITEMS));
    await mapBounded(batches, BATCH_CONCURRENCY, (batch) => writeBatch(client, tableName, batch));
    done += events.length;
    bar.update(done);
  }
  // The same update the store's transactions make, once per counter with the summed delta.
  await mapBounded([...counters.values()], BATCH_CONCURRENCY, async (c) => {
    const values: Record<string, AttributeValue> = {
      ':d': { N: String(c.count) },
      ':n': { S: c.name },
      ':k': { S: 'counter' },
    };
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: c.pk }, sk: { S: c.sk } },
        UpdateExpression: 'ADD #c :d SET #n = if_not_exists(#n, :n), #k = :k',
        ExpressionAttributeNames: { '#c': 'count', '#n': 'name', '#k': 'kind' },
        ExpressionAttributeValues: values,
      }),
    );
  });
  bar.finish();
  return (performance.now() - start) / 1000;
}
