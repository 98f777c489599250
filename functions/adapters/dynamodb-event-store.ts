// Placeholder: the storage branch replaces this file with the real DynamoDB adapter at merge.
// It exists only so the web branch type-checks; every method throws.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Event } from '../core/event.js';
import type { EventPage, EventQuery, EventStore, FacetCount, FacetKind } from '../ports.js';

/** Placeholder of the DynamoDB {@link EventStore} (replaced at merge). */
export class DynamoEventStore implements EventStore {
  constructor(readonly options: { client: DynamoDBClient; tableName: string }) {}
  get(_id: string): Promise<Event | null> {
    throw new Error('replaced at merge');
  }
  query(_query: EventQuery): Promise<EventPage> {
    throw new Error('replaced at merge');
  }
  facets(_kind: FacetKind): Promise<FacetCount[]> {
    throw new Error('replaced at merge');
  }
  findCandidates(_hint: {
    date: string | null;
    countries: string[];
    participants: string[];
  }): Promise<Event[]> {
    throw new Error('replaced at merge');
  }
  create(_event: Event): Promise<void> {
    throw new Error('replaced at merge');
  }
  update(_event: Event, _expectedVersion: number): Promise<void> {
    throw new Error('replaced at merge');
  }
  delete(_id: string, _expectedVersion: number): Promise<void> {
    throw new Error('replaced at merge');
  }
}
