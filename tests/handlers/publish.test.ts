import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MemoryFeedStore } from '../../functions/adapters/memory-stores.js';
import type { Event } from '../../functions/core/event.js';
import { timelineSortKey } from '../../functions/core/event-order.js';
import { makePublishHandler } from '../../functions/handlers/publish.js';
import { memoryLogger } from '../../functions/logger.js';
import type { EventQuery, EventStore } from '../../functions/ports.js';
import { feedparser, jingAtom } from '../core/feed-checkers.js';
import { makeEvent, storeWith } from '../http/event-fixtures.js';

const PUBLIC_URL = 'https://entente.example';

/** A stream record of the events table as Lambda delivers it. */
function eventRecord(seq: string, event: Event | null, old: Event | null = null): DynamoDBRecord {
  const id = (event ?? old)?.id ?? 'x';
  const image = (e: Event | null) =>
    e ? { pk: { S: `EVENT#${e.id}` }, sk: { S: 'EVENT' }, gsi1sk: { S: timelineSortKey(e) } } : undefined;
  return {
    eventID: `id-${seq}`,
    eventName: event && old ? 'MODIFY' : event ? 'INSERT' : 'REMOVE',
    dynamodb: {
      SequenceNumber: seq,
      Keys: { pk: { S: `EVENT#${id}` }, sk: { S: 'EVENT' } },
      ...(image(event) ? { NewImage: image(event) } : {}),
      ...(image(old) ? { OldImage: image(old) } : {}),
    },
  };
}

function otherRecord(seq: string, pk: string, sk: string): DynamoDBRecord {
  return {
    eventID: `id-${seq}`,
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: seq, Keys: { pk: { S: pk }, sk: { S: sk } } },
  };
}

const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

/** Counts what the handler reads, to show it never scans the table. */
function counting(store: EventStore) {
  const reads = { queries: 0, items: 0, maxLimit: 0 };
  const wrapped: EventStore = Object.create(store);
  wrapped.query = async (q: EventQuery) => {
    reads.queries += 1;
    reads.maxLimit = Math.max(reads.maxLimit, q.limit);
    const page = await store.query(q);
    reads.items += page.items.length;
    return page;
  };
  return { store: wrapped, reads };
}

/** `count` events spread over the months of 2015–2022. */
function manyEvents(count: number): Event[] {
  return Array.from({ length: count }, (_, i) => {
    const year = 2015 + (i % 8);
    const month = String(1 + (Math.floor(i / 8) % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    return makeEvent({
      id: `ev_${String(i).padStart(5, '0')}`,
      title: `Event ${i}`,
      date: `${year}-${month}-${day}`,
    });
  });
}

describe('publish handler', () => {
  it('writes the live feeds (newest 50) and the archive page of each changed month', async () => {
    const events = manyEvents(200);
    const store = await storeWith(events);
    const feeds = new MemoryFeedStore();
    const handler = makePublishHandler({ events: store, feeds, publicUrl: PUBLIC_URL, log: memoryLogger() });
    const changed = events.find((e) => e.date === '2018-03-04') ?? events[0]!;
    const result = await handler(batch(eventRecord('100', changed)));
    expect(result.batchItemFailures).toEqual([]);

    const live = feeds.files.get('feeds/timeline.atom');
    expect(live?.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(feeds.files.get('feeds/timeline.json')?.contentType).toBe('application/feed+json; charset=utf-8');
    expect(feeds.files.get('feeds/timeline.rss')?.contentType).toBe('application/rss+xml; charset=utf-8');
    const parsed = feedparser(live?.body ?? '', 'atom');
    expect(parsed.entries).toHaveLength(50);
    expect(parsed.links.some((l) => l.rel === 'prev-archive')).toBe(true);

    const bucket = timelineSortKey(changed).slice(0, 7);
    const archive = feeds.files.get(`feeds/archive/${bucket}.atom`);
    expect(archive).toBeDefined();
    expect(jingAtom(archive?.body ?? '').ok).toBe(true);
    const entries = feedparser(archive?.body ?? '', 'atom').entries.map((e) => e.id.split(':').pop());
    const expected = events.filter((e) => timelineSortKey(e).startsWith(`${bucket}-`)).map((e) => e.id);
    expect(entries.sort()).toEqual(expected.sort());
    // Only the touched month and its newer neighbour were rebuilt, not every month.
    const archives = [...feeds.files.keys()].filter(
      (k) => k.startsWith('feeds/archive/') && k.endsWith('.atom'),
    );
    expect(archives.length).toBeLessThanOrEqual(2);
  });

  it('reads only what the feeds show: the cost does not grow with the table', async () => {
    const handlerReads = async (count: number) => {
      const events = manyEvents(count);
      const { store, reads } = counting(await storeWith(events));
      const feeds = new MemoryFeedStore();
      const handler = makePublishHandler({
        events: store,
        feeds,
        publicUrl: PUBLIC_URL,
        log: memoryLogger(),
      });
      // A new event in the newest month, the common case.
      const fresh = makeEvent({ id: 'ev_fresh', title: 'Fresh', date: '2022-12-30' });
      await store.create(fresh);
      await handler(batch(eventRecord('1', fresh)));
      return reads;
    };
    const small = await handlerReads(500);
    const large = await handlerReads(5000);
    expect(large.maxLimit).toBeLessThanOrEqual(200);
    // 50 live + one month's events (+ single-item lookups): far below the 5,000 in the table.
    expect(large.items).toBeLessThan(50 + 5000 / 96 + 20);
    expect(large.queries).toBeLessThanOrEqual(small.queries + 2);
  });

  it('ignores records that are not events', async () => {
    const store = await storeWith(manyEvents(10));
    const feeds = new MemoryFeedStore();
    const handler = makePublishHandler({ events: store, feeds, publicUrl: PUBLIC_URL, log: memoryLogger() });
    const result = await handler(
      batch(otherRecord('1', 'INGEST#a.txt', 'INGEST'), otherRecord('2', 'FACET#actor#x', '2019-01-01#ev_1')),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(feeds.files.size).toBe(0);
  });

  it('a moved or deleted event rewrites both months; an emptied month is rewritten empty', async () => {
    const a = makeEvent({ id: 'ev_a', title: 'A', date: '2019-03-10' });
    const b = makeEvent({ id: 'ev_b', title: 'B', date: '2019-05-10' });
    const store = await storeWith([a, b]);
    const feeds = new MemoryFeedStore();
    const handler = makePublishHandler({ events: store, feeds, publicUrl: PUBLIC_URL, log: memoryLogger() });
    await handler(batch(eventRecord('1', a), eventRecord('2', b)));
    expect(JSON.parse(feeds.files.get('feeds/archive/2019-05.json')?.body ?? '{}').next_url).toBe(
      `${PUBLIC_URL}/feeds/archive/2019-03.json`,
    );

    const moved = { ...a, date: '2019-05-01', updatedAt: '2020-01-01T00:00:00.000Z', version: 2 };
    await store.update(moved, 1);
    expect((await handler(batch(eventRecord('3', moved, a)))).batchItemFailures).toEqual([]);
    const march = JSON.parse(feeds.files.get('feeds/archive/2019-03.json')?.body ?? '{}');
    const may = JSON.parse(feeds.files.get('feeds/archive/2019-05.json')?.body ?? '{}');
    expect(march.items).toEqual([]);
    expect(may.items.map((i: { id: string }) => i.id.split(':').pop()).sort()).toEqual(['ev_a', 'ev_b']);
    // May's prev-archive no longer points at the emptied March.
    expect(may.next_url).toBeUndefined();
  });

  it('a new older month re-links its newer neighbour', async () => {
    const jan = makeEvent({ id: 'ev_jan', title: 'Jan', date: '2019-01-10' });
    const jun = makeEvent({ id: 'ev_jun', title: 'Jun', date: '2019-06-10' });
    const store = await storeWith([jan, jun]);
    const feeds = new MemoryFeedStore();
    const handler = makePublishHandler({ events: store, feeds, publicUrl: PUBLIC_URL, log: memoryLogger() });
    await handler(batch(eventRecord('1', jan), eventRecord('2', jun)));
    const april = makeEvent({ id: 'ev_apr', title: 'Apr', date: '2019-04-02' });
    await store.create(april);
    await handler(batch(eventRecord('3', april)));
    const june = JSON.parse(feeds.files.get('feeds/archive/2019-06.json')?.body ?? '{}');
    expect(june.next_url).toBe(`${PUBLIC_URL}/feeds/archive/2019-04.json`);
    expect(JSON.parse(feeds.files.get('feeds/archive/2019-04.json')?.body ?? '{}').next_url).toBe(
      `${PUBLIC_URL}/feeds/archive/2019-01.json`,
    );
  });

  it('reports only the failing records; the others are published', async () => {
    const good = makeEvent({ id: 'ev_good', title: 'Good', date: '2019-02-02' });
    const doomed = makeEvent({ id: 'ev_doomed', title: 'Doomed', date: '2018-07-07' });
    const store = await storeWith([good, doomed]);
    const inner = new MemoryFeedStore();
    // The site bucket refuses one month's page.
    const feeds = {
      files: inner.files,
      put: async (path: string, body: string, type: string) => {
        if (path.startsWith('feeds/archive/2018-07')) throw new Error('access denied');
        await inner.put(path, body, type);
      },
      get: (path: string) => inner.get(path),
    };
    const log = memoryLogger();
    const handler = makePublishHandler({ events: store, feeds, publicUrl: PUBLIC_URL, log });
    const broken: DynamoDBRecord = {
      eventID: 'id-2',
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '2' },
    };
    const result = await handler(batch(eventRecord('1', good), broken, eventRecord('3', doomed)));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['2', '3']);
    expect(inner.files.has('feeds/timeline.atom')).toBe(true);
    expect(inner.files.has('feeds/archive/2019-02.atom')).toBe(true);
    expect(log.lines.filter((l) => l.level === 'error').length).toBeGreaterThanOrEqual(2);
  });

  it('a redelivered batch writes the same bytes', async () => {
    const events = manyEvents(80);
    const store = await storeWith(events);
    const first = new MemoryFeedStore();
    const second = new MemoryFeedStore();
    const records = batch(eventRecord('1', events[3]!), eventRecord('2', events[40]!));
    await makePublishHandler({ events: store, feeds: first, publicUrl: PUBLIC_URL, log: memoryLogger() })(
      records,
    );
    await makePublishHandler({ events: store, feeds: second, publicUrl: PUBLIC_URL, log: memoryLogger() })(
      records,
    );
    expect([...second.files.entries()]).toEqual([...first.files.entries()]);
  });
});

describe('publish and pending events', () => {
  /** A stream image of an event item, marked pending as the DynamoDB store marks it. */
  const image = (e: Event, pending: boolean) => ({
    pk: { S: `EVENT#${e.id}` },
    sk: { S: 'EVENT' },
    gsi1sk: { S: timelineSortKey(e) },
    ...(pending ? { pending: { BOOL: true } } : {}),
  });
  const record = (seq: string, e: Event, images: { old?: boolean; new?: boolean }): DynamoDBRecord => ({
    eventID: `id-${seq}`,
    eventName:
      images.old !== undefined && images.new !== undefined
        ? 'MODIFY'
        : images.new !== undefined
          ? 'INSERT'
          : 'REMOVE',
    dynamodb: {
      SequenceNumber: seq,
      Keys: { pk: { S: `EVENT#${e.id}` }, sk: { S: 'EVENT' } },
      ...(images.new !== undefined ? { NewImage: image(e, images.new) } : {}),
      ...(images.old !== undefined ? { OldImage: image(e, images.old) } : {}),
    },
  });

  it('skips the records of pending events and publishes on reveal', async () => {
    const shown = makeEvent({ id: 'ev_shown', title: 'Shown', date: '2019-05-01' });
    const pending = makeEvent({ id: 'ev_pending', title: 'Pending', date: '2019-05-02' });
    const store = await storeWith([shown]);
    await store.create({ ...pending, pending: true });
    const feeds = new MemoryFeedStore();
    const handler = makePublishHandler({ events: store, feeds, publicUrl: PUBLIC_URL, log: memoryLogger() });

    // Created, merged into, folded away, or a keys-only record: all pending, no feed work.
    const quiet = await handler(
      batch(
        record('1', pending, { new: true }),
        record('2', pending, { old: true, new: true }),
        record('3', pending, { old: true }),
        otherRecord('4', `EVENT#${pending.id}`, 'EVENT'),
      ),
    );
    expect(quiet.batchItemFailures).toEqual([]);
    expect(feeds.files.size).toBe(0);

    await store.reveal(pending.id, pending.version);
    const revealed = await handler(batch(record('5', pending, { old: true, new: false })));
    expect(revealed.batchItemFailures).toEqual([]);
    const live = feeds.files.get('feeds/timeline.json')?.body ?? '';
    const ids = (JSON.parse(live) as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(ids.some((id) => id.endsWith('ev_pending'))).toBe(true);
    expect(ids.some((id) => id.endsWith('ev_shown'))).toBe(true);
    expect(feeds.files.has('feeds/archive/2019-05.json')).toBe(true);
  });

  it('publishes a change of a visible event, e.g. a pending duplicate folded into it', async () => {
    const shown = makeEvent({ id: 'ev_shown2', title: 'Shown', date: '2019-06-01' });
    const store = await storeWith([shown]);
    const feeds = new MemoryFeedStore();
    const handler = makePublishHandler({ events: store, feeds, publicUrl: PUBLIC_URL, log: memoryLogger() });
    const result = await handler(batch(record('1', shown, { old: false, new: false })));
    expect(result.batchItemFailures).toEqual([]);
    expect(feeds.files.has('feeds/timeline.atom')).toBe(true);
  });
});
