/**
 * `npm run reprocess [-- --all]`: after a normalizer upgrade (a new `normalizerVersion`),
 * re-normalizes the stored articles of the local run from the bucket, updating their events
 * in place (ids unchanged; see reprocess-articles.ts). By default only the objects read by
 * another version; `--all` re-reads every object. With `npm start` running it works against
 * that stack's servers (whose stream poller then republishes the feeds), found as
 * `npm run replay` finds them; otherwise it starts the stack itself, reprocesses, waits for
 * the feeds, and stops. Prints one line per object and a summary line; exits 1 if any failed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EntenteError } from '../functions/core/errors.js';
import { NORMALIZER_VERSION } from '../functions/core/normalize.js';
import { consoleLogger } from './console-log.js';
import { LOCAL_MAX_ARTICLE_BYTES, type LocalPipeline } from './pipeline.js';
import { formatReprocessSummary, type ReprocessResult, reprocessArticles } from './reprocess-articles.js';
import { connectToRunningStack, isStackRunning, localEndpoints } from './running-stack.js';
import { type LocalStack, startLocalStack } from './stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = fileURLToPath(new URL('..', import.meta.url));

function printResult(result: ReprocessResult): void {
  if (result.status === 'failed') console.log(`✗ ${result.key} failed: ${result.error}`);
  else if (result.status === 'rejected') console.log(`✗ ${result.key} rejected: ${result.reason}`);
  else
    console.log(
      `${result.status === 'unchanged' ? '=' : '✓'} ${result.key} → ${result.eventId} (${result.status})`,
    );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { all: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  const dataDir = values['data-dir'] ?? join(root, '.data');
  const endpoints = localEndpoints(process.env);
  const log = consoleLogger();
  let stack: LocalStack | null = null;
  let pipeline: LocalPipeline;
  let destroy = () => {};
  if (await isStackRunning(endpoints.http)) {
    console.log(`Reprocessing into the running stack at ${endpoints.http}`);
    const connected = connectToRunningStack(endpoints, dataDir, log);
    pipeline = connected.pipeline;
    destroy = connected.close;
  } else {
    console.log('The local stack is not running: starting it to reprocess');
    stack = await startLocalStack({ dataDir, ports: endpoints.ports, log });
    await stack.whenIdle();
    pipeline = stack.pipeline;
  }
  try {
    const summary = await reprocessArticles(
      {
        articles: pipeline.articles,
        events: pipeline.events,
        ingestions: pipeline.ingestions,
        clock: () => new Date(),
        log,
        maxArticleBytes: LOCAL_MAX_ARTICLE_BYTES,
        normalizerVersion: NORMALIZER_VERSION,
      },
      {
        all: values.all,
        onPlan: ({ objects, selected }) =>
          console.log(
            `normalizer ${NORMALIZER_VERSION}: ${selected} of ${objects} objects to re-read${values.all ? ' (--all)' : ''}`,
          ),
        onResult: printResult,
      },
    );
    await stack?.whenIdle();
    console.log(formatReprocessSummary(summary));
    return summary.failed > 0 ? 1 : 0;
  } finally {
    destroy();
    await stack?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof EntenteError ? error.message : error);
    process.exit(1);
  },
);
