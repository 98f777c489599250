/**
 * `npm start`: the whole pipeline on this machine. Starts the local stack with its data in
 * `.data/`, uploads the files of `articles/` the bucket does not have yet, watches
 * `articles/` for dropped files, prints what it serves and one line per article, and stops
 * cleanly on Ctrl-C or SIGTERM.
 */
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watch } from 'chokidar';
import { EntenteError } from '../functions/core/errors.js';
import { isIgnoredFile, keyForFile, listArticleFiles } from './article-files.js';
import { consoleLogger } from './console-log.js';
import { portFromEnv } from './ports.js';
import { DEFAULT_PORTS, type IngestionNotice, type LocalStack, startLocalStack } from './stack.js';

// The SDK warns on every start that future versions need Node 22; the local run is on 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = fileURLToPath(new URL('..', import.meta.url));
// Overridable so tests can run `npm start` itself against temporary folders.
const articlesDir = resolve(process.env.ENTENTE_ARTICLES_DIR || join(root, 'articles'));
const dataDir = resolve(process.env.ENTENTE_DATA_DIR || join(root, '.data'));

function printNotice(notice: IngestionNotice): void {
  if (notice.status === 'normalized') {
    console.log(`✓ ${notice.key} → ${notice.eventId}${notice.title ? ` (${notice.title})` : ''}`);
  } else {
    console.log(`✗ ${notice.key} rejected: ${notice.reason ?? 'no reason given'}`);
  }
}

function printBanner(stack: LocalStack): void {
  const { urls } = stack;
  console.log(`Entente is running (data in ${dataDir})
  HTTP API   ${urls.http}/api/events   ${urls.http}/api/ingestions?key=KEY   ${urls.http}/health
  Feeds      ${urls.feeds.rss}
             ${urls.feeds.atom}
             ${urls.feeds.json}
  S3         ${urls.s3}  bucket "${stack.bucket}"  (access key S3RVER, any secret key)
  DynamoDB   ${urls.dynamodb}  table "${stack.tableName}"
Drop a file into articles/, or upload one:
  AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1 \\
    aws s3 cp FILE s3://${stack.bucket}/ --endpoint-url ${urls.s3}
Ctrl-C stops.`);
}

async function main(): Promise<void> {
  const ports = {
    http: portFromEnv(process.env, 'PORT', DEFAULT_PORTS.http),
    s3: portFromEnv(process.env, 'S3_PORT', DEFAULT_PORTS.s3),
    dynamodb: portFromEnv(process.env, 'DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
  };
  const started = Date.now();
  console.log('Starting DynamoDB Local, S3 (s3rver) and the handlers...');
  const stack = await startLocalStack({
    dataDir,
    ports,
    log: consoleLogger(process.env.ENTENTE_VERBOSE === '1'),
    detachServers: true,
    onIngested: printNotice,
    onDeadLetter: (key, error) =>
      console.log(`✗ ${key} failed after retries (${error}): kept in .data/dlq.jsonl, run npm run replay`),
    onPublishDeadLetter: (records, error) =>
      console.log(
        `✗ publishing ${records} stream record(s) failed after retries (${error}): kept in .data/publish-dlq.jsonl, run npm run replay`,
      ),
  });
  printBanner(stack);
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

  // Upload the sample articles the bucket does not hold yet (a second start uploads nothing).
  const inBucket = new Set<string>();
  for await (const object of stack.pipeline.articles.list()) inBucket.add(object.key);
  const files = await listArticleFiles(articlesDir);
  const missing = files.filter((file) => !inBucket.has(file.key));
  if (missing.length > 0) console.log(`Uploading ${missing.length} file(s) from articles/...`);
  for (const file of missing) await stack.uploadFile(file.path, { key: file.key });

  // A file dropped into articles/ (or changed there) is uploaded, and so ingested.
  const watcher = watch(articlesDir, {
    ignoreInitial: true,
    ignored: (path: string) => isIgnoredFile(basename(path)),
    awaitWriteFinish: { stabilityThreshold: 300, pollInterval: 50 },
  });
  const upload = (path: string) => {
    const key = keyForFile(articlesDir, path);
    stack.uploadFile(path, { key }).catch((error: unknown) => {
      console.log(`✗ ${key} could not be uploaded: ${String(error)}`);
    });
  };
  watcher.on('add', upload);
  watcher.on('change', upload);

  let stopping = 0;
  const shutdown = async (signal: string) => {
    // tsx relays the terminal's Ctrl-C to this process as well: a second signal within a
    // second is that echo, not the user insisting.
    if (stopping) {
      if (Date.now() - stopping < 1000) return;
      console.log('Stopping now, without draining.');
      await stack.stopServersNow();
      process.exit(1);
    }
    stopping = Date.now();
    console.log(`\n${signal}: stopping (finishing work in flight; Ctrl-C again to force)...`);
    await watcher.close();
    await stack.stop();
    console.log('Stopped. Data kept in .data/.');
    process.exit(0);
  };
  // A crash must not leave DynamoDB Local (Java, its own process group) running.
  const crash = (error: unknown) => {
    console.error(error);
    void stack.stopServersNow().finally(() => process.exit(1));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof EntenteError) console.error(`Cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
