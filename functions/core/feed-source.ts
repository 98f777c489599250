/**
 * Reading what a feed shows from the event store: keyset reads of the timeline index only,
 * never a scan of the whole table. The store is passed in (a port), so this stays free of
 * AWS and clocks.
 */

import type { EventQuery, EventStore } from '../ports.js';
import type { Event } from './event.js';
import { timelineSortKey } from './event-order.js';
import {
  bucketOfSortKey,
  bucketStart,
  cursorAtTopOf,
  cursorBelow,
  inBucket,
  nextBucket,
} from './feed-archive.js';

/** The number of newest events in a live feed. */
export const LIVE_FEED_SIZE = 50;

/** Page size of the keyset reads behind an archive page. */
const ARCHIVE_READ_PAGE = 200;

/** Filters a feed can carry (already validated slugs). */
export type FeedFilter = Pick<EventQuery, 'actor' | 'country' | 'type'>;

/** The live feed: newest events, and the archive page to link as `prev-archive` (unfiltered only). */
export async function readLiveFeed(
  store: EventStore,
  filter: FeedFilter = {},
): Promise<{ events: Event[]; prevBucket: string | null }> {
  const page = await store.query({ ...filter, limit: LIVE_FEED_SIZE });
  const oldest = page.items.at(-1);
  const filtered = Boolean(filter.actor || filter.country || filter.type);
  // Older events exist: link the month of the oldest entry shown; the chain goes on from there.
  const prevBucket = !filtered && page.nextCursor && oldest ? bucketOfSortKey(timelineSortKey(oldest)) : null;
  return { events: page.items, prevBucket };
}

/** All events of one archive bucket, newest first, and the next older non-empty bucket. */
export async function readArchive(
  store: EventStore,
  bucket: string,
): Promise<{ events: Event[]; prevBucket: string | null }> {
  const events: Event[] = [];
  let cursor: string | null = cursorAtTopOf(bucket);
  while (cursor) {
    // The cursor bounds the read above the month and `from` below it, so an index range
    // query reads the month's items and nothing else.
    const page = await store.query({ limit: ARCHIVE_READ_PAGE, cursor, from: bucketStart(bucket) });
    const inside = page.items.filter((e) => inBucket(timelineSortKey(e), bucket));
    events.push(...inside);
    // Newest first: once an item falls below the bucket, the rest of the timeline does too.
    cursor = inside.length === page.items.length ? page.nextCursor : null;
  }
  return { events, prevBucket: await olderBucket(store, bucket) };
}

/** The newest non-empty bucket older than `bucket`, or null: one single-item read. */
export async function olderBucket(store: EventStore, bucket: string): Promise<string | null> {
  const page = await store.query({ limit: 1, cursor: cursorBelow(bucket) });
  const first = page.items[0];
  return first ? bucketOfSortKey(timelineSortKey(first)) : null;
}

/**
 * The oldest non-empty bucket newer than `bucket` (whose `prev-archive` link may point at
 * it), or null. Walks month by month up to `newest` with single-item reads: a handful for
 * a recent month, bounded by `maxMonths` for an event dated long ago.
 */
export async function newerBucket(
  store: EventStore,
  bucket: string,
  newest: string,
  maxMonths = 240,
): Promise<string | null> {
  let candidate = nextBucket(bucket);
  for (let step = 0; step < maxMonths && candidate <= newest; step += 1) {
    const page = await store.query({ limit: 1, cursor: cursorAtTopOf(candidate) });
    const first = page.items[0];
    if (first && inBucket(timelineSortKey(first), candidate)) return candidate;
    candidate = nextBucket(candidate);
  }
  return null;
}
