/**
 * normalize: S3 ObjectCreated notification → read the object → normalize → merge into the
 * event it reports, or create one. Built by {@link makeNormalizeHandler} so tests pass real
 * or in-memory deps.
 *
 * ## Idempotence
 * Which event holds an article is read from the store itself (`query({ source: key })`,
 * strongly consistent on DynamoDB), never from memory:
 * - same key, same content hash, same normalizer version → nothing is written (redelivery);
 * - same key, changed content (or a newer normalizer) → that source is replaced in place,
 *   the event keeps its id;
 * - new key → merged into the best matching candidate, or a new event `eventIdForKey(key)`.
 *
 * ## Concurrency: create pending, fold, then reveal
 * Every write is conditional (create: not exists; update/delete: on `version`; and the
 * store keeps an article in at most one event) and retried from fresh state on
 * ConflictError. Two normalizers of one new event may both find no candidate and both
 * create. So after creating, a normalizer reads the candidates again (strongly consistent)
 * and takes the group of events that are the same as its article, ordered visible first,
 * then oldest first (by `createdAt`, then id): if its own event is not the first, it folds
 * its event into the first; if it is, it folds the others into it. A fold is one
 * transaction: update the survivor, delete the duplicate, both conditional on their
 * versions, so a source is never in two events or in none. Why this converges: of any two
 * creators, the later one's re-read runs after both creates, so it sees the other and one of
 * the two folds happens; the first event is never folded away, so all end in it (skewed
 * clocks only change which is oldest). No lock, no lease: a crashed Lambda holds nothing,
 * and its redelivery finishes the work. The same-event decision is symmetric
 * (core/merge.ts), so both creators agree on the group.
 *
 * Readers must never see the transient duplicates (issue #4). So an event is created
 * **pending** (`Event.pending`): the store keeps it out of every list, filter, facet count
 * and feed, while `findCandidates` and the source lookup still return it, so other
 * normalizers see it and fold with it. The normalizer whose article it holds reveals it
 * (`EventStore.reveal`) only after its fold check, conditional on the version it read after
 * that check. Why no two visible events are ever duplicates (kept-apart ones aside): say X
 * and Y are, X revealed first. Y's check read the candidates after Y existed and before Y's
 * reveal. If X existed at that read, Y's check saw it and one was folded into the other, so
 * they are not both visible. If X did not exist yet, X's check (after X existed, so after Y
 * existed) saw Y, and again one was folded. A reveal after a fold planned on the pending state fails on the
 * version, and a visible event is first in every group, so a visible event is never folded
 * away: its feed entry keeps its id. Merging into a pending candidate keeps it pending; the
 * merging normalizer runs the same check and may reveal it too.
 *
 * A crash between create and reveal leaves the event pending and the ingestion record of
 * the article unfinished (it is written after the reveal), so reconcile or replay runs the
 * key again: it finds its event pending (`unchanged`), runs the check and reveals it. Any
 * later normalizer whose article merges into that event does the same.
 *
 * `GET /api/events/{id}` shows a pending event, marked `"pending": true`: reading one event
 * by id cannot show a duplicate, and the normalizer's progress line reads it. Lists, filters,
 * facets and feeds never do. (`?source=KEY` reads the ingestion record, then the event by id:
 * when a fold just moved KEY into a still-pending event, it shows that one, for a moment.)
 *
 * Ingestion records say which event holds each key; folds move sources, so the record is
 * written, then the holder read again and the record rewritten until they agree.
 */
import type { S3Event } from 'aws-lambda';
import { makeDynamoClient, makeS3Client } from '../adapters/clients.js';
import { DynamoEventStore } from '../adapters/dynamodb-event-store.js';
import { DynamoIngestionStore } from '../adapters/dynamodb-ingestion-store.js';
import { S3ArticleStore } from '../adapters/s3-article-store.js';
import { readConfig } from '../config.js';
import { ConflictError, EntenteError, NotFoundError, RejectedInputError } from '../core/errors.js';
import type { Event, Ingestion, NormalizedArticle, Source } from '../core/event.js';
import { eventFromArticle, sourceFromArticle } from '../core/event-from-article.js';
import { contentHash, eventIdForKey } from '../core/ids.js';
import {
  chooseBestMatch,
  decideSameEvent,
  foldEvents,
  keptApartFrom,
  mayFold,
  mergeSource,
  olderFirst,
  reconcileEvent,
} from '../core/merge.js';
import { NORMALIZER_VERSION, type NormalizeInput, normalizeArticle } from '../core/normalize.js';
import { jsonLogger, type Logger } from '../logger.js';
import type { ArticleStore, EventStore, IngestionStore } from '../ports.js';
import { jitteredSleep } from './jittered-sleep.js';

/** What the normalize handler needs. */
export interface NormalizeDeps {
  articles: ArticleStore;
  events: EventStore;
  ingestions: IngestionStore;
  clock: () => Date;
  log: Logger;
  maxArticleBytes: number;
  /** The normalizer (default {@link normalizeArticle}); tests pass fixed readings. */
  normalize?: (input: NormalizeInput) => NormalizedArticle;
  /** Its version (default {@link NORMALIZER_VERSION}). */
  normalizerVersion?: string;
  /** Attempts of a read-modify-write that keeps losing races (default 25). */
  maxConflictRetries?: number;
}

/** Outcome of one object, for the local run's progress line. */
export interface NormalizeOutcome {
  key: string;
  status: 'normalized' | 'rejected';
  eventId?: string;
  reason?: string;
  code?: string;
  /** What happened: created, merged into a candidate, updated in place, or nothing (redelivery). */
  action?: 'created' | 'merged' | 'updated' | 'unchanged';
}

/** S3 URL-encodes keys in notifications, with `+` for a space. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/**
 * Builds the handler. Every record is processed; if any failed on storage, the handler
 * throws afterwards so Lambda retries (all work is idempotent) and then dead-letters the
 * notification. Bad input is recorded as rejected, never thrown.
 */
export function makeNormalizeHandler(deps: NormalizeDeps): (event: S3Event) => Promise<NormalizeOutcome[]> {
  return async (event) => {
    const outcomes: NormalizeOutcome[] = [];
    const failures: unknown[] = [];
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated')) continue;
      try {
        outcomes.push(await normalizeKey(deps, decodeS3Key(record.s3.object.key)));
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
    return outcomes;
  };
}

/** Options of {@link normalizeKey}. */
export interface NormalizeKeyOptions {
  /**
   * Re-read the object even when its source was read from the same bytes by the same
   * normalizer version (`npm run reprocess -- --all`, after a normalizer change that kept its
   * version). The event is written only if the reading actually differs.
   */
  force?: boolean;
}

/** Normalizes one stored object and records its outcome. */
export async function normalizeKey(
  deps: NormalizeDeps,
  key: string,
  options: NormalizeKeyOptions = {},
): Promise<NormalizeOutcome> {
  const now = deps.clock().toISOString();
  const version = deps.normalizerVersion ?? NORMALIZER_VERSION;
  let hash: string | undefined;
  try {
    const object = await deps.articles.get(key, deps.maxArticleBytes);
    hash = contentHash(object.body);
    const normalized = (deps.normalize ?? normalizeArticle)({
      bytes: object.body,
      key,
      contentType: object.contentType,
      metadata: {
        published: object.metadata.published,
        sourceUrl: object.metadata['source-url'],
        publisher: object.metadata.publisher,
      },
      uploadedAt: object.lastModified,
    });
    const source = sourceFromArticle(normalized, { key, contentHash: hash, now });
    const { eventId, action } = await placeSource(deps, normalized, source, now, version, options);
    await syncIngestion(deps, key, now, { contentHash: hash, normalizerVersion: version });
    deps.log.info('normalized', { key, eventId, action });
    return { key, status: 'normalized', eventId, action };
  } catch (error) {
    const gone = error instanceof NotFoundError && error.code === 'OBJECT_NOT_FOUND';
    if (error instanceof RejectedInputError || gone) {
      const code = error.code;
      if (!gone) await deps.articles.markRejected(key, code);
      // A changed upload (or a newer normalizer) rejects what was a source: it leaves its event.
      if (!gone) await withdrawSource(deps, key, now);
      const existing = await deps.ingestions.get(key);
      const same =
        existing?.status === 'rejected' &&
        existing.code === code &&
        existing.contentHash === hash &&
        existing.normalizerVersion === version;
      if (!same) {
        // The version is kept for rejections too: a newer normalizer (`npm run reprocess`)
        // re-reads what an older one rejected, once.
        const record: Ingestion = {
          key,
          status: 'rejected',
          reason: error.message,
          code,
          updatedAt: now,
          normalizerVersion: version,
        };
        if (hash) record.contentHash = hash;
        await deps.ingestions.put(record);
      }
      deps.log.warn('rejected', { key, code, reason: error.message });
      return { key, status: 'rejected', reason: error.message, code };
    }
    deps.log.error('normalize failed', {
      key,
      code: error instanceof EntenteError ? error.code : 'INTERNAL',
      error: String(error),
    });
    throw error;
  }
}

/** The event that holds the source `key`, read from the store (pending or visible). */
export async function findHolder(events: EventStore, key: string): Promise<Event | null> {
  const page = await events.query({ source: key, limit: 1, includePending: true });
  return page.items[0] ?? null;
}

/**
 * Takes the article `key` out of the event that holds it, if any: the event is rebuilt from
 * its other sources (id unchanged), or deleted when it was the only one. Every object then
 * has exactly one outcome: a rejected object backs no event.
 */
async function withdrawSource(deps: NormalizeDeps, key: string, now: string): Promise<void> {
  await retryOnConflict(deps, `withdraw ${key}`, async () => {
    const holder = await findHolder(deps.events, key);
    if (!holder) return;
    const others = holder.sources.filter((s) => s.key !== key);
    if (others.length === 0) {
      await deps.events.delete(holder.id, holder.version);
    } else {
      // A lone remaining source was not "merged" into anything any more.
      const rest = others.length === 1 ? others.map(({ matched: _m, ...s }) => s) : others;
      await deps.events.update(reconcileEvent(holder, rest, now), holder.version);
    }
    deps.log.info('source withdrawn from its event', { key, eventId: holder.id, left: others.length });
  });
}

/** Retries `attempt` on ConflictError with jittered backoff; it re-reads state each time. */
async function retryOnConflict<T>(deps: NormalizeDeps, what: string, attempt: () => Promise<T>): Promise<T> {
  const max = deps.maxConflictRetries ?? 25;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError) || i >= max) throw error;
      await jitteredSleep(i, 10, 500);
      deps.log.info('retrying after a concurrent change', { what, attempt: i });
    }
  }
}

/** Puts the source where it belongs: unchanged, updated in place, merged, or a new event. */
async function placeSource(
  deps: NormalizeDeps,
  normalized: NormalizedArticle,
  source: Source,
  now: string,
  version: string,
  options: NormalizeKeyOptions = {},
): Promise<{ eventId: string; action: NonNullable<NormalizeOutcome['action']> }> {
  const placed = await retryOnConflict(deps, `place ${source.key}`, async () => {
    const holder = await findHolder(deps.events, source.key);
    if (holder) {
      const pending = holder.pending === true;
      const current = holder.sources.find((s) => s.key === source.key);
      const ingestion = await deps.ingestions.get(source.key);
      const readWith = ingestion?.normalizerVersion ?? holder.normalizerVersion;
      const sameInput = current?.contentHash === source.contentHash && readWith === version;
      if (sameInput && (!options.force || (current && sameReading(current, source)))) {
        // Still pending: a run that crashed before its reveal (reconcile or replay re-runs it).
        return { eventId: holder.id, action: 'unchanged' as const, pending };
      }
      const next = mergeSource(holder, source, now, { normalizerVersion: version });
      await deps.events.update(next, holder.version);
      return { eventId: holder.id, action: 'updated' as const, pending };
    }
    const candidates = await deps.events.findCandidates({
      date: normalized.reading.date,
      countries: normalized.reading.countries,
      participants: normalized.reading.participants,
    });
    const best = chooseBestMatch(candidates, normalized, source.key);
    if (best) {
      const next = mergeSource(best.event, { ...source, matched: best.decision.matched }, now, {
        normalizerVersion: version,
      });
      await deps.events.update(next, best.event.version);
      return { eventId: best.event.id, action: 'merged' as const, pending: best.event.pending === true };
    }
    const event = eventFromArticle(normalized, {
      id: eventIdForKey(source.key),
      key: source.key,
      contentHash: source.contentHash,
      now,
      normalizerVersion: version,
    });
    await deps.events.create({ ...event, pending: true });
    return { eventId: event.id, action: 'created' as const, pending: true };
  });
  if (!placed.pending) return { eventId: placed.eventId, action: placed.action };
  const holder = await settle(deps, source.key, normalized, now);
  return { eventId: holder ?? placed.eventId, action: placed.action };
}

/** Key-order-independent JSON, so a source read back from DynamoDB compares equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** True when a fresh reading of a source says exactly what the stored one says (time and merge notes aside). */
function sameReading(stored: Source, fresh: Source): boolean {
  const strip = (s: Source) => ({ ...s, ingestedAt: undefined, matched: undefined });
  return canonical(strip(stored)) === canonical(strip(fresh));
}

/**
 * Makes the event that holds `key` visible once no duplicate of it can be: folds the events
 * that are the same as the article ({@link foldDuplicates}), then reveals the holder,
 * conditional on the version read after that check (see the module comment). The candidates
 * are always read after the holder was read, so after it was created; if a concurrent fold
 * moved the article to another event meanwhile, the check runs again for that one.
 * Returns the id of the event that holds the article (null if none does any more).
 */
async function settle(
  deps: NormalizeDeps,
  key: string,
  normalized: NormalizedArticle,
  now: string,
): Promise<string | null> {
  const max = deps.maxConflictRetries ?? 25;
  let holder = await findHolder(deps.events, key);
  for (let round = 1; holder; round++) {
    if (!holder.pending) return holder.id;
    if (round > max) throw new ConflictError(`event ${holder.id} of ${key} kept changing; not revealed yet`);
    await foldDuplicates(deps, key, normalized, now);
    const checked = await findHolder(deps.events, key);
    if (!checked || checked.id !== holder.id || !checked.pending) {
      holder = checked;
      continue;
    }
    try {
      await deps.events.reveal(checked.id, checked.version);
      deps.log.info('revealed event', { key, eventId: checked.id });
      return checked.id;
    } catch (error) {
      if (!(error instanceof ConflictError) || round >= max) throw error;
      await jitteredSleep(round, 5, 200);
      holder = await findHolder(deps.events, key);
    }
  }
  return null;
}

/**
 * Visible first, then older first: the order that decides which of a group of duplicates
 * survives. A visible event is never folded away (its feed entry keeps its id). A group holds
 * at most one visible event that may be folded with the others (two visible duplicates never
 * exist, see the module comment; two kept apart by an unmerge are skipped by `mayFold`).
 */
function survivorFirst(a: Event, b: Event): number {
  return Number(a.pending === true) - Number(b.pending === true) || olderFirst(a, b);
}

/**
 * Folds the events that are the same as the article `key` into the first of them by
 * {@link survivorFirst} (see the module comment): a normalizer whose event is not first folds
 * its own event into it; the normalizer of the first folds the others it sees into it. Of
 * any two creators the later one sees the other, so every duplicate is folded by someone.
 */
async function foldDuplicates(
  deps: NormalizeDeps,
  key: string,
  normalized: NormalizedArticle,
  now: string,
): Promise<void> {
  const max = deps.maxConflictRetries ?? 25;
  for (let round = 1; round <= max; round++) {
    const candidates = await deps.events.findCandidates({
      date: normalized.reading.date,
      countries: normalized.reading.countries,
      participants: normalized.reading.participants,
    });
    const holds = (c: Event) => c.sources.some((s) => s.key === key);
    const group = candidates
      .filter((c) => holds(c) || (decideSameEvent(c, normalized).same && !keptApartFrom(c, [key])))
      .sort(survivorFirst);
    const own = group.find(holds);
    const first = group[0];
    if (!own || !first || group.length < 2) return;
    const pairs: Array<[string, string]> =
      own.id === first.id ? group.slice(1).map((g) => [first.id, g.id]) : [[first.id, own.id]];
    let restart = false;
    for (const [winnerId, loserId] of pairs) {
      const result = await foldOne(deps, winnerId, loserId, normalized, now);
      if (result === 'restart') {
        restart = true;
        break;
      }
    }
    if (!restart) return;
  }
  // Never reveal without a finished check: fail, and the retried run checks again.
  throw new ConflictError(`folding the duplicates of ${key} kept restarting`);
}

/**
 * Folds event `loserId` into `winnerId` in one transaction conditional on both versions,
 * re-reading both (by id, cheaply) after a lost race.
 */
async function foldOne(
  deps: NormalizeDeps,
  winnerId: string,
  loserId: string,
  normalized: NormalizedArticle,
  now: string,
): Promise<'folded' | 'skipped' | 'loser-gone' | 'restart'> {
  const max = deps.maxConflictRetries ?? 25;
  for (let i = 1; ; i++) {
    const [winner, loser] = await Promise.all([deps.events.get(winnerId), deps.events.get(loserId)]);
    if (!loser) return 'loser-gone';
    // The winner is gone, or the loser was revealed since the group was read (a reveal
    // increments the version, so a fold planned before it fails and lands here): read again.
    if (!winner || (winner.pending && !loser.pending)) return 'restart';
    if (!mayFold(winner, loser)) return 'skipped';
    const next = foldEvents(winner, loser, decideSameEvent(winner, normalized).matched, now);
    try {
      await deps.events.transact([
        { kind: 'update', event: next, expectedVersion: winner.version },
        { kind: 'delete', id: loser.id, expectedVersion: loser.version, mergedInto: winner.id },
      ]);
    } catch (error) {
      if (!(error instanceof ConflictError) || i >= max) throw error;
      await jitteredSleep(i, 5, 200);
      continue;
    }
    deps.log.info('folded duplicate event', { into: winner.id, from: loser.id });
    for (const s of loser.sources) await syncIngestion(deps, s.key, now);
    return 'folded';
  }
}

/**
 * Makes the ingestion record of `key` name the event that holds it: write, read the holder
 * again, repeat until they agree (a concurrent fold may move the source meanwhile; whoever
 * moves it syncs after, so the last writer always writes the truth).
 */
export async function syncIngestion(
  deps: Pick<NormalizeDeps, 'events' | 'ingestions' | 'log'>,
  key: string,
  now: string,
  fields: { contentHash?: string; normalizerVersion?: string } = {},
): Promise<string | null> {
  let holder = await findHolder(deps.events, key);
  for (let round = 0; holder && round < 10; round++) {
    const existing = await deps.ingestions.get(key);
    const contentHash = fields.contentHash ?? holder.sources.find((s) => s.key === key)?.contentHash;
    const normalizerVersion =
      fields.normalizerVersion ?? existing?.normalizerVersion ?? holder.normalizerVersion;
    const upToDate =
      existing?.status === 'normalized' &&
      existing.eventId === holder.id &&
      existing.contentHash === contentHash &&
      existing.normalizerVersion === normalizerVersion;
    if (!upToDate) {
      const record: Ingestion = { key, status: 'normalized', eventId: holder.id, updatedAt: now };
      if (contentHash) record.contentHash = contentHash;
      if (normalizerVersion) record.normalizerVersion = normalizerVersion;
      await deps.ingestions.put(record);
    }
    const again = await findHolder(deps.events, key);
    if (again?.id === holder.id) return holder.id;
    holder = again;
  }
  if (holder) deps.log.warn('ingestion record kept moving', { key });
  return holder?.id ?? null;
}

let lambdaHandler: ((event: S3Event) => Promise<NormalizeOutcome[]>) | null = null;

/** The Lambda entry point: deps built on first use from the environment (functions/config.ts). */
export async function handler(event: S3Event): Promise<NormalizeOutcome[]> {
  if (!lambdaHandler) {
    const config = readConfig(process.env);
    const dynamo = makeDynamoClient({ region: config.region, endpoint: config.dynamodbEndpoint });
    const s3 = makeS3Client({ region: config.region, endpoint: config.s3Endpoint });
    lambdaHandler = makeNormalizeHandler({
      articles: new S3ArticleStore(s3, config.articlesBucket),
      events: new DynamoEventStore(dynamo, config.tableName),
      ingestions: new DynamoIngestionStore(dynamo, config.tableName),
      clock: () => new Date(),
      log: jsonLogger({ function: 'normalize' }),
      maxArticleBytes: config.maxArticleBytes,
    });
  }
  return lambdaHandler(event);
}
