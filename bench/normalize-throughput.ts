/**
 * Normalize throughput on one core: articles/s and MB/s over the generated corpus.
 */
import { normalizeArticle } from '../functions/core/normalize.js';
import { generateCorpus } from './corpus.js';

/** Figures of the throughput benchmark. */
export interface ThroughputResult {
  articles: number;
  megabytes: number;
  seconds: number;
  articlesPerSecond: number;
  megabytesPerSecond: number;
  rejected: number;
}

/** Normalizes `count` generated articles (after a warm-up pass) and times it. */
export function measureNormalizeThroughput(articlesDir: string, count = 2000): ThroughputResult {
  const corpus = generateCorpus(articlesDir, count).map((a) => ({
    key: a.key,
    bytes: new TextEncoder().encode(a.text),
  }));
  const bytes = corpus.reduce((sum, a) => sum + a.bytes.length, 0);
  const run = () => {
    let rejected = 0;
    for (const a of corpus) {
      try {
        normalizeArticle({
          bytes: a.bytes,
          key: a.key,
          metadata: {},
          uploadedAt: '2016-01-01T00:00:00.000Z',
        });
      } catch {
        rejected++;
      }
    }
    return rejected;
  };
  run(); // warm-up: JIT and the gazetteer's lazy structures
  const start = process.hrtime.bigint();
  const rejected = run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    articles: corpus.length,
    megabytes: bytes / 1e6,
    seconds,
    articlesPerSecond: corpus.length / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
    rejected,
  };
}
