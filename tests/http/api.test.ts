import { describe, expect, it } from 'vitest';
import type { Event } from '../../functions/core/event.js';
import { sortNewestFirst } from '../../functions/core/event-order.js';
import type { EventPage } from '../../functions/ports.js';
import { testApp } from './app-helpers.js';
import { HOSTILE_TITLE, makeEvent, SAMPLE_SEEDS } from './event-fixtures.js';

const samples = SAMPLE_SEEDS.map(makeEvent);

async function page(app: Awaited<ReturnType<typeof testApp>>['app'], path: string): Promise<EventPage> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as EventPage;
}
const ids = (p: EventPage) => p.items.map((e) => e.id);

describe('/api/events', () => {
  it('lists events newest first, with the issue-2 shape', async () => {
    const { app } = await testApp(samples);
    const res = await app.request('/api/events');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as EventPage;
    expect(ids(body)).toEqual(['ev_003', 'ev_002', 'ev_004', 'ev_000', 'ev_001']);
    expect(body.nextCursor).toBeNull();
  });

  it('filters by each parameter', async () => {
    const { app } = await testApp(samples);
    expect(ids(await page(app, '/api/events?actor=vladimir-putin'))).toEqual(['ev_001']);
    expect(ids(await page(app, '/api/events?country=united-states&type=talks'))).toEqual([
      'ev_002',
      'ev_000',
    ]);
    expect(ids(await page(app, '/api/events?location=moscow'))).toEqual(['ev_003', 'ev_001']);
    expect(ids(await page(app, '/api/events?from=2016-06&to=2016-12'))).toEqual(['ev_002', 'ev_004']);
    expect(ids(await page(app, '/api/events?to=2015'))).toEqual(['ev_001']);
    expect(ids(await page(app, '/api/events?q=lacklust'))).toEqual(['ev_002']);
  });

  it('refuses bad parameters with 400 {error, message}', async () => {
    const { app } = await testApp(samples);
    const cases: Array<[string, RegExp]> = [
      ['/api/events?limit=0', /^limit must be an integer from 1 to 200/],
      ['/api/events?limit=201', /^limit must be an integer from 1 to 200/],
      ['/api/events?limit=abc', /^limit/],
      ['/api/events?limit=1.5', /^limit/],
      ['/api/events?from=2016-02-30', /^from is not a calendar date/],
      ['/api/events?from=yesterday', /^from must be YYYY/],
      ['/api/events?from=2017&to=2016', /^from must not be after to/],
      ['/api/events?type=war', /^type must be one of/],
      [`/api/events?q=${'x'.repeat(201)}`, /^q must be at most 200/],
      ['/api/events?cursor=bm9wZQ', /^cursor is not valid/],
      [`/api/events?cursor=${'a'.repeat(401)}`, /^cursor is too long/],
      ['/api/events?actor=nobody', /^unknown actor "nobody"/],
      ['/api/events?organization=nato', /^unknown organization "nato"/],
      ['/api/events?colour=red', /^unknown parameter colour/],
      ['/api/events?source=a.txt&actor=john-kerry', /^source cannot be combined/],
    ];
    for (const [path, message] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as Record<string, string>;
      expect(Object.keys(body).sort()).toEqual(['error', 'message']);
      expect(body.message, path).toMatch(message);
    }
  });

  it('with limit=1 visits every event exactly once while new events arrive between pages', async () => {
    const initial = Array.from({ length: 25 }, (_, i) =>
      makeEvent({
        id: `ev_p${String(i).padStart(2, '0')}`,
        title: `Event ${i}`,
        date: `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`,
      }),
    );
    const { app, store } = await testApp(initial);
    const seen: string[] = [];
    const added: Event[] = [];
    let cursor: string | null = null;
    let step = 0;
    do {
      const body: EventPage = await page(
        app,
        `/api/events?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...ids(body));
      cursor = body.nextCursor;
      // Newer, older and same-day events arrive while the client pages.
      const date =
        ['2021-01-01', '2018-06-15', '2019-03-04', body.items[0]?.date ?? '2019-01-01'][step % 4] ?? null;
      const event = makeEvent({ id: `ev_new${String(step).padStart(2, '0')}`, title: `New ${step}`, date });
      await store.create(event);
      added.push(event);
      step += 1;
      expect(step).toBeLessThan(200);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const event of initial) expect(seen).toContain(event.id);
    // The order is the timeline's, and never goes back up.
    const all = sortNewestFirst([...initial, ...added]).map((e) => e.id);
    const positions = seen.map((id) => all.indexOf(id));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('?source= gives the event of an article via its ingestion record', async () => {
    const { app, ingestions } = await testApp(samples);
    await ingestions.put({
      key: 'articles/002.txt',
      status: 'normalized',
      eventId: 'ev_002',
      updatedAt: '2024-01-01T00:00:00Z',
    });
    await ingestions.put({
      key: 'bad.bin',
      status: 'rejected',
      reason: 'binary',
      updatedAt: '2024-01-01T00:00:00Z',
    });
    expect(ids(await page(app, '/api/events?source=articles%2F002.txt'))).toEqual(['ev_002']);
    expect(ids(await page(app, '/api/events?source=bad.bin'))).toEqual([]);
    expect(ids(await page(app, '/api/events?source=never-seen.txt'))).toEqual([]);
  });

  it('?source= follows a merge pointer to the surviving event', async () => {
    const { app, ingestions, store } = await testApp(samples);
    const loser = samples[1];
    if (!loser) throw new Error('fixture has too few events');
    await ingestions.put({
      key: 'moved.txt',
      status: 'normalized',
      eventId: loser.id,
      updatedAt: '2024-01-01T00:00:00Z',
    });
    await store.transact([
      { kind: 'delete', id: loser.id, expectedVersion: loser.version, mergedInto: 'ev_002' },
    ]);
    expect(ids(await page(app, '/api/events?source=moved.txt'))).toEqual(['ev_002']);
  });
});

describe('other API endpoints', () => {
  it('/api/events/{id}: the event, or 404 JSON', async () => {
    const { app } = await testApp(samples);
    const found = await app.request('/api/events/ev_002');
    expect(found.status).toBe(200);
    expect(((await found.json()) as Event).title).toBe(samples[2]?.title);
    for (const path of ['/api/events/ev_nope', '/api/events/%3Cscript%3E']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('NOT_FOUND');
    }
  });

  it('/api/events/{id} of an event folded into another answers 308 to the survivor', async () => {
    const { app, store } = await testApp(samples);
    const loser = samples[1];
    const winner = samples[2];
    if (!loser || !winner) throw new Error('fixture has too few events');
    await store.transact([
      { kind: 'delete', id: loser.id, expectedVersion: loser.version, mergedInto: winner.id },
    ]);
    const res = await app.request(`/api/events/${loser.id}`);
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`/api/events/${winner.id}`);
    expect(await res.json()).toEqual({
      error: 'MERGED',
      message: `event ${loser.id} was merged into ${winner.id}`,
      mergedInto: winner.id,
    });
    const followed = await app.request(res.headers.get('location') ?? '');
    expect(((await followed.json()) as Event).id).toBe(winner.id);
  });

  it('/api/ingestions: record, pending when unknown, 400 without a key', async () => {
    const { app, ingestions } = await testApp(samples);
    await ingestions.put({
      key: 'a b+c.txt',
      status: 'rejected',
      reason: 'empty file',
      code: 'EMPTY_INPUT',
      updatedAt: '2024-01-01T00:00:00Z',
    });
    const record = await app.request(`/api/ingestions?key=${encodeURIComponent('a b+c.txt')}`);
    expect(await record.json()).toMatchObject({ key: 'a b+c.txt', status: 'rejected', reason: 'empty file' });
    expect(await (await app.request('/api/ingestions?key=x.txt')).json()).toEqual({
      key: 'x.txt',
      status: 'pending',
    });
    const missing = await app.request('/api/ingestions');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toBe('key is required');
    expect((await app.request(`/api/ingestions?key=${'k'.repeat(1025)}`)).status).toBe(400);
  });

  it('/api/actors and /api/countries list names with counts', async () => {
    const { app } = await testApp(samples);
    const actors = (await (await app.request('/api/actors')).json()) as {
      items: Array<{ name: string; slug: string; count: number; feeds: { atom: string } }>;
    };
    const lavrov = actors.items.find((a) => a.slug === 'sergey-lavrov');
    expect(lavrov).toMatchObject({ name: 'Sergey Lavrov', count: 4 });
    expect(lavrov?.feeds.atom).toBe('https://entente.example/feeds/actors/sergey-lavrov.atom');
    const countries = (await (await app.request('/api/countries')).json()) as {
      items: Array<{ slug: string; count: number }>;
    };
    expect(countries.items.map((c) => [c.slug, c.count])).toEqual([
      ['russia', 5],
      ['syria', 4],
      ['united-states', 4],
    ]);
  });

  it('/api/timeline groups by month; ?format=timelinejs escapes article text', async () => {
    const hostile = makeEvent({
      id: 'ev_bad',
      title: HOSTILE_TITLE,
      summary: '<img src=x onerror=alert(1)>',
      date: '2016-10-20',
      type: 'talks',
    });
    const { app } = await testApp([...samples, hostile]);
    const timeline = (await (await app.request('/api/timeline')).json()) as {
      months: Array<{ month: string; label: string; events: Event[] }>;
    };
    expect(timeline.months.map((m) => [m.month, m.events.map((e) => e.id)])).toEqual([
      ['2017-01', ['ev_003']],
      ['2016-10', ['ev_bad', 'ev_002']],
      ['2016-06', ['ev_004']],
      ['2016-01', ['ev_000']],
      ['2015-12', ['ev_001']],
    ]);
    expect(timeline.months[1]?.label).toBe('October 2016');
    const filtered = (await (await app.request('/api/timeline?actor=sergei-shoigu')).json()) as {
      months: Array<{ month: string }>;
    };
    expect(filtered.months.map((m) => m.month)).toEqual(['2016-06']);

    const js = (await (await app.request('/api/timeline?format=timelinejs')).json()) as {
      events: Array<{
        unique_id: string;
        start_date: Record<string, number>;
        text: { headline: string; text: string };
      }>;
    };
    const slide = js.events.find((e) => e.unique_id === 'ev_bad');
    expect(slide?.start_date).toEqual({ year: 2016, month: 10, day: 20 });
    expect(slide?.text.headline).not.toMatch(/<script|<b>/);
    expect(slide?.text.headline).toContain('&lt;script&gt;');
    expect(slide?.text.text).not.toContain('<img');
    expect(js.events.find((e) => e.unique_id === 'ev_004')?.start_date).toEqual({ year: 2016, month: 6 });
    expect((await app.request('/api/timeline?format=xml')).status).toBe(400);
  });

  it('POST /api/events/{id}/unmerge calls the injected unmerge, 501 without one', async () => {
    const calls: Array<[string, string]> = [];
    const { app } = await testApp(samples, {
      unmerge: async (id, key) => {
        calls.push([id, key]);
        return { eventId: id, newEventId: 'ev_split' };
      },
    });
    const res = await app.request('/api/events/ev_002/unmerge?key=articles%2F002.txt', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ eventId: 'ev_002', newEventId: 'ev_split' });
    expect(calls).toEqual([['ev_002', 'articles/002.txt']]);
    expect((await app.request('/api/events/ev_002/unmerge', { method: 'POST' })).status).toBe(400);

    const { app: without } = await testApp(samples);
    const none = await without.request('/api/events/ev_002/unmerge?key=a', { method: 'POST' });
    expect(none.status).toBe(501);
    expect(((await none.json()) as { error: string }).error).toBe('NOT_IMPLEMENTED');
  });

  it('answers ETag/304 on the API too', async () => {
    const { app } = await testApp(samples);
    const first = await app.request('/api/events?limit=2');
    const etag = first.headers.get('etag') ?? '';
    expect((await app.request('/api/events?limit=2', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    expect((await app.request('/api/events?limit=3', { headers: { 'if-none-match': etag } })).status).toBe(
      200,
    );
  });

  it('an unexpected failure is a generic 500; the detail goes only to the log', async () => {
    const { app, store, log } = await testApp(samples);
    store.query = async () => {
      throw new Error('secret table name entente-prod-xyz exploded');
    };
    const res = await app.request('/api/events');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'INTERNAL', message: 'internal error' });
    expect(text).not.toContain('secret');
    expect(JSON.stringify(log.lines)).toContain('secret table name');
    expect((await app.request('/no/such/route')).status).toBe(404);
  });
});
