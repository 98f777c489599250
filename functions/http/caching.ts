/**
 * Conditional GET for every cacheable response: a strong ETag (a hash of the exact bytes,
 * which are deterministic, or for feeds a hash of what the bytes are rendered from, so a 304
 * costs no rendering), Last-Modified when the content has a time, and 304 on
 * If-None-Match / If-Modified-Since.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** What {@link cachedResponse} sends. */
export interface Cacheable {
  body: string;
  contentType: string;
  /** ISO time of the newest change in the content, for Last-Modified. */
  lastModified?: string;
  /** Seconds a cache may reuse the response without asking again. */
  maxAge: number;
  headers?: Record<string, string>;
}

/** The ETag of a body: a quoted hash of its bytes. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Answers with the body, or 304 when the client's copy is current. */
export function cachedResponse(c: Context, item: Cacheable): Response {
  return conditionalResponse(c, { ...item, etag: etagOf(item.body) }, () => item.body);
}

/**
 * Like {@link cachedResponse}, with the ETag known before the body: `render` runs only when
 * the client's copy is not current. The caller guarantees that equal tags mean equal bodies
 * (see feed-validator.ts).
 */
export function conditionalResponse(
  c: Context,
  item: Omit<Cacheable, 'body'> & { etag: string },
  render: () => string,
): Response {
  const etag = item.etag;
  const headers: Record<string, string> = {
    'content-type': item.contentType,
    etag,
    'cache-control': `public, max-age=${item.maxAge}`,
    ...item.headers,
  };
  if (item.lastModified) headers['last-modified'] = new Date(item.lastModified).toUTCString();
  if (
    isNotModified(c.req.header('if-none-match'), c.req.header('if-modified-since'), etag, item.lastModified)
  ) {
    const { 'content-type': _ignored, ...rest } = headers;
    return c.body(null, 304, rest);
  }
  return c.body(render(), 200, headers);
}

/**
 * RFC 9110 §13.1: If-None-Match wins when present (weak comparison, lists, `*`);
 * If-Modified-Since is only consulted without it, at one-second resolution.
 */
function isNotModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  etag: string,
  lastModified: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes(etag);
  }
  if (ifModifiedSince && lastModified) {
    const since = Date.parse(ifModifiedSince);
    if (Number.isNaN(since)) return false;
    return Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(since / 1000);
  }
  return false;
}
