import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { testApp } from './app-helpers.js';
import { HOSTILE_TITLE, makeEvent, SAMPLE_SEEDS } from './event-fixtures.js';

/** A JSON pointer segment (RFC 6901). */
const esc = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose schemas accept the real responses', async () => {
    const events = [
      ...SAMPLE_SEEDS.map(makeEvent),
      makeEvent({ id: 'ev_hostile', title: HOSTILE_TITLE, date: '2016', type: 'other', location: null }),
      makeEvent({ id: 'ev_folded', title: 'A duplicate', date: '2016-09-09', type: 'meeting' }),
    ];
    const { app, ingestions, store } = await testApp(events, {
      unmerge: async (id) => ({ eventId: id, status: 'unmerged' }),
    });
    await ingestions.put({
      key: 'a.txt',
      status: 'normalized',
      eventId: 'ev_001',
      contentHash: 'x',
      updatedAt: '2024-01-01T00:00:00Z',
    });

    // An event folded into another by a merge: its old id answers 308 with a pointer.
    const folded = events.find((e) => e.id === 'ev_folded');
    if (!folded) throw new Error('fixture lost ev_folded');
    await store.transact([
      { kind: 'delete', id: folded.id, expectedVersion: folded.version, mergedInto: 'ev_001' },
    ]);

    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(doc, 'openapi.json');

    const first = await app.request('/api/events?limit=2');
    const cursor = ((await first.json()) as { nextCursor: string }).nextCursor;
    // [request, path template, method, expected status]
    const cases: Array<[string, string, string, number, RequestInit?]> = [
      ['/api/events', '/api/events', 'get', 200],
      [`/api/events?limit=2&cursor=${encodeURIComponent(cursor)}`, '/api/events', 'get', 200],
      ['/api/events?source=a.txt', '/api/events', 'get', 200],
      ['/api/events?limit=500', '/api/events', 'get', 400],
      ['/api/events?actor=nobody', '/api/events', 'get', 400],
      ['/api/events/ev_001', '/api/events/{id}', 'get', 200],
      ['/api/events/ev_hostile', '/api/events/{id}', 'get', 200],
      ['/api/events/ev_folded', '/api/events/{id}', 'get', 308],
      ['/api/events/missing', '/api/events/{id}', 'get', 404],
      ['/api/events/ev_001/unmerge?key=a.txt', '/api/events/{id}/unmerge', 'post', 200, { method: 'POST' }],
      ['/api/ingestions?key=a.txt', '/api/ingestions', 'get', 200],
      ['/api/ingestions?key=unknown', '/api/ingestions', 'get', 200],
      ['/api/ingestions', '/api/ingestions', 'get', 400],
      ['/api/actors', '/api/actors', 'get', 200],
      ['/api/countries', '/api/countries', 'get', 200],
      ['/api/organizations', '/api/organizations', 'get', 200],
      ['/api/locations', '/api/locations', 'get', 200],
      ['/api/types', '/api/types', 'get', 200],
      ['/api/timeline', '/api/timeline', 'get', 200],
      ['/api/timeline?format=timelinejs', '/api/timeline', 'get', 200],
      ['/api/timeline?from=nope', '/api/timeline', 'get', 400],
      ['/feeds/timeline.atom?actor=nobody', '/feeds/{file}', 'get', 400],
      ['/feeds/actors/nobody.atom', '/feeds/actors/{file}', 'get', 404],
      ['/feeds/archive/1999-01.json', '/feeds/archive/{file}', 'get', 404],
    ];
    const covered = new Set<string>();
    for (const [url, template, method, status, init] of cases) {
      const response = await app.request(url, init);
      expect(response.status, url).toBe(status);
      const pointer = `openapi.json#/paths/${esc(template)}/${method}/responses/${status}/content/application~1json/schema`;
      const body = await response.json();
      const valid = ajv.validate({ $ref: pointer }, body);
      expect(valid, `${url}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      covered.add(template);
    }
    // Every documented JSON path was exercised (health has no body schema).
    expect([...covered].sort()).toEqual(
      Object.keys(doc.paths)
        .filter((p) => p !== '/health')
        .sort(),
    );

    // The schemas are strict enough to catch drift: a wrong shape fails.
    const eventPage = 'openapi.json#/components/schemas/EventPage';
    expect(ajv.validate({ $ref: eventPage }, { items: [{ id: 'x' }], nextCursor: null })).toBe(false);
    expect(ajv.validate({ $ref: eventPage }, { events: [], nextCursor: null })).toBe(false);
  });
});
