/**
 * The one definition of what `/api/events` filters mean, shared by every EventStore so the
 * in-memory reference and the DynamoDB adapter cannot drift: an event is reduced to an
 * {@link EventIndexEntry} (what index items carry) and {@link entryMatches} decides.
 */
import type { Event } from './event.js';
import { eventFacets, type FacetName, searchTokens } from './event-filter.js';
import { timelineSortKey } from './event-order.js';

/** The filterable projection of an event, as stored on its index items. */
export interface EventIndexEntry {
  id: string;
  /** Timeline sort key ({@link timelineSortKey}); pages are cut on it. */
  sortKey: string;
  /** The day the timeline places the event on (date, else published, else created). */
  day: string;
  type: Event['type'];
  facets: Record<FacetName, string[]>;
  /** Object keys of the event's sources. */
  sources: string[];
  /** Lower-cased words of title and summary, for `q`. */
  tokens: string[];
}

/** The filters of an event query (the page fields `limit` and `cursor` excluded). */
export interface EventFilters {
  from?: string;
  to?: string;
  actor?: string;
  country?: string;
  organization?: string;
  type?: Event['type'];
  location?: string;
  source?: string;
  q?: string;
}

/** The day the timeline places an event on. */
export function timelineDay(event: Pick<Event, 'date' | 'published' | 'createdAt'>): string {
  return event.date ?? event.published ?? event.createdAt.slice(0, 10);
}

/** Builds the index entry of an event. */
export function eventIndexEntry(event: Event): EventIndexEntry {
  return {
    id: event.id,
    sortKey: timelineSortKey(event),
    day: timelineDay(event),
    type: event.type,
    facets: eventFacets(event),
    sources: event.sources.map((s) => s.key).sort(),
    tokens: searchTokens(`${event.title} ${event.summary}`),
  };
}

/**
 * True when the entry passes every filter. `from` compares whole days; `to` compares the
 * event day cut to the length of `to`, so `to=2025-03` keeps all of March.
 */
export function entryMatches(entry: EventIndexEntry, q: EventFilters): boolean {
  if (q.from && entry.day < q.from) return false;
  if (q.to && entry.day.slice(0, q.to.length) > q.to) return false;
  if (q.actor && !entry.facets.actor.includes(q.actor)) return false;
  if (q.country && !entry.facets.country.includes(q.country)) return false;
  if (q.organization && !entry.facets.organization.includes(q.organization)) return false;
  if (q.type && entry.type !== q.type) return false;
  if (q.location && !entry.facets.location.includes(q.location)) return false;
  if (q.source && !entry.sources.includes(q.source)) return false;
  if (q.q) {
    const words = entry.tokens;
    if (!searchTokens(q.q).every((term) => words.some((word) => word.startsWith(term)))) return false;
  }
  return true;
}

/** True when the event passes every filter (see {@link entryMatches}). */
export function eventMatches(event: Event, q: EventFilters): boolean {
  return entryMatches(eventIndexEntry(event), q);
}
