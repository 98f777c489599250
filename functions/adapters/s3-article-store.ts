/**
 * Minimal local-branch version, replaced by the storage branch at merge.
 *
 * The articles bucket over S3 (s3rver locally).
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { RejectedInputError } from '../core/errors.js';
import type { ArticleStore, ObjectSummary, StoredObject } from '../ports.js';

/** An {@link ArticleStore} backed by an S3 bucket. */
export class S3ArticleStore implements ArticleStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: { client: S3Client; bucket: string }) {
    this.client = options.client;
    this.bucket = options.bucket;
  }

  async get(key: string, maxBytes: number): Promise<StoredObject> {
    const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const size = response.ContentLength ?? 0;
    if (size > maxBytes) {
      // Do not read an oversized body: drop the connection's stream.
      const body = response.Body as { destroy?: () => void } | undefined;
      body?.destroy?.();
      throw new RejectedInputError('TOO_LARGE', `the object is ${size} bytes, above the ${maxBytes} limit`);
    }
    const body = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.Metadata ?? {})) metadata[name.toLowerCase()] = value;
    return {
      key,
      body,
      contentType: response.ContentType ?? null,
      metadata,
      lastModified: (response.LastModified ?? new Date(0)).toISOString(),
      size: body.byteLength,
      etag: response.ETag ?? null,
    };
  }

  async *list(): AsyncIterable<ObjectSummary> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield {
          key: object.Key,
          size: object.Size ?? 0,
          etag: object.ETag ?? null,
          lastModified: (object.LastModified ?? new Date(0)).toISOString(),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async markRejected(key: string, code: string): Promise<void> {
    await this.client.send(
      new PutObjectTaggingCommand({
        Bucket: this.bucket,
        Key: key,
        Tagging: { TagSet: [{ Key: 'entente-rejected', Value: code }] },
      }),
    );
  }
}
