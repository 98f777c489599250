/**
 * Reconcile at start: an object put in the bucket while the normalizer was down has no
 * ingestion record (or a `pending` one). Listing the bucket against the records finds them,
 * so every object still ends normalized or rejected.
 */
import type { S3Event } from 'aws-lambda';
import type { ArticleStore, IngestionStore } from '../functions/ports.js';
import { s3EventFor } from './s3-event.js';

/** Ingestion lookups in flight at once while reconciling. */
const LOOKUP_CONCURRENCY = 16;

/** Returns one AWS-shaped S3 event per object that has no finished ingestion record. */
export async function reconcileBucket(deps: {
  articles: ArticleStore;
  ingestions: IngestionStore;
  bucket: string;
  region: string;
}): Promise<S3Event[]> {
  const missing: S3Event[] = [];
  let batch: Array<{ key: string; size: number; etag: string | null }> = [];
  const flush = async () => {
    const records = await Promise.all(batch.map((object) => deps.ingestions.get(object.key)));
    batch.forEach((object, index) => {
      const record = records[index];
      if (!record || record.status === 'pending') {
        missing.push(
          s3EventFor({
            bucket: deps.bucket,
            key: object.key,
            region: deps.region,
            size: object.size,
            eTag: object.etag?.replace(/"/g, '') ?? '',
          }),
        );
      }
    });
    batch = [];
  };
  for await (const object of deps.articles.list()) {
    batch.push(object);
    if (batch.length >= LOOKUP_CONCURRENCY) await flush();
  }
  await flush();
  return missing;
}
