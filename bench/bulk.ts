/**
 * Bulk ingest through the local run: generated articles written to a temp folder, uploaded
 * with the bulk-upload code `npm run ingest` uses (bounded concurrency, progress bars on
 * stderr), then waited for until every key has a finished ingestion record.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listArticleFiles } from '../local/article-files.js';
import { uploadFiles, waitForIngestions } from '../local/bulk-upload.js';
import { createProgress } from '../local/progress.js';
import { LOCAL_NORMALIZE_CONCURRENCY, type LocalStack } from '../local/stack.js';
import { generateCorpus } from './corpus.js';
import { round } from './stats.js';

/** What {@link runBulkBench} returns. */
export interface BulkResult {
  articles: number;
  normalized: number;
  rejected: number;
  /** Uploads in flight at once. */
  concurrency: number;
  /** Normalizations the local run performs at once. */
  normalizers: number;
  seconds: number;
  /** Upload start to the last ingestion record. */
  articlesPerSecond: number;
  /** Uploading alone (PutObject calls). */
  uploadPerSecond: number;
}

/** Uploads `count` generated articles and waits for all of them. */
export async function runBulkBench(
  stack: LocalStack,
  options: { articlesDir: string; count: number; concurrency?: number },
): Promise<BulkResult> {
  const concurrency = options.concurrency ?? 16;
  const dir = mkdtempSync(join(tmpdir(), 'entente-bench-bulk-'));
  try {
    mkdirSync(join(dir, 'bulk'));
    for (const article of generateCorpus(options.articlesDir, options.count, 9001)) {
      const name = article.key.replace(/^bench\//, '');
      writeFileSync(join(dir, 'bulk', name), article.text);
    }
    const files = await listArticleFiles(dir);
    const started = performance.now();
    const uploadBar = createProgress('bulk upload', files.length);
    await uploadFiles(stack.s3Client, stack.bucket, files, concurrency, (n) => uploadBar.update(n));
    uploadBar.finish();
    const uploadSeconds = (performance.now() - started) / 1000;
    const ingestBar = createProgress('bulk ingest', files.length);
    const counts = await waitForIngestions(
      stack.urls.http,
      files.map((f) => f.key),
      (n) => ingestBar.update(n),
    );
    ingestBar.finish();
    const seconds = (performance.now() - started) / 1000;
    return {
      articles: files.length,
      normalized: counts.normalized,
      rejected: counts.rejected,
      concurrency,
      normalizers: LOCAL_NORMALIZE_CONCURRENCY,
      seconds: round(seconds, 1),
      articlesPerSecond: round(files.length / seconds, 1),
      uploadPerSecond: round(files.length / uploadSeconds, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
