/** An in-memory ArticleStore for handler tests (same contract as the S3 one). */
import { NotFoundError, RejectedInputError } from '../../functions/core/errors.js';
import type { ArticleStore, ObjectSummary, StoredObject } from '../../functions/ports.js';

/** Objects in a Map; `tags` records what markRejected did. */
export class MemoryArticleStore implements ArticleStore {
  readonly objects = new Map<string, StoredObject>();
  readonly tags = new Map<string, Record<string, string>>();
  private tick = 0;

  put(key: string, body: Uint8Array, metadata: Record<string, string> = {}): void {
    this.tick += 1;
    this.objects.set(key, {
      key,
      body,
      contentType: 'text/plain',
      metadata,
      lastModified: new Date(Date.UTC(2026, 0, 1, 0, 0, this.tick)).toISOString(),
      size: body.byteLength,
      etag: null,
    });
  }

  async get(key: string, maxBytes: number): Promise<StoredObject> {
    const object = this.objects.get(key);
    if (!object) throw new NotFoundError(`no object ${key}`, 'OBJECT_NOT_FOUND');
    if (object.size > maxBytes) throw new RejectedInputError('TOO_LARGE', `${key} is too large`);
    return { ...object };
  }

  async *list(): AsyncIterable<ObjectSummary> {
    for (const o of [...this.objects.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      yield { key: o.key, size: o.size, etag: o.etag, lastModified: o.lastModified };
    }
  }

  async markRejected(key: string, code: string): Promise<void> {
    this.tags.set(key, { 'entente-status': 'rejected', 'entente-reason': code });
  }
}
