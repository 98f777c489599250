/**
 * The ArticleStore on S3. Sizes are checked with HeadObject before reading, and the body
 * is read with a running byte count as well (the object may be replaced between the two
 * calls), so an oversized object is never held in memory whole. Rejected objects are
 * tagged, never deleted: the bucket keeps everything users dropped in.
 */
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { EntenteError, NotFoundError, RejectedInputError, StorageUnavailableError } from '../core/errors.js';
import type { ArticleStore, ObjectSummary, StoredObject } from '../ports.js';

/** Tag put on rejected objects, with the value `rejected`. */
export const STATUS_TAG = 'entente-status';
/** Tag holding a rejected object's error code. */
export const REASON_TAG = 'entente-reason';

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Maps SDK failures to typed errors: a missing object is NotFoundError, the rest unavailable. */
function storageError(what: string, error: unknown): EntenteError {
  if (error instanceof EntenteError) return error;
  if (isNotFound(error)) return new NotFoundError(`${what}: no such object`, 'OBJECT_NOT_FOUND');
  return new StorageUnavailableError(`${what} failed: ${String(error)}`, { cause: error });
}

function tooLarge(key: string, size: number, maxBytes: number): RejectedInputError {
  return new RejectedInputError(
    'TOO_LARGE',
    `the object ${key} is ${size} bytes, above the limit of ${maxBytes} bytes`,
  );
}

/** Lower-cases user metadata keys (S3 returns them as sent through some clients). */
export function lowerCaseMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** The S3 ArticleStore of one bucket. */
export class S3ArticleStore implements ArticleStore {
  /** @param pageSize keys per ListObjectsV2 page (S3's maximum and default is 1000). */
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly pageSize = 1000,
  ) {}

  async get(key: string, maxBytes: number): Promise<StoredObject> {
    const what = `read s3://${this.bucket}/${key}`;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const size = head.ContentLength ?? 0;
      if (size > maxBytes) throw tooLarge(key, size, maxBytes);
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if ((out.ContentLength ?? 0) > maxBytes) {
        await out.Body?.transformToWebStream().cancel();
        throw tooLarge(key, out.ContentLength ?? 0, maxBytes);
      }
      const body = await readLimited(out.Body?.transformToWebStream(), maxBytes, key);
      return {
        key,
        body,
        contentType: out.ContentType ?? null,
        metadata: lowerCaseMetadata(out.Metadata),
        lastModified: (out.LastModified ?? head.LastModified ?? new Date(0)).toISOString(),
        size: body.byteLength,
        etag: out.ETag ?? null,
      };
    } catch (error) {
      throw storageError(what, error);
    }
  }

  async *list(): AsyncIterable<ObjectSummary> {
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token, MaxKeys: this.pageSize }),
        );
      } catch (error) {
        throw storageError(`list s3://${this.bucket}`, error);
      }
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

  /** Tags the object `entente-status=rejected`, `entente-reason=CODE`, keeping its other tags. */
  async markRejected(key: string, code: string): Promise<void> {
    const what = `tag s3://${this.bucket}/${key}`;
    try {
      const current = await this.client.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
      const kept = (current.TagSet ?? []).filter((t) => t.Key !== STATUS_TAG && t.Key !== REASON_TAG);
      await this.client.send(
        new PutObjectTaggingCommand({
          Bucket: this.bucket,
          Key: key,
          Tagging: {
            TagSet: [
              ...kept,
              { Key: STATUS_TAG, Value: 'rejected' },
              { Key: REASON_TAG, Value: code.replace(/[^A-Za-z0-9 +\-=._:/@]/g, '_').slice(0, 256) },
            ],
          },
        }),
      );
    } catch (error) {
      throw storageError(what, error);
    }
  }
}

/** Reads a stream to bytes, giving up (TOO_LARGE) as soon as it passes `maxBytes`. */
async function readLimited(
  stream: ReadableStream<Uint8Array> | undefined,
  maxBytes: number,
  key: string,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(key, total, maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
