import { describe, expect, it } from 'vitest';
import { sortNewestFirst } from '../../functions/core/event-order.js';
import { feedparser, jingAtom } from '../core/feed-checkers.js';
import { PUBLIC_URL, testApp } from './app-helpers.js';
import { makeEvent, SAMPLE_SEEDS } from './event-fixtures.js';

const samples = SAMPLE_SEEDS.map(makeEvent);

describe('feed routes', () => {
  it('serves the three formats with their content types, and they parse', async () => {
    const { app } = await testApp(samples);
    const types = { atom: 'application/atom+xml', rss: 'application/rss+xml', json: 'application/feed+json' };
    for (const [format, type] of Object.entries(types)) {
      const res = await app.request(`/feeds/timeline.${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = await res.text();
      if (format === 'json') expect(JSON.parse(body).items).toHaveLength(samples.length);
      else expect(feedparser(body, format as 'atom' | 'rss').entries).toHaveLength(samples.length);
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since; a rebuild gives the same ETag', async () => {
    const { app } = await testApp(samples);
    const first = await app.request('/feeds/timeline.atom');
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(lastModified).toBe(new Date('2017-01-27T12:00:00.000Z').toUTCString());
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);

    // A second app over the same data (another Lambda instance, a rebuild) gives the same bytes.
    const { app: other } = await testApp(structuredClone(samples).reverse());
    const again = await other.request('/feeds/timeline.atom');
    expect(await again.text()).toBe(await first.text());
    expect(again.headers.get('etag')).toBe(etag);

    const conditional = await other.request('/feeds/timeline.atom', {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe('');
    expect(conditional.headers.get('etag')).toBe(etag);

    const weakList = await app.request('/feeds/timeline.atom', {
      headers: { 'if-none-match': `"nope", W/${etag}` },
    });
    expect(weakList.status).toBe(304);
    const since = await app.request('/feeds/timeline.atom', {
      headers: { 'if-modified-since': lastModified ?? '' },
    });
    expect(since.status).toBe(304);
    const older = await app.request('/feeds/timeline.atom', {
      headers: { 'if-modified-since': new Date('2017-01-01T00:00:00Z').toUTCString() },
    });
    expect(older.status).toBe(200);
    const stale = await app.request('/feeds/timeline.atom', { headers: { 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it('a changed event changes the ETag and Last-Modified', async () => {
    const { app, store } = await testApp(samples);
    const before = await app.request('/feeds/timeline.json');
    const event = await store.get('ev_002');
    if (!event) throw new Error('fixture missing');
    await store.update({ ...event, title: 'Changed', updatedAt: '2018-01-01T00:00:00.000Z', version: 2 }, 1);
    const after = await app.request('/feeds/timeline.json', {
      headers: { 'if-none-match': before.headers.get('etag') ?? '' },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('last-modified')).toBe(new Date('2018-01-01T00:00:00.000Z').toUTCString());
  });

  it('answers 304 while the events a feed shows are unchanged, and 200 with a new ETag after one is updated', async () => {
    const { app, store } = await testApp(samples);
    const path = '/feeds/timeline.atom?actor=john-kerry';
    const first = await app.request(path);
    const etag = first.headers.get('etag') ?? '';
    const body = await first.text();
    const conditional = (tag: string) => app.request(path, { headers: { 'if-none-match': tag } });

    // An event this feed does not show changes: its validator does not, 304 without a body.
    const other = await store.get('ev_003');
    if (!other || other.participants.includes('John Kerry')) throw new Error('fixture changed');
    await store.update(
      { ...other, title: 'Elsewhere', updatedAt: '2019-01-01T00:00:00.000Z', version: 2 },
      1,
    );
    const unchanged = await conditional(etag);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    // An event it shows changes: 200, new bytes, a new ETag, and that ETag validates in turn.
    const shown = await store.get('ev_002');
    if (!shown?.participants.includes('John Kerry')) throw new Error('fixture changed');
    await store.update(
      { ...shown, title: 'Changed talks', updatedAt: '2019-02-01T00:00:00.000Z', version: 2 },
      1,
    );
    const changed = await conditional(etag);
    expect(changed.status).toBe(200);
    const newTag = changed.headers.get('etag') ?? '';
    expect(newTag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(newTag).not.toBe(etag);
    const newBody = await changed.text();
    expect(newBody).not.toBe(body);
    expect(newBody).toContain('Changed talks');
    expect((await conditional(newTag)).status).toBe(304);
    // Each format has its own tag: a tag of one never validates another.
    const json = await app.request('/feeds/timeline.json?actor=john-kerry', {
      headers: { 'if-none-match': newTag },
    });
    expect(json.status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const { app } = await testApp(samples);
    const get = await app.request('/feeds/timeline.rss');
    const head = await app.request('/feeds/timeline.rss', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
  });

  it('filters by actor, country and type', async () => {
    const { app } = await testApp(samples);
    const res = await app.request('/feeds/timeline.json?actor=sergey-lavrov&country=syria&type=talks');
    expect(res.status).toBe(200);
    const feed = JSON.parse(await res.text());
    expect(feed.items.map((i: { id: string }) => i.id.split(':').pop()).sort()).toEqual(['ev_000', 'ev_002']);
    expect(feed.title).toBe('Entente: Sergey Lavrov · Syria · Talks');
    expect(feed.feed_url).toBe(
      `${PUBLIC_URL}/feeds/timeline.json?actor=sergey-lavrov&country=syria&type=talks`,
    );
    const atom = await (await app.request('/feeds/timeline.atom?type=invitation')).text();
    expect(jingAtom(atom).ok).toBe(true);
    expect(feedparser(atom, 'atom').entries.map((e) => e.id)).toEqual(['tag:entente,2025:event:ev_003']);
  });

  it('refuses unknown or malformed filters with 400 and a message, never an empty feed', async () => {
    const { app } = await testApp(samples);
    const cases: Array<[string, RegExp]> = [
      ['/feeds/timeline.atom?actor=nobody-at-all', /unknown actor "nobody-at-all".*\/api\/actors/],
      ['/feeds/timeline.rss?country=atlantis', /unknown country "atlantis"/],
      ['/feeds/timeline.json?type=picnic', /^type must be one of meeting/],
      ['/feeds/timeline.atom?actor=Sergey%20Lavrov', /^actor must be a lower-case slug/],
      ['/feeds/timeline.atom?actors=sergey-lavrov', /^unknown parameter actors/],
      ['/feeds/timeline.atom?actor=sergey-lavrov&actor=john-kerry', /more than once/],
      [`/feeds/timeline.atom?actor=${'a'.repeat(81)}`, /at most 80/],
    ];
    for (const [path, message] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.message, path).toMatch(message);
      expect(typeof body.error).toBe('string');
    }
  });

  it('serves per-actor feeds, 404 for an unknown actor', async () => {
    const { app } = await testApp(samples);
    const res = await app.request('/feeds/actors/john-kerry.atom');
    expect(res.status).toBe(200);
    const parsed = feedparser(await res.text(), 'atom');
    expect(parsed.title).toBe('Entente: John Kerry');
    expect(parsed.entries.map((e) => e.id.split(':').pop()).sort()).toEqual(['ev_000', 'ev_001', 'ev_002']);
    const missing = await app.request('/feeds/actors/nobody.atom');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe('NOT_FOUND');
    expect((await app.request('/feeds/actors/john-kerry.html')).status).toBe(404);
    expect((await app.request('/feeds/other.atom')).status).toBe(404);
  });

  it('live feed holds the newest 50; RFC 5005 archives page back through the whole timeline', async () => {
    // 130 events over 20 months, plus ones known only to the month or the year.
    const events = Array.from({ length: 130 }, (_, i) => {
      const month = 1 + (i % 20);
      const year = 2020 + Math.floor((month - 1) / 12);
      const mm = String(((month - 1) % 12) + 1).padStart(2, '0');
      const dd = String(1 + ((i * 7) % 28)).padStart(2, '0');
      return makeEvent({
        id: `ev_gen_${String(i).padStart(3, '0')}`,
        title: `Event ${i}`,
        date: `${year}-${mm}-${dd}`,
      });
    });
    events.push(makeEvent({ id: 'ev_month_only', title: 'Month only', date: '2020-05' }));
    events.push(makeEvent({ id: 'ev_year_only', title: 'Year only', date: '2020' }));
    const { app } = await testApp(events);

    const live = JSON.parse(await (await app.request('/feeds/timeline.json')).text());
    expect(live.items).toHaveLength(50);
    const newest50 = sortNewestFirst(events)
      .slice(0, 50)
      .map((e) => `tag:entente,2025:event:${e.id}`);
    expect(live.items.map((i: { id: string }) => i.id)).toEqual(newest50);

    const seen = new Set<string>(live.items.map((i: { id: string }) => i.id));
    const visited: string[] = [];
    let next: string | undefined = live.next_url;
    while (next) {
      const path = next.slice(PUBLIC_URL.length);
      visited.push(path);
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      const page = JSON.parse(await res.text());
      for (const item of page.items) seen.add(item.id);
      next = page.next_url;
      expect(visited.length).toBeLessThan(40);
    }
    expect(seen.size).toBe(events.length);
    expect(visited.at(-1)).toBe('/feeds/archive/2020-00.json');

    const atomArchive = await (await app.request('/feeds/archive/2020-05.atom')).text();
    expect(jingAtom(atomArchive).ok).toBe(true);
    const parsed = feedparser(atomArchive, 'atom');
    expect(parsed.bozo).toBeFalsy();
    expect(parsed.entries.map((e) => e.id)).toContain('tag:entente,2025:event:ev_month_only');
    const links = Object.fromEntries(parsed.links.map((l) => [l.rel, l.href]));
    expect(links.current).toBe(`${PUBLIC_URL}/feeds/timeline.atom`);
    expect(links['prev-archive']).toBe(`${PUBLIC_URL}/feeds/archive/2020-04.atom`);
    expect(atomArchive).toContain('<fh:archive/>');

    expect((await app.request('/feeds/archive/1999-01.atom')).status).toBe(404);
    expect((await app.request('/feeds/archive/2020-13.atom')).status).toBe(404);
  });
});
