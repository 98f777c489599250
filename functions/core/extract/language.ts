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
  const words = sample.toLowerCase().split(/[^a-z\u00c0-\u024f']+/);
  let total = 0;
  let hits = 0;
  for (const w of words) {
    if (!w) continue;
    total++;
    if (STOPWORDS.has(w)) hits++;
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
