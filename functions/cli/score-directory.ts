import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntenteError } from '../core/errors.js';
import { type EvalReport, type GoldLabel, inSubset, type Subset, scoreAll } from '../core/eval/score.js';
import type { NormalizedArticle } from '../core/event.js';
import { normalizeArticle } from '../core/normalize.js';

/**
 * Normalizes every article of `articlesDir` that has a gold label in `goldDir` and scores it.
 * No publication date or upload time is passed in: the text is all the normalizer gets, as
 * for a file dropped with no metadata. A rejected or missing article is scored as a miss and
 * reported through `onRejected`; any other error is a bug and is thrown.
 */
export function scoreDirectory(
  articlesDir: string,
  goldDir: string,
  subset: Subset = 'all',
  onRejected: (name: string, message: string) => void = () => {},
): EvalReport {
  const items: { gold: GoldLabel; predicted: NormalizedArticle | null }[] = [];
  for (const file of readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as GoldLabel;
    const name = gold.article ?? file.replace(/\.json$/, '.txt');
    if (!inSubset(name, subset)) continue;
    let predicted: NormalizedArticle | null = null;
    try {
      predicted = normalizeArticle({
        bytes: readFileSync(join(articlesDir, name)),
        key: name,
        metadata: {},
        uploadedAt: '',
      });
    } catch (error) {
      if (!(error instanceof EntenteError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      onRejected(name, (error as Error).message);
    }
    items.push({ gold: { ...gold, article: name }, predicted });
  }
  return scoreAll(items);
}
