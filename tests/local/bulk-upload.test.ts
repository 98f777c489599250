import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isIgnoredFile, listArticleFiles } from '../../local/article-files.js';
import { waitForIngestions } from '../../local/bulk-upload.js';
import { formatProgress } from '../../local/progress.js';
import { removeDir, tempDir } from '../helpers/local-stack.js';

describe('bulk ingest helpers', () => {
  const dirs: string[] = [];
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise((r) => server.close(r));
    for (const dir of dirs) removeDir(dir);
  });

  it('lists a folder recursively with bucket keys, skipping hidden and temporary files', async () => {
    const dir = tempDir('files');
    dirs.push(dir);
    mkdirSync(join(dir, 'sub dir', 'deeper'), { recursive: true });
    for (const path of [
      'a.txt',
      'sub dir/b.html',
      'sub dir/deeper/c.json',
      '.hidden',
      'x.txt~',
      'sub dir/.DS_Store',
    ])
      writeFileSync(join(dir, path), 'x');
    const files = await listArticleFiles(dir);
    expect(files.map((f) => f.key)).toEqual(['a.txt', 'sub dir/b.html', 'sub dir/deeper/c.json']);
    expect(files[2]?.path).toBe(join(dir, 'sub dir', 'deeper', 'c.json'));
    expect(isIgnoredFile('draft.swp')).toBe(true);
    expect(isIgnoredFile('article.txt')).toBe(false);
  });

  it('formats a progress line with counts, percentage and rate', () => {
    expect(formatProgress('upload', 25, 100, 5000, 10)).toBe('upload [###-------] 25/100 25% 5/s');
    expect(formatProgress('ingest', 0, 0, 0, 4)).toBe('ingest [####] 0/0 100% 0/s');
  });

  async function fakeApi(finishAfterPolls: Map<string, { polls: number; status: string }>): Promise<string> {
    const server = createServer((req, res) => {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      const entry = finishAfterPolls.get(key);
      let status = 'pending';
      if (entry) {
        entry.polls -= 1;
        if (entry.polls <= 0) status = entry.status;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ key, status }));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  it('waits until every key is normalized or rejected, and counts each outcome', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k ${i}+x.txt`);
    const plan = new Map(
      keys.map((key, i) => [key, { polls: 1 + (i % 4), status: i % 10 === 0 ? 'rejected' : 'normalized' }]),
    );
    const url = await fakeApi(plan);
    const progress: number[] = [];
    const counts = await waitForIngestions(url, keys, (n) => progress.push(n), 10_000, 5);
    expect(counts).toEqual({ normalized: 36, rejected: 4 });
    expect(progress[progress.length - 1]).toBe(40);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('gives up with a clear error when nothing finishes', async () => {
    const url = await fakeApi(new Map());
    await expect(waitForIngestions(url, ['stuck.txt'], () => {}, 100, 5)).rejects.toThrow(
      /1 key\(s\) still pending .*stuck\.txt/,
    );
  });
});
