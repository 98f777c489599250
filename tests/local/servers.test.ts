import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDynamoClient, makeS3Client } from '../../functions/adapters/clients.js';
import {
  freePort,
  type LocalServer,
  type S3rverEventRecord,
  startDynamoLocal,
  startS3Local,
} from '../../local/servers.js';
import { ensureTable } from '../../local/setup.js';

describe('local servers', () => {
  let dir: string;
  let dynamo: LocalServer;
  let s3: LocalServer;
  const events: S3rverEventRecord[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'entente-servers-'));
    [dynamo, s3] = await Promise.all([
      startDynamoLocal({ port: await freePort() }),
      startS3Local({
        port: await freePort(),
        dataDir: join(dir, 's3'),
        bucket: 'articles',
        onEvent: (e) => events.push(e),
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([dynamo?.stop(), s3?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the table from the shared definition, with a stream', async () => {
    const client = makeDynamoClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    const arn = await ensureTable(client, 'entente-events');
    expect(arn).toMatch(/stream/);
    expect(await ensureTable(client, 'entente-events')).toBe(arn);
    const tables = await client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toContain('entente-events');
  });

  it('stores objects byte for byte, pages listings, and emits put events', async () => {
    const client = makeS3Client({ region: 'us-east-1', endpoint: s3.endpoint });
    for (let i = 0; i < 3; i++) {
      await client.send(
        new PutObjectCommand({ Bucket: 'articles', Key: `a b+${i}.txt`, Body: `hello ${i}` }),
      );
    }
    const got = await client.send(new GetObjectCommand({ Bucket: 'articles', Key: 'a b+1.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello 1');
    const page1 = await client.send(new ListObjectsV2Command({ Bucket: 'articles', MaxKeys: 2 }));
    expect(page1.KeyCount).toBe(2);
    const page2 = await client.send(
      new ListObjectsV2Command({
        Bucket: 'articles',
        MaxKeys: 2,
        ContinuationToken: page1.NextContinuationToken,
      }),
    );
    expect(page2.Contents?.map((o) => o.Key)).toEqual(['a b+2.txt']);
    await new Promise((r) => setTimeout(r, 200));
    expect(
      events.filter((e) => e.eventName.startsWith('ObjectCreated')).map((e) => e.s3.object.key),
    ).toContain('a b+0.txt');
  });
  it('a PUT is atomic: a GET racing overwrites of one key reads one whole version, never a partial one', async () => {
    const client = makeS3Client({ endpoint: s3.endpoint, region: 'us-east-1' });
    // Two 2 MB versions that differ in every byte, so any mix or truncation is visible.
    const versions = ['a', 'b'].map((c) => Buffer.alloc(2_000_000, c));
    const key = 'race/one-key.txt';
    await client.send(new PutObjectCommand({ Bucket: 'articles', Key: key, Body: versions[0] }));
    const puts = Array.from({ length: 8 }, (_, i) =>
      client.send(new PutObjectCommand({ Bucket: 'articles', Key: key, Body: versions[i % 2] })),
    );
    const gets = Array.from({ length: 24 }, async () => {
      const res = await client.send(new GetObjectCommand({ Bucket: 'articles', Key: key }));
      return Buffer.from((await res.Body?.transformToByteArray()) ?? []);
    });
    const [, read] = await Promise.all([Promise.all(puts), Promise.all(gets)]);
    for (const body of read) {
      expect(body.length).toBe(2_000_000);
      expect(body.equals(versions[0] as Buffer) || body.equals(versions[1] as Buffer)).toBe(true);
    }
  });
});
