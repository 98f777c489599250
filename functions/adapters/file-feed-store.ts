/**
 * Minimal local-branch version, replaced by the storage branch at merge.
 *
 * Feed files in a folder (the local run's stand-in for the site bucket).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { FeedStore } from '../ports.js';

const CONTENT_TYPES: Record<string, string> = {
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
};

/** A {@link FeedStore} writing files under `directory` (atomically: write, then rename). */
export class FileFeedStore implements FeedStore {
  private readonly directory: string;

  constructor(options: { directory: string }) {
    this.directory = resolve(options.directory);
  }

  private pathOf(path: string): string {
    const full = resolve(join(this.directory, path));
    // Feed paths are chosen by code, but never let one escape the folder.
    if (!full.startsWith(this.directory + sep)) throw new Error(`feed path outside the folder: ${path}`);
    return full;
  }

  async put(path: string, body: string, _contentType: string): Promise<void> {
    const full = this.pathOf(path);
    await mkdir(dirname(full), { recursive: true });
    const temporary = `${full}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, full);
  }

  async get(path: string): Promise<{ body: string; contentType: string } | null> {
    const full = this.pathOf(path);
    try {
      const body = await readFile(full, 'utf8');
      const extension = full.slice(full.lastIndexOf('.'));
      return { body, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream' };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
