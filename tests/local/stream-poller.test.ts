import {
  type DynamoDBClient,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDynamoClient } from '../../functions/adapters/clients.js';
import { memoryLogger } from '../../functions/logger.js';
import { FAST_START_JVM_OPTIONS, freePort, type LocalServer, startDynamoLocal } from '../../local/servers.js';
import { ensureTable } from '../../local/setup.js';
import { StreamPoller } from '../../local/stream-poller.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

describe('StreamPoller against DynamoDB Local', () => {
  let dynamo: LocalServer;
  let client: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  let tableCount = 0;

  beforeAll(async () => {
    dynamo = await startDynamoLocal({ port: await freePort(), jvmOptions: FAST_START_JVM_OPTIONS });
    client = makeDynamoClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    streams = new DynamoDBStreamsClient({
      region: 'us-east-1',
      endpoint: dynamo.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    streams?.destroy();
    await dynamo?.stop();
  });

  async function freshTable(): Promise<{ table: string; arn: string }> {
    tableCount += 1;
    const table = `poller-test-${tableCount}`;
    return { table, arn: await ensureTable(client, table) };
  }

  function poller(
    arn: string,
    handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>,
    onGiveUp?: (records: DynamoDBRecord[]) => void,
    idleMs = 50,
  ): StreamPoller {
    return new StreamPoller({
      client: streams,
      streamArn: arn,
      region: 'us-east-1',
      handler,
      log: memoryLogger(),
      idleMs,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      onGiveUp,
    });
  }

  const put = (table: string, id: string, title: string) =>
    client.send(
      new PutItemCommand({
        TableName: table,
        Item: { pk: { S: `EVENT#${id}` }, sk: { S: 'EVENT' }, title: { S: title } },
      }),
    );

  it('delivers INSERT and MODIFY records in the Lambda event shape', async () => {
    const { table, arn } = await freshTable();
    await put(table, 'before-start', 'not delivered: the poller starts at LATEST');
    const batches: DynamoDBStreamEvent[] = [];
    const p = poller(arn, async (event) => {
      batches.push(event);
      return { batchItemFailures: [] };
    });
    await p.start();
    const startedAt = Math.floor(Date.now() / 1000);
    await put(table, 'one', 'first title');
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'EVENT#one' }, sk: { S: 'EVENT' } },
        UpdateExpression: 'SET title = :t',
        ExpressionAttributeValues: { ':t': { S: 'second title' } },
      }),
    );
    await p.whenQuiet();
    await p.stop();
    const records = batches.flatMap((b) => b.Records);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
    const [insert, modify] = records;
    expect(insert?.eventSource).toBe('aws:dynamodb');
    expect(insert?.eventSourceARN).toBe(arn);
    expect(insert?.dynamodb?.Keys).toEqual({ pk: { S: 'EVENT#one' }, sk: { S: 'EVENT' } });
    expect(insert?.dynamodb?.NewImage?.title).toEqual({ S: 'first title' });
    expect(insert?.dynamodb?.OldImage).toBeUndefined();
    expect(modify?.dynamodb?.OldImage?.title).toEqual({ S: 'first title' });
    expect(modify?.dynamodb?.NewImage?.title).toEqual({ S: 'second title' });
    const created = insert?.dynamodb?.ApproximateCreationDateTime;
    expect(typeof created).toBe('number');
    // Epoch seconds (not milliseconds, not a Date), around now.
    expect(Math.abs((created ?? 0) - startedAt)).toBeLessThan(60);
    expect(insert?.dynamodb?.SequenceNumber).toMatch(/^\d+$/);
    expect(insert?.dynamodb?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    // The event serializes like Lambda's JSON (no Dates, no byte arrays).
    expect(JSON.parse(JSON.stringify(batches[0]))).toEqual(batches[0]);
  });

  it('reads a write at once when nudged, instead of waiting out its idle interval', async () => {
    const { table, arn } = await freshTable();
    let delivered: (titles: string[]) => void = () => {};
    const got = new Promise<string[]>((resolve) => {
      delivered = resolve;
    });
    // An idle interval far longer than the test may run: only the nudge can end the wait.
    const p = poller(
      arn,
      async (event) => {
        delivered(event.Records.map((r) => r.dynamodb?.NewImage?.title?.S ?? ''));
        return { batchItemFailures: [] };
      },
      undefined,
      600_000,
    );
    await p.start();
    await p.whenQuiet(); // one empty round done: the poller now sleeps for its idle interval
    await put(table, 'nudged', 'read after the nudge');
    p.nudge();
    const timeout = new Promise<string[]>((_, reject) =>
      setTimeout(() => reject(new Error('not delivered: the nudge did not end the idle wait')), 20_000),
    );
    expect(await Promise.race([got, timeout])).toEqual(['read after the nudge']);
    await p.stop();
  });

  it('retries from the first failed record of a partial batch failure, not the records before it', async () => {
    const { table, arn } = await freshTable();
    const deliveries: string[][] = [];
    let failuresLeft = 2;
    const p = poller(arn, async (event) => {
      const ids = event.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? '');
      deliveries.push(ids);
      const bad = event.Records.find((r) => r.dynamodb?.Keys?.pk?.S === 'EVENT#b');
      if (bad && failuresLeft > 0) {
        failuresLeft -= 1;
        return { batchItemFailures: [{ itemIdentifier: bad.dynamodb?.SequenceNumber ?? '' }] };
      }
      return { batchItemFailures: [] };
    });
    await p.start();
    // One write: then the three records land in one GetRecords page.
    await p.stop();
    for (const id of ['a', 'b', 'c']) await put(table, id, id);
    await p.start();
    await p.whenQuiet();
    await p.stop();
    const all = deliveries.flat();
    // a delivered once; b three times (two failures, then success); c after b each time.
    expect(all.filter((id) => id === 'EVENT#a').length).toBe(1);
    expect(all.filter((id) => id === 'EVENT#b').length).toBe(3);
    for (const batch of deliveries.slice(1)) expect(batch[0]).not.toBe('EVENT#a');
  });

  it('gives up on a record that always fails, sends it to the on-failure sink and moves on', async () => {
    const { table, arn } = await freshTable();
    const seen: string[] = [];
    const sunk: string[] = [];
    const p = poller(
      arn,
      async (event) => {
        for (const r of event.Records) seen.push(r.dynamodb?.Keys?.pk?.S ?? '');
        const poison = event.Records.find((r) => r.dynamodb?.Keys?.pk?.S === 'EVENT#poison');
        if (poison) throw new Error('cannot publish this one');
        return { batchItemFailures: [] };
      },
      (records) => {
        for (const r of records) sunk.push(r.dynamodb?.Keys?.pk?.S ?? '');
      },
    );
    await p.start();
    await put(table, 'poison', 'x');
    await p.whenQuiet();
    await put(table, 'after', 'y');
    await p.whenQuiet();
    await p.stop();
    expect(seen.filter((id) => id === 'EVENT#poison').length).toBe(3);
    expect(sunk).toEqual(['EVENT#poison']);
    expect(seen).toContain('EVENT#after');
  });
  it('after the last retry dead-letters only the records still reported failed, not their good neighbours', async () => {
    const { table, arn } = await freshTable();
    const calls: string[][] = [];
    const sunk: string[] = [];
    const pk = (r: DynamoDBRecord) => r.dynamodb?.Keys?.pk?.S ?? '';
    const p = poller(
      arn,
      async (event) => {
        calls.push(event.Records.map(pk));
        // Lambda-style partial failure: every record is processed, the poisoned one reported.
        return {
          batchItemFailures: event.Records.filter((r) => pk(r) === 'EVENT#poison').map((r) => ({
            itemIdentifier: r.dynamodb?.SequenceNumber ?? '',
          })),
        };
      },
      (records) => {
        for (const r of records) sunk.push(pk(r));
      },
    );
    await p.start();
    // One transaction: the three records reach the stream together, so they share a batch.
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: ['before', 'poison', 'after'].map((id) => ({
          Put: { TableName: table, Item: { pk: { S: `EVENT#${id}` }, sk: { S: 'EVENT' } } },
        })),
      }),
    );
    await p.whenQuiet();
    await p.stop();
    expect(calls[0]).toEqual(['EVENT#before', 'EVENT#poison', 'EVENT#after']);
    // Retried from the first failure (the good record after it rides along), three attempts in all.
    expect(calls.slice(1)).toEqual([
      ['EVENT#poison', 'EVENT#after'],
      ['EVENT#poison', 'EVENT#after'],
    ]);
    expect(sunk).toEqual(['EVENT#poison']);
  });
});
