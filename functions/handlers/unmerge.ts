/**
 * Undoing a merge, and redoing it: `unmergeSource` splits one article back out of an event
 * into an event of its own; `remergeEvents` folds two events back into one. Both are one
 * atomic transaction conditional on the events' versions, retried on a concurrent change.
 * The CLI `npm run unmerge` and the HTTP route call these.
 */
import { BadRequestError, ConflictError, NotFoundError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import { remergeEvents, splitSource } from '../core/merge.js';
import type { Logger } from '../logger.js';
import type { EventStore, IngestionStore } from '../ports.js';
import { syncIngestion } from './normalize.js';

/** What unmerge and remerge need. */
export interface UnmergeDeps {
  events: EventStore;
  ingestions: IngestionStore;
  clock: () => Date;
  log: Logger;
}

const ATTEMPTS = 10;

async function withConflictRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError) || i >= ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * i));
    }
  }
}

/**
 * Splits the source `key` out of event `eventId` into a new event (id from
 * `splitEventId`), and marks the two as kept apart so later ingests do not merge them
 * again. NotFoundError (EVENT_NOT_FOUND, SOURCE_NOT_FOUND) when there is nothing to split;
 * BadRequestError (ONLY_SOURCE) for an event's only source.
 */
export async function unmergeSource(
  deps: UnmergeDeps,
  eventId: string,
  key: string,
): Promise<{ remaining: Event; split: Event }> {
  const result = await withConflictRetry(async () => {
    const now = deps.clock().toISOString();
    const event = await deps.events.get(eventId);
    if (!event) throw new NotFoundError(`no event ${eventId}`, 'EVENT_NOT_FOUND');
    if (!event.sources.some((s) => s.key === key)) {
      throw new NotFoundError(`event ${eventId} has no source ${key}`, 'SOURCE_NOT_FOUND');
    }
    if (event.sources.length < 2) {
      throw new BadRequestError(`${key} is the only source of event ${eventId}`, 'ONLY_SOURCE');
    }
    const { remaining, split } = splitSource(event, key, now);
    await deps.events.transact([
      { kind: 'update', event: remaining, expectedVersion: event.version },
      { kind: 'create', event: split },
    ]);
    return { remaining, split, now };
  });
  await syncIngestion(deps, key, result.now);
  deps.log.info('unmerged', { eventId, key, splitId: result.split.id });
  return { remaining: result.remaining, split: result.split };
}

/**
 * Merges event `otherId` into event `targetId` on request (e.g. to undo an unmerge),
 * clearing the keep-apart marks between them. Returns the merged event.
 */
export async function remergeEvent(deps: UnmergeDeps, targetId: string, otherId: string): Promise<Event> {
  if (targetId === otherId) throw new BadRequestError('cannot merge an event into itself', 'SAME_EVENT');
  const result = await withConflictRetry(async () => {
    const now = deps.clock().toISOString();
    const [target, other] = await Promise.all([deps.events.get(targetId), deps.events.get(otherId)]);
    if (!target) throw new NotFoundError(`no event ${targetId}`, 'EVENT_NOT_FOUND');
    if (!other) throw new NotFoundError(`no event ${otherId}`, 'EVENT_NOT_FOUND');
    const merged = remergeEvents(target, other, now);
    await deps.events.transact([
      { kind: 'update', event: merged, expectedVersion: target.version },
      { kind: 'delete', id: other.id, expectedVersion: other.version, mergedInto: target.id },
    ]);
    return { merged, moved: other.sources.map((s) => s.key), now };
  });
  for (const key of result.moved) await syncIngestion(deps, key, result.now);
  deps.log.info('remerged', { into: targetId, from: otherId });
  return result.merged;
}
