/**
 * The JSON API: events (filtered, keyset-paged), one event, ingestion records, facet lists,
 * the timeline by month (and as TimelineJS), and unmerge.
 */
import type { Context, Hono } from 'hono';
import { BadRequestError, EntenteError, NotFoundError } from '../core/errors.js';
import { groupByMonth, toTimelineJs } from '../core/timeline.js';
import type { EventPage, EventQuery, FacetKind } from '../ports.js';
import { cachedResponse } from './caching.js';
import type { ApiDeps } from './deps.js';
import { requireFacets } from './facets.js';
import {
  eventsQuerySchema,
  ingestionQuerySchema,
  isEventId,
  noQuerySchema,
  parseQuery,
  timelineQuerySchema,
  unmergeQuerySchema,
} from './validation.js';

/** Seconds a cache may reuse an API answer: short, the timeline changes as articles arrive. */
export const API_MAX_AGE = 30;

const DEFAULT_LIMIT = 50;
const DEFAULT_TIMELINE_LIMIT = 100;

/** Registers the API routes on the app. */
export function addApiRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/api/events', async (c) => {
    const params = parseQuery(c, eventsQuerySchema);
    const { source, limit, cursor, ...filters } = params;
    if (source !== undefined) {
      if (Object.values(filters).some((v) => v !== undefined) || cursor)
        throw new BadRequestError('source cannot be combined with other filters or a cursor');
      return json(c, await eventOfSource(deps, source));
    }
    await requireFacets(deps.events, filters);
    const page = await deps.events.query({
      ...filters,
      limit: limit ?? DEFAULT_LIMIT,
      cursor: cursor ?? null,
    });
    // No Last-Modified on lists: a removed item would not move it. The ETag covers every change.
    return json(c, page);
  });

  app.get('/api/events/:id', async (c) => {
    parseQuery(c, noQuerySchema);
    const id = c.req.param('id');
    const notFound = new NotFoundError(`no event ${JSON.stringify(id.slice(0, 100))}`);
    if (!isEventId(id)) throw notFound;
    const event = await deps.events.get(id);
    if (!event) {
      // An event folded into another by a merge keeps a pointer: a link or bookmark to the
      // old id follows it to the event that holds its sources now, instead of a dead 404.
      const into = await deps.events.mergedInto?.(id);
      if (!into) throw notFound;
      c.header('Location', `/api/events/${into}`);
      return c.json(
        { error: 'MERGED', message: `event ${id} was merged into ${into}`, mergedInto: into },
        308,
      );
    }
    return json(c, event, event.updatedAt);
  });

  app.post('/api/events/:id/unmerge', async (c) => {
    const { key } = parseQuery(c, unmergeQuerySchema);
    const id = c.req.param('id');
    if (!isEventId(id)) throw new NotFoundError(`no event ${JSON.stringify(id.slice(0, 100))}`);
    if (!deps.unmerge) {
      return c.json(
        { error: 'NOT_IMPLEMENTED', message: 'unmerge is not available on this deployment' },
        501,
      );
    }
    const result = await deps.unmerge(id, key);
    return c.json(isObject(result) ? result : { eventId: id, key, status: 'unmerged' });
  });

  app.get('/api/ingestions', async (c) => {
    const { key } = parseQuery(c, ingestionQuerySchema);
    const record = await deps.ingestions.get(key);
    return json(c, record ?? { key, status: 'pending' });
  });

  const facetRoute = (path: string, kind: FacetKind, withFeeds: boolean) =>
    app.get(path, async (c) => {
      parseQuery(c, noQuerySchema);
      const facets = await deps.events.facets(kind);
      const items = facets.map((facet) =>
        withFeeds
          ? {
              ...facet,
              feeds: {
                atom: `${deps.publicUrl}/feeds/actors/${facet.slug}.atom`,
                rss: `${deps.publicUrl}/feeds/actors/${facet.slug}.rss`,
                json: `${deps.publicUrl}/feeds/actors/${facet.slug}.json`,
              },
            }
          : facet,
      );
      return json(c, { items });
    });
  facetRoute('/api/actors', 'actor', true);
  facetRoute('/api/countries', 'country', false);
  facetRoute('/api/organizations', 'organization', false);
  facetRoute('/api/locations', 'location', false);
  facetRoute('/api/types', 'type', false);

  app.get('/api/timeline', async (c) => {
    const { format, limit, cursor, ...filters } = parseQuery(c, timelineQuerySchema);
    await requireFacets(deps.events, filters);
    const page = await deps.events.query({
      ...filters,
      limit: limit ?? DEFAULT_TIMELINE_LIMIT,
      cursor: cursor ?? null,
    } satisfies EventQuery);
    if (format === 'timelinejs') return json(c, toTimelineJs(page.items));
    return json(c, { months: groupByMonth(page.items), nextCursor: page.nextCursor });
  });
}

async function eventOfSource(deps: ApiDeps, key: string): Promise<EventPage> {
  const record = await deps.ingestions.get(key);
  if (!record?.eventId || record.status !== 'normalized') return { items: [], nextCursor: null };
  // The record may name an event since folded into another: follow the merge pointer.
  let event = await deps.events.get(record.eventId);
  if (!event) {
    const into = await deps.events.mergedInto?.(record.eventId);
    event = into ? await deps.events.get(into) : null;
  }
  // A pending event is not yet visible anywhere else (it may still be folded): not here either.
  return { items: event && !event.pending ? [event] : [], nextCursor: null };
}

function json(c: Context, value: unknown, lastModified?: string): Response {
  return cachedResponse(c, {
    body: JSON.stringify(value),
    contentType: 'application/json; charset=utf-8',
    maxAge: API_MAX_AGE,
    ...(lastModified ? { lastModified } : {}),
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof EntenteError);
}
