import { RejectedInputError } from './errors.js';
import type { NormalizedArticle } from './event.js';

/** Bumped whenever extraction changes, so `npm run reprocess` knows what to redo. */
export const NORMALIZER_VERSION = '0.1.0';

/** What the normalizer is given: the object's bytes and what S3 knows about it. */
export interface NormalizeInput {
  bytes: Uint8Array;
  /** Object key or file name; its extension hints at the format. */
  key: string;
  contentType?: string | null;
  /** From `x-amz-meta-published`, `x-amz-meta-source-url`, `x-amz-meta-publisher` (or CLI flags). */
  metadata: { published?: string; sourceUrl?: string; publisher?: string };
  /** ISO timestamp of the upload: the last resort for a year missing from the text. */
  uploadedAt: string;
}

/**
 * Normalizes one article into its metadata and its reading of the event.
 * Pure and deterministic. Throws {@link RejectedInputError} for input that is not an article.
 *
 * First cut: plain text only, title from the first line, no entity extraction.
 */
export function normalizeArticle(input: NormalizeInput): NormalizedArticle {
  const text = new TextDecoder('utf-8').decode(input.bytes);
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const title = lines[0];
  if (!title) throw new RejectedInputError('EMPTY_INPUT', 'the file has no text');
  const body = lines.slice(1).join('\n');
  const published = input.metadata.published ?? null;
  return {
    article: {
      title,
      summary: lines[1] ?? '',
      publisher: input.metadata.publisher ?? null,
      author: null,
      published,
      url: input.metadata.sourceUrl ?? null,
      language: null,
    },
    reading: {
      type: 'other',
      cameo: '010',
      quadClass: 1,
      date: published,
      dateSource: published ? 'metadata' : null,
      participants: [],
      countries: [],
      organizations: [],
      location: null,
      quotes: [],
      evidence: {},
    },
    body,
  };
}
