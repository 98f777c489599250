/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written directly: the `feed` package
 * only writes version 1 (singular `author`, no `language`).
 */
import type { FeedDocument } from './feed-model.js';

/** A JSON Feed 1.1 item as Entente writes it. */
export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary?: string;
  date_published: string;
  date_modified: string;
  authors: Array<{ name: string }>;
  tags: string[];
  language: string;
}

/** A JSON Feed 1.1 document as Entente writes it. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  /** Older entries (RFC 5005's prev-archive, in JSON Feed's terms). */
  next_url?: string;
  language: string;
  authors: Array<{ name: string; url: string }>;
  items: JsonFeedItem[];
}

/** Renders the document as JSON Feed 1.1. Keys in a fixed order, so bytes are stable. */
export function renderJsonFeed(doc: FeedDocument): string {
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: `${doc.selfBase}.json${doc.query}`,
    description: doc.description,
    ...(doc.prevArchiveBase ? { next_url: `${doc.prevArchiveBase}.json` } : {}),
    language: doc.language,
    authors: [{ name: 'Entente', url: doc.homeUrl }],
    items: doc.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      content_html: entry.summaryHtml,
      ...(entry.summaryText ? { summary: entry.summaryText } : {}),
      date_published: entry.published,
      date_modified: entry.updated,
      authors: entry.authors.map((name) => ({ name })),
      tags: entry.categories.map((c) => c.label),
      language: doc.language,
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
