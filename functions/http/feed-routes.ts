/**
 * Feed routes: the live timeline (`/feeds/timeline.{atom,rss,json}`, optionally filtered by
 * actor, country and type), per-actor feeds (`/feeds/actors/{slug}.{ext}`) and the RFC 5005
 * month archives (`/feeds/archive/{YYYY-MM}.{ext}`). Each is rendered from one keyset read of
 * the timeline index; bytes are deterministic, so ETags hold across rebuilds and instances.
 * The ETag is computed from the events read, before rendering: a 304 renders nothing.
 */
import type { Context, Hono } from 'hono';
import { NotFoundError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import { archivePath, BUCKET_PATTERN, bucketLabel, TIMELINE_PATH } from '../core/feed-archive.js';
import { TYPE_LABELS } from '../core/feed-model.js';
import { readArchive, readLiveFeed } from '../core/feed-source.js';
import {
  FEED_CONTENT_TYPES,
  type FeedFormat,
  type FeedOptions,
  newestUpdate,
  renderFeed,
} from '../core/feeds.js';
import { conditionalResponse } from './caching.js';
import type { ApiDeps } from './deps.js';
import { requireFacet } from './facets.js';
import { feedValidator } from './feed-validator.js';
import { feedQuerySchema, noQuerySchema, parseQuery } from './validation.js';

/** How long caches may reuse a feed without revalidating (readers poll; 304s are cheap). */
export const FEED_MAX_AGE = 300;

const FEED_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*|\d{4}-\d{2})\.(atom|rss|json)$/;

/** Registers the feed routes on the app. */
export function addFeedRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/feeds/:file', async (c) => {
    const [name, format] = feedFile(c.req.param('file'));
    if (name !== 'timeline') throw new NotFoundError(`no feed ${c.req.path}`);
    const filter = parseQuery(c, feedQuerySchema);
    const titleParts: string[] = [];
    if (filter.actor) titleParts.push((await requireFacet(deps.events, 'actor', filter.actor)).name);
    if (filter.country) titleParts.push((await requireFacet(deps.events, 'country', filter.country)).name);
    if (filter.type) titleParts.push(TYPE_LABELS[filter.type]);
    const query = canonicalQuery(filter);
    const { events, prevBucket } = await readLiveFeed(deps.events, filter);
    return send(c, events, format, {
      publicUrl: deps.publicUrl,
      title: titleParts.length > 0 ? `Entente: ${titleParts.join(' · ')}` : 'Entente: diplomatic timeline',
      path: TIMELINE_PATH,
      query,
      prevArchivePath: prevBucket ? archivePath(prevBucket) : null,
    });
  });

  app.get('/feeds/actors/:file', async (c) => {
    const [slug, format] = feedFile(c.req.param('file'));
    parseQuery(c, noQuerySchema);
    const actor = (await deps.events.facets('actor')).find((facet) => facet.slug === slug);
    if (!actor) throw new NotFoundError(`no actor "${slug}": the known actors are listed at /api/actors`);
    const { events } = await readLiveFeed(deps.events, { actor: slug });
    return send(c, events, format, {
      publicUrl: deps.publicUrl,
      title: `Entente: ${actor.name}`,
      description: `Diplomatic events with ${actor.name}.`,
      path: `/feeds/actors/${slug}`,
    });
  });

  app.get('/feeds/archive/:file', async (c) => {
    const [bucket, format] = feedFile(c.req.param('file'));
    parseQuery(c, noQuerySchema);
    if (!BUCKET_PATTERN.test(bucket)) throw new NotFoundError(`no archive ${c.req.path}`);
    const { events, prevBucket } = await readArchive(deps.events, bucket);
    if (events.length === 0) throw new NotFoundError(`no events in ${bucket}`);
    return send(c, events, format, {
      publicUrl: deps.publicUrl,
      title: `Entente: diplomatic timeline, ${bucketLabel(bucket)}`,
      path: archivePath(bucket),
      archive: true,
      currentPath: TIMELINE_PATH,
      prevArchivePath: prevBucket ? archivePath(prevBucket) : null,
    });
  });
}

function feedFile(file: string): [string, FeedFormat] {
  const match = FEED_FILE.exec(file);
  if (!match?.[1] || !match[2]) throw new NotFoundError(`no feed ${file}`);
  return [match[1], match[2] as FeedFormat];
}

/** The query string of a filtered feed in one canonical order, so its ids and links are stable. */
export function canonicalQuery(filter: { actor?: string; country?: string; type?: string }): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set('actor', filter.actor);
  if (filter.country) params.set('country', filter.country);
  if (filter.type) params.set('type', filter.type);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Answers a feed: the ETag comes from the feed's inputs (feed-validator.ts), so a client
 * whose copy is current gets its 304 before anything is rendered.
 */
function send(c: Context, events: Event[], format: FeedFormat, options: FeedOptions): Response {
  return conditionalResponse(
    c,
    {
      etag: feedValidator(format, options, events),
      contentType: FEED_CONTENT_TYPES[format],
      lastModified: newestUpdate(events),
      maxAge: FEED_MAX_AGE,
    },
    () => renderFeed(events, options, format),
  );
}
