/**
 * The FeedStore on S3: built feed files go to the site bucket (served through CloudFront)
 * under an optional prefix, with their content type and a short cache lifetime so readers
 * see new entries soon.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { EntenteError, StorageUnavailableError } from '../core/errors.js';
import type { FeedStore } from '../ports.js';
import { assertFeedPath } from './file-feed-store.js';

/** Options of {@link S3FeedStore}. */
export interface S3FeedStoreOptions {
  /** Key prefix inside the bucket, e.g. `feeds/`. */
  prefix?: string;
  /** Cache-Control header of written files. */
  cacheControl?: string;
}

/** A FeedStore writing to one S3 bucket. */
export class S3FeedStore implements FeedStore {
  private readonly prefix: string;
  private readonly cacheControl: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    options: S3FeedStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    this.cacheControl = options.cacheControl ?? 'public, max-age=60';
  }

  async put(path: string, body: string, contentType: string): Promise<void> {
    const key = this.prefix + assertFeedPath(path);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          CacheControl: this.cacheControl,
        }),
      );
    } catch (error) {
      throw new StorageUnavailableError(`write s3://${this.bucket}/${key} failed: ${String(error)}`, {
        cause: error,
      });
    }
  }

  async get(path: string): Promise<{ body: string; contentType: string } | null> {
    const key = this.prefix + assertFeedPath(path);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        body: (await out.Body?.transformToString('utf-8')) ?? '',
        contentType: out.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
      if (error instanceof EntenteError) throw error;
      throw new StorageUnavailableError(`read s3://${this.bucket}/${key} failed: ${String(error)}`, {
        cause: error,
      });
    }
  }
}
