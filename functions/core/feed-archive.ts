/**
 * RFC 5005 archive pages of the timeline feed, one per month of event dates.
 *
 * Why months and not pages of N entries: events arrive out of date order (an article
 * about last year's summit can come in today). Pages of N counted from the oldest event
 * would all shift on such an insert, and finding page k would need a count of everything
 * older (a full scan). A month page changes only when an event of that month changes,
 * its content is read with one keyset range of the timeline index, and the publisher
 * knows which page to rebuild from the stream record alone (the event's sort key).
 *
 * Bucket names are `YYYY-MM`; events known only to the year sort before January, in
 * `YYYY-00` (that is where the timeline sort key puts them).
 */
import { encodeCursor } from './cursor.js';
import { MONTH_NAMES } from './feed-model.js';

/** Path (without extension) of the live timeline feed. */
export const TIMELINE_PATH = '/feeds/timeline';

/** A valid bucket name. */
export const BUCKET_PATTERN = /^\d{4}-(0\d|1[0-2])$/;

/** The archive bucket of a timeline sort key (`2025-03-14#ev_…` → `2025-03`). */
export function bucketOfSortKey(sortKey: string): string {
  return sortKey.slice(0, 7);
}

/** True when the sort key belongs to the bucket. */
export function inBucket(sortKey: string, bucket: string): boolean {
  return sortKey.startsWith(`${bucket}-`);
}

/** Path (without extension) of a bucket's archive page. */
export function archivePath(bucket: string): string {
  return `/feeds/archive/${bucket}`;
}

/** A human label: "March 2025", or "2025 (month unknown)". */
export function bucketLabel(bucket: string): string {
  const month = Number(bucket.slice(5, 7));
  const year = bucket.slice(0, 4);
  return month === 0 ? `${year} (month unknown)` : `${MONTH_NAMES[month - 1]} ${year}`;
}

/** The bucket after this one in time (`2025-12` → `2026-00`). */
export function nextBucket(bucket: string): string {
  const year = Number(bucket.slice(0, 4));
  const month = Number(bucket.slice(5, 7));
  return month === 12 ? `${pad(year + 1, 4)}-00` : `${pad(year, 4)}-${pad(month + 1, 2)}`;
}

/**
 * A cursor that starts a newest-first read just above the bucket: the first item served is
 * the newest of the bucket (or of an older one when the bucket is empty). Cursors are
 * timeline sort keys (cursor.ts), so a bound is a sort key that sorts after every day of
 * the month.
 */
export function cursorAtTopOf(bucket: string): string {
  return encodeCursor(`${bucket}-99#`);
}

/**
 * The `from` filter that starts at the bucket: `2025-03` (month-only and full dates of
 * March match), or `2025` for the year-only bucket (the cursor then stops it at `2025-00`).
 */
export function bucketStart(bucket: string): string {
  return bucket.endsWith('-00') ? bucket.slice(0, 4) : bucket;
}

/** A cursor that starts a newest-first read just below the bucket (its older neighbours). */
export function cursorBelow(bucket: string): string {
  return encodeCursor(`${bucket}-00#`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
