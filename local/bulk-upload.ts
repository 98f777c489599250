/**
 * Bulk upload into the local stack and waiting for the ingestions: what `npm run ingest`
 * and the benchmark use.
 */
import { readFile } from 'node:fs/promises';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { EntenteError } from '../functions/core/errors.js';
import type { Ingestion } from '../functions/core/event.js';
import { contentTypeFor } from './stack.js';

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function mapBounded<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Uploads `files` to the bucket; `onUploaded` after each. */
export async function uploadFiles(
  client: S3Client,
  bucket: string,
  files: ReadonlyArray<{ path: string; key: string }>,
  concurrency: number,
  onUploaded: (count: number) => void,
): Promise<void> {
  let count = 0;
  await mapBounded(files, concurrency, async (file) => {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: file.key,
        Body: await readFile(file.path),
        ContentType: contentTypeFor(file.path),
      }),
    );
    count += 1;
    onUploaded(count);
  });
}

/**
 * Waits until every key has a finished ingestion record (normalized or rejected), asking
 * `GET /api/ingestions?key=`. Each GET is a read of the table the pipeline is writing to, so
 * the polling is kept to about two requests per key whatever the pipeline's pace:
 * - keys finish roughly in upload order, so a round checks only the oldest pending keys, a
 *   window twice the size of the last round's progress;
 * - the pause between rounds follows the measured pace: long enough for about
 *   {@link KEYS_PER_ROUND} keys to finish (between `pollMs` and `maxPollMs`), and growing
 *   while nothing finishes;
 * - when the oldest keys have made no progress for a while (stuck, or parked in the dead
 *   letter file), rounds probe windows further back, so progress behind them still shows.
 * A poll that fails on the network or with a 5xx leaves its key pending for the round (a
 * long ingest must not die of one dropped connection); a 4xx ends the wait at once.
 * Rejects when nothing finishes for `stallMs`, with the last poll error if there was one.
 */
export async function waitForIngestions(
  httpUrl: string,
  keys: readonly string[],
  onProgress: (finished: number, counts: { normalized: number; rejected: number }) => void,
  stallMs = 120_000,
  pollMs = 200,
  maxPollMs = 2_000,
): Promise<{ normalized: number; rejected: number }> {
  const pending = [...keys];
  const counts = { normalized: 0, rejected: 0 };
  const started = Date.now();
  let lastProgress = started;
  let windowSize = MIN_WINDOW;
  let offset = 0;
  let pause = pollMs;
  let lastPollError: string | null = null;
  while (pending.length > 0) {
    // The front has been idle for a while: look behind it, one window further each round.
    const idle = Date.now() - lastProgress;
    offset = idle > Math.max(4 * maxPollMs, 5 * pause) ? offset + windowSize : 0;
    if (offset >= pending.length) offset = 0;
    const window = pending.slice(offset, offset + windowSize);
    const finished = new Set<string>();
    await mapBounded(window, 16, async (key) => {
      let response: Response;
      try {
        response = await fetch(`${httpUrl}/api/ingestions?key=${encodeURIComponent(key)}`);
      } catch (error) {
        // A busy or restarting server drops a connection now and then: the key stays
        // pending this round, and only a stall (no progress for stallMs) ends the wait.
        lastPollError = `GET /api/ingestions failed: ${errorText(error)}`;
        return;
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        lastPollError = `GET /api/ingestions answered ${response.status}`;
        return;
      }
      if (!response.ok)
        throw new EntenteError('INGEST_POLL', `GET /api/ingestions answered ${response.status}`);
      const record = (await response.json()) as Ingestion;
      if (record.status === 'normalized' || record.status === 'rejected') {
        counts[record.status] += 1;
        finished.add(key);
      }
    });
    windowSize = Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, finished.size * 2));
    if (finished.size > 0) {
      lastProgress = Date.now();
      for (let i = pending.length - 1; i >= 0; i--)
        if (finished.has(pending[i] as string)) pending.splice(i, 1);
      onProgress(keys.length - pending.length, counts);
      if (pending.length === 0) break;
      const perMs = (keys.length - pending.length) / Math.max(1, Date.now() - started);
      pause = Math.min(maxPollMs, Math.max(pollMs, KEYS_PER_ROUND / perMs));
    } else if (Date.now() - lastProgress > stallMs) {
      throw new EntenteError(
        'INGEST_STALLED',
        `${pending.length} key(s) still pending after ${stallMs / 1000} s without progress (first: ${pending[0]}); see .data/dlq.jsonl and npm run replay${lastPollError ? `; last poll error: ${lastPollError}` : ''}`,
      );
    } else {
      pause = Math.min(maxPollMs, pause * 1.5);
    }
    await new Promise((r) => setTimeout(r, pause));
  }
  return counts;
}

function errorText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** Keys a polling round aims to find finished: fewer rounds, each worth its requests. */
const KEYS_PER_ROUND = 4;
const MIN_WINDOW = 4;
const MAX_WINDOW = 512;
