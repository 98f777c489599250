/**
 * The local run's dead-letter queue: a JSON Lines file of the S3 events whose normalization
 * failed after every retry (in AWS, the normalize function's on-failure SQS queue).
 * `npm run replay` takes the file's entries and delivers them again.
 */
import { appendFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { S3Event } from 'aws-lambda';
import { type RetryPolicy, WorkQueue } from './work-queue.js';

/** One failed delivery. */
export interface DeadLetter {
  /** ISO time of the last failure. */
  failedAt: string;
  attempts: number;
  error: string;
  /** The S3 event as it was delivered, AWS-shaped. */
  event: S3Event;
}

/** Appends and takes dead letters from one file. */
export class DeadLetterFile {
  constructor(readonly path: string) {}

  /** Appends one entry (a single `appendFile` of one line, so concurrent writers do not interleave). */
  async append(entry: DeadLetter): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(entry)}\n`);
  }

  /** Reads the entries without taking them. */
  async peek(): Promise<DeadLetter[]> {
    return parseLines(await readOrEmpty(this.path));
  }

  /**
   * Takes every entry. The file is renamed first, so entries appended while a replay runs
   * land in a fresh file and are neither lost nor replayed twice. The taken entries stay in
   * a `.replaying` file until `commit()`; a replay that crashed leaves that file, and the
   * next take picks its entries up again.
   */
  async take(): Promise<{ entries: DeadLetter[]; commit(): Promise<void> }> {
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
    return { entries: parseLines(text), commit: () => rm(replaying, { force: true }) };
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

function parseLines(text: string): DeadLetter[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as DeadLetter);
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
