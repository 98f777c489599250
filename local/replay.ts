/**
 * `npm run replay`: re-ingests what is in the local dead-letter file (`.data/dlq.jsonl`),
 * the S3 events whose normalization failed after every retry, then republishes the stream
 * records publish gave up on (`.data/publish-dlq.jsonl`). With `npm start` running it
 * normalizes against that stack's servers (its stream poller then publishes); otherwise it
 * starts the stack itself, replays, waits for the feeds, and stops.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EntenteError } from '../functions/core/errors.js';
import { consoleLogger } from './console-log.js';
import {
  DeadLetterFile,
  type PublishDeadLetter,
  replayDeadLetterFile,
  replayPublishDeadLetters,
} from './dead-letters.js';
import { connectToRunningStack, isStackRunning, localEndpoints } from './running-stack.js';
import { startLocalStack } from './stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, '.data');

async function main(): Promise<void> {
  const endpoints = localEndpoints(process.env);
  const file = new DeadLetterFile(join(dataDir, 'dlq.jsonl'));
  const publishFile = new DeadLetterFile<PublishDeadLetter>(join(dataDir, 'publish-dlq.jsonl'));
  const report = (key: string, ok: boolean) =>
    console.log(ok ? `✓ ${decodeURIComponent(key.replace(/\+/g, ' '))} replayed` : `✗ ${key} failed again`);
  let result: { replayed: number; failed: number };
  let published: { replayed: number; failed: number };
  if (await isStackRunning(endpoints.http)) {
    console.log(`Replaying .data/dlq.jsonl into the running stack at ${endpoints.http}`);
    const { pipeline, close } = connectToRunningStack(endpoints, dataDir, consoleLogger());
    try {
      result = await replayDeadLetterFile(file, pipeline.normalize, report);
      // The running stack's poller publishes what the replay wrote; the old failed records
      // are handed to publish here.
      published = await replayPublishDeadLetters(publishFile, pipeline.publish);
    } finally {
      close();
    }
  } else {
    console.log('The local stack is not running: starting it to replay .data/dlq.jsonl');
    const stack = await startLocalStack({ dataDir, ports: endpoints.ports, log: consoleLogger() });
    try {
      const replayed = await stack.replay();
      result = replayed;
      published = replayed.publish;
      await stack.whenIdle();
    } finally {
      await stack.stop();
    }
  }
  console.log(`${result.replayed} replayed, ${result.failed} failed again (kept in .data/dlq.jsonl)`);
  console.log(
    `${published.replayed} stream records republished, ${published.failed} failed again (kept in .data/publish-dlq.jsonl)`,
  );
  process.exitCode = result.failed > 0 || published.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof EntenteError ? error.message : error);
  process.exit(1);
});
