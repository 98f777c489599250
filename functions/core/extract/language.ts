/**
 * A cheap English detector: the share of common English function words among the words,
 * and the share of Latin letters among the letters. Enough to refuse a French, Russian or
 * Arabic article rather than invent English entities from it.
 */

const STOPWORDS = new Set(
  'the of and to in a is that for on with as by was were said at from it its has have be are an this which but not he she they his her their who will would had been after over about more than also into'.split(
    ' ',
  ),
);

/** The verdict on a text's language. */
export interface LanguageGuess {
  /** "en" when English, otherwise null (unknown or other). */
  language: string | null;
  english: boolean;
  reason: string | null;
}

/** Guesses whether `text` is English. Short texts get the benefit of the doubt. */
export function detectLanguage(text: string): LanguageGuess {
  const sample = text.slice(0, 20_000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 40) return { language: null, english: true, reason: null };
  const latin = sample.match(/[A-Za-z\u00C0-\u024F]/g)?.length ?? 0;
  if (latin / letters < 0.6) {
    return {
      language: null,
      english: false,
      reason: 'most letters are not Latin: the article is not in English',
    };
  }
  const words = sample.toLowerCase().match(/[a-z\u00C0-\u024F']+/g) ?? [];
  if (words.length < 15) return { language: null, english: true, reason: null };
  let hits = 0;
  for (const w of words) if (STOPWORDS.has(w)) hits++;
  const share = hits / words.length;
  if (share < 0.08) {
    return {
      language: null,
      english: false,
      reason: `only ${(share * 100).toFixed(1)}% of the words are common English words: the article is not in English`,
    };
  }
  return { language: 'en', english: true, reason: null };
}
