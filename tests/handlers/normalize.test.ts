import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectTaggingCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDynamoClient, makeS3Client } from '../../functions/adapters/clients.js';
import { DynamoEventStore } from '../../functions/adapters/dynamodb-event-store.js';
import { DynamoIngestionStore } from '../../functions/adapters/dynamodb-ingestion-store.js';
import { MemoryEventStore, MemoryIngestionStore } from '../../functions/adapters/memory-stores.js';
import { S3ArticleStore } from '../../functions/adapters/s3-article-store.js';
import { StorageUnavailableError } from '../../functions/core/errors.js';
import type { Event } from '../../functions/core/event.js';
import { eventIdForKey } from '../../functions/core/ids.js';
import {
  makeNormalizeHandler,
  type NormalizeDeps,
  normalizeKey,
} from '../../functions/handlers/normalize.js';
import { remergeEvent, unmergeSource } from '../../functions/handlers/unmerge.js';
import { memoryLogger } from '../../functions/logger.js';
import type { EventStore, IngestionStore } from '../../functions/ports.js';
import { freePort, type LocalServer, startDynamoLocal, startS3Local } from '../../local/servers.js';
import { ensureTable } from '../../local/setup.js';
import { articleBytes, labelledNormalizer } from '../fixtures/article-readings.js';
import { MemoryArticleStore } from '../helpers/memory-article-store.js';

const LAUSANNE = [
  'lausanne-reuters.txt',
  'lausanne-aljazeera.txt',
  'lausanne-guardian.txt',
  'lausanne-tass.txt',
  'lausanne-afp.txt',
  'lausanne-bbc.txt',
  'lausanne-dw.txt',
  'lausanne-ap.txt',
  'lausanne-france24.txt',
  'lausanne-ria.txt',
];

/** A clock that moves one second per reading, so "nothing changed" is visible in timestamps. */
function steppingClock(): () => Date {
  let t = Date.UTC(2026, 0, 1);
  return () => {
    t += 1000;
    return new Date(t);
  };
}

/** One test world: deps factory plus a way to upload into its bucket. */
interface World {
  deps(): NormalizeDeps;
  upload(key: string, body: Uint8Array, metadata?: Record<string, string>): Promise<void>;
  events: EventStore;
  ingestions: IngestionStore;
  tagsOf(key: string): Promise<Record<string, string>>;
}

async function allEvents(events: EventStore): Promise<Event[]> {
  const out: Event[] = [];
  let cursor: string | null = null;
  do {
    const page = await events.query({ limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

function describeScenarios(name: string, makeWorld: () => Promise<World>): void {
  describe(`normalize scenarios (${name})`, () => {
    it('a redelivered notification changes nothing', async () => {
      const w = await makeWorld();
      await w.upload('a/lausanne-reuters.txt', articleBytes('lausanne-reuters.txt'));
      const first = await normalizeKey(w.deps(), 'a/lausanne-reuters.txt');
      expect(first).toMatchObject({
        status: 'normalized',
        action: 'created',
        eventId: eventIdForKey('a/lausanne-reuters.txt'),
      });
      const before = await w.events.get(first.eventId as string);
      const ingestionBefore = await w.ingestions.get('a/lausanne-reuters.txt');
      const again = await normalizeKey(w.deps(), 'a/lausanne-reuters.txt');
      expect(again).toMatchObject({ status: 'normalized', action: 'unchanged', eventId: first.eventId });
      expect(await w.events.get(first.eventId as string)).toEqual(before);
      expect(await w.ingestions.get('a/lausanne-reuters.txt')).toEqual(ingestionBefore);
    });

    it('three uploads of one file leave one event with one source', async () => {
      const w = await makeWorld();
      const actions: string[] = [];
      for (let i = 0; i < 3; i++) {
        await w.upload('b/lausanne-tass.txt', articleBytes('lausanne-tass.txt'));
        actions.push((await normalizeKey(w.deps(), 'b/lausanne-tass.txt')).action ?? '');
      }
      expect(actions).toEqual(['created', 'unchanged', 'unchanged']);
      const events = await allEvents(w.events);
      expect(events).toHaveLength(1);
      expect(events[0]?.sources.map((s) => s.key)).toEqual(['b/lausanne-tass.txt']);
      // Two writes, both by the first run: created pending (1), revealed (2). The re-uploads wrote nothing.
      expect(events[0]?.version).toBe(2);
      expect(events[0]?.pending).toBeUndefined();
    });

    it('a changed upload updates its source in place, id unchanged', async () => {
      const w = await makeWorld();
      await w.upload('c/lausanne-dw.txt', articleBytes('lausanne-dw.txt'));
      const first = await normalizeKey(w.deps(), 'c/lausanne-dw.txt');
      const changed = new TextEncoder().encode(
        `${new TextDecoder().decode(articleBytes('lausanne-dw.txt'))}\nUpdated: the ministers will meet again.`,
      );
      await w.upload('c/lausanne-dw.txt', changed);
      const second = await normalizeKey(w.deps(), 'c/lausanne-dw.txt');
      expect(second).toMatchObject({ action: 'updated', eventId: first.eventId });
      const event = await w.events.get(first.eventId as string);
      expect(event?.sources).toHaveLength(1);
      // Created pending (1), revealed (2), updated in place (3).
      expect(event?.version).toBe(3);
      const ingestion = await w.ingestions.get('c/lausanne-dw.txt');
      expect(ingestion?.contentHash).toBe(event?.sources[0]?.contentHash);
      expect((await allEvents(w.events)).length).toBe(1);
    });

    it('two outlets on one meeting become one event with two sources', async () => {
      const w = await makeWorld();
      await w.upload('d/lausanne-reuters.txt', articleBytes('lausanne-reuters.txt'));
      await w.upload('d/lausanne-tass.txt', articleBytes('lausanne-tass.txt'));
      const a = await normalizeKey(w.deps(), 'd/lausanne-reuters.txt');
      const b = await normalizeKey(w.deps(), 'd/lausanne-tass.txt');
      expect(b).toMatchObject({ action: 'merged', eventId: a.eventId });
      const events = await allEvents(w.events);
      expect(events).toHaveLength(1);
      const event = events[0] as Event;
      expect(event.sources.map((s) => s.key)).toEqual(['d/lausanne-reuters.txt', 'd/lausanne-tass.txt']);
      expect(event.mergedBy).toEqual(['countries', 'date', 'location', 'participants']);
      expect(event.sources.map((s) => s.reading.type)).toEqual(['meeting', 'talks']);
      expect((await w.ingestions.get('d/lausanne-tass.txt'))?.eventId).toBe(event.id);
      expect(
        (await w.events.query({ source: 'd/lausanne-tass.txt', limit: 5 })).items.map((e) => e.id),
      ).toEqual([event.id]);
    });

    it('the same two ministers a month apart stay two events', async () => {
      const w = await makeWorld();
      await w.upload('e/lausanne-reuters.txt', articleBytes('lausanne-reuters.txt'));
      await w.upload('e/lima-reuters.txt', articleBytes('lima-reuters.txt'));
      await normalizeKey(w.deps(), 'e/lausanne-reuters.txt');
      const lima = await normalizeKey(w.deps(), 'e/lima-reuters.txt');
      expect(lima.action).toBe('created');
      const events = await allEvents(w.events);
      expect(events.map((e) => e.date)).toEqual(['2016-11-20', '2016-10-15']);
      expect(events.every((e) => e.sources.length === 1)).toBe(true);
    });

    it('unmerge splits a source out, later ingests keep them apart, and remerge joins them', async () => {
      const w = await makeWorld();
      for (const f of ['lausanne-reuters.txt', 'lausanne-tass.txt', 'lausanne-bbc.txt']) {
        await w.upload(`f/${f}`, articleBytes(f));
      }
      const a = await normalizeKey(w.deps(), 'f/lausanne-reuters.txt');
      await normalizeKey(w.deps(), 'f/lausanne-tass.txt');
      const deps = w.deps();
      const { remaining, split } = await unmergeSource(deps, a.eventId as string, 'f/lausanne-tass.txt');
      expect(remaining.sources.map((s) => s.key)).toEqual(['f/lausanne-reuters.txt']);
      expect(split.sources.map((s) => s.key)).toEqual(['f/lausanne-tass.txt']);
      expect((await w.ingestions.get('f/lausanne-tass.txt'))?.eventId).toBe(split.id);
      expect(await normalizeKey(w.deps(), 'f/lausanne-tass.txt')).toMatchObject({
        action: 'unchanged',
        eventId: split.id,
      });
      // A third outlet joins one of them; the split pair is not folded back together.
      await normalizeKey(w.deps(), 'f/lausanne-bbc.txt');
      const events = await allEvents(w.events);
      expect(events).toHaveLength(2);
      expect(events.flatMap((e) => e.sources.map((s) => s.key)).sort()).toEqual([
        'f/lausanne-bbc.txt',
        'f/lausanne-reuters.txt',
        'f/lausanne-tass.txt',
      ]);
      const merged = await remergeEvent(deps, remaining.id, split.id);
      expect(merged.sources.map((s) => s.key)).toEqual([
        'f/lausanne-bbc.txt',
        'f/lausanne-reuters.txt',
        'f/lausanne-tass.txt',
      ]);
      expect(await allEvents(w.events)).toHaveLength(1);
      for (const key of ['f/lausanne-bbc.txt', 'f/lausanne-reuters.txt', 'f/lausanne-tass.txt']) {
        expect((await w.ingestions.get(key))?.eventId).toBe(merged.id);
      }
      await expect(unmergeSource(deps, merged.id, 'f/none.txt')).rejects.toMatchObject({
        code: 'SOURCE_NOT_FOUND',
      });
    });

    it('rejects an empty file, tags it, and a redelivery changes nothing', async () => {
      const w = await makeWorld();
      await w.upload('g/empty.txt', new Uint8Array());
      const out = await normalizeKey(w.deps(), 'g/empty.txt');
      expect(out).toMatchObject({ status: 'rejected', code: 'EMPTY_INPUT' });
      const record = await w.ingestions.get('g/empty.txt');
      expect(record).toMatchObject({ status: 'rejected', code: 'EMPTY_INPUT' });
      expect(await w.tagsOf('g/empty.txt')).toMatchObject({
        'entente-status': 'rejected',
        'entente-reason': 'EMPTY_INPUT',
      });
      await normalizeKey(w.deps(), 'g/empty.txt');
      expect(await w.ingestions.get('g/empty.txt')).toEqual(record);
      expect(await allEvents(w.events)).toEqual([]);
    });

    it('end to end through the first-cut normalizer: create, redeliver, change (keys as S3 encodes them)', async () => {
      const w = await makeWorld();
      const key = 'h/Notes on talks + ü.txt';
      await w.upload(key, new TextEncoder().encode('Ministers meet\nThe ministers met on Monday.'), {
        published: '2016-10-17',
      });
      const handler = makeNormalizeHandler(w.deps());
      const s3Event = {
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: { object: { key: encodeURIComponent(key).replace(/%20/g, '+') } },
          },
        ],
      } as unknown as Parameters<typeof handler>[0];
      const [created] = await handler(s3Event);
      expect(created).toMatchObject({ key, status: 'normalized', action: 'created' });
      const [again] = await handler(s3Event);
      expect(again?.action).toBe('unchanged');
      await w.upload(key, new TextEncoder().encode('Ministers meet again\nThe ministers met on Monday.'), {
        published: '2016-10-17',
      });
      const [changed] = await handler(s3Event);
      expect(changed).toMatchObject({ action: 'updated', eventId: created?.eventId });
      const event = await w.events.get(created?.eventId as string);
      expect(event?.title).toBe('Ministers meet again');
      expect(event?.date).toBe('2016-10-17');
    });
  });
}

function memoryWorld(): Promise<World> {
  const articles = new MemoryArticleStore();
  const events = new MemoryEventStore();
  const ingestions = new MemoryIngestionStore();
  const clock = steppingClock();
  return Promise.resolve({
    deps: () => ({
      articles,
      events,
      ingestions,
      clock,
      log: memoryLogger(),
      maxArticleBytes: 100_000,
      normalize: labelledNormalizer,
    }),
    upload: async (key, body, metadata) => articles.put(key, body, metadata),
    events,
    ingestions,
    tagsOf: async (key) => articles.tags.get(key) ?? {},
  });
}

describeScenarios('in-memory ports', memoryWorld);

/** Handler i's clock runs i seconds behind: later starters look older, as with skewed Lambda clocks. */
function skewedClock(i: number): () => Date {
  return () => new Date(Date.UTC(2026, 0, 1, 0, 0, 30) - i * 1000);
}

describe('concurrency (in-memory ports)', () => {
  it('with skewed clocks (creation order differs from createdAt order) still one event', async () => {
    const w = await memoryWorld();
    for (const f of LAUSANNE) await w.upload(`s/${f}`, articleBytes(f));
    await Promise.all(LAUSANNE.map((f, i) => normalizeKey({ ...w.deps(), clock: skewedClock(i) }, `s/${f}`)));
    const events = await allEvents(w.events);
    expect(events).toHaveLength(1);
    expect(events[0]?.sources).toHaveLength(10);
  });

  it('ten articles of one event at once end as one event with ten sources', async () => {
    const w = await memoryWorld();
    for (const f of LAUSANNE) await w.upload(`m/${f}`, articleBytes(f));
    const outcomes = await Promise.all(LAUSANNE.map((f) => normalizeKey(w.deps(), `m/${f}`)));
    const events = await allEvents(w.events);
    expect(events).toHaveLength(1);
    expect(events[0]?.sources).toHaveLength(10);
    expect(new Set(outcomes.map((o) => o.eventId)).size).toBeGreaterThanOrEqual(1);
    for (const f of LAUSANNE) expect((await w.ingestions.get(`m/${f}`))?.eventId).toBe(events[0]?.id);
  });
});

describe('with real local servers (s3rver + DynamoDB Local)', () => {
  let dir: string;
  let dynamo: LocalServer;
  let s3: LocalServer;
  let tables = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'entente-normalize-'));
    [dynamo, s3] = await Promise.all([
      startDynamoLocal({ port: await freePort() }),
      startS3Local({ port: await freePort(), dataDir: join(dir, 's3'), bucket: 'articles' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([dynamo?.stop(), s3?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A fresh table and bucket per world; every deps() call builds new SDK clients, as a
   * separate Lambda would.
   */
  async function realWorld(): Promise<World> {
    tables += 1;
    const table = `events-${tables}`;
    const bucket = `articles-${tables}`;
    const admin = makeDynamoClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    await ensureTable(admin, table);
    const s3Client = makeS3Client({ region: 'us-east-1', endpoint: s3.endpoint });
    await s3Client.send(new CreateBucketCommand({ Bucket: bucket }));
    const clock = steppingClock();
    return {
      deps: () => {
        const ddb = makeDynamoClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
        return {
          articles: new S3ArticleStore(makeS3Client({ region: 'us-east-1', endpoint: s3.endpoint }), bucket),
          events: new DynamoEventStore(ddb, table),
          ingestions: new DynamoIngestionStore(ddb, table),
          clock,
          log: memoryLogger(),
          maxArticleBytes: 100_000,
          normalize: labelledNormalizer,
        };
      },
      upload: async (key, body, metadata) => {
        await s3Client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, Metadata: metadata }),
        );
      },
      events: new DynamoEventStore(admin, table),
      ingestions: new DynamoIngestionStore(admin, table),
      tagsOf: async (key) => {
        const out = await s3Client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
        return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key, t.Value]));
      },
    };
  }

  describeScenarios('s3rver + DynamoDB Local', realWorld);

  for (const round of [1, 2, 3]) {
    const skewed = round === 3;
    it(`ten normalizers on ten articles of one event at once → one event, ten sources (round ${round}${skewed ? ', skewed clocks' : ''})`, async () => {
      const w = await realWorld();
      for (const f of LAUSANNE) await w.upload(`c${round}/${f}`, articleBytes(f));
      const handlers = LAUSANNE.map((_, i) =>
        makeNormalizeHandler(skewed ? { ...w.deps(), clock: skewedClock(i) } : w.deps()),
      );
      const outcomes = await Promise.all(
        LAUSANNE.map((f, i) =>
          (handlers[i] as ReturnType<typeof makeNormalizeHandler>)({
            Records: [
              {
                eventName: 'ObjectCreated:Put',
                s3: { object: { key: encodeURIComponent(`c${round}/${f}`) } },
              },
            ],
          } as unknown as Parameters<ReturnType<typeof makeNormalizeHandler>>[0]),
        ),
      );
      expect(outcomes.flat().every((o) => o.status === 'normalized')).toBe(true);
      const events = await allEvents(w.events);
      expect(events).toHaveLength(1);
      const event = events[0] as Event;
      expect(event.sources.map((s) => s.key).sort()).toEqual(LAUSANNE.map((f) => `c${round}/${f}`).sort());
      expect(event.location).toBe('Lausanne');
      expect(event.date).toBe('2016-10-15');
      for (const f of LAUSANNE) {
        expect((await w.ingestions.get(`c${round}/${f}`))?.eventId).toBe(event.id);
      }
      const actors = await w.events.facets('actor');
      expect(actors).toEqual([
        { name: 'John Kerry', slug: 'john-kerry', count: 1 },
        { name: 'Sergey Lavrov', slug: 'sergey-lavrov', count: 1 },
      ]);
    });
  }
});

describe('faults', () => {
  it('DynamoDB unreachable: normalize throws StorageUnavailableError (Lambda retries, then dead-letters)', async () => {
    const articles = new MemoryArticleStore();
    articles.put('x/lausanne-bbc.txt', articleBytes('lausanne-bbc.txt'));
    const dead = makeDynamoClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${await freePort()}` });
    const policy = { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 };
    const log = memoryLogger();
    const handler = makeNormalizeHandler({
      articles,
      events: new DynamoEventStore(dead, 'entente-events', { retry: policy }),
      ingestions: new DynamoIngestionStore(dead, 'entente-events', { retry: policy }),
      clock: () => new Date(),
      log,
      maxArticleBytes: 100_000,
      normalize: labelledNormalizer,
    });
    const error = await handler({
      Records: [{ eventName: 'ObjectCreated:Put', s3: { object: { key: 'x/lausanne-bbc.txt' } } }],
    } as unknown as Parameters<typeof handler>[0]).catch((e) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(log.lines.some((l) => l.level === 'error' && l.code === 'STORAGE_UNAVAILABLE')).toBe(true);
    expect(articles.tags.size).toBe(0);
    dead.destroy();
  });
});
