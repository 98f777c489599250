/**
 * publish: DynamoDB Stream batch → the feed files of the site bucket.
 *
 * Rebuilds only what the batch can have changed: the live feeds (one query of the newest
 * 50) and the month archive pages of the events in the batch (one keyset range each, plus
 * the next newer page, whose `prev-archive` link may now point elsewhere). Never a scan.
 * Failures are reported per record (`batchItemFailures`), so one bad record neither blocks
 * nor repeats the others' work forever; rendering is idempotent, so a retry is harmless.
 *
 * Pending events (created by a normalizer still checking for duplicates, see
 * handlers/normalize.ts) are in no feed: a record whose images are all pending (its
 * creation, a merge into it, its fold into another) changes nothing and is skipped. Its
 * reveal is a MODIFY whose new image is visible: that record publishes it.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { makeDynamoClient, makeS3Client } from '../adapters/clients.js';
import { DynamoEventStore, isPendingItem } from '../adapters/dynamodb-event-store.js';
import { S3FeedStore } from '../adapters/s3-feed-store.js';
import { readConfig } from '../config.js';
import { ConfigError } from '../core/errors.js';
import { timelineSortKey } from '../core/event-order.js';
import { archivePath, bucketOfSortKey, TIMELINE_PATH } from '../core/feed-archive.js';
import { LIVE_FEED_SIZE, newerBucket, readArchive, readLiveFeed } from '../core/feed-source.js';
import { FEED_CONTENT_TYPES, FEED_FORMATS, renderFeeds } from '../core/feeds.js';
import { jsonLogger, type Logger } from '../logger.js';
import type { EventStore, FeedStore } from '../ports.js';

/** What the publish handler needs. */
export interface PublishDeps {
  events: EventStore;
  feeds: FeedStore;
  publicUrl: string;
  log: Logger;
}

export { LIVE_FEED_SIZE };

const TITLE = 'Entente: diplomatic timeline';

/** Builds the handler; reports failed records as partial batch failures. */
export function makePublishHandler(
  deps: PublishDeps,
): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  return async (event) => {
    const failed = new Set<string>();
    const eventRecords: string[] = [];
    const bucketRecords = new Map<string, string[]>();

    for (const [index, record] of event.Records.entries()) {
      const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? String(index);
      try {
        const buckets = await bucketsOf(record, deps.events);
        if (buckets === null) continue; // not an event item: ingestion records, facet entries
        eventRecords.push(id);
        for (const bucket of buckets) bucketRecords.set(bucket, [...(bucketRecords.get(bucket) ?? []), id]);
      } catch (error) {
        deps.log.error('publish: unreadable record', { sequenceNumber: id, error: String(error) });
        failed.add(id);
      }
    }
    if (eventRecords.length === 0) return report(event.Records, failed);

    let newest: string | null = null;
    try {
      const live = await readLiveFeed(deps.events);
      const first = live.events[0];
      newest = first ? bucketOfSortKey(timelineSortKey(first)) : null;
      await writeAll(
        deps,
        TIMELINE_PATH,
        renderFeeds(live.events, {
          publicUrl: deps.publicUrl,
          title: TITLE,
          path: TIMELINE_PATH,
          prevArchivePath: live.prevBucket ? archivePath(live.prevBucket) : null,
        }),
      );
    } catch (error) {
      deps.log.error('publish: live feed failed', { error: String(error) });
      for (const id of eventRecords) failed.add(id);
    }

    // The pages whose entries changed, and for each the next newer page: its prev-archive
    // link changes when a month gains its first event or loses its last.
    const pages = new Map<string, string[]>();
    for (const [bucket, ids] of bucketRecords) {
      pages.set(bucket, [...(pages.get(bucket) ?? []), ...ids]);
      if (newest) {
        try {
          const newer = await newerBucket(deps.events, bucket, newest);
          if (newer) pages.set(newer, [...(pages.get(newer) ?? []), ...ids]);
        } catch (error) {
          deps.log.error('publish: neighbour lookup failed', { bucket, error: String(error) });
          for (const id of ids) failed.add(id);
        }
      }
    }
    for (const [bucket, ids] of [...pages.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      try {
        await publishArchive(deps, bucket);
      } catch (error) {
        deps.log.error('publish: archive failed', { bucket, error: String(error) });
        for (const id of ids) failed.add(id);
      }
    }
    deps.log.info('published', {
      records: event.Records.length,
      eventRecords: eventRecords.length,
      archives: [...pages.keys()].sort(),
      failed: failed.size,
    });
    return report(event.Records, failed);
  };
}

/** Rebuilds one month's archive page; an emptied month's page is rewritten empty (never left stale). */
async function publishArchive(deps: PublishDeps, bucket: string): Promise<void> {
  const { events, prevBucket } = await readArchive(deps.events, bucket);
  await writeAll(
    deps,
    archivePath(bucket),
    renderFeeds(events, {
      publicUrl: deps.publicUrl,
      title: `${TITLE}, ${bucket}`,
      path: archivePath(bucket),
      archive: true,
      currentPath: TIMELINE_PATH,
      prevArchivePath: prevBucket ? archivePath(prevBucket) : null,
    }),
  );
}

async function writeAll(deps: PublishDeps, path: string, feeds: Record<'atom' | 'rss' | 'json', string>) {
  const key = path.replace(/^\//, '');
  await Promise.all(
    FEED_FORMATS.map((format) =>
      deps.feeds.put(`${key}.${format}`, feeds[format], FEED_CONTENT_TYPES[format]),
    ),
  );
}

/**
 * The archive buckets a stream record touches (old and new position of the event), or null
 * for items that are not events. The event item's `gsi1sk` is its timeline sort key
 * (infra/table.ts); without it, the event is read back by id.
 */
async function bucketsOf(record: DynamoDBRecord, store: EventStore): Promise<string[] | null> {
  const keys = record.dynamodb?.Keys;
  if (!keys?.pk?.S || !keys.sk?.S) throw new Error('stream record without pk/sk keys');
  if (keys.sk.S !== 'EVENT') return null;
  const images = [record.dynamodb?.OldImage, record.dynamodb?.NewImage].filter(
    (image) => image !== undefined,
  );
  const visible = images.filter((image) => !isPendingItem(image));
  // Every image pending: the event was never in a feed before or after this change.
  if (images.length > 0 && visible.length === 0) return null;
  const buckets = new Set<string>();
  for (const image of visible) {
    const sortKey = image.gsi1sk?.S;
    if (sortKey) buckets.add(bucketOfSortKey(sortKey));
  }
  if (buckets.size === 0) {
    if (!keys.pk.S.startsWith('EVENT#')) throw new Error(`unexpected event key ${keys.pk.S}`);
    const stored = await store.get(keys.pk.S.slice('EVENT#'.length));
    if (stored?.pending) return null;
    if (stored) buckets.add(bucketOfSortKey(timelineSortKey(stored)));
  }
  return [...buckets];
}

function report(records: DynamoDBRecord[], failed: Set<string>): DynamoDBBatchResponse {
  // In batch order: Lambda resumes from the lowest failed sequence number.
  const ids = records
    .map((r, index) => r.dynamodb?.SequenceNumber ?? r.eventID ?? String(index))
    .filter((id) => failed.has(id));
  return { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) };
}

let cached: ((event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>) | undefined;

/** The Lambda entry point: built on first use from the environment. */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  if (!cached) {
    const config = readConfig(process.env);
    if (!config.siteBucket) throw new ConfigError('missing environment variables: SITE_BUCKET');
    cached = makePublishHandler({
      events: new DynamoEventStore(
        makeDynamoClient({ region: config.region, endpoint: config.dynamodbEndpoint }),
        config.tableName,
      ),
      feeds: new S3FeedStore(
        makeS3Client({ region: config.region, endpoint: config.s3Endpoint }),
        config.siteBucket,
      ),
      publicUrl: config.publicUrl,
      log: jsonLogger({ fn: 'publish' }),
    });
  }
  return cached(event);
}
