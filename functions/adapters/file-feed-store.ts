/**
 * The FeedStore on a local folder (the local run serves it). Writes are atomic: a temp file
 * in the same folder, then rename, so a reader never sees half a feed. Paths are relative
 * and may not leave the folder.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { BadRequestError } from '../core/errors.js';
import type { FeedStore } from '../ports.js';

/** Content types by file extension, for files written by an earlier process. */
const CONTENT_TYPES: Record<string, string> = {
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Checks a feed path: relative, `/`-separated, no `.`/`..`/empty segments, no backslash or
 * NUL. Returns it unchanged; BadRequestError (BAD_PATH) otherwise.
 */
export function assertFeedPath(path: string): string {
  const bad = () => new BadRequestError(`feed path not allowed: ${JSON.stringify(path)}`, 'BAD_PATH');
  if (!path || path.length > 512 || path.startsWith('/') || /[\\\0]/.test(path)) throw bad();
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) throw bad();
  return path;
}

/** A FeedStore in a folder. */
export class FileFeedStore implements FeedStore {
  private readonly root: string;
  private readonly types = new Map<string, string>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The absolute file of a feed path, proven to lie inside the folder. */
  private fileOf(path: string): string {
    const file = resolve(this.root, assertFeedPath(path));
    const rel = relative(this.root, file);
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) {
      throw new BadRequestError(`feed path escapes the folder: ${JSON.stringify(path)}`, 'BAD_PATH');
    }
    return file;
  }

  async put(path: string, body: string, contentType: string): Promise<void> {
    const file = this.fileOf(path);
    await mkdir(dirname(file), { recursive: true });
    // A unique temp name per write: two stores (or processes) writing one file never share it.
    const temp = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, body, 'utf8');
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.types.set(path, contentType);
  }

  async get(path: string): Promise<{ body: string; contentType: string } | null> {
    const file = this.fileOf(path);
    try {
      const body = await readFile(file, 'utf8');
      const contentType =
        this.types.get(path) ?? CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return { body, contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
