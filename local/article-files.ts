/**
 * Files to upload: a folder walked recursively, each file's object key its path relative
 * to the folder with `/` separators (so `sub/a.txt` stays `sub/a.txt` in the bucket).
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** True for files never uploaded: hidden files and editors' temporary files. */
export function isIgnoredFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.tmp');
}

/** The object key of `path` inside `root`. */
export function keyForFile(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Every file under `root`, recursively, sorted by key; hidden and temporary files skipped. */
export async function listArticleFiles(root: string): Promise<Array<{ path: string; key: string }>> {
  const found: Array<{ path: string; key: string }> = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (isIgnoredFile(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push({ path, key: keyForFile(root, path) });
    }
  };
  await walk(root);
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
