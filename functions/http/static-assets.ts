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
 * file, so the deployment copies this folder beside it as `static/`.
 */
export function defaultStaticDir(): string {
  return fileURLToPath(new URL('./static/', import.meta.url));
}

/** Reads the listed files once and keeps them in memory. */
export function staticFileReader(
  dir: string,
): (path: string) => Promise<{ body: string; contentType: string } | null> {
  const cache = new Map<string, Promise<string>>();
  return async (path) => {
    if (!Object.hasOwn(STATIC_FILES, path)) return null;
    const entry = STATIC_FILES[path];
    if (!entry) return null;
    let body = cache.get(entry.file);
    if (!body) {
      body = readFile(join(dir, entry.file), 'utf8');
      cache.set(entry.file, body);
      body.catch(() => cache.delete(entry.file));
    }
    return { body: await body, contentType: entry.contentType };
  };
}
