import { BadRequestError } from './errors.js';

/**
 * Opaque pagination cursor: the timeline sort key of the last item served, base64url-encoded.
 * Keyset pagination on a total order never skips or repeats an event while others are added.
 */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(`v1|${sortKey}`, 'utf8').toString('base64url');
}

/** Decodes a cursor from {@link encodeCursor}; BadRequestError (BAD_CURSOR) if it is not one. */
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('v1|') || text.length < 5 || text.length > 200) {
    throw new BadRequestError(
      'cursor is not valid: pass back the nextCursor of a previous page',
      'BAD_CURSOR',
    );
  }
  return text.slice(3);
}
