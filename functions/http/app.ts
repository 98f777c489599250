/**
 * The HTTP app shared by the API Lambda and the local server: the timeline page, the JSON
 * API, the feeds and the OpenAPI document.
 *
 * The one error boundary is here: typed client errors become 4xx `{error, message}`;
 * anything else is logged in full and answered with a generic 500 that leaks nothing.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { BadRequestError, ConflictError, EntenteError, NotFoundError } from '../core/errors.js';
import { addApiRoutes } from './api-routes.js';
import { cachedResponse } from './caching.js';
import type { ApiDeps } from './deps.js';
import { addFeedRoutes } from './feed-routes.js';
import { openApiDocument } from './openapi.js';
import { defaultStaticDir, staticFileReader } from './static-assets.js';

export type { ApiDeps } from './deps.js';

/**
 * The page may load only its own script, style and API: article text can never bring a
 * script in, even if some future code forgot to escape it.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Builds the Hono app. */
export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  const readStatic = staticFileReader(deps.staticDir ?? defaultStaticDir);

  app.onError((error, c) => {
    if (error instanceof BadRequestError) return c.json({ error: error.code, message: error.message }, 400);
    if (error instanceof NotFoundError) return c.json({ error: error.code, message: error.message }, 404);
    if (error instanceof ConflictError) return c.json({ error: error.code, message: error.message }, 409);
    deps.log.error('request failed', {
      method: c.req.method,
      path: c.req.path,
      code: error instanceof EntenteError ? error.code : 'INTERNAL',
      error: String(error),
      stack: error.stack,
    });
    if (error instanceof EntenteError && error.code === 'STORAGE_UNAVAILABLE') {
      return c.json({ error: 'UNAVAILABLE', message: 'storage is unavailable, retry shortly' }, 503, {
        'retry-after': '5',
      });
    }
    return c.json({ error: 'INTERNAL', message: 'internal error' }, 500);
  });
  app.notFound((c) => c.json({ error: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` }, 404));

  // Every answer: no MIME sniffing, no referrer leaks; JSON and feeds can never run as a page.
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    if (!c.res.headers.has('content-security-policy'))
      c.header('content-security-policy', "default-src 'none'");
  });
  // Anyone may read the timeline from a browser; writes (unmerge) are not offered cross-origin.
  const readCors = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD'],
    exposeHeaders: ['ETag', 'Last-Modified'],
  });
  app.use('/api/*', readCors);
  app.use('/feeds/*', readCors);
  app.use('/openapi.json', readCors);

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.get('/openapi.json', (c) =>
    cachedResponse(c, {
      body: JSON.stringify(openApiDocument(deps.publicUrl)),
      contentType: 'application/json; charset=utf-8',
      maxAge: 3600,
    }),
  );

  for (const path of ['/', '/static/app.js', '/static/style.css', '/favicon.svg']) {
    app.get(path, async (c) => {
      const file = await readStatic(c.req.path);
      if (!file) return c.notFound();
      return cachedResponse(c, {
        body: file.body,
        contentType: file.contentType,
        maxAge: 300,
        headers: path === '/' ? { 'content-security-policy': PAGE_CSP } : {},
      });
    });
  }

  addApiRoutes(app, deps);
  addFeedRoutes(app, deps);
  return app;
}
