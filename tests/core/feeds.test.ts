import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { sortNewestFirst } from '../../functions/core/event-order.js';
import { cleanText } from '../../functions/core/feed-text.js';
import { renderFeeds } from '../../functions/core/feeds.js';
import { HOSTILE_TITLE, makeEvent, SAMPLE_SEEDS } from '../http/event-fixtures.js';
import { feedparser, htmlToText, jingAtom } from './feed-checkers.js';

const OPTIONS = {
  publicUrl: 'https://entente.example',
  title: 'Entente: diplomatic timeline',
  path: '/feeds/timeline',
};
const events = sortNewestFirst(SAMPLE_SEEDS.map(makeEvent));

/** JSON Feed 1.1's required fields (https://jsonfeed.org/version/1.1) plus what Entente promises. */
const url = v.pipe(v.string(), v.url());
// RFC 3339 date-times, as the spec asks (valibot's isoTimestamp also accepts an offset).
const dateTime = v.pipe(v.string(), v.isoTimestamp());
const jsonFeed11 = v.object({
  version: v.literal('https://jsonfeed.org/version/1.1'),
  title: v.pipe(v.string(), v.minLength(1)),
  home_page_url: v.optional(url),
  feed_url: v.optional(url),
  next_url: v.optional(url),
  language: v.pipe(v.string(), v.regex(/^[a-z]{2}(-[A-Z]{2})?$/)),
  authors: v.pipe(v.array(v.object({ name: v.optional(v.string()), url: v.optional(url) })), v.minLength(1)),
  items: v.array(
    v.pipe(
      v.object({
        id: v.pipe(v.string(), v.minLength(1)),
        url: v.optional(url),
        title: v.optional(v.string()),
        content_html: v.optional(v.string()),
        content_text: v.optional(v.string()),
        summary: v.optional(v.string()),
        date_published: v.optional(dateTime),
        date_modified: v.optional(dateTime),
        authors: v.optional(v.array(v.object({ name: v.string() }))),
        tags: v.optional(v.array(v.string())),
        language: v.optional(v.string()),
      }),
      v.check(
        (item) => item.content_html !== undefined || item.content_text !== undefined,
        'an item has content_html or content_text',
      ),
    ),
  ),
});

describe('feeds', () => {
  const feeds = renderFeeds(events, OPTIONS);

  it('Atom validates against the RFC 4287 RELAX NG schema', () => {
    const result = jingAtom(feeds.atom);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('Atom and RSS parse in feedparser without errors, with every entry', () => {
    for (const format of ['atom', 'rss'] as const) {
      const parsed = feedparser(feeds[format], format);
      expect(parsed.bozo, parsed.error).toBeFalsy();
      expect(parsed.version).toBe(format === 'atom' ? 'atom10' : 'rss20');
      expect(parsed.entries.map((e) => e.id)).toEqual(events.map((e) => `tag:entente,2025:event:${e.id}`));
      expect(parsed.entries[0]?.tags).toContain(format === 'atom' ? 'sergey-lavrov' : 'Sergey Lavrov');
      expect(parsed.links.find((l) => l.rel === 'self')?.href).toBe(
        `https://entente.example/feeds/timeline.${format}`,
      );
    }
  });

  it('Atom has the RFC 4287 required parts: authors, alternate and self links, updated = newest change', () => {
    const parsed = feedparser(feeds.atom, 'atom');
    expect(parsed.links.map((l) => l.rel).sort()).toEqual(['alternate', 'self']);
    expect(parsed.updated).toBe('2017-01-27T12:00:00.000Z');
    for (const entry of parsed.entries) expect(entry.authors.length).toBeGreaterThan(0);
    const lavrov = parsed.entries.find((e) => e.id.endsWith('ev_003'));
    // No publisher on that source: the entry still has an author.
    expect(lavrov?.authors).toEqual(['Entente']);
  });

  it('entries carry the date, type, place, participants and linked sources', () => {
    const parsed = feedparser(feeds.atom, 'atom');
    const entry = parsed.entries.find((e) => e.id.endsWith('ev_002'));
    expect(entry?.published).toBe('2016-10-15T00:00:00.000Z');
    expect(entry?.summary).toContain('Talks');
    expect(entry?.summary).toContain('Lausanne');
    expect(entry?.summary).toContain('John Kerry, Sergey Lavrov');
    expect(entry?.summary).toContain('<a href="https://news.example/ev_002">');
  });

  it('JSON Feed is version 1.1 with authors and language', () => {
    const doc = v.parse(jsonFeed11, JSON.parse(feeds.json));
    expect(doc.items.map((i) => i.id)).toEqual(events.map((e) => `tag:entente,2025:event:${e.id}`));
    expect(doc.items[0]?.date_modified).toBe(events[0]?.updatedAt);
  });

  it('is byte-identical when rebuilt, and independent of the clock', () => {
    const again = renderFeeds(structuredClone(events), OPTIONS);
    expect(again).toEqual(feeds);
    expect(feeds.atom).not.toContain(String(new Date().getUTCFullYear()));
  });

  it('an updated event keeps its id and changes its updated time', () => {
    const changed = events.map((e) =>
      e.id === 'ev_002' ? { ...e, title: 'Renamed', updatedAt: '2017-02-01T00:00:00.000Z', version: 2 } : e,
    );
    const before = feedparser(feeds.atom, 'atom').entries.find((e) => e.id.endsWith('ev_002'));
    const after = feedparser(renderFeeds(changed, OPTIONS).atom, 'atom');
    const entry = after.entries.find((e) => e.id.endsWith('ev_002'));
    expect(entry?.id).toBe(before?.id);
    expect(entry?.updated).toBe('2017-02-01T00:00:00.000Z');
    expect(after.updated).toBe('2017-02-01T00:00:00.000Z');
  });

  it('hostile text appears as written in every format, never as markup', () => {
    const hostile = makeEvent({
      ...SAMPLE_SEEDS[0]!,
      title: HOSTILE_TITLE,
      summary: `${HOSTILE_TITLE} <img src=x onerror=alert(1)>`,
      location: 'Geneva & <Lausanne>',
      url: 'javascript:alert(1)',
    });
    const out = renderFeeds([hostile], OPTIONS);
    const expected = cleanText(HOSTILE_TITLE);
    expect(expected).not.toContain('\u0001');

    for (const body of [out.atom, out.rss, out.json]) {
      expect(body).not.toContain('\u0001');
      expect(body).not.toContain('\uD800');
      expect(body).not.toContain('javascript:');
    }
    expect(jingAtom(out.atom).ok).toBe(true);

    const atom = feedparser(out.atom, 'atom');
    expect(atom.bozo).toBeFalsy();
    expect(atom.entries[0]?.title_type).toBe('text/html');
    expect(htmlToText(atom.entries[0]?.title ?? '')).toBe(expected);
    expect(atom.entries[0]?.summary).not.toMatch(/<script|<img/i);

    const rss = feedparser(out.rss, 'rss');
    expect(rss.bozo).toBeFalsy();
    expect(rss.entries[0]?.title).toBe(expected);
    expect(rss.entries[0]?.summary).not.toMatch(/<script|<img/i);

    const json = v.parse(jsonFeed11, JSON.parse(out.json));
    expect(json.items[0]?.title).toBe(expected);
    expect(json.items[0]?.content_html).not.toMatch(/<script|<img/i);
    expect(json.items[0]?.content_html).toContain('&lt;script&gt;');
    expect(json.items[0]?.content_html).toContain('Geneva &amp; &lt;Lausanne&gt;');
  });

  it('an empty feed is still valid, dated at the epoch rather than now', () => {
    const empty = renderFeeds([], OPTIONS);
    expect(jingAtom(empty.atom).ok).toBe(true);
    expect(feedparser(empty.rss, 'rss').bozo).toBeFalsy();
    expect(feedparser(empty.atom, 'atom').updated).toBe('1970-01-01T00:00:00.000Z');
    expect(v.parse(jsonFeed11, JSON.parse(empty.json)).items).toEqual([]);
  });

  it('archive pages carry RFC 5005 fh:archive, current and prev-archive links', () => {
    const page = renderFeeds(events.slice(0, 2), {
      ...OPTIONS,
      path: '/feeds/archive/2016-10',
      archive: true,
      currentPath: '/feeds/timeline',
      prevArchivePath: '/feeds/archive/2016-06',
    });
    expect(jingAtom(page.atom).ok).toBe(true);
    expect(page.atom).toContain('<fh:archive/>');
    expect(page.rss).toContain('<fh:archive/>');
    for (const format of ['atom', 'rss'] as const) {
      const parsed = feedparser(page[format], format);
      expect(parsed.bozo).toBeFalsy();
      const links = Object.fromEntries(parsed.links.map((l) => [l.rel, l.href]));
      expect(links.current).toBe(`https://entente.example/feeds/timeline.${format}`);
      expect(links['prev-archive']).toBe(`https://entente.example/feeds/archive/2016-06.${format}`);
    }
    expect(JSON.parse(page.json).next_url).toBe('https://entente.example/feeds/archive/2016-06.json');
  });
});
