/** Builds the HTTP app over in-memory stores for tests. */
import { MemoryIngestionStore } from '../../functions/adapters/memory-stores.js';
import type { Event } from '../../functions/core/event.js';
import { type ApiDeps, createApp } from '../../functions/http/app.js';
import { memoryLogger } from '../../functions/logger.js';
import { storeWith } from './event-fixtures.js';

/** The public URL the test apps use in links. */
export const PUBLIC_URL = 'https://entente.example';

/** An app over a memory store seeded with `events`. */
export async function testApp(events: Event[], overrides: Partial<ApiDeps> = {}) {
  const store = await storeWith(events);
  const ingestions = new MemoryIngestionStore();
  const log = memoryLogger();
  const app = createApp({ events: store, ingestions, publicUrl: PUBLIC_URL, log, ...overrides });
  return { app, store, ingestions, log };
}
