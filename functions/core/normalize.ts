/**
 * The normalizer: one uploaded object in, the article's metadata and its reading of the
 * event out. Pure and deterministic: time comes in as `uploadedAt`, nothing is read from
 * the environment. Steps: decode and parse (article.ts), drop page chrome (chrome.ts), read
 * the layout (headline, byline, date line, body), find mentions against the gazetteer, then
 * type, actors, date, place, quotes and evidence (extract/).
 */
import { parseArticle } from './article.js';
import { toLines } from './chrome.js';
import { RejectedInputError } from './errors.js';
import type { DateSource, NormalizedArticle } from './event.js';
import { chooseActors } from './extract/actors.js';
import { dateFromUrl, isCreditedCaption, normalizeDateValue, resolveEventDate } from './extract/dates.js';
import { findMentions } from './extract/entities.js';
import { cameoFor, classifyEventType, hasCue } from './extract/event-type.js';
import { detectLanguage } from './extract/language.js';
import { datelineFromText, findLocation, pickDateline, placeOfDateLine } from './extract/location.js';
import { publisherFromChrome, publisherFromUrl, readLayout } from './extract/metadata.js';
import { findQuotes } from './extract/quotes.js';
import { splitSentences, type Unit } from './extract/units.js';

/** Bumped whenever extraction changes, so `npm run reprocess` knows what to redo. */
export const NORMALIZER_VERSION = '1.4.0';

/** What the normalizer is given: the object's bytes and what S3 knows about it. */
export interface NormalizeInput {
  bytes: Uint8Array;
  /** Object key or file name; its extension hints at the format. */
  key: string;
  contentType?: string | null;
  /** From `x-amz-meta-published`, `x-amz-meta-source-url`, `x-amz-meta-publisher` (or CLI flags). */
  metadata: { published?: string; sourceUrl?: string; publisher?: string };
  /**
   * ISO timestamp of the upload: the last resort for a year missing from the text (and then
   * `dateSource` is "uploaded"). Empty string when unknown.
   */
  uploadedAt: string;
}

/** Typographic variants that would split one name in two ("al‑Assad" with a non-breaking hyphen). */
function normalizeTypography(text: string): string {
  return text
    .replace(/[\u2010\u2011\u2012]/g, '-')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\u00a0/g, ' ');
}

/** Photo credits ("REUTERS/Sergei Karpukhin", "(AP Photo/...)", "Getty Images") mark a caption. */
const PHOTO_CREDIT =
  /\b(?:REUTERS|AP Photo|AFP|Getty Images|EPA|Photo:)\s*\/|\(AP Photo\b|\bREUTERS\/|\bGetty Images\b/;

/** Space-separated tokens holding a letter (A–Z, a–z or any code unit from U+00C0): one pass, no split. */
function words(s: string): number {
  let n = 0;
  let counted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) counted = false;
    else if (!counted && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0)) {
      n++;
      counted = true;
    }
  }
  return n;
}

/** The lede: first sentences of the body, up to about 400 characters. */
function summarize(sentences: string[], fallback: string | null): string {
  let out = '';
  for (const s of sentences) {
    if (out && out.length + s.length > 400) break;
    out = out ? `${out} ${s}` : s;
    if (out.length > 200) break;
  }
  return out || fallback || '';
}

/**
 * Normalizes one article into its metadata and its reading of the event.
 * Throws {@link RejectedInputError} (with a `code`) for input that is not an English article.
 */
export function normalizeArticle(input: NormalizeInput): NormalizedArticle {
  const parsed = parseArticle(input.bytes, input.key, input.contentType);
  const lines = toLines(normalizeTypography(parsed.text));
  if (lines.length === 0) throw new RejectedInputError('EMPTY_INPUT', 'the file has no text');

  const lang = detectLanguage(lines.join('\n'));
  if (!lang.english)
    throw new RejectedInputError('NOT_ENGLISH', lang.reason ?? 'the article is not in English');
  const layout = readLayout(lines, parsed.title ? normalizeTypography(parsed.title) : null);
  let sentences = layout.paragraphs.flatMap(splitSentences).filter((s) => words(s) >= 3);
  if (!sentences.some((s) => words(s) >= 5)) {
    // The layout found no body (a page whose chrome looked like the article's frame): fall back
    // on the lines that read as prose, long and ending like sentences, chrome lines aside.
    const chrome = new Set(layout.chrome.map((c) => c.text));
    const prose = lines.filter((l) => !chrome.has(l) && words(l) >= 12 && /[.!?]["”’]?(?:\s|$)/.test(l));
    if (prose.length >= 2) {
      layout.paragraphs = prose;
      sentences = prose.flatMap(splitSentences).filter((s) => words(s) >= 3);
    }
  }
  if (!sentences.some((s) => words(s) >= 5)) {
    throw new RejectedInputError(
      'NO_ARTICLE_TEXT',
      'no article text: the file is empty of prose or only page chrome',
    );
  }

  const url = input.metadata.sourceUrl?.trim() || parsed.url;
  let published: string | null = null;
  let publishedSource: DateSource = null;
  const candidates: [string | null, DateSource][] = [
    [normalizeDateValue(input.metadata.published), 'metadata'],
    [normalizeDateValue(parsed.published), 'metadata'],
    [layout.publishedInText, 'text'],
    [dateFromUrl(url), 'url'],
  ];
  for (const [value, source] of candidates) {
    if (value) {
      published = value;
      publishedSource = source;
      break;
    }
  }
  const publisher =
    input.metadata.publisher?.trim() ||
    parsed.publisher ||
    publisherFromUrl(url) ||
    layout.agency ||
    publisherFromChrome(layout.chrome) ||
    null;
  const author = parsed.author ?? layout.author;
  const title = layout.title ?? sentences[0]?.slice(0, 200) ?? '';

  const units: Unit[] = [];
  // A "headline" carrying a photo credit is a caption the layout took for one: read it as a caption.
  if (title) units.push({ kind: PHOTO_CREDIT.test(title) ? 'caption' : 'title', text: title, index: -1 });
  if (layout.standfirst) units.push({ kind: 'standfirst', text: layout.standfirst, index: -1 });
  for (const [index, text] of sentences.entries()) units.push({ kind: 'body', text, index });
  for (const c of layout.captions) units.push({ kind: 'caption', text: c, index: -1 });

  const mentions = findMentions(units, published);
  const typeReading = classifyEventType(units);
  const type = typeReading.type;

  const uploaded = /^\d{4}-\d{2}-\d{2}/.test(input.uploadedAt) ? input.uploadedAt.slice(0, 10) : null;
  const eventSentences = units
    .filter(
      (u) =>
        u.kind === 'title' ||
        u.kind === 'standfirst' ||
        (u.kind === 'body' && (u.index <= 1 || (u.index < 12 && hasCue(type, u.text)))),
    )
    .map((u) => u.text);
  // A date line under or beside a place ("November 11, 2017, Danang") is the event's own.
  const placedLine = layout.headerDateLines.find(
    (d) => placeOfDateLine(d.line) || (d.previous && words(d.previous) <= 4 && placeOfDateLine(d.previous)),
  );
  const placedDate = placedLine?.date ?? null;
  // A repost cites its source under the lede paragraph: a bare link whose path carries a date.
  const ledeAt = layout.paragraphs[0] ? lines.indexOf(layout.paragraphs[0]) : -1;
  const sourceLink =
    ledeAt >= 0 ? lines.slice(ledeAt + 1, ledeAt + 3).find((l) => /^https?:\/\/\S+$/.test(l)) : undefined;
  const sourceDate = sourceLink ? dateFromUrl(sourceLink) : null;
  const eventDate = resolveEventDate(
    eventSentences,
    { published, publishedSource, uploaded },
    {
      lede: sentences.slice(0, 2),
      body: sentences.slice(0, 6),
      // A caption printed twice is chrome the second time ("repeated line", "pull quote"): still a caption.
      captions: [
        ...layout.captions,
        ...layout.paragraphs.filter(isCreditedCaption),
        ...layout.chrome
          .filter((c) => c.caption || c.chrome === 'repeated line' || c.chrome === 'pull quote')
          .map((c) => c.text),
      ],
      placedDate,
      sourceDate,
    },
  );
  const actors = chooseActors(units, mentions, type, eventDate.date ?? published);
  const dateline = pickDateline([
    layout.dateline,
    datelineFromText(sentences),
    placeOfDateLine(layout.publishedLine),
    // A place line above the event's own date line ("Geneva, Switzerland" / "September 9, 2016").
    placeOfDateLine(placedLine?.line ?? null),
    placeOfDateLine(placedLine?.previous ?? null),
  ]);
  const place = findLocation(units, mentions, type, dateline);
  const venue = !place.country ? 'unknown' : actors.countries.includes(place.country) ? 'party' : 'third';
  const { cameo, quadClass } = cameoFor(type, venue, typeReading.reducesRelations);
  const quotes = findQuotes(layout.paragraphs, units, mentions.people);

  const evidence: Record<string, string> = {};
  if (typeReading.evidence) evidence.type = typeReading.evidence;
  if (eventDate.evidence && eventDate.date) evidence.date = eventDate.evidence;
  else if (eventDate.date && placedLine?.date === eventDate.date) evidence.date = placedLine.line;
  else if (eventDate.date && layout.publishedLine) evidence.date = layout.publishedLine;
  if (place.evidence) evidence.location = place.evidence;
  if (actors.evidence.participants) evidence.participants = actors.evidence.participants;
  if (actors.evidence.countries) evidence.countries = actors.evidence.countries;
  if (actors.evidence.organizations) evidence.organizations = actors.evidence.organizations;
  if (layout.publishedLine && publishedSource === 'text') evidence.published = layout.publishedLine;

  return {
    article: {
      title,
      titleSource: layout.title ? layout.titleSource : 'lede',
      summary: summarize(sentences, layout.standfirst),
      publisher,
      author,
      published,
      url: url ?? null,
      language: lang.language,
    },
    reading: {
      type,
      cameo,
      quadClass,
      date: eventDate.date,
      dateSource: eventDate.date ? eventDate.dateSource : null,
      participants: actors.participants,
      countries: actors.countries,
      organizations: actors.organizations,
      location: place.location,
      quotes,
      evidence,
    },
    body: layout.paragraphs.join('\n\n'),
  };
}
