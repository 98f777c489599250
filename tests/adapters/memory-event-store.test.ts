import { MemoryEventStore } from '../../functions/adapters/memory-stores.js';
import { describeEventStoreContract } from './event-store-contract.js';

describeEventStoreContract('MemoryEventStore', () => new MemoryEventStore());
