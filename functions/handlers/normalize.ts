/**
 * normalize: S3 ObjectCreated notification → read the object → normalize → write the event.
 * Thin: parsing, core calls and ports only. Built by {@link makeNormalizeHandler} so tests
 * pass real or in-memory deps.
 */
import type { S3Event } from 'aws-lambda';
import { EntenteError, RejectedInputError } from '../core/errors.js';
import { eventFromArticle } from '../core/event-from-article.js';
import { contentHash, eventIdForKey } from '../core/ids.js';
import { NORMALIZER_VERSION, normalizeArticle } from '../core/normalize.js';
import type { Logger } from '../logger.js';
import type { ArticleStore, EventStore, IngestionStore } from '../ports.js';

/** What the normalize handler needs. */
export interface NormalizeDeps {
  articles: ArticleStore;
  events: EventStore;
  ingestions: IngestionStore;
  clock: () => Date;
  log: Logger;
  maxArticleBytes: number;
}

/** Outcome of one object, for the local run's progress line. */
export interface NormalizeOutcome {
  key: string;
  status: 'normalized' | 'rejected';
  eventId?: string;
  reason?: string;
}

/** S3 URL-encodes keys in notifications, with `+` for a space. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/**
 * Builds the handler. It throws on failures worth retrying (storage), so Lambda retries and
 * then sends the event to the dead-letter destination; bad input is recorded as rejected.
 */
export function makeNormalizeHandler(deps: NormalizeDeps): (event: S3Event) => Promise<NormalizeOutcome[]> {
  return async (event) => {
    const outcomes: NormalizeOutcome[] = [];
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated')) continue;
      outcomes.push(await normalizeKey(deps, decodeS3Key(record.s3.object.key)));
    }
    return outcomes;
  };
}

/** Normalizes one stored object and records its outcome. */
export async function normalizeKey(deps: NormalizeDeps, key: string): Promise<NormalizeOutcome> {
  const now = deps.clock().toISOString();
  try {
    const object = await deps.articles.get(key, deps.maxArticleBytes);
    const hash = contentHash(object.body);
    const normalized = normalizeArticle({
      bytes: object.body,
      key,
      contentType: object.contentType,
      metadata: {
        published: object.metadata.published,
        sourceUrl: object.metadata['source-url'],
        publisher: object.metadata.publisher,
      },
      uploadedAt: object.lastModified,
    });
    const id = eventIdForKey(key);
    const existing = await deps.events.get(id);
    if (!existing) {
      await deps.events.create(
        eventFromArticle(normalized, {
          id,
          key,
          contentHash: hash,
          now,
          normalizerVersion: NORMALIZER_VERSION,
        }),
      );
    }
    await deps.ingestions.put({
      key,
      status: 'normalized',
      eventId: id,
      contentHash: hash,
      normalizerVersion: NORMALIZER_VERSION,
      updatedAt: now,
    });
    deps.log.info('normalized', { key, eventId: id });
    return { key, status: 'normalized', eventId: id };
  } catch (error) {
    if (error instanceof RejectedInputError) {
      await deps.articles.markRejected(key, error.code);
      await deps.ingestions.put({
        key,
        status: 'rejected',
        reason: error.message,
        code: error.code,
        updatedAt: now,
      });
      deps.log.warn('rejected', { key, code: error.code, reason: error.message });
      return { key, status: 'rejected', reason: error.message };
    }
    deps.log.error('normalize failed', {
      key,
      code: error instanceof EntenteError ? error.code : 'INTERNAL',
      error: String(error),
    });
    throw error;
  }
}
