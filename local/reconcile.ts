/**
 * Reconcile at start: an object put in the bucket while the normalizer was down has no
 * ingestion record (or a `pending` one). Listing the bucket against the records finds them,
 * so every object still ends normalized or rejected. The records are read 100 keys per
 * BatchGetItem, so a start over a large bucket costs a listing page and one read per page.
 */
import type { S3Event } from 'aws-lambda';
import type { ArticleStore, IngestionStore, ObjectSummary } from '../functions/ports.js';
import { getIngestions, LOOKUP_BATCH } from './ingestion-lookup.js';
import { s3EventFor } from './s3-event.js';

/** Returns one AWS-shaped S3 event per object that has no finished ingestion record. */
export async function reconcileBucket(deps: {
  articles: ArticleStore;
  ingestions: IngestionStore;
  bucket: string;
  region: string;
}): Promise<S3Event[]> {
  const missing: S3Event[] = [];
  let batch: ObjectSummary[] = [];
  const flush = async () => {
    const records = await getIngestions(
      deps.ingestions,
      batch.map((object) => object.key),
    );
    for (const object of batch) {
      const record = records.get(object.key);
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
    }
    batch = [];
  };
  for await (const object of deps.articles.list()) {
    batch.push(object);
    if (batch.length >= LOOKUP_BATCH) await flush();
  }
  await flush();
  return missing;
}
