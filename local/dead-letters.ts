/**
 * The local run's dead-letter queues, JSON Lines files:
 * - `dlq.jsonl`: the S3 events whose normalization failed after every retry (in AWS, the
 *   normalize function's on-failure SQS queue);
 * - `publish-dlq.jsonl`: the stream records publish failed on after every retry (in AWS, the
 *   stream mapping's on-failure destination).
 * `npm run replay` takes both files' entries and delivers them again.
 */
import { appendFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, S3Event } from 'aws-lambda';
import { backoffDelay, type RetryPolicy, WorkQueue } from './work-queue.js';

/** One failed delivery. */
export interface DeadLetter {
  /** ISO time of the last failure. */
  failedAt: string;
  attempts: number;
  error: string;
  /** The S3 event as it was delivered, AWS-shaped. */
  event: S3Event;
}

/** Stream records publish gave up on. */
export interface PublishDeadLetter {
  /** ISO time of the last failure. */
  failedAt: string;
  attempts: number;
  error: string;
  /** The records that still failed on the last attempt, Lambda-shaped. */
  records: DynamoDBRecord[];
}

/** Appends and takes dead letters (of type `E`) from one file. */
export class DeadLetterFile<E = DeadLetter> {
  constructor(readonly path: string) {}

  /** Appends one entry (a single `appendFile` of one line, so concurrent writers do not interleave). */
  async append(entry: E): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(entry)}\n`);
  }

  /** Reads the entries without taking them. */
  async peek(): Promise<E[]> {
    return parseLines<E>(await readOrEmpty(this.path));
  }

  /**
   * Takes every entry. The file is renamed first, so entries appended while a replay runs
   * land in a fresh file and are neither lost nor replayed twice. The taken entries stay in
   * a `.replaying` file until `commit()`; a replay that crashed leaves that file, and the
   * next take picks its entries up again.
   */
  async take(): Promise<{ entries: E[]; commit(): Promise<void> }> {
    const replaying = `${this.path}.replaying`;
    const incoming = `${replaying}.new`;
    try {
      await rename(this.path, incoming);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const text = (await readOrEmpty(replaying)) + (await readOrEmpty(incoming));
    await writeFile(replaying, text);
    await rm(incoming, { force: true });
    return { entries: parseLines<E>(text), commit: () => rm(replaying, { force: true }) };
  }
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

function parseLines<E>(text: string): E[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as E);
}

/**
 * Replays a dead-letter file through `normalize`, with the same retries as the stack;
 * events that fail again go back to the file.
 */
export async function replayDeadLetterFile(
  file: DeadLetterFile,
  normalize: (event: S3Event) => Promise<unknown>,
  onResult: (key: string, ok: boolean) => void = () => {},
  retry: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 2000 },
): Promise<{ replayed: number; failed: number }> {
  const taken = await file.take();
  const queue = new WorkQueue<S3Event>({
    concurrency: 4,
    retry,
    work: async (event) => {
      await normalize(event);
    },
    onGiveUp: (event, error, attempts) =>
      file.append({ failedAt: new Date().toISOString(), attempts, error: String(error), event }),
  });
  const results = await Promise.all(
    taken.entries.map(async (entry) => {
      const result = await queue.push(entry.event);
      onResult(entry.event.Records[0]?.s3.object.key ?? '?', result === 'done');
      return result;
    }),
  );
  await taken.commit();
  const failed = results.filter((r) => r === 'gave-up').length;
  return { replayed: results.length - failed, failed };
}

/**
 * Replays a publish dead-letter file: each entry's records are handed to `publish` again
 * (it rebuilds the feeds the records touch from the table as it is now, so replaying old
 * records is harmless). Records still reported failed after `attempts` tries go back to the
 * file. Counts are of records.
 */
export async function replayPublishDeadLetters(
  file: DeadLetterFile<PublishDeadLetter>,
  publish: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>,
  retry: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 2000 },
): Promise<{ replayed: number; failed: number }> {
  const taken = await file.take();
  let replayed = 0;
  let failed = 0;
  for (const entry of taken.entries) {
    let remaining = entry.records;
    let error = '';
    for (let attempt = 1; remaining.length > 0 && attempt <= retry.attempts; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, backoffDelay(retry, attempt - 1)));
      try {
        const response = await publish({ Records: remaining });
        const ids = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        const still = remaining.filter((r) => ids.has(r.dynamodb?.SequenceNumber ?? r.eventID ?? ''));
        replayed += remaining.length - still.length;
        remaining = still;
        error = still.length > 0 ? `batch item failures: ${[...ids].join(', ')}` : '';
      } catch (thrown) {
        error = String(thrown);
      }
    }
    if (remaining.length > 0) {
      failed += remaining.length;
      await file.append({
        failedAt: new Date().toISOString(),
        attempts: entry.attempts + retry.attempts,
        error,
        records: remaining,
      });
    }
  }
  await taken.commit();
  return { replayed, failed };
}
