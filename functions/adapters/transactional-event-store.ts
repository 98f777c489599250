import type { Event } from '../core/event.js';
import type { EventChange, EventStore } from '../ports.js';

/**
 * The single-event writes of an {@link EventStore}, each one change of `transact`: a store
 * implements the transaction once and every write gets the same conditions and index upkeep.
 */
export abstract class TransactionalEventStore implements Pick<EventStore, 'create' | 'update' | 'delete'> {
  /** All or none: see {@link EventStore.transact}. */
  abstract transact(changes: EventChange[]): Promise<void>;

  async create(event: Event): Promise<void> {
    await this.transact([{ kind: 'create', event }]);
  }

  async update(event: Event, expectedVersion: number): Promise<void> {
    await this.transact([{ kind: 'update', event, expectedVersion }]);
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    await this.transact([{ kind: 'delete', id, expectedVersion }]);
  }
}
