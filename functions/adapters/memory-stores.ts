/**
 * In-memory implementations of the ports: the reference semantics the DynamoDB adapters
 * must match, and fast deps for handler and HTTP tests.
 */

import { decodeCursor, encodeCursor } from '../core/cursor.js';
import { ConflictError } from '../core/errors.js';
import type { Event, Ingestion } from '../core/event.js';
import { facetDisplayNames } from '../core/event-filter.js';
import { timelineSortKey } from '../core/event-order.js';
import { eventMatches } from '../core/event-query.js';
import { candidateDayRanges, inDayRanges } from '../core/merge.js';
import { slugify } from '../core/slug.js';
import type {
  EventChange,
  EventPage,
  EventQuery,
  EventStore,
  FacetCount,
  FacetKind,
  FeedStore,
  IngestionStore,
} from '../ports.js';
import { TransactionalEventStore } from './transactional-event-store.js';

/** An {@link EventStore} in a Map. */
export class MemoryEventStore extends TransactionalEventStore implements EventStore {
  /** Events as written, without the `pending` flag (kept in {@link pendingIds}). */
  private readonly events = new Map<string, Event>();
  /** Ids of pending events: created, not yet revealed. */
  private readonly pendingIds = new Set<string>();
  /** Folded-away id → the event it was folded into. */
  private readonly pointers = new Map<string, string>();

  /** A copy of a stored event as readers get it: `pending: true` when it is. */
  private copy(event: Event): Event {
    const out = structuredClone(event);
    if (this.pendingIds.has(event.id)) out.pending = true;
    return out;
  }

  async get(id: string): Promise<Event | null> {
    const event = this.events.get(id);
    return event ? this.copy(event) : null;
  }

  async query(query: EventQuery): Promise<EventPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const sorted = [...this.events.values()]
      .map((event) => ({ event, key: timelineSortKey(event) }))
      .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const items: Event[] = [];
    let last: string | null = null;
    let more = false;
    for (const { event, key } of sorted) {
      if (this.pendingIds.has(event.id) && !query.includePending) continue;
      if (after !== null && key >= after) continue;
      if (!eventMatches(event, query)) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(this.copy(event));
      last = key;
    }
    return { items, nextCursor: more && last ? encodeCursor(last) : null };
  }

  async facets(kind: FacetKind): Promise<FacetCount[]> {
    const counts = new Map<string, FacetCount>();
    for (const event of this.events.values()) {
      if (this.pendingIds.has(event.id)) continue;
      const names = facetNames(event, kind);
      for (const [slug, name] of names) {
        const entry = counts.get(slug) ?? { name, slug, count: 0 };
        entry.count += 1;
        counts.set(slug, entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));
  }

  async findCandidates(hint: {
    date: string | null;
    countries: string[];
    participants: string[];
  }): Promise<Event[]> {
    if (!hint.date) return [];
    const ranges = candidateDayRanges(hint.date);
    const people = new Set(hint.participants);
    const countries = new Set(hint.countries);
    return [...this.events.values()]
      .filter((e) => e.participants.some((p) => people.has(p)) || e.countries.some((c) => countries.has(c)))
      .filter((e) => inDayRanges(timelineSortKey(e), ranges))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((e) => this.copy(e));
  }

  async reveal(id: string, expectedVersion: number): Promise<void> {
    const stored = this.events.get(id);
    if (!stored || stored.version !== expectedVersion) {
      throw new ConflictError(`event ${id} is not at version ${expectedVersion}`);
    }
    if (!this.pendingIds.has(id)) return;
    await this.transact([
      { kind: 'update', event: { ...stored, version: expectedVersion + 1 }, expectedVersion, reveal: true },
    ]);
  }

  /**
   * All or none, as DynamoDB's TransactWriteItems: every condition is checked first, then
   * the changes apply. Like the DynamoDB adapter, an article (source key) may be in at most
   * one event: taking a key from an event this transaction does not rewrite is a conflict.
   */
  async transact(changes: EventChange[]): Promise<void> {
    const touched = new Set<string>();
    for (const change of changes) {
      const id = change.kind === 'delete' ? change.id : change.event.id;
      touched.add(id);
      const stored = this.events.get(id);
      if (change.kind === 'create') {
        if (stored) throw new ConflictError(`event ${id} exists`);
      } else if (!stored || stored.version !== change.expectedVersion) {
        throw new ConflictError(`event ${id} is not at version ${change.expectedVersion}`);
      }
    }
    assertKeysUnique(changes);
    for (const change of changes) {
      if (change.kind === 'delete') continue;
      const keys = new Set(change.event.sources.map((s) => s.key));
      for (const other of this.events.values()) {
        if (touched.has(other.id)) continue;
        const shared = other.sources.find((s) => keys.has(s.key));
        if (shared) throw new ConflictError(`source ${shared.key} is already in event ${other.id}`);
      }
    }
    for (const change of changes) {
      if (change.kind === 'delete') {
        this.events.delete(change.id);
        this.pendingIds.delete(change.id);
        if (change.mergedInto) this.pointers.set(change.id, change.mergedInto);
        continue;
      }
      const { pending: _pending, ...event } = structuredClone(change.event);
      this.events.set(event.id, event);
      // Visibility changes only on create (pending or not) and on reveal.
      if (change.kind === 'create') {
        if (change.event.pending === true) this.pendingIds.add(event.id);
        else this.pendingIds.delete(event.id);
      } else if (change.reveal) this.pendingIds.delete(event.id);
    }
  }

  async mergedInto(id: string): Promise<string | null> {
    return followPointers(
      id,
      async (from) => this.pointers.get(from) ?? null,
      async (to) => this.events.has(to),
    );
  }
}

/** Hops followed from a folded-away id before giving up (a fold of a fold of a fold...). */
const MAX_POINTER_HOPS = 16;

/**
 * Follows merged-into pointers from `id` to an existing event (shared by the stores): null
 * when `id` has no pointer, the trail ends at an event that no longer exists, or it loops.
 */
export async function followPointers(
  id: string,
  pointerOf: (id: string) => Promise<string | null>,
  exists: (id: string) => Promise<boolean>,
): Promise<string | null> {
  let current = id;
  const seen = new Set([id]);
  for (let hop = 0; hop < MAX_POINTER_HOPS; hop++) {
    const next = await pointerOf(current);
    if (!next || seen.has(next)) break;
    seen.add(next);
    current = next;
  }
  if (current === id) return null;
  return (await exists(current)) ? current : null;
}

/** Two events written by one transaction may not hold the same source key. */
export function assertKeysUnique(changes: EventChange[]): void {
  const seen = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'delete') continue;
    for (const source of change.event.sources) {
      if (seen.has(source.key)) throw new Error(`transact: source ${source.key} written to two events`);
      seen.add(source.key);
    }
  }
}

function facetNames(event: Event, kind: FacetKind): Array<[string, string]> {
  const names = facetDisplayNames(event)[kind];
  const bySlug = new Map<string, string>();
  for (const name of names) if (!bySlug.has(slugify(name))) bySlug.set(slugify(name), name);
  return [...bySlug.entries()];
}

/** An {@link IngestionStore} in a Map. */
export class MemoryIngestionStore implements IngestionStore {
  private readonly records = new Map<string, Ingestion>();
  async get(key: string): Promise<Ingestion | null> {
    return this.records.get(key) ?? null;
  }
  async put(ingestion: Ingestion): Promise<void> {
    this.records.set(ingestion.key, { ...ingestion });
  }
  async getMany(keys: readonly string[]): Promise<Map<string, Ingestion>> {
    const out = new Map<string, Ingestion>();
    for (const key of keys) {
      const record = this.records.get(key);
      if (record) out.set(key, { ...record });
    }
    return out;
  }
}

/** A {@link FeedStore} in a Map. */
export class MemoryFeedStore implements FeedStore {
  readonly files = new Map<string, { body: string; contentType: string }>();
  async put(path: string, body: string, contentType: string): Promise<void> {
    this.files.set(path, { body, contentType });
  }
  async get(path: string): Promise<{ body: string; contentType: string } | null> {
    return this.files.get(path) ?? null;
  }
}
