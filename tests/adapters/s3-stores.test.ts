import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeS3Client } from '../../functions/adapters/clients.js';
import { FileFeedStore } from '../../functions/adapters/file-feed-store.js';
import { S3ArticleStore } from '../../functions/adapters/s3-article-store.js';
import { S3FeedStore } from '../../functions/adapters/s3-feed-store.js';
import {
  BadRequestError,
  NotFoundError,
  RejectedInputError,
  StorageUnavailableError,
} from '../../functions/core/errors.js';
import { freePort, type LocalServer, startS3Local } from '../../local/servers.js';

let dir: string;
let s3: LocalServer;
let client: ReturnType<typeof makeS3Client>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'entente-s3-'));
  s3 = await startS3Local({ port: await freePort(), dataDir: join(dir, 's3'), bucket: 'articles' });
  client = makeS3Client({ region: 'us-east-1', endpoint: s3.endpoint });
  await client.send(new CreateBucketCommand({ Bucket: 'site' }));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('S3ArticleStore', () => {
  it('reads bytes, content type, lower-cased metadata', async () => {
    const store = new S3ArticleStore(client, 'articles');
    const body = new TextEncoder().encode('Kerry and Lavrov meet\nIn Lausanne. ü');
    await client.send(
      new PutObjectCommand({
        Bucket: 'articles',
        Key: 'news/a b+c ü.txt',
        Body: body,
        ContentType: 'text/plain',
        Metadata: { Published: '2016-10-15', 'Source-URL': 'https://example.org/a' },
      }),
    );
    const got = await store.get('news/a b+c ü.txt', 1000);
    expect(new TextDecoder().decode(got.body)).toBe('Kerry and Lavrov meet\nIn Lausanne. ü');
    expect(got.size).toBe(body.byteLength);
    expect(got.contentType).toBe('text/plain');
    expect(got.metadata).toEqual({ published: '2016-10-15', 'source-url': 'https://example.org/a' });
    expect(got.lastModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('rejects an object above the limit as TOO_LARGE', async () => {
    const store = new S3ArticleStore(client, 'articles');
    await client.send(new PutObjectCommand({ Bucket: 'articles', Key: 'big.txt', Body: 'x'.repeat(5000) }));
    const error = await store.get('big.txt', 4999).catch((e) => e);
    expect(error).toBeInstanceOf(RejectedInputError);
    expect(error.code).toBe('TOO_LARGE');
    expect((await store.get('big.txt', 5000)).size).toBe(5000);
  });

  it('a missing object is NotFoundError; an unreachable S3 is StorageUnavailableError', async () => {
    const store = new S3ArticleStore(client, 'articles');
    const missing = await store.get('nope.txt', 100).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.code).toBe('OBJECT_NOT_FOUND');
    const dead = makeS3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${await freePort()}` });
    await expect(new S3ArticleStore(dead, 'articles').get('a', 10)).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    dead.destroy();
  });

  it('lists every object across pages', async () => {
    for (let i = 0; i < 5; i++) {
      await client.send(new PutObjectCommand({ Bucket: 'articles', Key: `list/${i}.txt`, Body: `${i}` }));
    }
    const store = new S3ArticleStore(client, 'articles', 2);
    const keys: string[] = [];
    for await (const o of store.list()) keys.push(o.key);
    expect(keys.filter((k) => k.startsWith('list/'))).toEqual([
      'list/0.txt',
      'list/1.txt',
      'list/2.txt',
      'list/3.txt',
      'list/4.txt',
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('big.txt');
  });

  it('tags a rejected object, keeps its other tags, never deletes it', async () => {
    const store = new S3ArticleStore(client, 'articles');
    await client.send(
      new PutObjectCommand({ Bucket: 'articles', Key: 'bad file.bin', Body: new Uint8Array([0, 1, 2]) }),
    );
    await client.send(
      new PutObjectTaggingCommand({
        Bucket: 'articles',
        Key: 'bad file.bin',
        Tagging: { TagSet: [{ Key: 'owner', Value: 'desk' }] },
      }),
    );
    await store.markRejected('bad file.bin', 'BINARY');
    const tags = await client.send(new GetObjectTaggingCommand({ Bucket: 'articles', Key: 'bad file.bin' }));
    expect(Object.fromEntries((tags.TagSet ?? []).map((t) => [t.Key, t.Value]))).toEqual({
      owner: 'desk',
      'entente-status': 'rejected',
      'entente-reason': 'BINARY',
    });
    expect((await store.get('bad file.bin', 100)).size).toBe(3);
  });
});

describe('S3FeedStore', () => {
  it('writes and reads feed files with their content type; missing is null', async () => {
    const store = new S3FeedStore(client, 'site', { prefix: 'feeds/' });
    await store.put('timeline.atom', '<feed/>', 'application/atom+xml');
    expect(await store.get('timeline.atom')).toEqual({
      body: '<feed/>',
      contentType: 'application/atom+xml',
    });
    expect(await store.get('missing.rss')).toBeNull();
    await expect(store.put('../escape', 'x', 'text/plain')).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('FileFeedStore', () => {
  it('writes atomically into the folder and reads back', async () => {
    const root = join(dir, 'feeds');
    const store = new FileFeedStore(root);
    await store.put('timeline.json', '{"a":1}', 'application/feed+json');
    await store.put('nested/timeline.rss', '<rss/>', 'application/rss+xml');
    expect(await store.get('timeline.json')).toEqual({
      body: '{"a":1}',
      contentType: 'application/feed+json',
    });
    expect((await new FileFeedStore(root).get('nested/timeline.rss'))?.contentType).toMatch(/rss\+xml/);
    expect(await store.get('none.atom')).toBeNull();
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses paths that leave the folder', async () => {
    const store = new FileFeedStore(join(dir, 'feeds'));
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a\\..\\x', '', 'a//b', './a', 'a\0b']) {
      await expect(store.put(bad, 'x', 'text/plain')).rejects.toBeInstanceOf(BadRequestError);
      await expect(store.get(bad)).rejects.toBeInstanceOf(BadRequestError);
    }
  });

  it('concurrent writers of one file leave one whole version', async () => {
    const store = new FileFeedStore(join(dir, 'feeds'));
    const bodies = Array.from({ length: 20 }, (_, i) => String(i).repeat(10_000));
    await Promise.all(bodies.map((b) => store.put('race.json', b, 'application/json')));
    const got = await store.get('race.json');
    expect(bodies).toContain(got?.body);
  });
});
