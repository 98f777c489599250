// Placeholder: the storage branch replaces this file with the real S3 adapter at merge.
// It exists only so the web branch type-checks; every method throws.
import type { S3Client } from '@aws-sdk/client-s3';
import type { FeedStore } from '../ports.js';

/** Placeholder of the S3 {@link FeedStore} (replaced at merge). */
export class S3FeedStore implements FeedStore {
  constructor(readonly options: { client: S3Client; bucket: string }) {}
  put(_path: string, _body: string, _contentType: string): Promise<void> {
    throw new Error('replaced at merge');
  }
  get(_path: string): Promise<{ body: string; contentType: string } | null> {
    throw new Error('replaced at merge');
  }
}
