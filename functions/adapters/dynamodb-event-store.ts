/**
 * The EventStore on DynamoDB, single-table (see infra/table.ts):
 *
 * - event item    pk `EVENT#<id>`              sk `EVENT`         the Event, flat; gsi1pk `TIMELINE`,
 *                                                                  gsi1sk = timeline sort key
 * - facet item    pk `FACET#<kind>#<slug>`     sk = sort key      eventId + index entry
 * - source item   pk `SOURCE#<object key>`     sk `SOURCE`        eventId + index entry; one per key,
 *                                                                  so an article is in at most one event
 * - facet counter pk `FACETS#<kind>`           sk = slug          name, count (for facets())
 *
 * Every write of an event writes its index items and counter deltas in the same
 * TransactWriteItems, conditional on the event's version, so indexes never drift from events.
 * Queries read the GSI (no filter) or one index partition (the most selective filter), then
 * filter the rest with the shared {@link entryMatches}; nothing ever scans the table.
 *
 * A pending event (`Event.pending`, see ports.ts) has the same items, its event and facet
 * items marked with the attribute `pending: true` (source items are not: a source query
 * reads the event item, which is), and no counter increments. Queries skip pending events
 * unless `includePending`; `findCandidates` reads facet items whatever their mark, so a
 * normalizer sees the pending events of others. `reveal` rewrites the marked items unmarked
 * and counts the facets, in one transaction conditional on the version, like any other write.
 */
import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { decodeCursor, encodeCursor } from '../core/cursor.js';
import { ConflictError, EntenteError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import { type FacetName, facetDisplayNames } from '../core/event-filter.js';
import { type EventIndexEntry, entryMatches, eventIndexEntry } from '../core/event-query.js';
import { candidateDayRanges } from '../core/merge.js';
import { slugify } from '../core/slug.js';
import type { EventChange, EventPage, EventQuery, EventStore, FacetCount, FacetKind } from '../ports.js';
import { batchGetItems } from './dynamodb-batch-get.js';
import { EVENT_ITEM_SK, eventFromItem, fromItem, toAttribute, toItem } from './dynamodb-item.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from './dynamodb-retry.js';
import { assertKeysUnique, followPointers } from './memory-stores.js';
import { TransactionalEventStore } from './transactional-event-store.js';

/** Sort key of the pointer an event folded into another leaves in its partition. */
export const MERGED_INTO_SK = 'MERGED_INTO';

/** Options of {@link DynamoEventStore}. */
export interface DynamoEventStoreOptions {
  retry?: RetryPolicy;
  /** Items read per Query call while filling a page. */
  queryPageSize?: number;
}

const FACET_KINDS: readonly FacetName[] = ['actor', 'country', 'organization', 'type', 'location'];
const TIMELINE_INDEX = 'timeline';
const TIMELINE_PK = 'TIMELINE';
/** DynamoDB's limit of actions in one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;
/** Above every character of a sort key: an inclusive upper bound for "starts with ≤ x". */
const HIGH = '\uffff';

const eventPk = (id: string) => `EVENT#${id}`;
const facetPk = (kind: FacetName, slug: string) => `FACET#${kind}#${slug}`;
const sourcePk = (key: string) => `SOURCE#${key}`;
const SOURCE_SK = 'SOURCE';
const counterPk = (kind: FacetName) => `FACETS#${kind}`;

/** An index item of an event: its key and what it carries. */
interface IndexItem {
  pk: string;
  sk: string;
  entry: EventIndexEntry;
  /** The event is pending: readers skip this item. */
  pending: boolean;
}

/** True when a stored item (or a stream image) is marked pending. */
export function isPendingItem(item: { pending?: { BOOL?: boolean } } | undefined): boolean {
  return item?.pending?.BOOL === true;
}

/** The index items of an event: one per facet slug and one per source key. */
function indexItems(event: Event, pending: boolean): IndexItem[] {
  const full = eventIndexEntry(event);
  // Source keys are not stored in entries (a source filter is always served by its own
  // partition), so merging a source does not rewrite every facet item of the event.
  const entry: EventIndexEntry = { ...full, sources: [] };
  const items: IndexItem[] = [];
  for (const kind of FACET_KINDS) {
    for (const slug of full.facets[kind]) {
      if (slug) items.push({ pk: facetPk(kind, slug), sk: full.sortKey, entry, pending });
    }
  }
  // One item per key (constant sk): the table itself enforces that an article is in at most
  // one event (the put is conditional, see transact), and a date change rewrites it in place.
  // Source items are never marked: a source query reads the event itself, which says whether
  // it is pending, so a reveal need not rewrite one item per article.
  for (const key of full.sources) items.push({ pk: sourcePk(key), sk: SOURCE_SK, entry, pending: false });
  return items;
}

/** Facet slug → display name, per kind (the first name of a slug wins, as in MemoryEventStore). */
function facetNamesOf(event: Event): Map<string, { kind: FacetName; slug: string; name: string }> {
  const names = facetDisplayNames(event);
  const out = new Map<string, { kind: FacetName; slug: string; name: string }>();
  for (const kind of FACET_KINDS) {
    for (const name of names[kind]) {
      const slug = slugify(name);
      const id = `${kind}#${slug}`;
      if (slug && !out.has(id)) out.set(id, { kind, slug, name });
    }
  }
  return out;
}

const itemId = (i: { pk: string; sk: string }) => `${i.pk}\u0000${i.sk}`;

/** The stored item of an event (also its `timeline` index entry). */
function eventItem(event: Event, pending: boolean): Record<string, AttributeValue> {
  const { pending: _pending, ...fields } = event;
  return {
    ...toItem(fields as unknown as Record<string, unknown>),
    pk: { S: eventPk(event.id) },
    sk: { S: EVENT_ITEM_SK },
    gsi1pk: { S: TIMELINE_PK },
    gsi1sk: { S: eventIndexEntry(event).sortKey },
    kind: { S: 'event' },
    ...(pending ? { pending: { BOOL: true } } : {}),
  };
}

/** The stored item of one index entry. */
function indexItem(item: IndexItem): Record<string, AttributeValue> {
  return {
    pk: { S: item.pk },
    sk: { S: item.sk },
    kind: { S: 'index' },
    eventId: { S: item.entry.id },
    entry: toAttribute(item.entry),
    ...(item.pending ? { pending: { BOOL: true } } : {}),
  };
}

/**
 * Every item a new event adds to the table (the event, its facet and source index items) and
 * the facet counters it increments: exactly what {@link DynamoEventStore.create} writes, for
 * bulk loading a table that is known to be empty of these events (the benchmark seeds 100,000
 * events with BatchWriteItem this way). Counters are returned, not written: the loader sums
 * them and applies each once.
 */
export function newEventItems(event: Event): {
  items: Array<Record<string, AttributeValue>>;
  counters: Array<{ pk: string; sk: string; name: string }>;
} {
  return {
    items: [eventItem(event, false), ...indexItems(event, false).map(indexItem)],
    counters: [...facetNamesOf(event).values()].map((f) => ({
      pk: counterPk(f.kind),
      sk: f.slug,
      name: f.name,
    })),
  };
}

/** The DynamoDB EventStore. */
export class DynamoEventStore extends TransactionalEventStore implements EventStore {
  private readonly retry: RetryPolicy;
  private readonly pageSize: number;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    options: DynamoEventStoreOptions = {},
  ) {
    super();
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.pageSize = options.queryPageSize ?? 100;
  }

  async get(id: string): Promise<Event | null> {
    const out = await withRetries(
      `get event ${id}`,
      () =>
        this.client.send(
          new GetItemCommand({
            TableName: this.tableName,
            Key: { pk: { S: eventPk(id) }, sk: { S: EVENT_ITEM_SK } },
            ConsistentRead: true,
          }),
        ),
      this.retry,
    );
    return out.Item ? eventFromItem(out.Item) : null;
  }

  async mergedInto(id: string): Promise<string | null> {
    return followPointers(
      id,
      async (from) => {
        const out = await withRetries(
          `get merged-into pointer ${from}`,
          () =>
            this.client.send(
              new GetItemCommand({
                TableName: this.tableName,
                Key: { pk: { S: eventPk(from) }, sk: { S: MERGED_INTO_SK } },
                ConsistentRead: true,
              }),
            ),
          this.retry,
        );
        return out.Item?.into?.S ?? null;
      },
      async (to) => (await this.get(to)) !== null,
    );
  }

  async reveal(id: string, expectedVersion: number): Promise<void> {
    const stored = await this.get(id);
    if (!stored || stored.version !== expectedVersion) {
      throw new ConflictError(`event ${id} is not at version ${expectedVersion}`);
    }
    if (!stored.pending) return;
    await this.transact([
      { kind: 'update', event: { ...stored, version: expectedVersion + 1 }, expectedVersion, reveal: true },
    ]);
  }

  /**
   * Reads the current version of every event touched (to know which index items to remove),
   * then writes events, index items and counter deltas in one TransactWriteItems conditional
   * on those versions: if anything changed in between, the whole write fails with ConflictError.
   */
  async transact(changes: EventChange[]): Promise<void> {
    const ids = changes.map((c) => (c.kind === 'delete' ? c.id : c.event.id));
    if (new Set(ids).size !== ids.length) throw new Error('transact: one change per event');
    assertKeysUnique(changes);
    const before = await Promise.all(ids.map((id) => this.get(id)));
    const actions: TransactWriteItem[] = [];
    const oldIndex = new Map<string, IndexItem>();
    const newIndex = new Map<string, IndexItem>();
    const counterDelta = new Map<string, { kind: FacetName; slug: string; name: string; delta: number }>();
    const count = (event: Event, delta: number) => {
      for (const [id, f] of facetNamesOf(event)) {
        const entry = counterDelta.get(id) ?? { ...f, delta: 0 };
        entry.delta += delta;
        counterDelta.set(id, entry);
      }
    };

    changes.forEach((change, i) => {
      const stored = before[i] ?? null;
      const id = ids[i] as string;
      if (change.kind === 'create') {
        if (stored) throw new ConflictError(`event ${id} exists`);
      } else if (!stored || stored.version !== change.expectedVersion) {
        throw new ConflictError(`event ${id} is not at version ${change.expectedVersion}`);
      }
      const wasPending = stored?.pending === true;
      if (stored) {
        for (const item of indexItems(stored, wasPending)) oldIndex.set(itemId(item), item);
        if (!wasPending) count(stored, -1);
      }
      if (change.kind === 'delete') {
        actions.push({
          Delete: {
            TableName: this.tableName,
            Key: { pk: { S: eventPk(id) }, sk: { S: EVENT_ITEM_SK } },
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': { N: String(change.expectedVersion) } },
          },
        });
        if (change.mergedInto) {
          // The pointer lives in the old event's partition, so a reader of the old id finds it.
          actions.push({
            Put: {
              TableName: this.tableName,
              Item: {
                pk: { S: eventPk(id) },
                sk: { S: MERGED_INTO_SK },
                into: { S: change.mergedInto },
                kind: { S: 'merged-into' },
              },
            },
          });
        }
        return;
      }
      const event = change.event;
      // Visibility changes only on create (pending or not) and on reveal.
      const pending =
        change.kind === 'create' ? event.pending === true : wasPending && change.reveal !== true;
      for (const item of indexItems(event, pending)) newIndex.set(itemId(item), item);
      if (!pending) count(event, +1);
      const put: TransactWriteItem['Put'] = { TableName: this.tableName, Item: eventItem(event, pending) };
      if (change.kind === 'create') {
        put.ConditionExpression = 'attribute_not_exists(pk)';
      } else {
        put.ConditionExpression = '#v = :v';
        put.ExpressionAttributeNames = { '#v': 'version' };
        put.ExpressionAttributeValues = { ':v': { N: String(change.expectedVersion) } };
      }
      actions.push({ Put: put });
    });

    for (const [key, item] of oldIndex) {
      if (newIndex.has(key)) continue;
      actions.push({
        Delete: { TableName: this.tableName, Key: { pk: { S: item.pk }, sk: { S: item.sk } } },
      });
    }
    // A source item may only be taken over from an event this same transaction rewrites.
    const ownIds: Record<string, AttributeValue> = {};
    ids.forEach((id, i) => {
      ownIds[`:own${i}`] = { S: id };
    });
    for (const [key, item] of newIndex) {
      const old = oldIndex.get(key);
      if (old && old.pending === item.pending && JSON.stringify(old.entry) === JSON.stringify(item.entry))
        continue;
      const put: NonNullable<TransactWriteItem['Put']> = { TableName: this.tableName, Item: indexItem(item) };
      if (item.sk === SOURCE_SK) {
        put.ConditionExpression = `attribute_not_exists(pk) OR eventId IN (${Object.keys(ownIds).join(', ')})`;
        put.ExpressionAttributeValues = ownIds;
      }
      actions.push({ Put: put });
    }
    for (const c of [...counterDelta.values()].sort((a, b) => (a.kind + a.slug < b.kind + b.slug ? -1 : 1))) {
      if (c.delta === 0) continue;
      actions.push({
        Update: {
          TableName: this.tableName,
          Key: { pk: { S: counterPk(c.kind) }, sk: { S: c.slug } },
          UpdateExpression: 'ADD #c :d SET #n = if_not_exists(#n, :n), #k = :k',
          ExpressionAttributeNames: { '#c': 'count', '#n': 'name', '#k': 'kind' },
          ExpressionAttributeValues: {
            ':d': { N: String(c.delta) },
            ':n': { S: c.name },
            ':k': { S: 'counter' },
          },
        },
      });
    }
    if (actions.length > MAX_TRANSACTION_ITEMS) {
      throw new EntenteError(
        'TRANSACTION_TOO_LARGE',
        `writing ${ids.join(', ')} needs ${actions.length} items, above DynamoDB's ${MAX_TRANSACTION_ITEMS}`,
      );
    }
    // The token makes the SDK's and our retries of this one transaction idempotent.
    const token = randomUUID();
    await withRetries(
      `write ${ids.join(', ')}`,
      () =>
        this.client.send(
          new TransactWriteItemsCommand({ TransactItems: actions, ClientRequestToken: token }),
        ),
      this.retry,
    );
  }

  async query(query: EventQuery): Promise<EventPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const limit = Math.max(0, query.limit);
    const partition = await this.chooseIndexPartition(query);
    const lower = query.from ?? null;
    let upper = query.to ? `${query.to}${HIGH}` : null;
    if (after !== null && (upper === null || after < upper)) upper = after;
    const range = sortKeyCondition(lower, upper);

    const matched: Array<{ sortKey: string; id: string; event?: Event }> = [];
    let more = false;
    let startKey: Record<string, AttributeValue> | undefined;
    const filters = partition?.servesSource ? { ...query, source: undefined } : query;
    do {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        ScanIndexForward: false,
        Limit: this.pageSize,
        ExclusiveStartKey: startKey,
        ...(partition
          ? {
              // Source partitions hold one item under a constant sk: no range on it.
              KeyConditionExpression: partition.servesSource
                ? 'pk = :pk'
                : `pk = :pk${range.expression('sk')}`,
              ExpressionAttributeValues: {
                ':pk': { S: partition.pk },
                ...(partition.servesSource ? {} : range.values),
              },
              ConsistentRead: true,
            }
          : {
              IndexName: TIMELINE_INDEX,
              KeyConditionExpression: `gsi1pk = :pk${range.expression('gsi1sk')}`,
              ExpressionAttributeValues: { ':pk': { S: TIMELINE_PK }, ...range.values },
            }),
      };
      const out = await withRetries(
        'query events',
        () => this.client.send(new QueryCommand(input)),
        this.retry,
      );
      for (const raw of out.Items ?? []) {
        if (isPendingItem(raw) && !query.includePending) continue;
        let entry: EventIndexEntry;
        let event: Event | undefined;
        if (partition) {
          entry = fromItem(raw).entry as unknown as EventIndexEntry;
        } else {
          event = eventFromItem(raw);
          entry = eventIndexEntry(event);
        }
        if (after !== null && entry.sortKey >= after) continue;
        if (!entryMatches(entry, filters)) continue;
        if (matched.length === limit) {
          more = true;
          break;
        }
        matched.push({ sortKey: entry.sortKey, id: entry.id, event });
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey && !more);

    const missing = matched.filter((m) => !m.event).map((m) => m.id);
    const fetched = await this.getMany(missing);
    const items: Event[] = [];
    for (const m of matched) {
      const event = m.event ?? fetched.get(m.id);
      if (event && (!event.pending || query.includePending)) items.push(event);
    }
    const last = matched[matched.length - 1];
    return { items, nextCursor: more && last ? encodeCursor(last.sortKey) : null };
  }

  /**
   * The index partition that serves a query: the source's when filtering by source, else the
   * facet filter with the fewest events (read from the counters); null for the timeline GSI.
   */
  private async chooseIndexPartition(
    query: EventQuery,
  ): Promise<{ pk: string; servesSource: boolean } | null> {
    if (query.source) return { pk: sourcePk(query.source), servesSource: true };
    const wanted: Array<[FacetName, string]> = [];
    if (query.actor) wanted.push(['actor', query.actor]);
    if (query.country) wanted.push(['country', query.country]);
    if (query.organization) wanted.push(['organization', query.organization]);
    if (query.location) wanted.push(['location', query.location]);
    if (query.type) wanted.push(['type', query.type]);
    if (wanted.length === 0) return null;
    const first = wanted[0] as [FacetName, string];
    if (wanted.length === 1) return { pk: facetPk(...first), servesSource: false };
    const counts = await this.batchGetItems(
      wanted.map(([kind, slug]) => ({ pk: { S: counterPk(kind) }, sk: { S: slugify(slug) } })),
    );
    // Counters are keyed by slugified display name (types too: `military-cooperation`).
    const countOf = (kind: FacetName, slug: string) => {
      const item = counts.find((c) => c.pk?.S === counterPk(kind) && c.sk?.S === slugify(slug));
      return Number(item?.count?.N ?? 0);
    };
    const best = [...wanted].sort((a, b) => countOf(...a) - countOf(...b))[0] ?? first;
    return { pk: facetPk(...best), servesSource: false };
  }

  async facets(kind: FacetKind): Promise<FacetCount[]> {
    const out: FacetCount[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await withRetries(
        `facets ${kind}`,
        () =>
          this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': { S: counterPk(kind) } },
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
            }),
          ),
        this.retry,
      );
      for (const item of page.Items ?? []) {
        const count = Number(item.count?.N ?? 0);
        if (count > 0) out.push({ name: item.name?.S ?? '', slug: item.sk?.S ?? '', count });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out.sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));
  }

  /**
   * Reads the actor and country facet items of the hint's parties within the candidate day
   * ranges (strongly consistent), then the events they point at. Sorted by id.
   */
  async findCandidates(hint: {
    date: string | null;
    countries: string[];
    participants: string[];
  }): Promise<Event[]> {
    const ranges = candidateDayRanges(hint.date);
    if (ranges.length === 0) return [];
    const partitions = [
      ...new Set([
        ...hint.participants.map((p) => facetPk('actor', slugify(p))),
        ...hint.countries.map((c) => facetPk('country', slugify(c))),
      ]),
    ].filter((pk) => !pk.endsWith('#'));
    const ids = new Set<string>();
    const queries = partitions.flatMap((pk) => ranges.map((range) => ({ pk, range })));
    await Promise.all(
      queries.map(async ({ pk, range }) => {
        let startKey: Record<string, AttributeValue> | undefined;
        do {
          const out = await withRetries(
            'find candidates',
            () =>
              this.client.send(
                new QueryCommand({
                  TableName: this.tableName,
                  KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
                  ExpressionAttributeValues: {
                    ':pk': { S: pk },
                    ':lo': { S: range.from },
                    ':hi': { S: `${range.to}#${HIGH}` },
                  },
                  ProjectionExpression: 'eventId',
                  ConsistentRead: true,
                  ExclusiveStartKey: startKey,
                }),
              ),
            this.retry,
          );
          for (const item of out.Items ?? []) if (item.eventId?.S) ids.add(item.eventId.S);
          startKey = out.LastEvaluatedKey;
        } while (startKey);
      }),
    );
    const events = await this.getMany([...ids]);
    return [...events.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Events by id, strongly consistent; ids with no event are absent from the map. */
  private async getMany(ids: string[]): Promise<Map<string, Event>> {
    const items = await this.batchGetItems(
      [...new Set(ids)].map((id) => ({ pk: { S: eventPk(id) }, sk: { S: EVENT_ITEM_SK } })),
    );
    const out = new Map<string, Event>();
    for (const item of items) {
      const event = eventFromItem(item);
      out.set(event.id, event);
    }
    return out;
  }

  private batchGetItems(
    keys: Array<Record<string, AttributeValue>>,
  ): Promise<Array<Record<string, AttributeValue>>> {
    return batchGetItems(this.client, this.tableName, keys, this.retry);
  }
}

/** The sort-key part of a key condition for an inclusive [lower, upper] range (either open). */
function sortKeyCondition(
  lower: string | null,
  upper: string | null,
): { expression: (attr: string) => string; values: Record<string, AttributeValue> } {
  if (lower !== null && upper !== null) {
    return {
      expression: (attr) => ` AND ${attr} BETWEEN :lo AND :hi`,
      values: { ':lo': { S: lower }, ':hi': { S: upper < lower ? lower : upper } },
    };
  }
  if (lower !== null) return { expression: (attr) => ` AND ${attr} >= :lo`, values: { ':lo': { S: lower } } };
  if (upper !== null) return { expression: (attr) => ` AND ${attr} <= :hi`, values: { ':hi': { S: upper } } };
  return { expression: () => '', values: {} };
}
