import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoEventStore } from '../../functions/adapters/dynamodb-event-store.js';
import { DynamoIngestionStore } from '../../functions/adapters/dynamodb-ingestion-store.js';
import { eventFromArticle, sourceFromArticle } from '../../functions/core/event-from-article.js';
import { eventIdForKey } from '../../functions/core/ids.js';
import { mergeSource } from '../../functions/core/merge.js';
import { LOCAL_TABLE_NAME } from '../../infra/table.js';
import { freePort, type LocalServer, startDynamoLocal } from '../../local/servers.js';
import { ensureTable } from '../../local/setup.js';
import { LABELLED, normalizedArticle } from '../fixtures/article-readings.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run unmerge (local/unmerge.ts)', () => {
  let server: LocalServer;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    server = await startDynamoLocal({ port });
    await ensureTable(makeDynamoClient({ region: 'us-east-1', endpoint: server.endpoint }), LOCAL_TABLE_NAME);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'local/unmerge.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DYNAMODB_PORT: String(port) },
    });

  it('splits a source out of the local table and merges it back', async () => {
    const client = makeDynamoClient({ region: 'us-east-1', endpoint: server.endpoint });
    const events = new DynamoEventStore(client, LOCAL_TABLE_NAME);
    const ingestions = new DynamoIngestionStore(client, LOCAL_TABLE_NAME);
    const now = '2026-01-01T00:00:00.000Z';
    const a = normalizedArticle('Kerry and Lavrov meet', LABELLED['lausanne-reuters.txt'] ?? {});
    const b = normalizedArticle('Lavrov, Kerry hold talks', LABELLED['lausanne-tass.txt'] ?? {});
    const created = eventFromArticle(a, {
      id: eventIdForKey('r.txt'),
      key: 'r.txt',
      contentHash: 'h1',
      now,
      normalizerVersion: 't',
    });
    const merged = mergeSource(
      created,
      { ...sourceFromArticle(b, { key: 't s.txt', contentHash: 'h2', now }), matched: ['date'] },
      now,
    );
    await events.create(merged);
    await ingestions.put({ key: 't s.txt', status: 'normalized', eventId: merged.id, updatedAt: now });

    const { stdout } = await cli([merged.id, 't s.txt']);
    const out = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(out.remaining).toEqual({ id: merged.id, sources: ['r.txt'] });
    expect(out.split.sources).toEqual(['t s.txt']);
    expect((await events.get(out.split.id))?.sources.map((s) => s.key)).toEqual(['t s.txt']);
    expect((await ingestions.get('t s.txt'))?.eventId).toBe(out.split.id);

    const back = await cli(['--remerge', merged.id, out.split.id]);
    expect(JSON.parse(back.stdout.trim().split('\n').at(-1) as string)).toEqual({
      eventId: merged.id,
      sources: ['r.txt', 't s.txt'],
    });
    expect(await events.get(out.split.id)).toBeNull();
    client.destroy();
  });

  it('exits 1 with the error code for an unknown event, 2 for bad arguments', async () => {
    const missing = await cli(['ev_nope', 'k']).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/EVENT_NOT_FOUND/);
    const usage = await cli(['only-one']).catch((e) => e);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage/);
  });
});
