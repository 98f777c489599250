import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { type DeadLetter, DeadLetterFile, replayDeadLetterFile } from '../../local/dead-letters.js';
import { s3EventFor } from '../../local/s3-event.js';
import { removeDir, tempDir } from '../helpers/local-stack.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function letter(key: string): DeadLetter {
  return {
    failedAt: '2026-01-01T00:00:00.000Z',
    attempts: 4,
    error: 'DynamoDB unavailable',
    event: s3EventFor({ bucket: 'articles', key, region: 'us-east-1' }),
  };
}

const keyOf = (event: S3Event) => event.Records[0]?.s3.object.key;

describe('DeadLetterFile', () => {
  it('takes every entry once; entries appended during a replay stay for the next one', async () => {
    const dir = tempDir('dlq');
    dirs.push(dir);
    const file = new DeadLetterFile(join(dir, 'dlq.jsonl'));
    await file.append(letter('a.txt'));
    await file.append(letter('b c.txt'));
    const taken = await file.take();
    expect(taken.entries.map((e) => keyOf(e.event))).toEqual(['a.txt', 'b+c.txt']);
    await file.append(letter('late.txt'));
    await taken.commit();
    const next = await file.take();
    expect(next.entries.map((e) => keyOf(e.event))).toEqual(['late.txt']);
    await next.commit();
    expect((await file.take()).entries).toEqual([]);
  });

  it('gives back the entries of a replay that never committed (a crash)', async () => {
    const dir = tempDir('dlq');
    dirs.push(dir);
    const file = new DeadLetterFile(join(dir, 'dlq.jsonl'));
    await file.append(letter('a.txt'));
    await file.take(); // no commit: the process "died"
    await file.append(letter('b.txt'));
    const again = await file.take();
    expect(again.entries.map((e) => keyOf(e.event))).toEqual(['a.txt', 'b.txt']);
    await again.commit();
    expect(existsSync(join(dir, 'dlq.jsonl.replaying'))).toBe(false);
  });

  it('replay re-delivers each event and puts back the ones that fail again', async () => {
    const dir = tempDir('dlq');
    dirs.push(dir);
    const file = new DeadLetterFile(join(dir, 'dlq.jsonl'));
    for (const key of ['ok-1.txt', 'still broken.txt', 'ok-2.txt']) await file.append(letter(key));
    const delivered: string[] = [];
    const result = await replayDeadLetterFile(
      file,
      async (event) => {
        const key = keyOf(event) ?? '';
        delivered.push(key);
        if (key.startsWith('still')) throw new Error('still down');
      },
      () => {},
      { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 },
    );
    expect(result).toEqual({ replayed: 2, failed: 1 });
    expect(delivered.filter((k) => k === 'still+broken.txt').length).toBe(4);
    const left = await file.peek();
    expect(left.map((e) => keyOf(e.event))).toEqual(['still+broken.txt']);
    expect(left[0]?.error).toBe('Error: still down');
  });
});
