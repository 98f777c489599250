/**
 * A check tool for speed work on the normalizer: writes its output for every sample article
 * (articles/, the eval sets, test fixtures) and for the 2,000-article bench corpus, one line
 * each ("key<TAB>json"), so two commits can be compared byte for byte:
 *
 *   npx tsx bench/normalize-outputs.ts /tmp/before.jsonl   (at the old commit)
 *   npx tsx bench/normalize-outputs.ts /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeArticle } from '../functions/core/normalize.js';
import { generateCorpus } from './corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIRS = [
  'articles',
  'tests/eval/dev/articles',
  'tests/eval/holdout/articles',
  'tests/fixtures/articles',
];

const out: string[] = [];
const record = (key: string, bytes: Uint8Array): void => {
  let result: unknown;
  try {
    result = normalizeArticle({ bytes, key, metadata: {}, uploadedAt: '2016-01-01T00:00:00.000Z' });
  } catch (error) {
    result = { error: (error as { code?: string }).code ?? String(error), message: (error as Error).message };
  }
  out.push(`${key}\t${JSON.stringify(result)}`);
};
for (const dir of DIRS) {
  const path = join(ROOT, dir);
  if (!existsSync(path)) continue;
  for (const file of readdirSync(path).sort()) record(`${dir}/${file}`, readFileSync(join(path, file)));
}
for (const a of generateCorpus(join(ROOT, 'articles'), 2000)) record(a.key, new TextEncoder().encode(a.text));
const target = process.argv[2] ?? 'normalize-outputs.jsonl';
writeFileSync(target, `${out.join('\n')}\n`);
console.log(`${out.length} outputs written to ${target}`);
