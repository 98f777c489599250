/**
 * Issue #4 on the local run: `startLocalStack` with its own S3 notifications, normalizer
 * (the real one, not fixed readings), stream poller and feeds; every article goes in through
 * the AWS SDK's PutObject to the local S3. After each step the live feed is read in all
 * three formats and must hold exactly one entry per event, with stable entry ids.
 *
 * Articles: real pages from tests/eval/dev/articles (Xinhua and AP on the Kerry–Lavrov talks
 * in Geneva on 26 August 2016; ynet on their meeting in Vientiane on 26 July 2016). For the
 * ten-outlet case there are not ten real pages about one meeting in the set, so eight of the
 * ten are derived from the two real Geneva pages (see `outletVariant`): the real body kept,
 * the headline rewritten as another outlet's, the date line rewritten in that outlet's
 * style, one body paragraph dropped. What each says about the event (who, where, when) is
 * what the real page says.
 */
import { readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../functions/core/event.js';
import { eventIdForKey } from '../../functions/core/ids.js';
import type { LocalStack } from '../../local/stack.js';
import {
  eventIdOfEntry,
  type FeedEntries,
  type FeedEntry,
  liveFeedEntries,
  writtenFeedEntries,
} from '../helpers/feed-entries.js';
import { removeDir, startTestStack, tempDir } from '../helpers/local-stack.js';

const DEV = new URL('../eval/dev/articles/', import.meta.url);
const real = (name: string) => readFileSync(new URL(name, DEV), 'utf8');

const XINHUA_GENEVA = real('002_xinhua-kerry-lavrov-geneva-august.txt');
const AP_GENEVA = real('003_ap-kerry-lavrov-geneva-syria-ukraine.txt');
const YNET_VIENTIANE = real('029_ynet-kerry-lavrov-vientiane.txt');
/** The AP page has no date in its text: its publication date comes as S3 metadata, as `--metadata published=` gives it. */
const GENEVA_PUBLISHED = '2016-08-26';

/**
 * Another outlet's version of a real page: its own headline and date line, the real body
 * with one paragraph dropped (outlets cut wire copy to length), so each is a distinct object.
 */
function outletVariant(base: string, headline: string, dateline: string, drop: number): string {
  const paragraphs = base
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const body = paragraphs.slice(1).filter((line) => !/^Xinhua, /.test(line) && !/^GENEVA - /.test(line));
  const kept = body.filter((_, index) => index !== drop % body.length);
  return [headline, dateline, ...kept].join('\n\n');
}

async function put(stack: LocalStack, key: string, body: string, metadata?: Record<string, string>) {
  await stack.s3Client.send(
    new PutObjectCommand({
      Bucket: stack.bucket,
      Key: key,
      Body: body,
      ContentType: 'text/plain; charset=utf-8',
      Metadata: metadata,
    }),
  );
}

async function allEvents(stack: LocalStack): Promise<Event[]> {
  const response = await fetch(`${stack.urls.http}/api/events?limit=200`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Event[] }).items;
}

async function eventOfSource(stack: LocalStack, key: string): Promise<Event> {
  const response = await fetch(`${stack.urls.http}/api/events?source=${encodeURIComponent(key)}`);
  const items = ((await response.json()) as { items: Event[] }).items;
  expect(items).toHaveLength(1);
  return items[0] as Event;
}

/** One entry per event in every format, and nothing else; returns the Atom `updated` of each event. */
async function expectOneEntryPerEvent(
  stack: LocalStack,
): Promise<{ feeds: FeedEntries; updated: Map<string, string> }> {
  const events = await allEvents(stack);
  const ids = events.map((e) => e.id).sort();
  const feeds = await liveFeedEntries(stack);
  // The files publish wrote from the stream must say the same as the served feed.
  const written = await writtenFeedEntries(stack);
  for (const format of ['atom', 'rss', 'json'] as const) {
    const entryIds = feeds[format].map((e) => e.id);
    expect(new Set(entryIds).size, `${format}: duplicate entries`).toBe(entryIds.length);
    expect(entryIds.map(eventIdOfEntry).sort(), `${format}: entries vs events`).toEqual(ids);
    expect(written[format], `${format}: written file vs served feed`).toEqual(feeds[format]);
  }
  return {
    feeds,
    updated: new Map(feeds.atom.map((e) => [eventIdOfEntry(e.id), e.updated ?? ''])),
  };
}

describe('#4 on the local run: two outlets, a month apart, re-uploads, feeds', () => {
  let dir: string;
  let stack: LocalStack;
  let genevaId = '';
  let genevaUpdated = '';
  let entryIds: string[] = [];

  beforeAll(async () => {
    dir = tempDir('e2e-merging');
    stack = await startTestStack(dir);
  });
  afterAll(async () => {
    await stack?.stop();
    removeDir(dir);
  });

  it('two real articles about one meeting from two outlets become one event with two sources', async () => {
    await put(stack, 'xinhua/kerry-lavrov-geneva.txt', XINHUA_GENEVA);
    await stack.whenIdle();
    const first = await eventOfSource(stack, 'xinhua/kerry-lavrov-geneva.txt');
    const before = await expectOneEntryPerEvent(stack);
    expect(before.feeds.atom).toHaveLength(1);

    await put(stack, 'ap/kerry-lavrov-meet-in-geneva.txt', AP_GENEVA, { published: GENEVA_PUBLISHED });
    await stack.whenIdle();
    const events = await allEvents(stack);
    expect(events).toHaveLength(1);
    const event = events[0] as Event;
    expect(event.id).toBe(first.id);
    expect(event.sources.map((s) => s.key).sort()).toEqual([
      'ap/kerry-lavrov-meet-in-geneva.txt',
      'xinhua/kerry-lavrov-geneva.txt',
    ]);
    expect(event.participants).toEqual(expect.arrayContaining(['John Kerry', 'Sergey Lavrov']));
    expect(event.location).toBe('Geneva');
    expect(event.date).toBe('2016-08-26');
    // A date read in the text (Xinhua's date line) beats the AP page's publication metadata.
    expect(event.dateSource).toBe('text');
    expect(event.mergedBy.length).toBeGreaterThan(0);
    expect(event.sources.every((s) => s.reading.location === 'Geneva')).toBe(true);
    expect((await eventOfSource(stack, 'ap/kerry-lavrov-meet-in-geneva.txt')).id).toBe(event.id);
    const single = await fetch(`${stack.urls.http}/api/events/${event.id}`);
    expect(((await single.json()) as Event).sources).toHaveLength(2);

    // The feed: still one entry, same id, `updated` moved on.
    const after = await expectOneEntryPerEvent(stack);
    expect(after.feeds.atom.map((e) => e.id)).toEqual(before.feeds.atom.map((e) => e.id));
    expect(after.feeds.json.map((e) => e.id)).toEqual(before.feeds.json.map((e) => e.id));
    const was = before.updated.get(event.id) ?? '';
    const now = after.updated.get(event.id) ?? '';
    expect(now > was).toBe(true);
    expect(after.feeds.json[0]?.updated ?? '').toBe(event.updatedAt);
    genevaId = event.id;
    genevaUpdated = now;
    entryIds = after.feeds.atom.map((e) => e.id);
  });

  it('two meetings of the same two ministers a month apart stay two events', async () => {
    // Real: their meeting in Vientiane on 26 July 2016, a month before Geneva.
    // (Its date line is Hebrew and day-first, 07.26.16: the publication date comes as metadata.)
    await put(stack, 'ynet/kerry-lavrov-vientiane.txt', YNET_VIENTIANE, { published: '2016-07-26' });
    // Derived: the Xinhua page itself with its date line five weeks later, so only the date
    // differs (a Friday again: the page's "held talks on Friday" resolves to that day).
    await put(
      stack,
      'xinhua/kerry-lavrov-geneva-september.txt',
      XINHUA_GENEVA.replace('Xinhua, August 26, 2016', 'Xinhua, September 30, 2016'),
    );
    await stack.whenIdle();
    const events = await allEvents(stack);
    expect(events).toHaveLength(3);
    const vientiane = await eventOfSource(stack, 'ynet/kerry-lavrov-vientiane.txt');
    const september = await eventOfSource(stack, 'xinhua/kerry-lavrov-geneva-september.txt');
    expect(new Set([vientiane.id, september.id, genevaId]).size).toBe(3);
    expect(vientiane.date).toBe('2016-07-26');
    expect(september.date).toBe('2016-09-30');
    for (const e of [vientiane, september]) {
      expect(e.participants).toEqual(expect.arrayContaining(['John Kerry', 'Sergey Lavrov']));
      expect(e.sources).toHaveLength(1);
    }
    expect((await eventOfSource(stack, 'xinhua/kerry-lavrov-geneva.txt')).sources).toHaveLength(2);

    const feeds = await expectOneEntryPerEvent(stack);
    // Entry ids of earlier events do not change; Geneva was not touched.
    expect(feeds.feeds.atom.map((e) => e.id)).toEqual(expect.arrayContaining(entryIds));
    expect(feeds.updated.get(genevaId)).toBe(genevaUpdated);
    entryIds = feeds.feeds.atom.map((e) => e.id);
  });

  it('three uploads of one file leave one source and change nothing', async () => {
    const before = await eventOfSource(stack, 'xinhua/kerry-lavrov-geneva.txt');
    const feedBefore = await liveFeedEntries(stack);
    await put(stack, 'xinhua/kerry-lavrov-geneva.txt', XINHUA_GENEVA);
    await put(stack, 'xinhua/kerry-lavrov-geneva.txt', XINHUA_GENEVA);
    await stack.whenIdle();
    const after = await eventOfSource(stack, 'xinhua/kerry-lavrov-geneva.txt');
    expect(after.id).toBe(before.id);
    expect(after.version).toBe(before.version);
    expect(after.sources.filter((s) => s.key === 'xinhua/kerry-lavrov-geneva.txt')).toHaveLength(1);
    expect(after.sources).toHaveLength(2);
    expect(await allEvents(stack)).toHaveLength(3);
    await expectOneEntryPerEvent(stack);
    expect(await liveFeedEntries(stack)).toEqual(feedBefore);
  });
});

/** What readers saw at one moment: entry event ids per reader path (null: no file yet). */
interface ReaderSample {
  /** Taken before the pipeline was idle: while the uploads were being ingested. */
  duringIngest: boolean;
  served: Record<'atom' | 'rss' | 'json', string[]>;
  written: Record<'atom' | 'rss' | 'json', string[] | null>;
  /** `/api/events`: the sources of each event listed. */
  api: string[][];
  /** The highest count of `/api/actors`. */
  maxActorCount: number;
}

/**
 * Reads what a reader can read, in a loop, until `stop`: the served live feed in the three
 * formats, the feed files publish wrote, the API's event list and actor counts.
 */
function sampleReaders(stack: LocalStack): {
  idle(): void;
  stop(): Promise<ReaderSample[]>;
} {
  let stopped = false;
  let duringIngest = true;
  const samples: ReaderSample[] = [];
  const ids = (entries: FeedEntry[]) => entries.map((e) => eventIdOfEntry(e.id));
  const written = async () => {
    try {
      const feeds = await writtenFeedEntries(stack);
      return { atom: ids(feeds.atom), rss: ids(feeds.rss), json: ids(feeds.json) };
    } catch {
      // Publish has written nothing yet: a reader finds no file.
      return { atom: null, rss: null, json: null };
    }
  };
  const loop = (async () => {
    while (!stopped) {
      const wasDuring = duringIngest;
      const [served, files, events, actors] = await Promise.all([
        liveFeedEntries(stack),
        written(),
        allEvents(stack),
        fetch(`${stack.urls.http}/api/actors`).then(
          async (r) => ((await r.json()) as { items: Array<{ count: number }> }).items,
        ),
      ]);
      samples.push({
        duringIngest: wasDuring,
        served: { atom: ids(served.atom), rss: ids(served.rss), json: ids(served.json) },
        written: files,
        api: events.map((e) => e.sources.map((x) => x.key)),
        maxActorCount: Math.max(0, ...actors.map((a) => a.count)),
      });
    }
  })();
  return {
    idle: () => {
      duringIngest = false;
    },
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

describe('#4 on the local run: ten outlets on one meeting uploaded at once', () => {
  let dir: string;
  let stack: LocalStack;

  beforeAll(async () => {
    dir = tempDir('e2e-ten');
    // Ten concurrent normalizations, as ten Lambda instances would run.
    stack = await startTestStack(dir, { concurrency: 10 });
  });
  afterAll(async () => {
    await stack?.stop();
    removeDir(dir);
  });

  const OUTLETS: Array<{ key: string; body: string; metadata?: Record<string, string> }> = [
    { key: 'xinhua.txt', body: XINHUA_GENEVA },
    { key: 'ap.txt', body: AP_GENEVA, metadata: { published: GENEVA_PUBLISHED } },
    ...[
      ['reuters.txt', 'Kerry and Lavrov meet in Geneva, seek Syria deal', 'GENEVA, Aug 26, 2016 (Reuters) -'],
      ['afp.txt', 'Kerry, Lavrov in Geneva for fresh Syria talks', 'Geneva (AFP) - August 26, 2016'],
      ['tass.txt', 'Lavrov and Kerry hold talks in Geneva', 'GENEVA, August 26, 2016. /TASS/.'],
      [
        'ria.txt',
        'Lavrov, Kerry discuss Syria and Ukraine in Geneva',
        'GENEVA, August 26, 2016 (RIA Novosti)',
      ],
      ['dw.txt', 'US and Russia top diplomats meet in Geneva', 'Geneva, 26.08.2016'],
      ['bbc.txt', 'Syria war: Kerry and Lavrov hold Geneva talks', '26 August 2016'],
      ['aljazeera.txt', 'Kerry and Lavrov meet in Geneva over Syria truce', 'August 26, 2016'],
      ['france24.txt', 'Kerry, Lavrov hold marathon talks in Geneva', 'Geneva, August 26, 2016'],
    ].map(([key, headline, dateline], index) => ({
      key: key as string,
      body: outletVariant(
        index % 2 === 0 ? XINHUA_GENEVA : AP_GENEVA,
        headline as string,
        dateline as string,
        index,
      ),
      metadata: { published: GENEVA_PUBLISHED },
    })),
  ];

  it('one event with ten sources, one feed entry, and never two while they are ingested', async () => {
    expect(new Set(OUTLETS.map((o) => o.body)).size).toBe(10);
    const keys = OUTLETS.map((o) => `geneva/${o.key}`);
    // The meeting's entries: the events the normalizer creates for these articles are named
    // by their keys (eventIdForKey), and the stack holds nothing else.
    const ownIds = new Set(keys.map(eventIdForKey));
    const readers = sampleReaders(stack);
    await Promise.all(OUTLETS.map((o) => put(stack, `geneva/${o.key}`, o.body, o.metadata)));
    await stack.whenIdle();
    readers.idle();
    // A few more samples after idle: the last feed writes are seen too.
    await new Promise((r) => setTimeout(r, 300));
    const samples = await readers.stop();

    const during = samples.filter((sample) => sample.duringIngest);
    expect(during.length, 'samples taken while the uploads were being ingested').toBeGreaterThan(3);
    for (const [index, sample] of samples.entries()) {
      const at = `sample ${index} of ${samples.length}: ${JSON.stringify(sample)}`;
      for (const format of ['atom', 'rss', 'json'] as const) {
        const served = sample.served[format];
        expect(served.length, `served ${format}, ${at}`).toBeLessThanOrEqual(1);
        expect(
          served.filter((id) => ownIds.has(id)),
          `served ${format}, ${at}`,
        ).toEqual(served);
        const file = sample.written[format];
        if (file) {
          expect(file.length, `written ${format}, ${at}`).toBeLessThanOrEqual(1);
          expect(
            file.filter((id) => ownIds.has(id)),
            `written ${format}, ${at}`,
          ).toEqual(file);
        }
      }
      const meeting = sample.api.filter((sources) => sources.some((k) => keys.includes(k)));
      expect(meeting.length, `api list, ${at}`).toBeLessThanOrEqual(1);
      expect(sample.api.length, `api list, ${at}`).toBe(meeting.length);
      expect(sample.maxActorCount, `api actor counts, ${at}`).toBeLessThanOrEqual(1);
    }

    const events = await allEvents(stack);
    expect(events).toHaveLength(1);
    const event = events[0] as Event;
    expect(event.sources.map((s) => s.key).sort()).toEqual(OUTLETS.map((o) => `geneva/${o.key}`).sort());
    expect(event.location).toBe('Geneva');
    expect(event.date).toBe('2016-08-26');
    for (const o of OUTLETS) {
      const ingestion = await fetch(
        `${stack.urls.http}/api/ingestions?key=${encodeURIComponent(`geneva/${o.key}`)}`,
      );
      expect(((await ingestion.json()) as { eventId: string }).eventId).toBe(event.id);
    }
    // An event a normalizer created for its own article and then folded away left a pointer
    // to the survivor; no article's own event id names a live event other than the survivor.
    for (const o of OUTLETS) {
      const own = eventIdForKey(`geneva/${o.key}`);
      if (own === event.id) continue;
      expect(await stack.pipeline.events.get(own)).toBeNull();
      const pointer = await stack.pipeline.events.mergedInto(own);
      if (pointer !== null) expect(pointer).toBe(event.id);
    }
    const feeds = await expectOneEntryPerEvent(stack);
    expect(feeds.feeds.atom).toHaveLength(1);
    expect(feeds.feeds.json[0]?.updated).toBe(event.updatedAt);
    // Everything is accounted for: nothing failed on either side of the pipeline.
    expect(await stack.deadLetters.peek()).toEqual([]);
    expect(await stack.publishDeadLetters.peek()).toEqual([]);
  });
});
