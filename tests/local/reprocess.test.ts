/**
 * `npm run reprocess` on the local run: articles ingested by the stack, their records
 * rewritten as if an older normalizer had read them, then re-normalized from the bucket.
 * Event ids, sources and feed entries must not move; readings and versions must.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedInputError } from '../../functions/core/errors.js';
import type { Event, Ingestion } from '../../functions/core/event.js';
import { NORMALIZER_VERSION, type NormalizeInput, normalizeArticle } from '../../functions/core/normalize.js';
import { memoryLogger } from '../../functions/logger.js';
import { LOCAL_MAX_ARTICLE_BYTES } from '../../local/pipeline.js';
import { formatReprocessSummary, reprocessArticles } from '../../local/reprocess-articles.js';
import type { LocalStack } from '../../local/stack.js';
import { ARTICLES_DIR as FIXTURES } from '../fixtures/article-readings.js';
import { eventIdOfEntry, liveFeedEntries } from '../helpers/feed-entries.js';
import { removeDir, startTestStack, tempDir } from '../helpers/local-stack.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OLD = '0.9.0-old';

async function allEvents(stack: LocalStack): Promise<Event[]> {
  const out: Event[] = [];
  let cursor: string | null = null;
  do {
    const page = await stack.pipeline.events.query({ limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

describe('npm run reprocess (local/reprocess.ts) on the local run', () => {
  let dir: string;
  let stack: LocalStack;
  const keys = ['lausanne/reuters.txt', 'lausanne/tass.txt', 'lima/reuters.txt', 'broken/empty.txt'] as const;

  const deps = () => ({
    articles: stack.pipeline.articles,
    events: stack.pipeline.events,
    ingestions: stack.pipeline.ingestions,
    clock: () => new Date(),
    log: memoryLogger(),
    maxArticleBytes: LOCAL_MAX_ARTICLE_BYTES,
    normalizerVersion: NORMALIZER_VERSION,
  });

  /** Rewrites every stored record as an older normalizer would have left it. */
  async function ageRecords(tamper: (event: Event) => Event = (e) => e): Promise<void> {
    for (const key of keys) {
      const record = (await stack.pipeline.ingestions.get(key)) as Ingestion;
      await stack.pipeline.ingestions.put({ ...record, normalizerVersion: OLD });
    }
    for (const event of await allEvents(stack)) {
      await stack.pipeline.events.update({ ...tamper(event), normalizerVersion: OLD }, event.version);
    }
  }

  beforeAll(async () => {
    dir = tempDir('reprocess');
    stack = await startTestStack(dir);
    await stack.uploadFile(join(FIXTURES, 'lausanne-reuters.txt'), {
      key: keys[0],
      metadata: { published: '2016-10-15' },
    });
    await stack.uploadFile(join(FIXTURES, 'lausanne-tass.txt'), { key: keys[1] });
    await stack.uploadFile(join(FIXTURES, 'lima-reuters.txt'), {
      key: keys[2],
      metadata: { published: '2016-11-20' },
    });
    await writeFile(join(dir, 'empty.txt'), '');
    await stack.uploadFile(join(dir, 'empty.txt'), { key: keys[3] });
    await stack.whenIdle();
  });
  afterAll(async () => {
    await stack?.stop();
    removeDir(dir);
  });

  it('re-normalizes what an older normalizer read: same event ids, same sources, readings and versions updated', async () => {
    const before = await allEvents(stack);
    // Lausanne (two outlets, merged) and Lima: the merged event is what must not split or duplicate.
    expect(before).toHaveLength(2);
    const merged = before.find((e) => e.sources.length === 2) as Event;
    expect(merged.sources.map((s) => s.key).sort()).toEqual([keys[0], keys[1]]);
    const tassReading = merged.sources.find((s) => s.key === keys[1])?.reading;

    // An "old normalizer" read TASS's article as something else entirely.
    await ageRecords((event) => ({
      ...event,
      sources: event.sources.map((s) =>
        s.key === keys[1] ? { ...s, reading: { ...s.reading, type: 'other', location: null } } : s,
      ),
    }));
    await stack.whenIdle();
    const feedBefore = await liveFeedEntries(stack);

    const seen: string[] = [];
    const summary = await reprocessArticles(deps(), { onResult: (r) => seen.push(`${r.key}:${r.status}`) });
    expect(summary).toMatchObject({
      objects: 4,
      upToDate: 0,
      reprocessed: 3,
      unchanged: 0,
      rejected: 1,
      failed: 0,
    });
    expect(seen.sort()).toEqual(
      [
        `${keys[3]}:rejected`,
        `${keys[0]}:reprocessed`,
        `${keys[2]}:reprocessed`,
        `${keys[1]}:reprocessed`,
      ].sort(),
    );
    expect(formatReprocessSummary(summary)).toBe(
      '3 reprocessed, 0 unchanged, 1 rejected, 0 failed (0 already up to date, 4 objects)',
    );
    await stack.whenIdle();

    const after = await allEvents(stack);
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(after.map((e) => e.sources.length)).toEqual(before.map((e) => e.sources.length));
    for (const event of after) expect(event.normalizerVersion).toBe(NORMALIZER_VERSION);
    const mergedAfter = after.find((e) => e.id === merged.id) as Event;
    expect(mergedAfter.sources.find((s) => s.key === keys[1])?.reading).toEqual(tassReading);
    for (const key of keys) {
      const record = await stack.pipeline.ingestions.get(key);
      expect(record?.normalizerVersion).toBe(NORMALIZER_VERSION);
      if (key === keys[3]) expect(record?.status).toBe('rejected');
      else expect(record?.eventId).toBe(before.find((e) => e.sources.some((s) => s.key === key))?.id);
    }

    // Feeds: still one entry per event, the same entry ids, the updated events' `updated` moved on.
    const feedAfter = await liveFeedEntries(stack);
    for (const format of ['atom', 'rss', 'json'] as const) {
      expect(feedAfter[format].map((e) => eventIdOfEntry(e.id)).sort()).toEqual(before.map((e) => e.id));
      expect(feedAfter[format].map((e) => e.id).sort()).toEqual(feedBefore[format].map((e) => e.id).sort());
    }
    const updatedOf = (entries: typeof feedAfter.atom, id: string) =>
      entries.find((e) => eventIdOfEntry(e.id) === id)?.updated ?? '';
    expect(updatedOf(feedAfter.atom, merged.id) > updatedOf(feedBefore.atom, merged.id)).toBe(true);
  });

  it('a second run finds everything up to date; --all re-reads everything and writes nothing new', async () => {
    const versions = (await allEvents(stack)).map((e) => e.version);
    const again = await reprocessArticles(deps());
    expect(again).toMatchObject({
      objects: 4,
      upToDate: 4,
      reprocessed: 0,
      unchanged: 0,
      rejected: 0,
      failed: 0,
    });

    const forced = await reprocessArticles(deps(), { all: true });
    expect(forced).toMatchObject({
      objects: 4,
      upToDate: 0,
      reprocessed: 0,
      unchanged: 3,
      rejected: 1,
      failed: 0,
    });
    expect((await allEvents(stack)).map((e) => e.version)).toEqual(versions);
  });

  it('the command finds the running stack by its port variables and prints a summary line', async () => {
    await ageRecords();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'local/reprocess.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: new URL(stack.urls.http).port,
        S3_PORT: new URL(stack.urls.s3).port,
        DYNAMODB_PORT: new URL(stack.urls.dynamodb).port,
      },
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toContain('running stack');
    expect(lines).toContain(
      `✓ ${keys[1]} → ${(await stack.pipeline.ingestions.get(keys[1]))?.eventId} (reprocessed)`,
    );
    expect(lines.at(-1)).toBe(
      '3 reprocessed, 0 unchanged, 1 rejected, 0 failed (0 already up to date, 4 objects)',
    );
    expect((await allEvents(stack)).every((e) => e.normalizerVersion === NORMALIZER_VERSION)).toBe(true);
  });
  it('an upgrade that now rejects an article takes it out of its event (and the feed), and accounts for it', async () => {
    const before = await allEvents(stack);
    const lima = before.find((e) => e.sources.some((s) => s.key === keys[2])) as Event;
    // A "newer normalizer" that refuses Lima's article (say, a stricter language check).
    const strict = (input: NormalizeInput) => {
      if (input.key === keys[2]) throw new RejectedInputError('NOT_ENGLISH', 'not an English article');
      return normalizeArticle(input);
    };
    const summary = await reprocessArticles({
      ...deps(),
      normalize: strict,
      normalizerVersion: '9.9.9-test',
    });
    expect(summary).toMatchObject({ objects: 4, reprocessed: 2, unchanged: 0, rejected: 2, failed: 0 });
    await stack.whenIdle();
    const after = await allEvents(stack);
    expect(after.map((e) => e.id)).toEqual(before.filter((e) => e.id !== lima.id).map((e) => e.id));
    expect(await stack.pipeline.ingestions.get(keys[2])).toMatchObject({
      status: 'rejected',
      code: 'NOT_ENGLISH',
      normalizerVersion: '9.9.9-test',
    });
    const feed = await liveFeedEntries(stack);
    expect(feed.atom.map((e) => eventIdOfEntry(e.id)).sort()).toEqual(after.map((e) => e.id));
  });
});
