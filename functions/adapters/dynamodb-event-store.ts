/**
 * Minimal local-branch version, replaced by the storage branch at merge.
 *
 * Events in the DynamoDB events table: pk `EVENT#<id>`, sk `EVENT`, the whole event as JSON
 * in `data`, and the `timeline` index (gsi1pk `TIMELINE`, gsi1sk = timeline sort key).
 * Filters are applied while paging the index; facets and candidates scan (fine for the
 * local run's sizes, not for production: the storage branch indexes them).
 */
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { decodeCursor, encodeCursor } from '../core/cursor.js';
import { ConflictError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import { eventFacets, facetDisplayNames, matchesText } from '../core/event-filter.js';
import { timelineSortKey } from '../core/event-order.js';
import { slugify } from '../core/slug.js';
import type { EventPage, EventQuery, EventStore, FacetCount, FacetKind } from '../ports.js';

/** An {@link EventStore} in the DynamoDB events table. */
export class DynamoEventStore implements EventStore {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async get(id: string): Promise<Event | null> {
    const response = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: `EVENT#${id}` }, sk: { S: 'EVENT' } },
        ConsistentRead: true,
      }),
    );
    return parse(response.Item);
  }

  async query(query: EventQuery): Promise<EventPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const items: Event[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'timeline',
          KeyConditionExpression: after ? 'gsi1pk = :p AND gsi1sk < :after' : 'gsi1pk = :p',
          ExpressionAttributeValues: {
            ':p': { S: 'TIMELINE' },
            ...(after ? { ':after': { S: after } } : {}),
          },
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          Limit: Math.max(query.limit + 1, 50),
        }),
      );
      for (const item of response.Items ?? []) {
        const event = parse(item);
        if (!event || !matches(event, query)) continue;
        if (items.length === query.limit) {
          const last = items[items.length - 1];
          return { items, nextCursor: last ? encodeCursor(timelineSortKey(last)) : null };
        }
        items.push(event);
      }
      startKey = response.LastEvaluatedKey;
    } while (startKey);
    return { items, nextCursor: null };
  }

  async facets(kind: FacetKind): Promise<FacetCount[]> {
    const counts = new Map<string, FacetCount>();
    for await (const event of this.scanEvents()) {
      const bySlug = new Map<string, string>();
      for (const name of facetDisplayNames(event)[kind]) bySlug.set(slugify(name), name);
      for (const [slug, name] of bySlug) {
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
    const people = new Set(hint.participants);
    const countries = new Set(hint.countries);
    const found: Event[] = [];
    for await (const event of this.scanEvents()) {
      if (event.participants.some((p) => people.has(p)) || event.countries.some((c) => countries.has(c)))
        found.push(event);
    }
    return found;
  }

  async create(event: Event): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(event),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ConflictError(`event ${event.id} exists`);
      throw error;
    }
  }

  async update(event: Event, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(event),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': { N: String(expectedVersion) } },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ConflictError(`event ${event.id} is not at version ${expectedVersion}`);
      throw error;
    }
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: `EVENT#${id}` }, sk: { S: 'EVENT' } },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': { N: String(expectedVersion) } },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ConflictError(`event ${id} is not at version ${expectedVersion}`);
      throw error;
    }
  }

  private async *scanEvents(): AsyncIterable<Event> {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :sk',
          ExpressionAttributeValues: { ':sk': { S: 'EVENT' } },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of response.Items ?? []) {
        const event = parse(item);
        if (event) yield event;
      }
      startKey = response.LastEvaluatedKey;
    } while (startKey);
  }
}

function toItem(event: Event): Record<string, AttributeValue> {
  return {
    pk: { S: `EVENT#${event.id}` },
    sk: { S: 'EVENT' },
    gsi1pk: { S: 'TIMELINE' },
    gsi1sk: { S: timelineSortKey(event) },
    version: { N: String(event.version) },
    data: { S: JSON.stringify(event) },
  };
}

function parse(item: Record<string, AttributeValue> | undefined): Event | null {
  const data = item?.data?.S;
  return data ? (JSON.parse(data) as Event) : null;
}

function matches(event: Event, q: EventQuery): boolean {
  const facets = eventFacets(event);
  const day = event.date ?? event.published ?? event.createdAt.slice(0, 10);
  if (q.from && day < q.from) return false;
  if (q.to && day.slice(0, q.to.length) > q.to) return false;
  if (q.actor && !facets.actor.includes(q.actor)) return false;
  if (q.country && !facets.country.includes(q.country)) return false;
  if (q.organization && !facets.organization.includes(q.organization)) return false;
  if (q.type && event.type !== q.type) return false;
  if (q.location && !facets.location.includes(q.location)) return false;
  if (q.q && !matchesText(event, q.q)) return false;
  return true;
}
