/**
 * The local run's core: DynamoDB Local and s3rver, the table and bucket from the shared
 * definitions, the real handlers, S3 notifications delivered in the AWS event shape through
 * a bounded retrying queue (failures to a dead-letter file), the table's stream polled into
 * publish, and the HTTP API. Used by `npm start`, the end-to-end tests and the benchmark.
 */
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { basename, extname, join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { serve } from '@hono/node-server';
import type { DynamoDBRecord, S3Event } from 'aws-lambda';
import { makeDynamoClient, makeS3Client } from '../functions/adapters/clients.js';
import type { NormalizeOutcome } from '../functions/handlers/normalize.js';
import { createApp } from '../functions/http/app.js';
import type { Logger } from '../functions/logger.js';
import { LOCAL_BUCKET_NAME, LOCAL_TABLE_NAME } from '../infra/table.js';
import { DeadLetterFile, type PublishDeadLetter, replayPublishDeadLetters } from './dead-letters.js';
import { buildLocalPipeline, type LocalPipeline } from './pipeline.js';
import { assertPortFree } from './ports.js';
import { reconcileBucket } from './reconcile.js';
import { s3EventFromS3rver } from './s3-event.js';
import { FAST_START_JVM_OPTIONS, type LocalServer, startDynamoLocal, startS3Local } from './servers.js';
import { ensureTable } from './setup.js';
import { StreamPoller } from './stream-poller.js';
import { type RetryPolicy, WorkQueue } from './work-queue.js';

/** The default ports of the local run (each overridable by env in main.ts). */
export const DEFAULT_PORTS = { http: 3000, s3: 4569, dynamodb: 8000 } as const;

const REGION = 'us-east-1';

/**
 * Normalizations run at once by the local run. Each spends most of its time waiting on
 * DynamoDB Local round trips (candidate lookup, create, fold check, reveal, ingestion
 * record), so more of them in flight keep the JVM busy: on 2 cores, 12 ingested about twice
 * as many articles per second as 4 did. Lambda runs as many as the uploads need.
 */
export const LOCAL_NORMALIZE_CONCURRENCY = 12;

/** One article's outcome, for the `✓ key → id (title)` lines. */
export interface IngestionNotice {
  key: string;
  status: 'normalized' | 'rejected';
  eventId?: string;
  title?: string;
  reason?: string;
}

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** Where DynamoDB Local, s3rver, feeds and the dead-letter file keep their data. */
  dataDir: string;
  ports?: { http?: number; s3?: number; dynamodb?: number };
  /** Structured log sink of the handlers and the runtime. */
  log?: Logger;
  /** Called once per object normalized or rejected. */
  onIngested?: (notice: IngestionNotice) => void;
  /** Called when a delivery failed every retry and went to the dead-letter file. */
  onDeadLetter?: (key: string, error: string) => void;
  /** Called when publish failed every retry on stream records, which went to `publish-dlq.jsonl`. */
  onPublishDeadLetter?: (records: number, error: string) => void;
  /** Concurrent normalizations (Lambda's concurrency, locally). Default {@link LOCAL_NORMALIZE_CONCURRENCY}. */
  concurrency?: number;
  /** Retries of a failed normalization before the dead-letter file. */
  retry?: RetryPolicy;
  /**
   * Start DynamoDB Local and s3rver in their own process groups: a terminal's Ctrl-C then
   * reaches only this process, which drains the queue before stopping them (`npm start`).
   */
  detachServers?: boolean;
  /** Skip reconciling the bucket against the ingestion records at start (tests of the plain path). */
  reconcile?: boolean;
}

/** A running local stack. */
export interface LocalStack {
  urls: {
    http: string;
    s3: string;
    dynamodb: string;
    feeds: { rss: string; atom: string; json: string };
  };
  bucket: string;
  tableName: string;
  dataDir: string;
  s3Client: S3Client;
  dynamoClient: DynamoDBClient;
  pipeline: LocalPipeline;
  deadLetters: DeadLetterFile;
  /** Stream records publish gave up on (`publish-dlq.jsonl`). */
  publishDeadLetters: DeadLetterFile<PublishDeadLetter>;
  /** Uploads a file through the S3 API (key defaults to the file name). Resolves with the key. */
  uploadFile(path: string, options?: { key?: string; metadata?: Record<string, string> }): Promise<string>;
  /** Resolves when every notification delivered so far and every stream record it caused is processed. */
  whenIdle(): Promise<void>;
  /** Resolves when every notification delivered so far is normalized, rejected or dead-lettered (stream not awaited). */
  whenNormalized(): Promise<void>;
  /**
   * Re-delivers the dead-letter file's events (failures go back to it), then hands the
   * publish dead letters' records to publish again (`publish`: counts of records).
   */
  replay(): Promise<{ replayed: number; failed: number; publish: { replayed: number; failed: number } }>;
  /** Queues every object with no ingestion record, or a pending one; resolves with how many. */
  reconcile(): Promise<number>;
  /** For fault tests: stop and start DynamoDB Local (same port, same data). */
  faults: { stopDynamo(): Promise<void>; startDynamo(): Promise<void> };
  /** Stops accepting uploads' notifications, drains, and stops every server. */
  stop(): Promise<void>;
  /** Stops every server without draining (work in flight is picked up by reconcile at the next start). */
  stopServersNow(): Promise<void>;
}

const silentLog: Logger = { info() {}, warn() {}, error() {} };

/** The content type an upload gets from its extension. */
export function contentTypeFor(path: string): string {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'text/html; charset=utf-8';
  if (extension === '.json') return 'application/json';
  if (extension === '.txt' || extension === '.text' || extension === '') return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/** Starts the whole pipeline locally. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const ports = {
    http: options.ports?.http ?? DEFAULT_PORTS.http,
    s3: options.ports?.s3 ?? DEFAULT_PORTS.s3,
    dynamodb: options.ports?.dynamodb ?? DEFAULT_PORTS.dynamodb,
  };
  const log = options.log ?? silentLog;
  const bucket = LOCAL_BUCKET_NAME;
  const tableName = LOCAL_TABLE_NAME;
  const dataDir = options.dataDir;
  const httpUrl = `http://127.0.0.1:${ports.http}`;

  await assertPortFree(ports.http, 'HTTP API', 'PORT');
  await assertPortFree(ports.s3, 'S3', 'S3_PORT');
  await assertPortFree(ports.dynamodb, 'DynamoDB Local', 'DYNAMODB_PORT');

  const deadLetters = new DeadLetterFile(join(dataDir, 'dlq.jsonl'));
  const publishDeadLetters = new DeadLetterFile<PublishDeadLetter>(join(dataDir, 'publish-dlq.jsonl'));
  let pipeline: LocalPipeline | null = null;
  let accepting = true;
  const early: S3Event[] = [];

  const queue = new WorkQueue<S3Event>({
    concurrency: options.concurrency ?? LOCAL_NORMALIZE_CONCURRENCY,
    retry: options.retry ?? { attempts: 4, baseDelayMs: 250, maxDelayMs: 2000 },
    work: async (event) => {
      if (!pipeline) throw new Error('pipeline not ready');
      const outcomes = await pipeline.normalize(event);
      // Its writes are in the stream now: publish them without waiting out the poll interval.
      poller?.nudge();
      if (options.onIngested) for (const outcome of outcomes) await notify(outcome);
    },
    onGiveUp: async (event, error, attempts) => {
      const key = event.Records[0]?.s3.object.key ?? '?';
      log.error('normalize gave up, dead-lettered', { key, attempts, error: String(error) });
      options.onDeadLetter?.(key, String(error));
      await deadLetters.append({ failedAt: new Date().toISOString(), attempts, error: String(error), event });
    },
  });

  async function notify(outcome: NormalizeOutcome): Promise<void> {
    let title: string | undefined;
    if (outcome.eventId && pipeline) {
      try {
        title = (await pipeline.events.get(outcome.eventId))?.title;
      } catch {
        // The line is printed without a title; the event itself is stored.
      }
    }
    options.onIngested?.({ ...outcome, title });
  }

  function deliver(event: S3Event): void {
    if (!accepting) return;
    if (!pipeline) {
      early.push(event);
      return;
    }
    void queue.push(event);
  }

  const dynamoDir = join(dataDir, 'dynamodb');
  const started: LocalServer[] = [];
  let dynamo: LocalServer;
  let s3: LocalServer;
  try {
    [dynamo, s3] = await Promise.all([
      startDynamoLocal({
        port: ports.dynamodb,
        dataDir: dynamoDir,
        detached: options.detachServers,
        jvmOptions: FAST_START_JVM_OPTIONS,
      }).then((server) => {
        started.push(server);
        return server;
      }),
      startS3Local({
        port: ports.s3,
        dataDir: join(dataDir, 's3'),
        bucket,
        detached: options.detachServers,
        onEvent: (record) => {
          if (record.eventName.startsWith('ObjectCreated')) deliver(s3EventFromS3rver(record, REGION));
        },
      }).then((server) => {
        started.push(server);
        return server;
      }),
    ]);
  } catch (error) {
    await Promise.all(started.map((server) => server.stop()));
    throw error;
  }

  const s3Client = makeS3Client({ region: REGION, endpoint: s3.endpoint });
  const dynamoClient = makeDynamoClient({ region: REGION, endpoint: dynamo.endpoint });
  const streamsClient = new DynamoDBStreamsClient({
    region: REGION,
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  let poller: StreamPoller | null = null;
  let httpServer: Server | null = null;
  let serversStopped: Promise<void> | null = null;
  const stopServers = () => {
    serversStopped ??= stopServersOnce();
    return serversStopped;
  };
  const stopServersOnce = async () => {
    await poller?.stop();
    if (httpServer) {
      const server = httpServer;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    await Promise.all([s3.stop(), dynamo.stop()]);
    s3Client.destroy();
    dynamoClient.destroy();
    streamsClient.destroy();
  };

  try {
    const streamArn = await ensureTable(dynamoClient, tableName);
    const built = buildLocalPipeline({
      s3Client,
      dynamoClient,
      bucket,
      tableName,
      dataDir,
      publicUrl: httpUrl,
      log,
    });
    const currentPoller = new StreamPoller({
      client: streamsClient,
      streamArn,
      region: REGION,
      handler: built.publish,
      log,
      // The local on-failure destination of the stream: records publish gave up on.
      onGiveUp: async (records: DynamoDBRecord[], error: string, attempts: number) => {
        options.onPublishDeadLetter?.(records.length, error);
        await publishDeadLetters.append({ failedAt: new Date().toISOString(), attempts, error, records });
      },
    });
    poller = currentPoller;
    // Start reading the stream before anything is normalized, so no write is missed.
    await currentPoller.start();
    // Build the feeds once from what the table holds, so they exist before the first change.
    await built.publish({
      Records: [
        {
          eventName: 'MODIFY',
          eventSource: 'aws:dynamodb',
          eventSourceARN: streamArn,
          awsRegion: REGION,
          dynamodb: {
            Keys: { pk: { S: 'EVENT#local-startup' }, sk: { S: 'EVENT' } },
            ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        },
      ],
    });
    pipeline = built;
    for (const event of early.splice(0)) void queue.push(event);

    const app = createApp({
      events: built.events,
      ingestions: built.ingestions,
      feeds: built.feeds,
      publicUrl: httpUrl,
      log,
    });
    httpServer = await new Promise<Server>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port: ports.http, hostname: '127.0.0.1' }) as Server;
      server.once('listening', () => resolve(server));
      server.once('error', reject);
    });
  } catch (error) {
    await stopServers();
    throw error;
  }

  const ready = pipeline as LocalPipeline;

  async function reconcile(): Promise<number> {
    const events = await reconcileBucket({
      articles: ready.articles,
      ingestions: ready.ingestions,
      bucket,
      region: REGION,
    });
    for (const event of events) deliver(event);
    if (events.length > 0) log.info('reconcile queued objects', { count: events.length });
    return events.length;
  }

  async function whenIdle(): Promise<void> {
    for (;;) {
      // Notifications travel from s3rver's process over IPC: let those already sent arrive.
      await new Promise((r) => setTimeout(r, 25));
      await queue.idle();
      const pushed = queue.pushed;
      await poller?.whenQuiet();
      if (queue.isIdle && queue.pushed === pushed) return;
    }
  }

  if (options.reconcile !== false) await reconcile();

  return {
    urls: {
      http: httpUrl,
      s3: s3.endpoint,
      dynamodb: dynamo.endpoint,
      feeds: {
        rss: `${httpUrl}/feeds/timeline.rss`,
        atom: `${httpUrl}/feeds/timeline.atom`,
        json: `${httpUrl}/feeds/timeline.json`,
      },
    },
    bucket,
    tableName,
    dataDir,
    s3Client,
    dynamoClient,
    pipeline: ready,
    deadLetters,
    publishDeadLetters,
    async uploadFile(path, uploadOptions) {
      const key = uploadOptions?.key ?? basename(path);
      await s3Client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: await readFile(path),
          ContentType: contentTypeFor(path),
          Metadata: uploadOptions?.metadata,
        }),
      );
      return key;
    },
    whenIdle,
    async whenNormalized() {
      await new Promise((r) => setTimeout(r, 25));
      await queue.idle();
    },
    async replay() {
      const taken = await deadLetters.take();
      const results = await Promise.all(taken.entries.map((entry) => queue.push(entry.event)));
      await taken.commit();
      const failed = results.filter((r) => r === 'gave-up').length;
      // The replayed normalizations' own stream records first, then the old failed ones.
      await whenIdle();
      const publish = await replayPublishDeadLetters(publishDeadLetters, ready.publish);
      return { replayed: results.length - failed, failed, publish };
    },
    reconcile,
    faults: {
      async stopDynamo() {
        await dynamo.stop();
      },
      async startDynamo() {
        dynamo = await startDynamoLocal({
          port: ports.dynamodb,
          dataDir: dynamoDir,
          detached: options.detachServers,
          jvmOptions: FAST_START_JVM_OPTIONS,
        });
      },
    },
    async stop() {
      accepting = false;
      const drained = await Promise.race([
        whenIdle().then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 15_000)),
      ]);
      if (!drained) log.warn('stopped before the queue drained', { pending: queue.pending });
      await stopServers();
    },
    async stopServersNow() {
      accepting = false;
      await stopServers();
    },
  };
}
