/**
 * `npm start` itself, as a user runs it: the sample articles are uploaded and ingested, a
 * file dropped into the watched folder is ingested, Ctrl-C (SIGINT) stops it cleanly, and a
 * taken port is reported with the variable that moves it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts, removeDir, sampleArticlePaths, tempDir } from '../helpers/local-stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { child, output: () => text };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm start (local/main.ts)', () => {
  const dir = tempDir('main');
  let running: ChildProcess | null = null;
  afterAll(async () => {
    if (running && running.exitCode === null) {
      running.kill('SIGINT');
      await exited(running);
    }
    removeDir(dir);
  });

  it('ingests the articles folder and dropped files, and stops cleanly on SIGINT', async () => {
    const articles = join(dir, 'articles');
    mkdirSync(articles);
    const samples = sampleArticlePaths().slice(0, 2);
    for (const path of samples) copyFileSync(path, join(articles, basename(path)));
    const ports = await freePorts();
    const { child, output } = startMain({
      PORT: String(ports.http),
      S3_PORT: String(ports.s3),
      DYNAMODB_PORT: String(ports.dynamodb),
      ENTENTE_DATA_DIR: join(dir, 'data'),
      ENTENTE_ARTICLES_DIR: articles,
    });
    running = child;
    await waitFor(() => (output().match(/^✓ /gm) ?? []).length === samples.length, 'the sample articles');
    expect(output()).toContain(`http://127.0.0.1:${ports.http}/feeds/timeline.atom`);
    expect(output()).toContain(`--endpoint-url http://127.0.0.1:${ports.s3}`);
    for (const path of samples) expect(output()).toContain(`✓ ${basename(path)} → ev_`);

    // A real article: the normalizer rightly rejects a two-line stub as having no article text.
    const third = sampleArticlePaths()[2];
    if (!third) throw new Error('need three sample articles');
    copyFileSync(third, join(articles, 'dropped in.txt'));
    await waitFor(() => output().includes('✓ dropped in.txt → ev_'), 'the dropped file');
    const ingestion = await fetch(`http://127.0.0.1:${ports.http}/api/ingestions?key=dropped%20in.txt`);
    expect(((await ingestion.json()) as { status: string }).status).toBe('normalized');

    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(output()).toContain('Stopped.');
    expect(output()).not.toContain('without draining');
    // Starts the whole stack (Java + s3rver) and drives many articles through it: on a
    // loaded 2-core CI machine this alone can take over a minute.
  }, 240_000);

  it('refuses to start on a taken port, naming the port and its variable', async () => {
    const ports = await freePorts();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.s3, '127.0.0.1', resolve));
    try {
      const { child, output } = startMain({
        PORT: String(ports.http),
        S3_PORT: String(ports.s3),
        DYNAMODB_PORT: String(ports.dynamodb),
        ENTENTE_DATA_DIR: join(dir, 'data-2'),
        ENTENTE_ARTICLES_DIR: join(dir, 'articles'),
      });
      expect(await exited(child)).toBe(1);
      expect(output()).toContain(`port ${ports.s3}`);
      expect(output()).toContain('S3_PORT');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
