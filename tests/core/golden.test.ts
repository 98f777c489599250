/**
 * Golden files: every field of every sample article's normalized output, compared whole.
 * `UPDATE_GOLDEN=1 npx vitest run tests/core/golden.test.ts` rewrites them; review the diff
 * against the gold labels in the shared dev set before committing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeArticle } from '../../functions/core/normalize.js';

const ARTICLES = join(import.meta.dirname, '../../articles');
const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden files of the sample articles', () => {
  const files = readdirSync(ARTICLES)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  it('has sample articles to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });
  for (const file of files) {
    it(`normalizes ${file} exactly as its golden file says`, () => {
      const result = normalizeArticle({
        bytes: readFileSync(join(ARTICLES, file)),
        key: file,
        metadata: {},
        uploadedAt: '',
      });
      const goldenPath = join(GOLDEN, file.replace(/\.txt$/, '.json'));
      if (update) writeFileSync(goldenPath, `${JSON.stringify(result, null, 2)}\n`);
      expect(existsSync(goldenPath), `missing ${goldenPath}: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(result).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
    });
  }
});
