/**
 * The HTTP routes of the JSON API and feeds, shared by the API Lambda and the local server.
 * The one error boundary: typed errors become 4xx with a message, anything else a generic 500.
 */
import { Hono } from 'hono';
import { BadRequestError, EntenteError, NotFoundError } from '../core/errors.js';
import type { Logger } from '../logger.js';
import type { EventStore, FeedStore, IngestionStore } from '../ports.js';

/** What the HTTP app needs. */
export interface ApiDeps {
  events: EventStore;
  ingestions: IngestionStore;
  feeds: FeedStore;
  publicUrl: string;
  log: Logger;
}

const STATUS: Record<string, 400 | 404 | 409> = { NOT_FOUND: 404, CONFLICT: 409 };

/** Builds the Hono app. */
export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof BadRequestError || error instanceof NotFoundError) {
      return c.json(
        { error: error.code, message: error.message },
        STATUS[error.code] ?? (error instanceof NotFoundError ? 404 : 400),
      );
    }
    deps.log.error('request failed', {
      path: c.req.path,
      error: String(error),
      code: error instanceof EntenteError ? error.code : 'INTERNAL',
    });
    return c.json({ error: 'INTERNAL', message: 'internal error' }, 500);
  });
  app.notFound((c) => c.json({ error: 'NOT_FOUND', message: `no route ${c.req.path}` }, 404));

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.get('/api/events', async (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw new BadRequestError('limit must be an integer from 1 to 200');
    return c.json(await deps.events.query({ limit, cursor: c.req.query('cursor') ?? null }));
  });

  app.get('/api/events/:id', async (c) => {
    const event = await deps.events.get(c.req.param('id'));
    if (!event) throw new NotFoundError(`no event ${c.req.param('id')}`);
    return c.json(event);
  });

  app.get('/api/ingestions', async (c) => {
    const key = c.req.query('key');
    if (!key) throw new BadRequestError('key is required');
    const record = await deps.ingestions.get(key);
    return c.json(record ?? { key, status: 'pending' });
  });

  app.get('/feeds/:file{timeline\\.(rss|atom|json)}', async (c) => {
    const file = await deps.feeds.get(`feeds/${c.req.param('file')}`);
    if (!file) throw new NotFoundError('feed not built yet');
    return c.body(file.body, 200, { 'content-type': file.contentType });
  });

  return app;
}
