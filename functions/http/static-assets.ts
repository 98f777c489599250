/**
 * The timeline page's files. Only the names listed here are ever served: request paths
 * are looked up in this table, never joined onto a folder, so `..`, `%2e%2e` or absolute
 * paths cannot reach any other file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Request path → file name in the static folder, and its media type. */
export const STATIC_FILES: Readonly<Record<string, { file: string; contentType: string }>> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/static/app.js': { file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  '/static/style.css': { file: 'style.css', contentType: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', contentType: 'image/svg+xml' },
};

/**
 * The folder next to this module. In a Lambda bundle `import.meta.url` is the bundle's
 * file (the deployment copies this folder beside it as `static/`); in a CommonJS bundle
 * it is undefined, and the function's root (the working directory) is used instead.
 */
export function defaultStaticDir(): string {
  const here = (import.meta as { url?: string }).url;
  return here ? fileURLToPath(new URL('./static/', here)) : join(process.cwd(), 'static');
}

/**
 * Reads the listed files on first request and keeps them in memory. The folder is resolved
 * lazily too, so a deployment without the page still serves the API.
 */
export function staticFileReader(
  dir: string | (() => string),
): (path: string) => Promise<{ body: string; contentType: string } | null> {
  const cache = new Map<string, Promise<string>>();
  return async (path) => {
    if (!Object.hasOwn(STATIC_FILES, path)) return null;
    const entry = STATIC_FILES[path];
    if (!entry) return null;
    let body = cache.get(entry.file);
    if (!body) {
      body = readFile(join(typeof dir === 'string' ? dir : dir(), entry.file), 'utf8');
      cache.set(entry.file, body);
      body.catch(() => cache.delete(entry.file));
    }
    return { body: await body, contentType: entry.contentType };
  };
}
