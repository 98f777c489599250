/**
 * Ports: the small interfaces through which handlers reach storage. Adapters for S3 and
 * DynamoDB implement them (functions/adapters/); tests pass real adapters against the local
 * servers or the in-memory ones.
 */
import type { Event, EventType, Ingestion } from './core/event.js';
import type { FacetName } from './core/event-filter.js';

/** An object read from the articles bucket. */
export interface StoredObject {
  key: string;
  body: Uint8Array;
  contentType: string | null;
  /** User metadata without the `x-amz-meta-` prefix, keys lower-cased. */
  metadata: Record<string, string>;
  lastModified: string;
  size: number;
  etag: string | null;
}

/** A listing entry of the articles bucket. */
export interface ObjectSummary {
  key: string;
  size: number;
  etag: string | null;
  lastModified: string;
}

/** The articles bucket. */
export interface ArticleStore {
  /** Reads an object; throws RejectedInputError (code TOO_LARGE) above `maxBytes` without reading it all. */
  get(key: string, maxBytes: number): Promise<StoredObject>;
  list(): AsyncIterable<ObjectSummary>;
  /** Marks a rejected object (a tag), never deletes it. */
  markRejected(key: string, code: string): Promise<void>;
}

/** Filters and page of `/api/events`. All filters are canonical slugs or values, already validated. */
export interface EventQuery {
  from?: string;
  to?: string;
  /** Person slug, e.g. `sergey-lavrov`. */
  actor?: string;
  /** Country slug, e.g. `russia`. */
  country?: string;
  organization?: string;
  type?: EventType;
  location?: string;
  /** An object key: finds the event that holds this article among its sources. */
  source?: string;
  /** Full-text words over title and summary. */
  q?: string;
  /**
   * Also return pending events ({@link Event.pending}). Only the normalizer asks for them
   * (which event holds an article, pending or not); every reader leaves this unset.
   */
  includePending?: boolean;
  limit: number;
  cursor?: string | null;
}

/** One page of events, newest first. */
export interface EventPage {
  items: Event[];
  nextCursor: string | null;
}

/** A facet value with its event count, for `/api/actors` and `/api/countries`. */
export interface FacetCount {
  name: string;
  slug: string;
  count: number;
}

/** Facet kinds stored as index items. */
export type FacetKind = FacetName;

/** The events table. */
export interface EventStore {
  get(id: string): Promise<Event | null>;
  query(query: EventQuery): Promise<EventPage>;
  facets(kind: FacetKind): Promise<FacetCount[]>;
  /**
   * Events that may be the same real-world event: sharing a participant or country, dated
   * within the candidate window of `date` (core/merge.ts `candidateDayRanges`); none when
   * `date` is null. Strongly consistent: an event created before the call is seen.
   */
  findCandidates(hint: {
    date: string | null;
    countries: string[];
    participants: string[];
  }): Promise<Event[]>;
  /**
   * Creates an event; ConflictError if the id exists. With `event.pending` true the event is
   * created pending: readable by `get`, `findCandidates` and `query({ includePending })`, but
   * in no other query and no facet count, until {@link EventStore.reveal}.
   */
  create(event: Event): Promise<void>;
  /**
   * Makes a pending event visible (lists, filters, facet counts, feeds) and increments its
   * version, so a concurrent write planned on its pending state fails. ConflictError unless
   * the stored version is `expectedVersion`; nothing happens to an event already visible.
   */
  reveal(id: string, expectedVersion: number): Promise<void>;
  /**
   * Replaces an event; ConflictError unless the stored version is `expectedVersion`. The
   * stored event stays pending or visible as it was (`event.pending` is ignored).
   */
  update(event: Event, expectedVersion: number): Promise<void>;
  delete(id: string, expectedVersion: number): Promise<void>;
  /**
   * Applies several changes atomically (all or none): folding a duplicate into its twin
   * (update one, delete the other) and unmerging (update one, create the other) must never
   * leave a source in two events or in none. ConflictError when any condition fails.
   */
  transact(changes: EventChange[]): Promise<void>;
  /**
   * Where an event folded away went: the id of the existing event its pointers lead to (a
   * fold of a fold is followed), or null when `id` was never folded or the trail ends at a
   * deleted event. Optional: stores without it keep no pointers.
   */
  mergedInto?(id: string): Promise<string | null>;
}

/** One change of an atomic {@link EventStore.transact}. */
export type EventChange =
  | { kind: 'create'; event: Event }
  | {
      kind: 'update';
      event: Event;
      expectedVersion: number;
      /** Also make the event visible if it is pending ({@link EventStore.reveal}). */
      reveal?: boolean;
    }
  | {
      kind: 'delete';
      id: string;
      expectedVersion: number;
      /**
       * The event this one was folded into: the store keeps a pointer, so a reader holding
       * the old id finds the event that holds its sources now ({@link EventStore.mergedInto}).
       */
      mergedInto?: string;
    };

/** One record per bucket object: every object ends normalized or rejected. */
export interface IngestionStore {
  get(key: string): Promise<Ingestion | null>;
  put(ingestion: Ingestion): Promise<void>;
  /**
   * The records of many keys at once (keys with no record are absent from the map). Optional:
   * callers fall back to {@link IngestionStore.get} per key.
   */
  getMany?(keys: readonly string[]): Promise<Map<string, Ingestion>>;
}

/** Where built feed files go (the site bucket in AWS, a folder locally). */
export interface FeedStore {
  put(path: string, body: string, contentType: string): Promise<void>;
  get(path: string): Promise<{ body: string; contentType: string } | null>;
}
