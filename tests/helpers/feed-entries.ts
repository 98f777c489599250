/**
 * Reads the entries of the local run's live feeds in all three formats: what a feed reader
 * keys items by (Atom `<id>`, RSS `<guid>`, JSON Feed `id`) and when it says they changed.
 */
import type { LocalStack } from '../../local/stack.js';

/** One entry: its id and its updated time (RSS has none per item: null). */
export interface FeedEntry {
  id: string;
  updated: string | null;
}

/** The entries of each format of the live timeline feed. */
export interface FeedEntries {
  atom: FeedEntry[];
  rss: FeedEntry[];
  json: FeedEntry[];
}

function textOf(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!match) return null;
  return (match[1] ?? '').replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1').trim();
}

/** Atom entries: `<id>` and `<updated>` of each `<entry>`. */
export function atomEntries(xml: string): FeedEntry[] {
  return (xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? []).map((entry) => ({
    id: textOf(entry, 'id') ?? '',
    updated: textOf(entry, 'updated'),
  }));
}

/** RSS items: `<guid>` of each `<item>`. */
export function rssEntries(xml: string): FeedEntry[] {
  return (xml.match(/<item>[\s\S]*?<\/item>/g) ?? []).map((item) => ({
    id: textOf(item, 'guid') ?? '',
    updated: null,
  }));
}

/** JSON Feed items: `id` and `date_modified`. */
export function jsonEntries(text: string): FeedEntry[] {
  const feed = JSON.parse(text) as { items?: Array<{ id: string; date_modified?: string }> };
  return (feed.items ?? []).map((item) => ({ id: item.id, updated: item.date_modified ?? null }));
}

/** Fetches the live timeline feed of a stack in all three formats. */
export async function liveFeedEntries(stack: LocalStack): Promise<FeedEntries> {
  const get = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  };
  const [atom, rss, json] = await Promise.all([
    get(stack.urls.feeds.atom),
    get(stack.urls.feeds.rss),
    get(stack.urls.feeds.json),
  ]);
  return { atom: atomEntries(atom), rss: rssEntries(rss), json: jsonEntries(json) };
}

/** The event id at the end of an entry id (`tag:entente,2025:event:<id>`, or a URL ending in it). */
export function eventIdOfEntry(entryId: string): string {
  return entryId.split(/[:/]/).pop() ?? '';
}

/** The live timeline feed files publish wrote (the site bucket's files, locally `.data/site/feeds/`). */
export async function writtenFeedEntries(stack: LocalStack): Promise<FeedEntries> {
  const get = async (path: string) => {
    const file = await stack.pipeline.feeds.get(path);
    if (!file) throw new Error(`publish wrote no ${path}`);
    return file.body;
  };
  const [atom, rss, json] = await Promise.all([
    get('feeds/timeline.atom'),
    get('feeds/timeline.rss'),
    get('feeds/timeline.json'),
  ]);
  return { atom: atomEntries(atom), rss: rssEntries(rss), json: jsonEntries(json) };
}
