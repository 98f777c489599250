/**
 * The real adapters and handlers wired for the local servers: what `startLocalStack` runs,
 * and what `npm run replay` uses against an already running stack.
 */
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, S3Event } from 'aws-lambda';
import { DynamoEventStore } from '../functions/adapters/dynamodb-event-store.js';
import { DynamoIngestionStore } from '../functions/adapters/dynamodb-ingestion-store.js';
import { FileFeedStore } from '../functions/adapters/file-feed-store.js';
import { S3ArticleStore } from '../functions/adapters/s3-article-store.js';
import { makeNormalizeHandler, type NormalizeOutcome } from '../functions/handlers/normalize.js';
import { makePublishHandler } from '../functions/handlers/publish.js';
import type { Logger } from '../functions/logger.js';

/** Largest article the local run normalizes (the same default as the Lambda's config). */
export const LOCAL_MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** Options of {@link buildLocalPipeline}. */
export interface LocalPipelineOptions {
  s3Client: S3Client;
  dynamoClient: DynamoDBClient;
  bucket: string;
  tableName: string;
  dataDir: string;
  publicUrl: string;
  log: Logger;
}

/** The adapters and handlers of the local run. */
export interface LocalPipeline {
  articles: S3ArticleStore;
  events: DynamoEventStore;
  ingestions: DynamoIngestionStore;
  feeds: FileFeedStore;
  normalize: (event: S3Event) => Promise<NormalizeOutcome[]>;
  publish: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
}

/** Builds the real adapters over the local servers and the handlers over them. */
export function buildLocalPipeline(options: LocalPipelineOptions): LocalPipeline {
  const articles = new S3ArticleStore(options.s3Client, options.bucket);
  const events = new DynamoEventStore(options.dynamoClient, options.tableName);
  const ingestions = new DynamoIngestionStore(options.dynamoClient, options.tableName);
  const feeds = new FileFeedStore(join(options.dataDir, 'site'));
  const normalize = makeNormalizeHandler({
    articles,
    events,
    ingestions,
    clock: () => new Date(),
    log: options.log,
    maxArticleBytes: LOCAL_MAX_ARTICLE_BYTES,
  });
  const publish = makePublishHandler({ events, feeds, publicUrl: options.publicUrl, log: options.log });
  return { articles, events, ingestions, feeds, normalize, publish };
}
