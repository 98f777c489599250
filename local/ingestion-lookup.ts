/**
 * Reads the ingestion records of many keys: one BatchGetItem per 100 keys when the store
 * can (`IngestionStore.getMany`), else one `get` per key, a few at a time.
 */
import type { Ingestion } from '../functions/core/event.js';
import type { IngestionStore } from '../functions/ports.js';

/** Keys looked up in one go (one BatchGetItem call holds 100). */
export const LOOKUP_BATCH = 100;

/** `get` calls in flight at once for a store without `getMany`. */
const FALLBACK_CONCURRENCY = 16;

/** The records of `keys`; keys with no record are absent from the map. */
export async function getIngestions(
  store: IngestionStore,
  keys: readonly string[],
): Promise<Map<string, Ingestion>> {
  if (store.getMany) return store.getMany(keys);
  const out = new Map<string, Ingestion>();
  for (let i = 0; i < keys.length; i += FALLBACK_CONCURRENCY) {
    const slice = keys.slice(i, i + FALLBACK_CONCURRENCY);
    const records = await Promise.all(slice.map((key) => store.get(key)));
    records.forEach((record, index) => {
      const key = slice[index];
      if (record && key !== undefined) out.set(key, record);
    });
  }
  return out;
}
