/**
 * Publish-side failures on the local run: one stream record publish cannot handle (here its
 * month's archive file cannot be written: a directory stands where the file goes) among good
 * ones. The good records are published, the bad one is retried a few times and then parked
 * in `.data/publish-dlq.jsonl` (not retried forever, not blocking the stream), and replay
 * publishes it once the fault is gone.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../functions/core/event.js';
import type { LocalStack } from '../../local/stack.js';
import { ARTICLES_DIR as FIXTURES } from '../fixtures/article-readings.js';
import { eventIdOfEntry, jsonEntries } from '../helpers/feed-entries.js';
import { removeDir, startTestStack, tempDir } from '../helpers/local-stack.js';

const DEV = new URL('../eval/dev/articles/', import.meta.url).pathname;

describe('publish failures on the local run: partial batch failure, dead letter, replay', () => {
  let dir: string;
  let stack: LocalStack;
  const archive = (month: string, format: 'atom' | 'json') =>
    join(dir, 'site', 'feeds', 'archive', `${month}.${format}`);
  const archiveIds = async (month: string) =>
    jsonEntries(await readFile(archive(month, 'json'), 'utf8')).map((e) => eventIdOfEntry(e.id));
  const eventOf = async (key: string) => {
    const page = await stack.pipeline.events.query({ source: key, limit: 1 });
    return page.items[0] as Event;
  };

  beforeAll(async () => {
    dir = tempDir('publish-dlq');
    stack = await startTestStack(dir);
  });
  afterAll(async () => {
    await stack?.stop();
    removeDir(dir);
  });

  it('publishes the good records, parks the bad one after its retries, and replay publishes it once fixed', async () => {
    // The fault: August 2016's archive page cannot be written. Months newer than it are fine
    // (a record also rewrites its month's newer neighbour, so the good ones are newer).
    await mkdir(archive('2016-08', 'atom'), { recursive: true });
    await writeFile(join(archive('2016-08', 'atom'), 'blocker'), 'x');

    await stack.uploadFile(join(DEV, '002_xinhua-kerry-lavrov-geneva-august.txt'), { key: 'geneva.txt' });
    await stack.uploadFile(join(FIXTURES, 'lausanne-reuters.txt'), {
      key: 'lausanne.txt',
      metadata: { published: '2016-10-15' },
    });
    await stack.uploadFile(join(FIXTURES, 'lima-reuters.txt'), {
      key: 'lima.txt',
      metadata: { published: '2016-11-20' },
    });
    await stack.whenIdle();

    const geneva = await eventOf('geneva.txt');
    const lausanne = await eventOf('lausanne.txt');
    const lima = await eventOf('lima.txt');
    expect(geneva.date?.slice(0, 7)).toBe('2016-08');
    expect(lausanne.date?.slice(0, 7)).toBe('2016-10');
    expect(lima.date?.slice(0, 7)).toBe('2016-11');

    // Good records: their months' pages are written.
    expect(await archiveIds('2016-10')).toEqual([lausanne.id]);
    expect(await archiveIds('2016-11')).toEqual([lima.id]);
    // The bad one: dead-lettered alone, with its attempts; the normalize side is untouched.
    const dead = await stack.publishDeadLetters.peek();
    expect(dead.length).toBeGreaterThan(0);
    const deadKeys = dead.flatMap((entry) => entry.records.map((r) => r.dynamodb?.Keys?.pk?.S));
    expect(new Set(deadKeys)).toEqual(new Set([`EVENT#${geneva.id}`]));
    expect(dead.every((entry) => entry.attempts >= 2 && entry.error.length > 0)).toBe(true);
    expect(await stack.deadLetters.peek()).toEqual([]);

    // The stream is not blocked: a later change (a second outlet on Lausanne) is published.
    await stack.uploadFile(join(FIXTURES, 'lausanne-tass.txt'), { key: 'lausanne-tass.txt' });
    await stack.whenIdle();
    const merged = await stack.pipeline.events.get(lausanne.id);
    expect(merged?.sources).toHaveLength(2);
    const month = JSON.parse(await readFile(archive('2016-10', 'json'), 'utf8')) as {
      items: Array<{ id: string; date_modified: string }>;
    };
    expect(month.items).toHaveLength(1);
    expect(month.items[0]?.date_modified).toBe(merged?.updatedAt);

    // Replay while the fault is still there: the records fail again and stay parked.
    const stillBroken = await stack.replay();
    expect(stillBroken.publish).toEqual({ replayed: 0, failed: deadKeys.length });
    expect((await stack.publishDeadLetters.peek()).length).toBeGreaterThan(0);

    // Fixed: replay publishes the month, and the dead letters are gone.
    await rm(archive('2016-08', 'atom'), { recursive: true });
    const replayed = await stack.replay();
    expect(replayed).toEqual({ replayed: 0, failed: 0, publish: { replayed: deadKeys.length, failed: 0 } });
    expect(await archiveIds('2016-08')).toEqual([geneva.id]);
    expect(await readFile(archive('2016-08', 'atom'), 'utf8')).toContain(`event:${geneva.id}</id>`);
    expect(await stack.publishDeadLetters.peek()).toEqual([]);
  });
});
