/**
 * The ETag of a feed, derived from what the feed is rendered from instead of from its bytes,
 * so a conditional request (the common case: readers poll) is answered 304 without rendering.
 *
 * A feed's bytes are a pure function of (renderer, format, options, events), and an event's
 * content is fixed by its id and version (every write bumps the version and `updatedAt`). So
 * the validator hashes: a fingerprint of the renderer, the format, the feed options (title,
 * links, filter) and each shown event's id, version and `updatedAt`, in feed order. The same
 * inputs give the same tag on every instance and rebuild; any change of an event shown, of
 * the set or order of events, of the options or of the renderer's output gives a new one.
 *
 * The renderer fingerprint is the hash of a fixed sample feed rendered once per process and
 * format: a change to the renderers that alters their output changes every feed's tag by
 * itself, with no version constant to remember to bump.
 */
import { createHash } from 'node:crypto';
import type { Event } from '../core/event.js';
import { eventFromArticle } from '../core/event-from-article.js';
import type { FeedOptions } from '../core/feed-model.js';
import { type FeedFormat, renderFeed } from '../core/feeds.js';

const fingerprints = new Map<FeedFormat, string>();

/** A quoted strong ETag over `parts` (each part length-prefixed, so boundaries cannot shift). */
export function etagOfParts(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}\n`);
  return `"${hash.digest('base64url').slice(0, 27)}"`;
}

/** The ETag of the feed `renderFeed(events, options, format)` would produce. */
export function feedValidator(format: FeedFormat, options: FeedOptions, events: readonly Event[]): string {
  return etagOfParts([
    'feed/v1',
    rendererFingerprint(format),
    format,
    JSON.stringify(options),
    ...events.map((e) => `${e.id}@${e.version}@${e.updatedAt}`),
  ]);
}

/** Hash of a fixed sample rendered by the current code (memoized per format). */
export function rendererFingerprint(format: FeedFormat): string {
  let fingerprint = fingerprints.get(format);
  if (!fingerprint) {
    const body = renderFeed(SAMPLE_EVENTS, SAMPLE_OPTIONS, format);
    fingerprint = createHash('sha256').update(body).digest('base64url');
    fingerprints.set(format, fingerprint);
  }
  return fingerprint;
}

const SAMPLE_OPTIONS: FeedOptions = {
  publicUrl: 'https://sample.invalid',
  title: 'Sample <feed> & "quotes"',
  path: '/feeds/timeline',
  query: '?actor=a-b&country=c',
  description: 'Sample',
  prevArchivePath: '/feeds/archive/2016-01',
  archive: true,
  currentPath: '/feeds/timeline',
};

/** Two events touching every field the renderers write: people, places, quotes, sources, dates. */
const SAMPLE_EVENTS: Event[] = [
  eventFromArticle(
    {
      article: {
        title: 'Ministers <meet> & talk in "Geneva"',
        titleSource: 'headline',
        summary: 'They met. One said "yes" & the other <no>.',
        publisher: 'Sample Wire',
        author: 'A. Writer',
        published: '2016-09-10',
        url: 'https://news.invalid/a?x=1&y=2',
        language: 'en',
      },
      reading: {
        type: 'talks',
        cameo: '040',
        quadClass: 1,
        date: '2016-09-09',
        dateSource: 'text',
        participants: ['John Kerry', 'Sergey Lavrov'],
        countries: ['Russia', 'United States'],
        organizations: ['United Nations'],
        location: 'Geneva',
        quotes: [{ speaker: 'John Kerry', text: 'We agreed & moved on.' }],
        evidence: { date: 'On 9 September they met.' },
      },
      body: 'They met.',
    },
    {
      id: 'sample_b',
      key: 'sample/b.txt',
      contentHash: 'b',
      now: '2016-09-10T12:00:00.000Z',
      normalizerVersion: 'sample',
    },
  ),
  eventFromArticle(
    {
      article: {
        title: 'A statement',
        titleSource: 'headline',
        summary: 'A statement was made.',
        publisher: null,
        author: null,
        published: null,
        url: null,
        language: 'en',
      },
      reading: {
        type: 'statement',
        cameo: '010',
        quadClass: 1,
        date: '2016-01',
        dateSource: 'metadata',
        participants: [],
        countries: ['Syria'],
        organizations: [],
        location: null,
        quotes: [],
        evidence: {},
      },
      body: 'A statement was made.',
    },
    {
      id: 'sample_a',
      key: 'sample/a.txt',
      contentHash: 'a',
      now: '2016-01-20T12:00:00.000Z',
      normalizerVersion: 'sample',
    },
  ),
];
