/**
 * The article's layout and metadata from its lines: headline, standfirst, byline, date
 * line, body paragraphs, captions, and the publisher (URL host, metadata, a dateline such as
 * "MOSCOW (Reuters) -", or the site's own name in its page chrome).
 */
import { type ClassifiedLine, classifyLines } from '../chrome.js';
import { PUBLISHERS, type PublisherRecord, publisherForHost } from '../gazetteer/index.js';
import { parseDateLine } from './dates.js';

/** What the layout reading found. */
export interface Layout {
  title: string | null;
  standfirst: string | null;
  author: string | null;
  /** YYYY-MM-DD from a date line, or null. */
  publishedInText: string | null;
  publishedLine: string | null;
  /** Body paragraphs, chrome removed. */
  paragraphs: string[];
  captions: string[];
  /** A dateline city at the start of the body ("GENEVA —"), or null. */
  dateline: string | null;
  /** The news agency of a dateline ("MOSCOW (Reuters) -"): the publisher. */
  agency: string | null;
  /** Lines judged chrome (for publisher detection and tests). */
  chrome: ClassifiedLine[];
}

const BYLINE = /^(?:by|written by|words by|reporting by)\s+(.{3,80})$/i;
const NAME_LINE =
  /^(?:\p{Lu}[\p{Ll}'’.-]+|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{Ll}'’.-]+|\p{Lu}\.|de|van|von|al-\p{Lu}\p{Ll}+)){1,3}$/u;
/** A job title after a byline name ("Patrick Wintour Diplomatic editor"). */
const ROLE_SUFFIX =
  /\s+(?:\p{Lu}\p{Ll}+\s+)?(?:editor|correspondent|reporter|writer|columnist|contributor|staff writer)\b.*$/iu;
const READ_TIME = /^\d+\s*(?:min(?:ute)?s?)\s+read$/i;

/** Cleans a byline to the author's name(s): drops agency suffixes, roles, dates and pipes. */
export function cleanAuthor(raw: string): string | null {
  let a = raw
    .split(/\s*[|•·]\s*|\s+[-–—]\s+/)[0]!
    .replace(/^(?:by|written by)\s+/i, '')
    .replace(/,?\s*(?:in|for)\s+\p{Lu}[\p{L}\s]*$/u, '')
    .replace(
      /,\s*(?:Reuters|AFP|AP|Associated Press|Agence France-Presse|staff|correspondent|[A-Z][a-z]+ (?:Editor|Correspondent|Reporter)).*$/i,
      '',
    )
    .replace(/\s+(?:on|at)\s+.*\d.*$/i, '')
    .trim();
  if (/\d/.test(a)) a = a.replace(/\s*\b(?:Published|Updated|Posted).*$/i, '').trim();
  if (!a || a.length > 80 || /\d/.test(a)) return null;
  const words = a.split(/\s+/);
  if (words.length < 2 || words.length > 12) return null;
  if (!words.every((w) => /^(?:\p{Lu}|and$|&$|de$|van$|von$|al-|bin$)/u.test(w))) return null;
  return a;
}

function isHeadlineLike(line: string): boolean {
  const n = line.split(/\s+/).length;
  return n >= 3 && n <= 30 && line.length <= 250 && !/[.,;:]$/.test(line);
}

const PUBLISHER_NAME_RE = new RegExp(
  `(?<![\\p{L}])(?:${PUBLISHERS.filter((p) => !p.agency)
    .flatMap((p) => [p.name, ...(p.aliases ?? [])])
    .filter((n) => n.length >= 5)
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\\p{L}])`,
  'u',
);

function publisherByName(name: string): PublisherRecord | null {
  return PUBLISHERS.find((p) => p.name === name || (p.aliases ?? []).includes(name)) ?? null;
}

/**
 * The site's own name in its chrome ("notifications from The Independent", "© 2016 The
 * Guardian"). Captions and credits are skipped: "[AFP]" credits a photo, not the page.
 */
export function publisherFromChrome(chrome: ClassifiedLine[]): string | null {
  for (const line of chrome) {
    if (!line.chrome || line.caption) continue;
    const copyright = /(?:©|\bcopyright\b)\s*(?:\d{4}\s*)?(\p{Lu}[\p{L}&.' ]{2,40})/iu.exec(line.text);
    if (copyright?.[1]) {
      const p = PUBLISHER_NAME_RE.exec(copyright[1]);
      if (p) return publisherByName(p[0])?.name ?? null;
    }
    const m = PUBLISHER_NAME_RE.exec(line.text);
    if (m) return publisherByName(m[0])?.name ?? null;
  }
  return null;
}

/** Publisher from a URL's host. */
export function publisherFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return publisherForHost(new URL(url).hostname)?.name ?? null;
  } catch {
    return null;
  }
}

const DATELINE =
  /^(?<city>[A-Z][A-Z .'-]{2,30}?)(?:,\s*[A-Z][A-Za-z .]{2,20})?\s*(?:\((?<agency>Reuters|AP|AFP|AA|Sputnik|TASS|dpa)\))?\s*[-–—:]\s+(?=\p{Lu})/u;

/** Reads the article's layout from its text. `knownTitle` comes from HTML/JSON metadata. */
export function readLayout(lines: string[], knownTitle: string | null): Layout {
  // A first pass finds a byline so the classifier can cut the author's bio at the end.
  const bylineLine = lines.slice(0, 30).find((l) => BYLINE.test(l));
  const bylineAuthor = bylineLine ? cleanAuthor(bylineLine) : null;
  const classified = classifyLines(lines, bylineAuthor);
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  let title = knownTitle;
  let titleIdx = -1;
  if (title) {
    const t = norm(title);
    titleIdx = classified.findIndex((l, i) => i < 40 && norm(l.text) === t);
  } else {
    const headline = (l: ClassifiedLine, i: number, minWords: number) =>
      i < 20 &&
      !l.chrome &&
      isHeadlineLike(l.text) &&
      l.text.split(' ').length >= minWords &&
      !parseDateLine(l.text) &&
      !BYLINE.test(l.text);
    // Section names and menus ("Middle East News") are short: a headline has five words or more.
    titleIdx = classified.findIndex((l, i) => headline(l, i, 5));
    if (titleIdx < 0) titleIdx = classified.findIndex((l, i) => headline(l, i, 3));
    if (titleIdx >= 0) title = classified[titleIdx]!.text;
  }
  // No headline line: the title is made from the first sentence and the text stays body.
  if (!title) {
    const first = classified.find((l) => !l.chrome)?.text ?? '';
    const sentence = first.split(/(?<=[.!?])\s/)[0] ?? first;
    title = sentence.length > 200 ? `${sentence.slice(0, 190).replace(/\s+\S*$/, '')}…` : sentence || null;
  }

  let author = bylineAuthor;
  let publishedInText: string | null = null;
  let publishedLine: string | null = null;
  let standfirst: string | null = null;
  const meta = new Set<number>();
  if (titleIdx >= 0) meta.add(titleIdx);

  // Header zone: the lines up to the first real paragraph after the title.
  const start = Math.max(0, titleIdx);
  for (let i = 0; i < Math.min(classified.length, start + 15); i++) {
    const l = classified[i]!;
    const date = l.text.length <= 120 ? parseDateLine(l.text) : null;
    if (date && !publishedInText) {
      publishedInText = date;
      publishedLine = l.text;
      meta.add(i);
      // A name line just above a date line is the byline ("Adam Withnall" / "Tuesday 15 December 2015").
      for (let j = i - 1; j > titleIdx && j >= i - 2; j--) {
        const prev = classified[j]!;
        const nameOnly = prev.text.replace(ROLE_SUFFIX, '').trim();
        if (!author && NAME_LINE.test(nameOnly) && nameOnly.split(/\s+/).length <= 4) {
          author = cleanAuthor(nameOnly);
          meta.add(j);
          break;
        }
      }
      continue;
    }
    if (BYLINE.test(l.text) && l.text.length <= 100) {
      author = author ?? cleanAuthor(l.text);
      meta.add(i);
      const inlineDate = parseDateLine(
        l.text
          .split(/\s*[|•·]\s*/)
          .slice(1)
          .join(' '),
      );
      if (inlineDate && !publishedInText) publishedInText = inlineDate;
      continue;
    }
    if (READ_TIME.test(l.text)) meta.add(i);
  }
  // Date lines labelled "Published" later in the page still date it.
  if (!publishedInText) {
    for (const l of classified.slice(0, 80)) {
      if (/\b(?:published|posted)\b/i.test(l.text) && l.text.length <= 120) {
        const d = parseDateLine(l.text);
        if (d) {
          publishedInText = d;
          publishedLine = l.text;
          break;
        }
      }
    }
  }

  // Standfirst: a headline-like or one-sentence line right after the title, before the body.
  const after = classified.findIndex((l, i) => i > titleIdx && !l.chrome && !meta.has(i));
  if (titleIdx >= 0 && after >= 0) {
    const cand = classified[after]!;
    const words = cand.text.split(/\s+/).length;
    const nextBody = classified.findIndex((l, i) => i > after && !l.chrome && !meta.has(i));
    const metaBetween = [...meta].some((m) => m > after && (nextBody < 0 || m < nextBody));
    const chromeBetween = classified
      .slice(after + 1, nextBody < 0 ? undefined : nextBody)
      .some((l) => l.chrome);
    if (words <= 60 && (!/[.!?"”]$/.test(cand.text) || metaBetween || chromeBetween)) {
      standfirst = cand.text;
      meta.add(after);
    }
  }

  const paragraphs: string[] = [];
  const captions: string[] = [];
  classified.forEach((l, i) => {
    if (l.caption) captions.push(l.text);
    if (l.chrome || meta.has(i) || i < titleIdx) return;
    // Crossheads ("Low hopes") are structure, not text.
    if (l.text.split(/\s+/).length < 6 && !/[.!?"”]$/.test(l.text)) return;
    paragraphs.push(l.text);
  });

  let dateline: string | null = null;
  const first = paragraphs[0];
  const agency = datelineAgency(first);
  if (first) {
    const m = DATELINE.exec(first);
    if (m?.groups?.city && m.groups.city.trim().length >= 3) {
      const city = m.groups.city.trim();
      dateline = city
        .toLowerCase()
        .split(/\s+/)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' ');
      paragraphs[0] = first.slice(m[0].length);
    }
  }

  return {
    title,
    standfirst,
    author,
    publishedInText,
    publishedLine,
    paragraphs,
    captions,
    dateline,
    agency,
    chrome: classified.filter((l) => l.chrome),
  };
}

/** The agency of a dateline ("MOSCOW (Reuters) -"), which is then the publisher. */
export function datelineAgency(firstParagraph: string | undefined): string | null {
  if (!firstParagraph) return null;
  const agency = DATELINE.exec(firstParagraph)?.groups?.agency;
  if (!agency) return null;
  return (
    (
      {
        Reuters: 'Reuters',
        AP: 'Associated Press',
        AFP: 'Agence France-Presse',
        AA: 'Anadolu Agency',
        Sputnik: 'Sputnik',
        TASS: 'TASS',
        dpa: 'dpa',
      } as Record<string, string>
    )[agency] ?? null
  );
}
