/**
 * Re-normalizes stored articles after a normalizer upgrade (`npm run reprocess`).
 *
 * Lists the bucket, reads the ingestion records 100 keys at a time, and runs the normalize
 * handler's own path ({@link normalizeKey}) on each object whose record was written by
 * another `normalizerVersion` (or has no finished record); `all` re-reads every object. The
 * handler finds the event that already holds the article (`query({ source: key })`) and
 * replaces that source's reading in place, so event ids never change, a merged event keeps
 * all its sources, and nothing is created for an article that is already in an event. A
 * re-read that changes nothing writes nothing (no stream record, no feed change).
 *
 * Safe to run beside a running stack and to run twice: every write is conditional and
 * retried on conflict, and an object that failed keeps its old version, so the next run
 * picks it up again.
 */
import type { Ingestion } from '../functions/core/event.js';
import { type NormalizeDeps, type NormalizeOutcome, normalizeKey } from '../functions/handlers/normalize.js';
import { getIngestions, LOOKUP_BATCH } from './ingestion-lookup.js';
import { type RetryPolicy, WorkQueue } from './work-queue.js';

/** What became of one object. */
export type ReprocessResult =
  | { key: string; status: 'reprocessed' | 'unchanged'; eventId: string; action: NormalizeOutcome['action'] }
  | { key: string; status: 'rejected'; code: string; reason: string }
  | { key: string; status: 'failed'; error: string };

/** Counts of a run. */
export interface ReprocessSummary {
  /** Objects in the bucket. */
  objects: number;
  /** Objects whose record already carried the current version (not read; 0 with `all`). */
  upToDate: number;
  /** Re-read, and their event changed (a source updated in place, or placed for the first time). */
  reprocessed: number;
  /** Re-read, and the new reading says what the stored one did: nothing written. */
  unchanged: number;
  /** Re-read and rejected (recorded, tagged, left in the bucket). */
  rejected: number;
  /** Failed every retry (storage down): their records keep the old version, so a rerun retries them. */
  failed: number;
  failures: Array<{ key: string; error: string }>;
}

/** Options of {@link reprocessArticles}. */
export interface ReprocessOptions {
  /** Re-read every object, not only those of another normalizer version. */
  all?: boolean;
  /** Objects normalized at once (default 4). */
  concurrency?: number;
  /** Retries of an object that failed on storage (default 4 attempts). */
  retry?: RetryPolicy;
  /** Called once the objects to re-read are known. */
  onPlan?: (plan: { objects: number; selected: number }) => void;
  /** Called once per object re-read. */
  onResult?: (result: ReprocessResult) => void;
}

/** The version an ingestion record says its object was read with, if it is a finished one. */
function needsReprocess(record: Ingestion | undefined, version: string): boolean {
  if (!record || record.status === 'pending') return true;
  return record.normalizerVersion !== version;
}

/** Re-normalizes the stored articles; see the module comment. */
export async function reprocessArticles(
  deps: NormalizeDeps & { normalizerVersion: string },
  options: ReprocessOptions = {},
): Promise<ReprocessSummary> {
  const summary: ReprocessSummary = {
    objects: 0,
    upToDate: 0,
    reprocessed: 0,
    unchanged: 0,
    rejected: 0,
    failed: 0,
    failures: [],
  };

  // Select first, then re-read: the listing is not disturbed by the writes, and the plan
  // (how many) can be shown before the work starts.
  const selected: string[] = [];
  let page: string[] = [];
  const flush = async () => {
    const records = options.all ? new Map<string, Ingestion>() : await getIngestions(deps.ingestions, page);
    for (const key of page) {
      if (options.all || needsReprocess(records.get(key), deps.normalizerVersion)) selected.push(key);
      else summary.upToDate += 1;
    }
    page = [];
  };
  for await (const object of deps.articles.list()) {
    summary.objects += 1;
    page.push(object.key);
    if (page.length >= LOOKUP_BATCH) await flush();
  }
  await flush();
  options.onPlan?.({ objects: summary.objects, selected: selected.length });

  const report = (result: ReprocessResult) => {
    if (result.status === 'failed') summary.failures.push({ key: result.key, error: result.error });
    summary[result.status] += 1;
    options.onResult?.(result);
  };
  const queue = new WorkQueue<string>({
    concurrency: options.concurrency ?? 4,
    retry: options.retry ?? { attempts: 4, baseDelayMs: 250, maxDelayMs: 2000 },
    work: async (key) => {
      const outcome = await normalizeKey(deps, key, { force: options.all === true });
      if (outcome.status === 'rejected') {
        report({ key, status: 'rejected', code: outcome.code ?? 'REJECTED', reason: outcome.reason ?? '' });
        return;
      }
      report({
        key,
        status: outcome.action === 'unchanged' ? 'unchanged' : 'reprocessed',
        eventId: outcome.eventId ?? '',
        action: outcome.action,
      });
    },
    onGiveUp: (key, error) => report({ key, status: 'failed', error: String(error) }),
  });
  await Promise.all(selected.map((key) => queue.push(key)));
  summary.failures.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return summary;
}

/** The summary line: `N reprocessed, N unchanged, N rejected, N failed (N up to date, N objects)`. */
export function formatReprocessSummary(summary: ReprocessSummary): string {
  return (
    `${summary.reprocessed} reprocessed, ${summary.unchanged} unchanged, ${summary.rejected} rejected, ` +
    `${summary.failed} failed (${summary.upToDate} already up to date, ${summary.objects} objects)`
  );
}
