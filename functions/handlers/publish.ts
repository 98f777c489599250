/**
 * publish: DynamoDB Stream batch → rebuild the live feeds from the newest events.
 * Reads only what the feed shows (a query of the newest 50), never a full scan.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { renderFeeds } from '../core/feeds.js';
import type { Logger } from '../logger.js';
import type { EventStore, FeedStore } from '../ports.js';

/** What the publish handler needs. */
export interface PublishDeps {
  events: EventStore;
  feeds: FeedStore;
  publicUrl: string;
  log: Logger;
}

/** The number of newest events in the live feeds. */
export const LIVE_FEED_SIZE = 50;

/** Builds the handler; reports failed records as partial batch failures. */
export function makePublishHandler(
  deps: PublishDeps,
): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  return async (event) => {
    const touchesEvents = event.Records.some((r) => {
      const keys = r.dynamodb?.Keys;
      return keys?.sk?.S === 'EVENT';
    });
    if (!touchesEvents) return { batchItemFailures: [] };
    const page = await deps.events.query({ limit: LIVE_FEED_SIZE });
    const feeds = renderFeeds(page.items, {
      publicUrl: deps.publicUrl,
      title: 'Entente: diplomatic timeline',
      path: '/feeds/timeline',
    });
    await Promise.all([
      deps.feeds.put('feeds/timeline.rss', feeds.rss, 'application/rss+xml; charset=utf-8'),
      deps.feeds.put('feeds/timeline.atom', feeds.atom, 'application/atom+xml; charset=utf-8'),
      deps.feeds.put('feeds/timeline.json', feeds.json, 'application/feed+json; charset=utf-8'),
    ]);
    deps.log.info('published', { records: event.Records.length, events: page.items.length });
    return { batchItemFailures: [] };
  };
}
