import { createHash } from 'node:crypto';

/** SHA-256 of bytes, hex: the content hash of an uploaded object. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The id of the event first created from the object `key`: stable across redeliveries and
 * re-uploads, so a redelivered notification hits the same conditional write.
 */
export function eventIdForKey(key: string): string {
  return `ev_${createHash('sha256').update(`source:${key}`).digest('hex').slice(0, 20)}`;
}
