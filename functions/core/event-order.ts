import type { Event } from './event.js';

/**
 * The timeline's sort key: the event date when known (partial dates sort at the start of
 * their period), else the publication date, else the day it was ingested; then the id, so
 * the order is total and keyset pagination never skips or repeats.
 */
export function timelineSortKey(event: Pick<Event, 'date' | 'published' | 'createdAt' | 'id'>): string {
  const day = event.date ?? event.published ?? event.createdAt.slice(0, 10);
  const padded = day.length === 4 ? `${day}-00-00` : day.length === 7 ? `${day}-00` : day;
  return `${padded}#${event.id}`;
}

/** Sorts events newest first by {@link timelineSortKey}. Returns a new array. */
export function sortNewestFirst<T extends Pick<Event, 'date' | 'published' | 'createdAt' | 'id'>>(
  events: readonly T[],
): T[] {
  return [...events].sort((a, b) => (timelineSortKey(a) < timelineSortKey(b) ? 1 : -1));
}
