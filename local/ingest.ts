/**
 * `npm run ingest -- DIR [--concurrency N]`: bulk upload of a folder (recursively) into the
 * running local stack's bucket with bounded concurrency and a progress bar on stderr, then
 * waits until every key has an ingestion record and prints articles per second.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeS3Client } from '../functions/adapters/clients.js';
import { EntenteError } from '../functions/core/errors.js';
import { LOCAL_BUCKET_NAME } from '../infra/table.js';
import { listArticleFiles } from './article-files.js';
import { uploadFiles, waitForIngestions } from './bulk-upload.js';
import { createProgress } from './progress.js';
import { isStackRunning, localEndpoints } from './running-stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { concurrency: { type: 'string', short: 'c', default: '16' } },
  });
  const dir = positionals[0];
  const concurrency = Number(values.concurrency);
  if (!dir || positionals.length > 1)
    throw new EntenteError('USAGE', 'usage: npm run ingest -- DIR [--concurrency N]');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
    throw new EntenteError('USAGE', '--concurrency must be an integer from 1 to 256');
  if (!(await stat(dir).catch(() => null))?.isDirectory())
    throw new EntenteError('USAGE', `${dir} is not a folder`);

  const endpoints = localEndpoints(process.env);
  if (!(await isStackRunning(endpoints.http)))
    throw new EntenteError(
      'NOT_RUNNING',
      `no local stack answers at ${endpoints.http}/health: start it with npm start (same PORT/S3_PORT variables)`,
    );

  const files = await listArticleFiles(resolve(dir));
  if (files.length === 0) {
    console.log(`No files in ${dir}.`);
    return;
  }
  const client = makeS3Client({ region: 'us-east-1', endpoint: endpoints.s3 });
  const started = Date.now();
  const uploadBar = createProgress('upload', files.length);
  await uploadFiles(client, LOCAL_BUCKET_NAME, files, concurrency, (n) => uploadBar.update(n));
  uploadBar.finish();
  const uploadedAt = Date.now();

  const ingestBar = createProgress('ingest', files.length);
  const counts = await waitForIngestions(
    endpoints.http,
    files.map((f) => f.key),
    (n) => ingestBar.update(n),
  );
  ingestBar.finish();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${files.length} articles in ${seconds.toFixed(1)} s: ${counts.normalized} normalized, ${counts.rejected} rejected; ` +
      `${(files.length / seconds).toFixed(1)} articles/s end to end (upload alone ${((files.length * 1000) / (uploadedAt - started)).toFixed(0)}/s)`,
  );
  client.destroy();
}

main().catch((error: unknown) => {
  console.error(error instanceof EntenteError ? error.message : error);
  process.exit(1);
});
