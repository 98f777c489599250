/**
 * Event[] → RSS 2.0, Atom 1.0 and JSON Feed 1.1, as pure functions of their input.
 * First cut with the `feed` package.
 */
import { Feed } from 'feed';
import type { Event } from './event.js';

/** Options of the feed renderers. */
export interface FeedOptions {
  /** Public base URL, without a trailing slash. */
  publicUrl: string;
  title: string;
  /** Path of the feed without extension, e.g. `/feeds/timeline`. */
  path: string;
}

/** The three renderings of one feed. */
export interface RenderedFeeds {
  rss: string;
  atom: string;
  json: string;
}

/** Renders events (newest first) as the three feed formats. Deterministic: no clock. */
export function renderFeeds(events: readonly Event[], options: FeedOptions): RenderedFeeds {
  const updated = events.reduce(
    (max, e) => (e.updatedAt > max ? e.updatedAt : max),
    '1970-01-01T00:00:00.000Z',
  );
  const feed = new Feed({
    title: options.title,
    id: `${options.publicUrl}${options.path}`,
    link: `${options.publicUrl}/`,
    copyright: 'Entente',
    updated: new Date(updated),
    feedLinks: {
      atom: `${options.publicUrl}${options.path}.atom`,
      json: `${options.publicUrl}${options.path}.json`,
    },
    author: { name: 'Entente' },
  });
  for (const event of events) {
    feed.addItem({
      title: event.title,
      id: `${options.publicUrl}/api/events/${event.id}`,
      link: `${options.publicUrl}/api/events/${event.id}`,
      description: event.summary,
      date: new Date(event.updatedAt),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1(), json: feed.json1() };
}
