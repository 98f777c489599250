/**
 * Event[] → RSS 2.0, Atom 1.0 and JSON Feed 1.1, as pure functions of their input.
 * One format-neutral model (feed-model.ts), one renderer per format.
 */
import type { Event } from './event.js';
import { renderJsonFeed } from './feed-json.js';
import { buildFeedDocument, type FeedOptions } from './feed-model.js';

export { newestUpdate } from './feed-model.js';

import { renderAtom, renderRss } from './feed-xml.js';

export type { FeedOptions } from './feed-model.js';

/** The feed formats, by file extension. */
export const FEED_FORMATS = ['atom', 'rss', 'json'] as const;

/** One of {@link FEED_FORMATS}. */
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** The media type each format is served with. */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The three renderings of one feed. */
export interface RenderedFeeds {
  rss: string;
  atom: string;
  json: string;
}

/** Renders events (newest first) in one format. Deterministic: no clock, no randomness. */
export function renderFeed(events: readonly Event[], options: FeedOptions, format: FeedFormat): string {
  const doc = buildFeedDocument(events, options);
  if (format === 'atom') return renderAtom(doc);
  if (format === 'rss') return renderRss(doc);
  return renderJsonFeed(doc);
}

/** Renders events (newest first) in the three formats. */
export function renderFeeds(events: readonly Event[], options: FeedOptions): RenderedFeeds {
  const doc = buildFeedDocument(events, options);
  return { rss: renderRss(doc), atom: renderAtom(doc), json: renderJsonFeed(doc) };
}
