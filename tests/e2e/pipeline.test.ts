/**
 * End to end on the local run: real DynamoDB Local and s3rver, the real handlers, S3
 * notifications and the table's stream delivered as on AWS, the HTTP API and the feeds.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, Ingestion } from '../../functions/core/event.js';
import type { LocalStack } from '../../local/stack.js';
import { atomEntryTitles } from '../helpers/atom.js';
import { getJson, removeDir, sampleArticlePaths, startTestStack, tempDir } from '../helpers/local-stack.js';

const AWS_CLI = '/usr/bin/aws';
const hasAwsCli = existsSync(AWS_CLI);

describe('pipeline end to end on the local stack', () => {
  let dir: string;
  let stack: LocalStack;
  const [first, second] = sampleArticlePaths();

  beforeAll(async () => {
    dir = tempDir('e2e');
    stack = await startTestStack(dir);
  });
  afterAll(async () => {
    await stack?.stop();
    removeDir(dir);
  });

  it('answers /health', async () => {
    const health = await fetch(`${stack.urls.http}/health`);
    expect(health.status).toBe(200);
  });

  it('turns an article put through the S3 API into an event, an ingestion record and a feed entry', async () => {
    if (!first) throw new Error('no sample articles in articles/');
    const key = `e2e/${basename(first)}`;
    await stack.s3Client.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: key,
        Body: await readFile(first),
        ContentType: 'text/plain; charset=utf-8',
        Metadata: { published: '2016-02-12' },
      }),
    );
    await stack.whenIdle();

    const ingestion = await getJson<Ingestion>(stack, `/api/ingestions?key=${encodeURIComponent(key)}`);
    expect(ingestion.status).toBe(200);
    expect(ingestion.body.status).toBe('normalized');
    expect(ingestion.body.eventId).toMatch(/^ev_/);

    const events = await getJson<{ items: Event[]; nextCursor: string | null }>(stack, '/api/events');
    expect(events.body.items).toHaveLength(1);
    const event = events.body.items[0] as Event;
    expect(event.id).toBe(ingestion.body.eventId);
    expect(event.sources.map((s) => s.key)).toEqual([key]);
    expect(event.published).toBe('2016-02-12');
    const firstLine = (await readFile(first, 'utf8')).split('\n')[0]?.trim();
    expect(event.title).toBe(firstLine);

    const single = await getJson<Event>(stack, `/api/events/${event.id}`);
    expect(single.body.id).toBe(event.id);

    const atom = await fetch(stack.urls.feeds.atom);
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toContain('atom');
    const xml = await atom.text();
    expect(xml).toContain('<feed');
    expect(atomEntryTitles(xml)).toContain(event.title);
  });

  it('creates no second event when the same file is uploaded again', async () => {
    if (!first) throw new Error('no sample articles');
    const key = await stack.uploadFile(first, { key: `e2e/${basename(first)}` });
    await stack.whenIdle();
    const events = await getJson<{ items: Event[] }>(stack, '/api/events');
    expect(events.body.items.filter((e) => e.sources.some((s) => s.key === key))).toHaveLength(1);
    expect(events.body.items).toHaveLength(1);
  });

  it.skipIf(!hasAwsCli)('ingests a file copied with the AWS CLI (aws s3 cp --endpoint-url)', async () => {
    if (!second) throw new Error('need two sample articles');
    const key = `cli copy/${basename(second)}`;
    await promisify(execFile)(
      AWS_CLI,
      ['s3', 'cp', second, `s3://${stack.bucket}/${key}`, '--endpoint-url', stack.urls.s3, '--no-progress'],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );
    await stack.whenIdle();
    const ingestion = await getJson<Ingestion>(stack, `/api/ingestions?key=${encodeURIComponent(key)}`);
    expect(ingestion.body.status).toBe('normalized');
    const events = await getJson<{ items: Event[] }>(stack, '/api/events');
    expect(events.body.items).toHaveLength(2);
    const created = events.body.items.find((e) => e.id === ingestion.body.eventId);
    expect(created?.sources.map((s) => s.key)).toEqual([key]);
    const atom = await (await fetch(stack.urls.feeds.atom)).text();
    expect(atomEntryTitles(atom)).toContain(created?.title);
  });
});

if (!hasAwsCli)
  console.warn(`skipping the AWS CLI test: ${AWS_CLI} is not installed (apt-get install awscli)`);
