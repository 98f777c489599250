/**
 * The local run survives a restart with its data, and an object put in the bucket while the
 * normalizer was down is ingested when the stack comes back (reconcile at start).
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeS3Client } from '../../functions/adapters/clients.js';
import type { Event, Ingestion } from '../../functions/core/event.js';
import { freePort, startS3Local } from '../../local/servers.js';
import type { LocalStack } from '../../local/stack.js';
import { atomEntryTitles } from '../helpers/atom.js';
import { getJson, removeDir, sampleArticlePaths, startTestStack, tempDir } from '../helpers/local-stack.js';

describe('local stack restart and reconcile', () => {
  const dir = tempDir('restart');
  let stack: LocalStack | null = null;
  const [a, b, c] = sampleArticlePaths();

  afterAll(async () => {
    await stack?.stop();
    removeDir(dir);
  });

  it('keeps events across a restart and ingests what was uploaded while it was down', async () => {
    if (!a || !b || !c) throw new Error('need three sample articles');
    // First run: one article in.
    stack = await startTestStack(dir);
    await stack.uploadFile(a, { key: 'first.txt', metadata: { published: '2016-02-10' } });
    await stack.whenIdle();
    const before = await getJson<Ingestion>(stack, '/api/ingestions?key=first.txt');
    expect(before.body.status).toBe('normalized');
    await stack.stop();
    stack = null;

    // While the pipeline is down, only S3 is up: an upload gets no notification handled.
    const s3 = await startS3Local({ port: await freePort(), dataDir: join(dir, 's3'), bucket: 'articles' });
    const client = makeS3Client({ region: 'us-east-1', endpoint: s3.endpoint });
    await client.send(
      new PutObjectCommand({ Bucket: 'articles', Key: 'while down/second.txt', Body: await readFile(b) }),
    );
    client.destroy();
    await s3.stop();

    // Second run, same data folder, other ports.
    stack = await startTestStack(dir);
    await stack.whenIdle();
    const kept = await getJson<Event>(stack, `/api/events/${before.body.eventId}`);
    expect(kept.status).toBe(200);
    expect(kept.body.sources.map((s) => s.key)).toEqual(['first.txt']);
    const reconciled = await getJson<Ingestion>(
      stack,
      `/api/ingestions?key=${encodeURIComponent('while down/second.txt')}`,
    );
    expect(reconciled.body.status).toBe('normalized');
    const events = await getJson<{ items: Event[] }>(stack, '/api/events');
    expect(events.body.items).toHaveLength(2);
    const atom = await (await fetch(stack.urls.feeds.atom)).text();
    expect(atomEntryTitles(atom).sort()).toEqual(events.body.items.map((e) => e.title).sort());
  });

  it('re-normalizes an object whose ingestion record is still pending', async () => {
    if (!stack || !c) throw new Error('previous test did not leave a running stack');
    await stack.uploadFile(c, { key: 'stuck.txt' });
    await stack.whenIdle();
    const events = await getJson<{ items: Event[] }>(stack, '/api/events');
    const stuck = events.body.items.find((e) => e.sources.some((s) => s.key === 'stuck.txt'));
    expect(stuck).toBeDefined();
    // Simulate a crash between "received" and "done": the record says pending.
    await stack.pipeline.ingestions.put({
      key: 'stuck.txt',
      status: 'pending',
      updatedAt: new Date().toISOString(),
    });
    expect(await stack.reconcile()).toBe(1);
    await stack.whenIdle();
    const record = await getJson<Ingestion>(stack, '/api/ingestions?key=stuck.txt');
    expect(record.body.status).toBe('normalized');
    expect(record.body.eventId).toBe(stuck?.id);
    expect(await stack.reconcile()).toBe(0);
  });
});
