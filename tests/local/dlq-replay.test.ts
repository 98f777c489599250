/**
 * DynamoDB Local stops in the middle of an ingest of many articles: normalizations retry,
 * then go to the local dead-letter file; DynamoDB Local starts again, replay re-ingests them,
 * and every article is accounted for.
 */
import { readFile } from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, Ingestion } from '../../functions/core/event.js';
import { mapBounded } from '../../local/bulk-upload.js';
import type { IngestionNotice, LocalStack } from '../../local/stack.js';
import { atomEntryTitles } from '../helpers/atom.js';
import { getJson, removeDir, sampleArticlePaths, startTestStack, tempDir } from '../helpers/local-stack.js';

const ARTICLE_COUNT = 60;

describe('dead letters and replay when DynamoDB goes down mid-ingest', () => {
  const dir = tempDir('dlq-replay');
  let stack: LocalStack;
  const notices: IngestionNotice[] = [];
  let firstNotice: () => void = () => {};
  const firstNoticeSeen = new Promise<void>((resolve) => {
    firstNotice = resolve;
  });

  beforeAll(async () => {
    stack = await startTestStack(dir, {
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 400 },
      onIngested: (notice) => {
        notices.push(notice);
        firstNotice();
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    removeDir(dir);
  });

  it('accounts for every article after a restart of DynamoDB Local and a replay', async () => {
    // Distinct articles: each sample with its own title line, so each makes its own event.
    const samples = await Promise.all(sampleArticlePaths().map((p) => readFile(p, 'utf8')));
    const articles = Array.from({ length: ARTICLE_COUNT }, (_, i) => ({
      key: `bulk/article ${String(i).padStart(3, '0')}.txt`,
      body: `Bulk article ${i}: ${samples[i % samples.length]}`,
    }));

    const uploads = mapBounded(articles, 8, async (article) => {
      await stack.s3Client.send(
        new PutObjectCommand({ Bucket: stack.bucket, Key: article.key, Body: article.body }),
      );
    });
    await firstNoticeSeen;
    await stack.faults.stopDynamo();
    await uploads;
    await stack.whenNormalized();

    const dead = await stack.deadLetters.peek();
    expect(dead.length).toBeGreaterThan(0);
    expect(notices.length + dead.length).toBeGreaterThanOrEqual(ARTICLE_COUNT);

    await stack.faults.startDynamo();
    const replay = await stack.replay();
    expect(replay).toMatchObject({ replayed: dead.length, failed: 0 });
    // Publish may also have given up on records while DynamoDB was down: replayed too, none left.
    expect(replay.publish.failed).toBe(0);
    await stack.whenIdle();
    expect(await stack.deadLetters.peek()).toEqual([]);

    for (const article of articles) {
      const record = await getJson<Ingestion>(
        stack,
        `/api/ingestions?key=${encodeURIComponent(article.key)}`,
      );
      expect(record.body.status, article.key).toBe('normalized');
    }
    const page = await getJson<{ items: Event[] }>(stack, `/api/events?limit=200`);
    // Articles about the same meeting merge into one event, so the event count is not the
    // article count: what must hold is that every article is a source of exactly one event.
    const keys = page.body.items.flatMap((e) => e.sources.map((s) => s.key)).sort();
    expect(keys).toEqual(articles.map((a) => a.key).sort());

    // The stream poller recovered too: the feed was rebuilt after the restart.
    const atom = await (await fetch(stack.urls.feeds.atom)).text();
    expect(atomEntryTitles(atom)).toContain(page.body.items[0]?.title);
    // Starts the whole stack (Java + s3rver) and drives many articles through it: on a
    // loaded 2-core CI machine this alone can take over a minute.
  }, 240_000);
});
