/**
 * A rejected object backs no event: when a changed upload (or a newer normalizer, see
 * `npm run reprocess`) rejects an object that was a source, the source leaves its event,
 * which is rebuilt from its other sources (same id) or deleted when it had no other.
 * The real normalizer and in-memory ports.
 */
import { describe, expect, it } from 'vitest';
import { MemoryEventStore, MemoryIngestionStore } from '../../functions/adapters/memory-stores.js';
import { normalizeKey } from '../../functions/handlers/normalize.js';
import { memoryLogger } from '../../functions/logger.js';
import { articleBytes } from '../fixtures/article-readings.js';
import { MemoryArticleStore } from '../helpers/memory-article-store.js';

function world() {
  let t = Date.UTC(2026, 0, 1);
  const deps = {
    articles: new MemoryArticleStore(),
    events: new MemoryEventStore(),
    ingestions: new MemoryIngestionStore(),
    clock: () => {
      t += 1000;
      return new Date(t);
    },
    log: memoryLogger(),
    maxArticleBytes: 100_000,
  };
  return deps;
}

describe('a source whose object is now rejected leaves its event', () => {
  it('from a merged event: the event keeps its id and its other source', async () => {
    const deps = world();
    deps.articles.put('reuters.txt', articleBytes('lausanne-reuters.txt'), { published: '2016-10-15' });
    deps.articles.put('tass.txt', articleBytes('lausanne-tass.txt'));
    const first = await normalizeKey(deps, 'reuters.txt');
    const second = await normalizeKey(deps, 'tass.txt');
    expect(second).toMatchObject({ action: 'merged', eventId: first.eventId });
    const merged = await deps.events.get(first.eventId as string);
    expect(merged?.sources).toHaveLength(2);

    deps.articles.put('tass.txt', new Uint8Array());
    const outcome = await normalizeKey(deps, 'tass.txt');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'EMPTY_INPUT' });
    const after = await deps.events.get(first.eventId as string);
    expect(after?.sources.map((s) => s.key)).toEqual(['reuters.txt']);
    expect(after?.sources[0]?.matched).toBeUndefined();
    expect(after?.version).toBe((merged?.version ?? 0) + 1);
    expect((await deps.events.query({ source: 'tass.txt', limit: 5 })).items).toEqual([]);
    expect(await deps.ingestions.get('tass.txt')).toMatchObject({ status: 'rejected', code: 'EMPTY_INPUT' });
    expect(await deps.ingestions.get('reuters.txt')).toMatchObject({
      status: 'normalized',
      eventId: after?.id,
    });
  });

  it('from a single-source event: the event is deleted', async () => {
    const deps = world();
    deps.articles.put('lima.txt', articleBytes('lima-reuters.txt'), { published: '2016-11-20' });
    const first = await normalizeKey(deps, 'lima.txt');
    expect(await deps.events.get(first.eventId as string)).not.toBeNull();
    deps.articles.put('lima.txt', new TextEncoder().encode('   \n\t  '));
    expect(await normalizeKey(deps, 'lima.txt')).toMatchObject({ status: 'rejected' });
    expect(await deps.events.get(first.eventId as string)).toBeNull();
    expect((await deps.events.query({ limit: 10 })).items).toEqual([]);
    expect(deps.articles.tags.get('lima.txt')?.['entente-status']).toBe('rejected');
  });
});
