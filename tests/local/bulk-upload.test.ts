import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isIgnoredFile, listArticleFiles } from '../../local/article-files.js';
import { waitForIngestions } from '../../local/bulk-upload.js';
import { formatProgress } from '../../local/progress.js';
import { freePort } from '../../local/servers.js';
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
    const counts = await waitForIngestions(url, keys, (n) => progress.push(n), 10_000, 5, 50);
    expect(counts).toEqual({ normalized: 36, rejected: 4 });
    expect(progress[progress.length - 1]).toBe(40);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  /** A fake API where each key finishes at a given time; counts the GETs it answers. */
  async function timedApi(finishAt: Map<string, number>): Promise<{ url: string; requests: () => number }> {
    let requests = 0;
    const server = createServer((req, res) => {
      requests += 1;
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      const at = finishAt.get(key);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ key, status: at !== undefined && Date.now() >= at ? 'normalized' : 'pending' }),
      );
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { url: `http://127.0.0.1:${port}`, requests: () => requests };
  }

  it('polls about twice per key when the pipeline is slower than the polling', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `slow-${i}.txt`);
    const t0 = Date.now();
    // One key every 10 ms, in upload order: the pipeline is the slow side.
    const api = await timedApi(new Map(keys.map((key, i) => [key, t0 + 30 + i * 10])));
    const counts = await waitForIngestions(api.url, keys, () => {}, 10_000, 2, 200);
    expect(counts).toEqual({ normalized: 60, rejected: 0 });
    // A fixed window polled at a fixed pace would ask hundreds of times here.
    expect(api.requests()).toBeLessThan(keys.length * 3);
  });

  it('shows progress behind an oldest key that does not finish', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `k-${i}.txt`);
    const t0 = Date.now();
    // The oldest key finishes only after 1.5 s; all the others at once.
    const api = await timedApi(new Map(keys.map((key, i) => [key, i === 0 ? t0 + 1_500 : t0])));
    const progress: Array<[number, number]> = [];
    await waitForIngestions(api.url, keys, (n) => progress.push([n, Date.now() - t0]), 10_000, 5, 20);
    const beforeOldest = progress.filter(([, at]) => at < 1_400).map(([n]) => n);
    expect(Math.max(0, ...beforeOldest)).toBe(11);
    expect(progress.at(-1)?.[0]).toBe(12);
  });

  it('rides out dropped connections and 5xx answers, and names the last one if it stalls', async () => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests += 1;
      // The first polls: a dropped connection, then a 503; after that, the key is done.
      if (requests === 1) return req.socket.destroy();
      if (requests === 2) {
        res.statusCode = 503;
        return res.end('busy');
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ key: 'k.txt', status: 'normalized' }));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    expect(await waitForIngestions(url, ['k.txt'], () => {}, 10_000, 5, 20)).toEqual({
      normalized: 1,
      rejected: 0,
    });
    expect(requests).toBeGreaterThanOrEqual(3);

    // Nothing listens there: every poll fails, so the wait ends as a stall naming the failure.
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(waitForIngestions(closed, ['gone.txt'], () => {}, 100, 5, 20)).rejects.toThrow(
      /still pending .*last poll error: GET \/api\/ingestions failed/,
    );
  });

  it('gives up with a clear error when nothing finishes', async () => {
    const url = await fakeApi(new Map());
    await expect(waitForIngestions(url, ['stuck.txt'], () => {}, 100, 5)).rejects.toThrow(
      /1 key\(s\) still pending .*stuck\.txt/,
    );
  });
});
