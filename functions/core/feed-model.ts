/**
 * The format-neutral model of a feed: what every renderer (RSS, Atom, JSON Feed) writes.
 * Built once from events so the three formats always say the same thing.
 */
import type { Event } from './event.js';
import { cleanText, escapeHtml, isHttpUrl } from './feed-text.js';
import { slugify } from './slug.js';

/**
 * Authority and date of every `tag:` URI (RFC 4151) the feeds mint. Fixed forever: ids built
 * from it never change when the site moves to another domain, so readers never see duplicates.
 */
export const TAG_PREFIX = 'tag:entente,2025:';

/** What the caller says about a feed (its place and its archive links). */
export interface FeedOptions {
  /** Public base URL, without a trailing slash. */
  publicUrl: string;
  title: string;
  /** Path of the feed without extension, e.g. `/feeds/timeline`. */
  path: string;
  /** Canonical query string of a filtered feed, with its `?` (or empty). */
  query?: string;
  description?: string;
  /** Path (without extension) of the next older archive page (RFC 5005 `prev-archive`). */
  prevArchivePath?: string | null;
  /** True for an archive page (RFC 5005 `fh:archive`, `current` link to the live feed). */
  archive?: boolean;
  /** Path (without extension) of the live feed an archive page belongs to. */
  currentPath?: string;
}

/** A category of an entry: an actor, a country, an organization or the event type. */
export interface FeedCategory {
  /** Stable slug. */
  term: string;
  /** Display name. */
  label: string;
  /** `tag:` URI of the facet kind. */
  scheme: string;
}

/** One entry, format-neutral. */
export interface FeedEntry {
  id: string;
  url: string;
  title: string;
  /** ISO date-time of the last change (the event's `updatedAt`). */
  updated: string;
  /** ISO date-time of the event (start of its period for partial dates). */
  published: string;
  summaryHtml: string;
  /** Plain-text summary (JSON Feed `summary`). */
  summaryText: string;
  authors: string[];
  categories: FeedCategory[];
}

/** A feed, format-neutral. */
export interface FeedDocument {
  id: string;
  title: string;
  description: string;
  /** ISO date-time: the newest `updatedAt` of its entries (never the clock), so bytes are stable. */
  updated: string;
  homeUrl: string;
  /** Absolute URL without extension; renderers add `.atom`, `.rss`, `.json`. */
  selfBase: string;
  query: string;
  prevArchiveBase: string | null;
  currentBase: string | null;
  archive: boolean;
  language: string;
  entries: FeedEntry[];
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Human labels of the event types, for summaries and categories. */
export const TYPE_LABELS: Record<Event['type'], string> = {
  meeting: 'Meeting',
  talks: 'Talks',
  agreement: 'Agreement',
  statement: 'Statement',
  proposal: 'Proposal',
  ceasefire: 'Ceasefire',
  military_cooperation: 'Military cooperation',
  sanctions: 'Sanctions',
  invitation: 'Invitation',
  other: 'Other',
};

/** The stable entry id of an event: never changes, whatever is updated or where the site lives. */
export function entryId(eventId: string): string {
  return `${TAG_PREFIX}event:${eventId}`;
}

/** The date-time an event happened at, for `published`: the start of its (possibly partial) date. */
export function eventDateTime(event: Pick<Event, 'date' | 'published' | 'createdAt'>): string {
  const day = event.date ?? event.published;
  if (!day) return event.createdAt;
  const [year, month = '01', date = '01'] = day.split('-');
  return `${year}-${month}-${date}T00:00:00.000Z`;
}

/** A readable form of a (possibly partial) event date: "2025-03-14", "March 2025", "2025". */
export function formatEventDate(date: string | null): string {
  if (!date) return 'date unknown';
  if (date.length === 7)
    return `${MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7)} ${date.slice(0, 4)}`;
  return date;
}

/** English month names (not the runtime locale's: output must not depend on the machine). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * The newest `updatedAt` of the events (ISO strings compare in time order): a feed's
 * `updated` and its HTTP `Last-Modified`. The epoch for no events, never the clock.
 */
export function newestUpdate(events: readonly Pick<Event, 'updatedAt'>[]): string {
  let newest = EPOCH;
  for (const event of events) if (event.updatedAt > newest) newest = event.updatedAt;
  return newest;
}

/** Builds the format-neutral feed from events (newest first). Pure and deterministic. */
export function buildFeedDocument(events: readonly Event[], options: FeedOptions): FeedDocument {
  const query = options.query ?? '';
  const updated = newestUpdate(events);
  return {
    id: `${TAG_PREFIX}feed:${options.path}${query}`,
    title: cleanText(options.title),
    description: cleanText(
      options.description ?? 'Diplomatic events read from news articles: meetings, talks, agreements.',
    ),
    updated,
    homeUrl: `${options.publicUrl}/${query}`,
    selfBase: `${options.publicUrl}${options.path}`,
    query,
    prevArchiveBase: options.prevArchivePath ? `${options.publicUrl}${options.prevArchivePath}` : null,
    currentBase: options.currentPath ? `${options.publicUrl}${options.currentPath}` : null,
    archive: options.archive ?? false,
    language: 'en',
    entries: events.map((event) => buildEntry(event, options.publicUrl)),
  };
}

function buildEntry(event: Event, publicUrl: string): FeedEntry {
  const authors = unique(
    event.sources.map((s) => cleanText(s.author ?? s.publisher ?? '')).filter((name) => name.length > 0),
  );
  return {
    id: entryId(event.id),
    url: `${publicUrl}/#${encodeURIComponent(event.id)}`,
    title: cleanText(event.title) || 'Untitled event',
    updated: event.updatedAt,
    published: eventDateTime(event),
    summaryHtml: summaryHtml(event),
    summaryText: cleanText(event.summary),
    authors: authors.length > 0 ? authors : ['Entente'],
    categories: categories(event),
  };
}

function categories(event: Event): FeedCategory[] {
  const of = (kind: string, names: string[]): FeedCategory[] =>
    unique(names.map(cleanText))
      .filter((name) => name.length > 0)
      .map((name) => ({ term: slugify(name), label: name, scheme: `${TAG_PREFIX}${kind}` }));
  return [
    { term: event.type, label: TYPE_LABELS[event.type], scheme: `${TAG_PREFIX}type` },
    ...of('actor', event.participants),
    ...of('country', event.countries),
    ...of('organization', event.organizations),
  ];
}

/** The entry body: date, type, place, who, the lede and the linked sources. All text escaped. */
function summaryHtml(event: Event): string {
  const facts = [formatEventDate(event.date), TYPE_LABELS[event.type]];
  if (event.location) facts.push(cleanText(event.location));
  const parts = [`<p>${facts.map(escapeHtml).join(' · ')}</p>`];
  const summary = cleanText(event.summary);
  if (summary) parts.push(`<p>${escapeHtml(summary)}</p>`);
  const who: string[] = [];
  if (event.participants.length > 0)
    who.push(`Participants: ${event.participants.map(cleanText).map(escapeHtml).join(', ')}`);
  if (event.countries.length > 0)
    who.push(`Countries: ${event.countries.map(cleanText).map(escapeHtml).join(', ')}`);
  if (event.organizations.length > 0)
    who.push(`Organizations: ${event.organizations.map(cleanText).map(escapeHtml).join(', ')}`);
  if (who.length > 0) parts.push(`<p>${who.join('<br/>')}</p>`);
  const sources = event.sources.map((source) => {
    const label = escapeHtml(
      [source.publisher, source.title]
        .map((s) => cleanText(s ?? ''))
        .filter(Boolean)
        .join(': ') || cleanText(source.key),
    );
    return isHttpUrl(source.url)
      ? `<li><a href="${escapeHtml(source.url)}">${label}</a></li>`
      : `<li>${label}</li>`;
  });
  if (sources.length > 0) parts.push(`<p>Sources:</p><ul>${sources.join('')}</ul>`);
  return parts.join('');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
