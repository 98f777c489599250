import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseNormalizeArgs } from '../../functions/cli/normalize.js';
import { NORMALIZER_VERSION } from '../../functions/core/normalize.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

async function cli(
  script: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(TSX, [join(ROOT, script), ...args], { cwd: ROOT });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('parseNormalizeArgs', () => {
  it('reads flags in both forms and files', () => {
    expect(
      parseNormalizeArgs(['--url', 'https://x.test/a', '--published=2016-01-02', 'a.txt', 'b.txt']),
    ).toEqual({
      url: 'https://x.test/a',
      published: '2016-01-02',
      files: ['a.txt', 'b.txt'],
    });
  });
  it('rejects unknown flags and missing values', () => {
    expect(() => parseNormalizeArgs(['--nope'])).toThrow(/unknown option/);
    expect(() => parseNormalizeArgs(['--url'])).toThrow(/needs a value/);
  });
});

describe('npm run normalize', () => {
  it('prints one Event line per good file, an error line per bad file, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-cli-'));
    const bad = join(dir, 'bad.pdf');
    writeFileSync(bad, '%PDF-1.4 binary');
    const { stdout, stderr, code } = await cli('functions/cli/normalize.ts', [
      '--published',
      '2015-12-15',
      join(ROOT, 'articles/001_9c49ccfb6b9967d2.txt'),
      bad,
      join(ROOT, 'articles/002_3b3fae97caf2ba7c.txt'),
    ]);
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      title: "US and Russia meet to establish 'agreed' list of international terror groups",
      published: '2015-12-15',
      normalizerVersion: NORMALIZER_VERSION,
      sources: [{ key: '001_9c49ccfb6b9967d2.txt' }],
    });
    expect(events[0].id).toMatch(/^ev_[0-9a-f]{20}$/);
    expect(JSON.parse(stderr.trim().split('\n').pop() ?? '{}')).toMatchObject({
      file: bad,
      code: 'BINARY_INPUT',
    });
    expect(code).toBe(1);
  });
});

describe('npm run eval', () => {
  it('prints the per-field table and JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-eval-'));
    writeFileSync(
      join(dir, 'g.json'),
      JSON.stringify({
        article: '002_3b3fae97caf2ba7c.txt',
        title: 'US and Russia begin lackluster talks on Syria war',
        publisher: null,
        published: '2016-10-15',
        event: {
          date: '2016-10-15',
          type: 'talks',
          participants: ['John Kerry'],
          countries: ['Russia'],
          organizations: [],
          location: 'Lausanne',
        },
      }),
    );
    const table = await cli('functions/cli/eval.ts', [join(ROOT, 'articles'), dir]);
    expect(table.stdout).toMatch(/title\s+100\.0%\s+1\/1/);
    expect(table.stdout).toMatch(/location\s+0\.0%\s+0\/1/);
    const json = JSON.parse(
      (await cli('functions/cli/eval.ts', [join(ROOT, 'articles'), dir, '--json'])).stdout,
    );
    expect(json).toMatchObject({ n: 1, title: { correct: 1 }, eventDate: { correct: 1, n: 1 } });
    expect(json.participants.recall).toBe(1);
    expect(json.participants.precision).toBe(0.5);
  });
});
