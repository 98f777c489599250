/**
 * Reads the events table's stream through the DynamoDB Streams API and hands batches to the
 * publish handler in the shape Lambda's event source mapping uses: the local stand-in for
 * that mapping. Shards are followed as they roll over; failed records (partial batch
 * failures, or a thrown batch) are retried from the first failure with backoff, and after
 * the last retry go to the on-failure sink, so one bad record never blocks the stream.
 */
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as SdkAttributeValue,
  type _Record as SdkRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Logger } from '../functions/logger.js';
import { backoffDelay, type RetryPolicy } from './work-queue.js';

/** Options of {@link StreamPoller}. */
export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  log: Logger;
  /** Records per batch (Lambda's default for DynamoDB is 100). */
  batchSize?: number;
  /** Wait after a round that found no records. */
  idleMs?: number;
  /** Retries of a failed batch before its records go to `onGiveUp`. */
  retry?: RetryPolicy;
  /**
   * The on-failure destination: the records that failed every retry (those the last attempt
   * reported failed; all that were left if the handler threw).
   */
  onGiveUp?: (records: DynamoDBRecord[], error: string, attempts: number) => Promise<void> | void;
}

interface ShardState {
  id: string;
  iterator: string | null;
  /** Sequence number of the last record handed on: where to resume after losing the iterator. */
  lastSequence: string | null;
  /** Where to start when there is no `lastSequence`. */
  startAt: ShardIteratorType;
  done: boolean;
}

/** Converts one SDK attribute value (binary as bytes) to the JSON shape Lambda delivers (base64). */
export function toLambdaAttributeValue(value: SdkAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) ?? {} };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  throw new Error(`unknown attribute value: ${JSON.stringify(Object.keys(value))}`);
}

function toLambdaImage(
  image: Record<string, SdkAttributeValue> | undefined,
): Record<string, AttributeValue> | undefined {
  if (!image) return undefined;
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(image)) out[name] = toLambdaAttributeValue(value);
  return out;
}

/** Converts a GetRecords record to a Lambda DynamoDB stream record. */
export function toLambdaRecord(record: SdkRecord, streamArn: string, region: string): DynamoDBRecord {
  const d = record.dynamodb;
  const created = d?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    eventSourceARN: streamArn,
    dynamodb: {
      // GetRecords gives a Date; Lambda gives epoch seconds.
      ApproximateCreationDateTime: created ? Math.floor(created.getTime() / 1000) : undefined,
      Keys: toLambdaImage(d?.Keys),
      NewImage: toLambdaImage(d?.NewImage),
      OldImage: toLambdaImage(d?.OldImage),
      SequenceNumber: d?.SequenceNumber,
      SizeBytes: d?.SizeBytes,
      StreamViewType: d?.StreamViewType,
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a DynamoDB stream and delivers it to a handler. */
export class StreamPoller {
  private readonly shards = new Map<string, ShardState>();
  private running = false;
  private loop: Promise<void> | null = null;
  /** Ends the idle wait in progress; null while a round runs. */
  private wake: (() => void) | null = null;
  /** Set by a wake-up that came while a round ran: the next idle wait is skipped. */
  private woken = false;
  private described = false;
  private lastDescribe = 0;
  private quietWaiters: Array<{ afterRound: number; resolve: () => void }> = [];
  private round = 0;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: StreamPollerOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.idleMs = options.idleMs ?? 250;
    this.retry = options.retry ?? { attempts: 5, baseDelayMs: 100, maxDelayMs: 2000 };
  }

  /**
   * Starts polling. Open shards are read from LATEST (as a new event source mapping does),
   * shards that appear later from TRIM_HORIZON. Resolves once the first iterators are held,
   * so every write after `start()` is seen.
   */
  async start(): Promise<void> {
    if (this.running) return;
    await this.refreshShards();
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the current round; records already fetched are delivered first. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp();
    await this.loop;
    for (const waiter of this.quietWaiters) waiter.resolve();
    this.quietWaiters = [];
  }

  /**
   * Ends the current idle wait at once: the caller has just written to the table, so there
   * are records to read now. Saves the stream stage up to `idleMs` of latency locally
   * without polling more often (Lambda's own pollers read each shard about 4 times a second).
   */
  nudge(): void {
    this.wakeUp();
  }

  /** Resolves after a complete round, begun after this call, found no new records on any shard. */
  whenQuiet(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      this.quietWaiters.push({ afterRound: this.round, resolve });
      this.wakeUp();
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (Date.now() - this.lastDescribe > 5000 || this.needsDescribe()) await this.refreshShards();
        this.round += 1;
        const round = this.round;
        let delivered = 0;
        for (const shard of this.shards.values()) {
          if (shard.done) continue;
          delivered += await this.pollShard(shard);
        }
        failures = 0;
        if (delivered === 0) {
          this.resolveQuiet(round);
          await this.idle(this.idleMs);
        }
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0)
          this.options.log.warn('stream poll failed, retrying', { error: String(error), failures });
        // Iterators may be stale (DynamoDB Local restarted): fetch fresh ones next round.
        for (const shard of this.shards.values()) shard.iterator = null;
        this.described = false;
        await this.idle(Math.min(2000, 100 * 2 ** Math.min(failures, 5)));
      }
    }
  }

  private needsDescribe(): boolean {
    if (!this.described) return true;
    for (const shard of this.shards.values()) if (!shard.done && !shard.iterator) return true;
    return false;
  }

  private resolveQuiet(round: number): void {
    const ready = this.quietWaiters.filter((w) => w.afterRound < round);
    this.quietWaiters = this.quietWaiters.filter((w) => w.afterRound >= round);
    for (const waiter of ready) waiter.resolve();
  }

  /**
   * Ends the idle wait now, or, while a round runs, makes the next one start at once: a
   * wake-up between a round's reads and its idle wait is not lost.
   */
  private wakeUp(): void {
    if (this.wake) this.wake();
    else this.woken = true;
  }

  private idle(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async refreshShards(): Promise<void> {
    const { client, streamArn } = this.options;
    const found: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      found.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const first = this.shards.size === 0 && !this.running;
    for (const shard of found) {
      const id = shard.ShardId;
      if (!id) continue;
      let state = this.shards.get(id);
      if (!state) {
        const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
        // At start only open shards matter, read from LATEST; later shards are new: read all.
        if (first && closed) {
          this.shards.set(id, { id, iterator: null, lastSequence: null, startAt: 'LATEST', done: true });
          continue;
        }
        state = {
          id,
          iterator: null,
          lastSequence: null,
          startAt: first ? 'LATEST' : 'TRIM_HORIZON',
          done: false,
        };
        this.shards.set(id, state);
      }
      if (!state.done && !state.iterator) state.iterator = await this.iteratorFor(state);
    }
    this.described = true;
    this.lastDescribe = Date.now();
  }

  private async iteratorFor(state: ShardState): Promise<string | null> {
    const response = await this.options.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: state.id,
        ...(state.lastSequence
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.lastSequence }
          : { ShardIteratorType: state.startAt }),
      }),
    );
    return response.ShardIterator ?? null;
  }

  /** Reads one page of a shard and delivers it; returns the number of records delivered. */
  private async pollShard(shard: ShardState): Promise<number> {
    if (!shard.iterator) return 0;
    const response = await this.options.client.send(
      new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: this.batchSize }),
    );
    const records = (response.Records ?? []).map((r) =>
      toLambdaRecord(r, this.options.streamArn, this.options.region),
    );
    if (records.length > 0) await this.deliver(records);
    const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
    if (last) shard.lastSequence = last;
    shard.iterator = response.NextShardIterator ?? null;
    // No next iterator: the shard is closed and fully read (rollover); its children are new shards.
    if (!shard.iterator) {
      shard.done = true;
      this.described = false;
    }
    return records.length;
  }

  /**
   * Delivers one batch as Lambda does with ReportBatchItemFailures: on failure, retries from
   * the first failed record (records before it are done); a thrown handler fails the batch.
   */
  private async deliver(records: DynamoDBRecord[]): Promise<void> {
    let remaining = records;
    let lastError = '';
    for (let attempt = 1; remaining.length > 0; attempt++) {
      let failed: string[];
      try {
        const response = await this.options.handler({ Records: remaining });
        failed = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
        lastError = failed.length > 0 ? `batch item failures: ${failed.join(', ')}` : '';
      } catch (error) {
        failed = [remaining[0]?.dynamodb?.SequenceNumber ?? ''];
        lastError = String(error);
      }
      if (failed.length === 0) return;
      const failedSet = new Set(failed);
      const firstFailed = remaining.findIndex((r) => failedSet.has(r.dynamodb?.SequenceNumber ?? ''));
      // An identifier that matches no record: Lambda treats the whole batch as failed.
      remaining = remaining.slice(Math.max(0, firstFailed));
      if (attempt >= this.retry.attempts) {
        // With per-record reports, the records of the last attempt that were not reported
        // are done: only the reported ones are dead, so a good record is never dead-lettered
        // for sharing a batch with a bad one.
        const reported = remaining.filter((r) => failedSet.has(r.dynamodb?.SequenceNumber ?? ''));
        const dead = reported.length > 0 ? reported : remaining;
        this.options.log.error('publish gave up on stream records', {
          records: dead.length,
          error: lastError,
        });
        await this.options.onGiveUp?.(dead, lastError, attempt);
        return;
      }
      await sleep(backoffDelay(this.retry, attempt));
    }
  }
}
