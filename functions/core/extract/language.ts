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

const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((w) => w.length));

/** The verdict on a text's language. */
export interface LanguageGuess {
  /** "en" when English, otherwise null (unknown or other). */
  language: string | null;
  english: boolean;
  reason: string | null;
}

/** Guesses whether `text` is English. Short texts get the benefit of the doubt. */
export function detectLanguage(text: string): LanguageGuess {
  const sample = text.slice(0, 3000);
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
    ) {
      letters++;
      latin++;
    } else if (
      c > 0x24f &&
      !(c >= 0x2000 && c <= 0x2bff) &&
      !(c >= 0x3000 && c <= 0x303f) &&
      !(c >= 0xd800 && c <= 0xdfff)
    ) {
      letters++;
    }
  }
  if (letters < 40) return { language: null, english: true, reason: null };
  if (latin / letters < 0.6) {
    return {
      language: null,
      english: false,
      reason: 'most letters are not Latin: the article is not in English',
    };
  }
  // Words are runs of a–z, U+00C0–U+024F and apostrophes, read in one pass (no split);
  // only a run as short as a stopword is sliced and looked up.
  const lower = sample.toLowerCase();
  let total = 0;
  let hits = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : -1;
    if ((c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f) || c === 39) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      total++;
      if (i - start <= LONGEST_STOPWORD && STOPWORDS.has(lower.slice(start, i))) hits++;
      start = -1;
    }
  }
  if (total < 15) return { language: null, english: true, reason: null };
  const share = hits / total;
  if (share < 0.08) {
    return {
      language: null,
      english: false,
      reason: `only ${(share * 100).toFixed(1)}% of the words are common English words: the article is not in English`,
    };
  }
  return { language: 'en', english: true, reason: null };
}
