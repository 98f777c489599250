/**
 * The article's layout and metadata from its lines: headline, standfirst, byline, date
 * line, body paragraphs, captions, and the publisher (URL host, metadata, a dateline such as
 * "MOSCOW (Reuters) -", or the site's own name in its page chrome).
 */
import { type ClassifiedLine, classifyLines, TWEET_SIGNATURE } from '../chrome.js';
import { COUNTRIES, PLACES, PUBLISHERS, type PublisherRecord, publisherForHost } from '../gazetteer/index.js';
import { whitespaceSplitCount } from '../text-scan.js';
import { parseDateLine, ymd } from './dates.js';

/** What the layout reading found. */
export interface Layout {
  title: string | null;
  /**
   * `headline` when a line of the page reads as its headline; `lede` when the text has none
   * and the title was made from the first sentence (the eval then scores it as no headline).
   */
  titleSource: 'headline' | 'lede';
  standfirst: string | null;
  author: string | null;
  /** YYYY-MM-DD from a date line, or null. */
  publishedInText: string | null;
  publishedLine: string | null;
  /**
   * Every date line of the header zone, in page order, with the line above it: a second date
   * line under a place ("Geneva, Switzerland" / "September 9, 2016") dates a transcript's event.
   */
  headerDateLines: HeaderDateLine[];
  /** Body paragraphs, chrome removed. */
  paragraphs: string[];
  captions: string[];
  /** A dateline city at the start of the body ("GENEVA —"), or null. */
  dateline: string | null;
  /**
   * The outlet the text names as its own: a wire dateline's agency ("MOSCOW (Reuters) -"),
   * an outlet byline ("By The Associated Press"), a source line ("Xinhua, December 28,
   * 2016"), the site's banner, its copyright or name in page chrome, or, last, the outlet
   * speaking of itself ("Al Jazeera's Jonah Hull, reporting from Geneva").
   */
  agency: string | null;
  /** Lines judged chrome (for publisher detection and tests). */
  chrome: ClassifiedLine[];
}

/** A date line of the page's header and the line printed above it. */
export interface HeaderDateLine {
  date: string;
  line: string;
  previous: string | null;
}

const BYLINE = /^(?:by|written by|words by|reporting by|posted by|author:)\s+(.{3,80})$/i;
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
    .replace(/^(?:by|written by|posted by|author:)\s+/i, '')
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
  const n = whitespaceSplitCount(line);
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

/** Every outlet name and alias as a regex alternation, longest first. */
const PUBLISHER_ALT = PUBLISHERS.flatMap((p) => [p.name, ...(p.aliases ?? [])])
  .filter((n) => n.length >= 3)
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

const ANY_PUBLISHER_RE = new RegExp(`(?<![\\p{L}])(?:${PUBLISHER_ALT})(?![\\p{L}])`, 'u');

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
    // The normalizer asks twice about the same lines (layout, then publisher): read each once.
    let verdict = CHROME_PUBLISHER.get(line);
    if (verdict === undefined) {
      verdict = chromeLinePublisher(line.text);
      CHROME_PUBLISHER.set(line, verdict);
    }
    if (verdict !== NO_PUBLISHER) return verdict;
  }
  return null;
}

/** Marks a chrome line that names no outlet (the scan goes on to the next line). */
const NO_PUBLISHER = Symbol('no publisher');

/** Verdicts of {@link chromeLinePublisher} by line, text unchanged. */
const CHROME_PUBLISHER = new WeakMap<ClassifiedLine, string | null | typeof NO_PUBLISHER>();

/** The outlet one chrome line names (null: it names one not in the list, so the scan stops). */
function chromeLinePublisher(text: string): string | null | typeof NO_PUBLISHER {
  // The copyright regex is a Unicode one: run it only on lines that have the sign or word.
  const copyright = /©|copyright|\(c\)/i.test(text)
    ? /(?:©|\bcopyright\b|\(c\))\s*(?:\d{4}\s*)?(\p{Lu}[\p{L}&.' ]{2,40})/iu.exec(text)
    : null;
  if (copyright?.[1]) {
    // A copyright names the page's owner, agencies included ("© 2015 The Associated Press").
    const p = ANY_PUBLISHER_RE.exec(copyright[1]);
    if (p) return publisherByName(p[0])?.name ?? null;
  }
  const m = PUBLISHER_NAME_RE.exec(text);
  // A name right after a slash credits a photo ("Jane Roe/Example News via AP"), not the page.
  if (m && text[m.index - 1] !== '/') return publisherByName(m[0])?.name ?? null;
  return NO_PUBLISHER;
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

/** Any outlet's name or alias, case-insensitive, for bylines and source lines ("By EUOBSERVER"). */
const ANY_PUBLISHER = new Map<string, string>(
  PUBLISHERS.flatMap((p) =>
    [p.name, ...(p.aliases ?? [])].map((n) => [n.toLowerCase(), p.name] as [string, string]),
  ),
);

/** The outlet a name stands for ("the associated press", "EUOBSERVER"), or null. */
export function publisherNamed(raw: string): string | null {
  const key = raw
    .trim()
    .replace(/[.,:;]+$/, '')
    .toLowerCase();
  return ANY_PUBLISHER.get(key) ?? ANY_PUBLISHER.get(key.replace(/^the\s+/, '')) ?? null;
}

/** A byline naming an outlet instead of a person ("By The Associated Press", "By EUOBSERVER"). */
function bylinePublisher(line: string): string | null {
  if (line.length > 80) return null;
  // "By TRT World and agencies", "Example News staff", "From Interfax": the outlet, not a person.
  const m =
    /^(?:(?:by|from)\s+)?(.{2,60}?)(?:\s+(?:staff(?: writers?| reporters?)?|and agencies|with agencies|and wires|wires?|desk|news desk|reporters?|correspondents?))*$/i.exec(
      line.trim(),
    );
  if (!m?.[1]) return null;
  const bare = !/^(?:by|from)\s/i.test(line.trim()) && m[1].length === line.trim().length;
  // A bare line must name an outlet all by itself to count ("Reuters Staff" does, "Syria" does not).
  if (bare && !/\b(?:staff|agencies|wires?|desk|reporters?|correspondents?)\b/i.test(line)) return null;
  return publisherNamed(m[1].split(/\s*[|,•·/]\s*/)[0] ?? '');
}

/**
 * The outlet after a reporter's name in a byline ("By Jane Roe, Reuters", "By Jane Roe
 * DoD News, Defense Media Activity"): its last one to four words before a comma or the end.
 */
function bylineOutlet(line: string): string | null {
  if (line.length > 100 || !/^by\s/i.test(line)) return null;
  for (const part of line.slice(3).split(/\s*[,|•·/]\s*/)) {
    const words = part.trim().split(/\s+/);
    for (let k = Math.min(4, words.length); k >= 1; k--) {
      const named = publisherNamed(words.slice(-k).join(' '));
      if (named) return named;
    }
  }
  return null;
}

/** A source line: "Source: Xinhua", "Xinhua, December 28, 2016", "Interfax | 12 May 2015". */
function sourceLinePublisher(line: string): string | null {
  if (line.length > 120) return null;
  // Also in brackets at the foot of a repost ("[Source: Xinhua, Moscow, 21Feb16]").
  const label = /^[[(]?(?:source|sources|via|credit)\s*:\s*(.{2,60}?)[\])]?$/i.exec(line.trim());
  if (label?.[1]) return publisherNamed(label[1].split(/\s*[|,•·(]\s*/)[0] ?? '');
  const lead = /^([\p{L}][\p{L} .&'-]{1,40}?)\s*[,|•·-]\s+(.+)$/u.exec(line.trim());
  if (!lead?.[1] || !lead[2]) return null;
  const named = publisherNamed(lead[1]);
  return named && readDateLine(lead[2]) ? named : null;
}

/** The site's banner names its owner ("Official website of the President of Russia"). */
function bannerPublisher(line: string): string | null {
  const m = /^(?:an?\s+|the\s+)?official\s+(?:web\s*)?(?:site|portal)\s+of\s+(?:the\s+)?(.{3,60})$/i.exec(
    line.trim(),
  );
  return m?.[1] ? publisherNamed(m[1]) : null;
}

/**
 * A wire dateline naming its agency, in its many shapes: "MOSCOW (Reuters) -",
 * "ZURICH, Jan 20 (Reuters) -", "LAUSANNE, Switzerland (AP) --", "WASHINGTON. May 12
 * (Interfax) -", "ASTANA. KAZINFORM -".
 */
const AGENCY_DATELINE =
  /^\p{Lu}[\p{Lu} .'/-]{2,30}?(?:[,.]\s*[\p{L}\d .]{2,24}?)?\s*(?:\(([\p{L}][\p{L} .-]{1,30})\)|[.,]\s*(\p{Lu}{3,20}))\s*(?:--|[-–—:])/u;

/** A headline with a site name after or before it ("Kerry meets Lavrov – BBC News"), split in two. */
export function splitSiteName(line: string): { title: string; publisher: string } | null {
  if (line.length > 300) return null;
  // Most lines have no separator at all: a plain test before collecting them.
  if (!/\s[-–—|:]\s/.test(line)) return null;
  // Map lookups at the first and last separator: no long alternation of names per line.
  const seps = [...line.matchAll(/\s+[-–—|:]\s+/g)];
  const last = seps.at(-1);
  if (!last || last.index === undefined) return null;
  const tail = line.slice(last.index + last[0].length);
  const tailName = tail.length <= 40 ? publisherNamed(tail) : null;
  if (tailName) return checked(line.slice(0, last.index), tailName);
  const first = seps[0]!;
  if (first.index === undefined || first[0].includes(':')) return null;
  const head = line.slice(0, first.index);
  const headName = head.length <= 40 ? publisherNamed(head) : null;
  return headName ? checked(line.slice(first.index + first[0].length), headName) : null;
}

/**
 * The headline without a site name we do not know after a dash ("Kerry meets Lavrov – Example
 * Daily"): the tail is a domain ("example.com"), or a few capitalised words that the page
 * prints again on a line of their own or in its chrome (menu, copyright). Null: no such tail.
 */
function unknownSiteSuffix(title: string, lines: ClassifiedLine[], titleIdx: number): string | null {
  const m = /^(.{20,}?)\s+[-–—]\s+([^-–—|:]{2,40})$/.exec(title);
  if (!m?.[1] || !m[2]) return null;
  const head = m[1].trim();
  const tail = m[2].trim();
  if (whitespaceSplitCount(head) < 3) return null;
  if (/^[\w-]+(?:\.[a-z]{2,})+$/i.test(tail)) return head;
  const words = tail.split(/\s+/);
  if (words.length > 4 || !words.every((w) => /^[\p{Lu}\d]/u.test(w))) return null;
  const key = tail.toLowerCase();
  const elsewhere = lines.some(
    (l, i) =>
      i !== titleIdx &&
      (l.text.toLowerCase() === key ||
        (l.chrome !== null && !l.caption && l.text.toLowerCase().includes(key))),
  );
  return elsewhere ? head : null;
}

/** What is left must still be a headline, not a lone word ("World – BBC News"). */
function checked(rest: string, publisher: string): { title: string; publisher: string } | null {
  const title = rest.trim();
  return whitespaceSplitCount(title) >= 3 ? { title, publisher } : null;
}

/**
 * Looser dateline shapes of translated and regional wires, checked against the list of
 * outlets: "Moscow. 12 February. INTERFAX -", "MOSCOW, February 12 /RIA Novosti/",
 * "Doha, December 30 (QNA) -", "MOSCOW, Feb 12 - RIA Novosti.".
 */
const LOOSE_DATELINE =
  /^\p{Lu}[\p{L} .'-]{2,30}?[,.]\s*(?:[\p{L}\d .,]{2,30}?\s*)?(?:\(([^)]{2,30})\)|\/\s*([^/]{2,30}?)\s*\/|[.,]?\s*(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+){0,2})\s*(?:--|[-–—:])|(?:--|[-–—])\s*(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+){0,2})[.:])/u;

const AGENCY_AFTER_DASH =
  /^\p{Lu}[\p{L} .'-]{2,30}?[,.][^–—-]{0,30}?(?:--|[-–—])\s*(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+){0,2})[.:]/u;
const AGENCY_IN_BRACKETS = /^\(([^)]{2,30})\)\s*(?:--|[-–—:~])/;
/** "Baku. 7 April. NAME/": the outlet's name closed by a slash after the date. */
const AGENCY_BEFORE_SLASH = /^\p{Lu}[\p{L} .'-]{2,30}?[,.][^/]{0,30}?[.,]\s*(\p{Lu}[\p{L}.-]{1,25})\s*\//u;

/** The agency of a wire dateline in one of the given (first) paragraphs, or null. */
function agencyFromDateline(paragraphs: string[]): string | null {
  for (const p of paragraphs) {
    const m = AGENCY_DATELINE.exec(p);
    const name = m?.[1] ?? m?.[2];
    if (name) {
      const found = publisherNamed(name) ?? datelineAgency(p);
      if (found) return found;
    }
    const head = p.slice(0, 100);
    const loose = LOOSE_DATELINE.exec(head);
    const looseName = loose?.[1] ?? loose?.[2] ?? loose?.[3] ?? loose?.[4];
    if (looseName) {
      const found = publisherNamed(looseName);
      if (found) return found;
    }
    // The outlet after the dash ("MOSCOW, 12 APR — RIA Novosti.") or alone in brackets
    // before it ("(VOVworld) – The US…"), where the looser shape took the month for a name.
    const after =
      AGENCY_AFTER_DASH.exec(head) ?? AGENCY_IN_BRACKETS.exec(head) ?? AGENCY_BEFORE_SLASH.exec(head);
    const afterName = after?.[1] ? publisherNamed(after[1]) : null;
    if (afterName) return afterName;
  }
  return null;
}

/** Outlets other than agencies: agencies are quoted by everyone ("told AFP"), so they never speak of themselves here. */
const OUTLET_ALT = PUBLISHERS.filter((p) => !p.agency)
  .flatMap((p) => [p.name, ...(p.aliases ?? [])])
  .filter((n) => n.length >= 3)
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

const SELF_REFERENCE_CUE =
  /['’]s\s+(?:\p{Ll}+\s+)?\p{Lu}\p{L}+\s+\p{Lu}\p{L}+,?\s+(?:reporting|who is|in)\b|\b(?:interview with|speaking to|told)\s/u;

const SELF_REFERENCE = new RegExp(
  `(?:(?<name1>${OUTLET_ALT})['’]s\\s+(?:\\p{Ll}+\\s+)?\\p{Lu}\\p{L}+\\s+\\p{Lu}\\p{L}+,?\\s+(?:reporting|who is|in)\\b|(?:in an interview with|speaking to|told)\\s+(?:the\\s+)?(?<name2>${OUTLET_ALT})(?![\\p{L}]))`,
  'u',
);

/**
 * The outlet speaking of itself in its prose: "Al Jazeera's Jonah Hull, reporting from
 * Geneva", "in an interview with VOA Persian", "told Al Jazeera". A last resort: a wire
 * story may also quote another outlet.
 */
function selfReferencePublisher(paragraphs: string[]): string | null {
  for (const p of paragraphs.slice(0, 30)) {
    // The cheap test first: the long alternation of outlet names runs only where it can match.
    if (!SELF_REFERENCE_CUE.test(p)) continue;
    const m = SELF_REFERENCE.exec(p);
    const name = m?.groups?.name1 ?? m?.groups?.name2;
    if (name) return publisherByName(name)?.name ?? null;
  }
  return null;
}

/**
 * A numeric date that only one reading makes valid ("07.26.16" is July 26, since no month is
 * 26), or ISO order. Ambiguous ones ("05.06.16") are left alone.
 */
function unambiguousNumericDate(line: string): string | null {
  const m = /(?<![\d./])(\d{1,4})[./](\d{1,2})[./](\d{2,4})(?![\d./])/.exec(line);
  if (!m) return null;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[1]!.length === 4) return ymd(a, b, c);
  const year = m[3]!.length === 2 ? 2000 + c : c;
  if (a > 12 && b <= 12) return ymd(year, b, a);
  if (b > 12 && a <= 12) return ymd(year, a, b);
  return null;
}

/** Persian and Arabic-Indic digits as ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) =>
    String(((d.charCodeAt(0) - 0x0660) % 0x90) % 16),
  );
}

/** A Solar Hijri (Persian calendar) date as YYYY-MM-DD in the Gregorian calendar. */
export function jalaliToGregorian(jy: number, jm: number, jd: number): string | null {
  if (jm < 1 || jm > 12 || jd < 1 || jd > 31) return null;
  // Days since 1 Farvardin 1 (epoch 19 March 622), by the 33-year arithmetic rule.
  const y = jy - 979;
  let days = 365 * y + Math.floor(y / 33) * 8 + Math.floor(((y % 33) + 3) / 4);
  days += jm <= 7 ? (jm - 1) * 31 : 6 * 31 + (jm - 7) * 30;
  days += jd - 1;
  // Day 0 of that count is 20 March 1600 (1 Farvardin 979).
  const date = new Date(Date.UTC(1600, 2, 20) + days * 86_400_000);
  return ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const MONTH_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

/**
 * A date line as pages print it, beyond {@link parseDateLine}: lower-case months and slashes
 * ("06 august / 2017"), a date glued before the lede ("Nov 04, 2015 More than a dozen…"), a
 * labelled numeric date ("Published: 07.26.16, 12:59"). A day number glued to other digits
 * ("GMT +330 March 2017") is unreadable and gives nothing.
 */
export function readDateLine(raw: string): string | null {
  if (raw.length > 400) return null;
  const line = /[\u06f0-\u06f9\u0660-\u0669]/.test(raw) ? asciiDigits(raw) : raw;
  // Every form below has a digit; most lines of a page are prose without one.
  if (!/\d/.test(line)) return null;
  // The signature of an embedded tweet ("— Jane Roe (@janeroe) May 11, 2016") dates the tweet.
  if (TWEET_SIGNATURE.test(line)) return null;
  // A Persian-calendar date ("1395/10/27"): years 1350–1450 are Solar Hijri, not Gregorian.
  const hijri = /(?<!\d)(1[34]\d{2})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/.exec(line);
  if (hijri && line.length <= 120)
    return jalaliToGregorian(Number(hijri[1]), Number(hijri[2]), Number(hijri[3]));
  if (
    /\d{3,}\s+\p{L}/u.test(line) &&
    /\d{3,}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(line)
  )
    return null;
  // A scraper's bare label before an ISO date ("date 2017-06-28 …"), the lede or a credit after it.
  const labelled = LABELLED_ISO.exec(line);
  if (labelled) return ymd(Number(labelled[1]), Number(labelled[2]), Number(labelled[3]));
  const iso =
    /^(\d{4})[-/.](\d{2})[-/.](\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      line.trim(),
    );
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const direct = line.length <= 120 ? parseDateLine(line) : null;
  if (direct) return direct;
  const cleaned = (line.length > 120 ? '' : line)
    .replace(/\s*[/|]\s*/g, ' ')
    .replace(/\p{L}+/gu, (w) =>
      MONTH_WORD.test(w) ? w.charAt(0).toUpperCase() + w.slice(1).toLowerCase() : w,
    );
  if (cleaned && cleaned !== line && /\b(?:19|20)\d{2}\b/.test(line)) {
    const d = parseDateLine(cleaned);
    if (d) return d;
  }
  const lead = GLUED_DATE.exec(line);
  if (lead) {
    const d = parseDateLine(lead[0]);
    if (d) return d;
  }
  // A short labelled line with a numeric date: the label may be in any language.
  const words = whitespaceSplitCount(line);
  if (words <= 8 && /^[^\d]{0,40}[:\s]\s*\d/u.test(line) && !/\d\s*[-–]\s*\d/.test(line)) {
    return unambiguousNumericDate(line);
  }
  return null;
}

/** "date 2017-06-28", "Date: 2017-06-28" opening a line, whatever follows. */
const LABELLED_ISO = /^(?:date|published|posted|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})(?![\d-])/i;

/** A full date at the start of a line, followed by a capitalised word: a date line glued to the lede. */
const GLUED_DATE =
  /^(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)\w*,?\s+)?(?:\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}{3,9}\.?,?\s+\d{4})(?=\s+\p{Lu}\p{Ll})/u;

type DateOf = (line: string) => string | null;

/** A line that closes the header: a date line, a byline, a name line, or a read time. */
function isHeaderMarker(l: ClassifiedLine, dateOf: DateOf): boolean {
  let known = MARKER.get(l);
  if (known === undefined) {
    known = readsAsHeaderMarker(l, dateOf);
    MARKER.set(l, known);
  }
  return known;
}

/** Verdicts of {@link isHeaderMarker}, per line object of one reading. */
const MARKER = new WeakMap<ClassifiedLine, boolean>();

function readsAsHeaderMarker(l: ClassifiedLine, dateOf: DateOf): boolean {
  // Header lines are short: a paragraph of prose is none of these.
  if (l.text.length > 120) return false;
  if (dateOf(l.text)) return true;
  if (BYLINE.test(l.text) && l.text.length <= 100) return true;
  if (READ_TIME.test(l.text)) return true;
  if (l.text.length > 80) return false;
  const nameOnly = l.text.replace(ROLE_SUFFIX, '').trim();
  return NAME_LINE.test(nameOnly) && whitespaceSplitCount(nameOnly) <= 4;
}

/** A line that opens with a wire dateline ("GENEVA —", "GENEVA, Sept 10 (Reuters) -"). */
function opensWithDateline(text: string): boolean {
  // Datelines open with an upper-case city: most lines are out after three characters.
  if (!/^[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de .'-]{2}/.test(text)) return false;
  return (
    DATELINE.test(text) ||
    AGENCY_DATELINE.test(text) ||
    /^\p{Lu}{3,}[\p{Lu} .'-]*,\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}\s*\(/u.test(text) ||
    // "GENEVA, Sept 10 The United States…": a city in capitals, then the day, then the text.
    /^\p{Lu}{3,}[\p{Lu} .'-]*,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{Ll}{0,6}\.?\s+\d{1,2}\b/u.test(
      text,
    )
  );
}

/** Prose: a long line that reads as a paragraph (or a wire dateline's lede). */
function isProse(l: ClassifiedLine): boolean {
  let known = PROSE.get(l);
  if (known === undefined) {
    const n = whitespaceSplitCount(l.text);
    known = !l.chrome && (n >= 20 || (n >= 12 && /[.!?"”]$/.test(l.text)) || opensWithDateline(l.text));
    PROSE.set(l, known);
  }
  return known;
}

/** Verdicts of {@link isProse}: a line is asked about once per headline candidate before it. */
const PROSE = new WeakMap<ClassifiedLine, boolean>();

/** Places of a shared byline: "in Sydney, in London and in New York", "in Geneva and in Vienna". */
const BYLINE_PLACES = /^in\s+\p{Lu}[\p{L}.' ]*(?:,\s*(?:and\s+)?|\s+and\s+)in\s+\p{Lu}/u;

const ENDS_ON_FUNCTION_WORD =
  /\b(?:the|a|an|and|or|but|of|to|in|on|at|by|for|with|from|that|which|who|is|are|was|were|has|have|had|their|its|his|her|our)$/i;

/**
 * A short lower-case line that finishes a headline broken in two ("U.S. evicts Russians for
 * spying, imposes" / "sanctions after election hacks"), not a sentence that runs on.
 */
function isHeadlineContinuation(head: string, rest: string): boolean {
  const words = rest.split(/\s+/).length;
  return (
    words <= 10 &&
    head.split(/\s+/).length + words <= 30 &&
    !/[.!?:;]["”]?$/.test(head) &&
    !BYLINE.test(rest) &&
    // A line broken after "the" or "and" is running prose; a headline breaks between phrases.
    !ENDS_ON_FUNCTION_WORD.test(head) &&
    !ENDS_ON_FUNCTION_WORD.test(rest) &&
    !/[()|]/.test(rest) &&
    !/[.!?,;:]["”]?$/.test(rest) &&
    // A byline's places with its names lost ("in Sydney, in London and in New York").
    !BYLINE_PLACES.test(rest)
  );
}

/**
 * A line that ends a sentence: a full stop, question or exclamation mark, maybe inside a
 * closing quote, but not the dot of an abbreviation ("…deal with U.S.").
 */
function endsAsSentence(text: string): boolean {
  if (!/[.!?]["”’']?$/.test(text) || /(?:^|[\s(])(?:\p{Lu}\.){2,}$/u.test(text)) return false;
  // A short question or exclamation is a headline's way to end ("Is the ceasefire holding?").
  return !(/[?!]["”’']?$/.test(text) && whitespaceSplitCount(text) <= 14);
}

/** Capitals before a colon or dash, then a headline in mixed case ("SITE LATEST ON GENEVA : Opposition …"). */
const KICKER = /^(\p{Lu}[\p{Lu}\d .'&/-]{2,40}?)\s*[:–—-]\s+(?=\p{Lu})(.+)$/u;

/** A short line opening with a kicker in capitals: a headline, not a dateline's lede. */
function isKickedHeadline(text: string): boolean {
  const m = KICKER.exec(text);
  if (!m?.[1] || !m[2]) return false;
  const rest = whitespaceSplitCount(m[2]);
  return (
    whitespaceSplitCount(m[1]) >= 2 &&
    rest >= 3 &&
    rest <= 16 &&
    /\p{Ll}/u.test(m[2]) &&
    !/[.!?,;]["”]?$/.test(m[2])
  );
}

/**
 * The headline without a kicker in capitals before it ("SITE LATEST ON GENEVA : Opposition
 * requests…" → "Opposition requests…"); a mixed-case label ("Astana talks: …") is kept.
 */
export function withoutKicker(title: string): { title: string; kicker: string | null } {
  if (!isKickedHeadline(title)) return { title, kicker: null };
  const m = KICKER.exec(title)!;
  return { title: m[2]!.trim(), kicker: m[1]!.trim() };
}

/** A time of day or time zone in a line: the page's clock or a player's label, never a headline. */
const CLOCK = /(?<![\d:])\d{1,2}:\d{2}\b|\b(?:GMT|UTC)\b/;

/**
 * A line that only names an outlet: its name, its logo ("Example News logo") or a source
 * label ("Source: Example News"). Such a line credits the page; it is never its headline.
 */
function namesOutletOnly(text: string): boolean {
  if (text.length > 60) return false;
  if (/^[[(]?(?:source|sources|via|credit)\s*:/i.test(text)) return true;
  return publisherNamed(text.replace(/\s+logo$/i, '')) !== null;
}

/** A line that could stand between a headline and the body: a standfirst or subhead. */
function isStandfirstShaped(l: ClassifiedLine): boolean {
  const n = whitespaceSplitCount(l.text);
  return !l.chrome && n >= 4 && n <= 60 && !/[,;:]$/.test(l.text);
}

/** "Kerry meets Lavrov | Example Daily": the head when one bar parts a headline from a short site name. */
function siteBar(text: string): string | null {
  const bar = /^(.{20,}?)\s+\|\s+([^|]{2,40})$/.exec(text);
  if (!bar?.[1] || !bar[2]) return null;
  return bar[2].trim().split(/\s+/).length <= 4 && bar[1].split(/\s+/).length >= 4 ? bar[1] : null;
}

/**
 * A teaser card of a list of other stories: a headline, a short section label, the headline
 * again (image text and link). One card may be the page's own headline printed twice; cards
 * in a row are a "trending" list.
 */
function isTeaserCard(lines: ClassifiedLine[], i: number): boolean {
  const a = lines[i];
  const label = lines[i + 1];
  const b = lines[i + 2];
  return (
    a !== undefined &&
    label !== undefined &&
    b !== undefined &&
    a.text.length >= 15 &&
    a.text === b.text &&
    whitespaceSplitCount(label.text) <= 4
  );
}

/** A line opening or closing one of several teaser cards in a row. */
function inTeaserList(lines: ClassifiedLine[], i: number): boolean {
  return [i, i - 2].some(
    (k) => isTeaserCard(lines, k) && (isTeaserCard(lines, k + 3) || isTeaserCard(lines, k - 3)),
  );
}

/**
 * How much a line looks like the page's headline: headline-shaped, and followed by what
 * follows a headline (a date line, a byline, a name line or the lede), or printed twice
 * (page title and article head), or preceded by a date line. 0 = not a candidate.
 */
function headlineScore(
  lines: ClassifiedLine[],
  i: number,
  dateOf: DateOf,
  timesPrinted: (text: string) => number,
): number {
  const l = lines[i]!;
  if (inTeaserList(lines, i)) return 0;
  // A headline with its site's name after a bar looks link-like, but its head is the headline.
  const barred = l.chrome === 'link-like' ? siteBar(l.text) : null;
  if (l.chrome && l.chrome !== 'repeated line' && !barred) return 0;
  const text = barred ?? l.text;
  // A headline starts with a capital, a digit or a quote; a lower-case start is wrapped prose.
  if (text.length > 250 || !/^[\p{Lu}\d"“‘'«]/u.test(text)) return 0;
  const words = whitespaceSplitCount(text);
  if (words < 3 || words > 30 || text.length > 250 || /[,;:]$/.test(text)) return 0;
  if (dateOf(text) || BYLINE.test(text) || namesOutletOnly(text)) return 0;
  // An upper-case line is more often a banner than a headline (but wire headlines can shout).
  const shouting = !/\p{Ll}/u.test(text) && text.replace(/[^\p{L}]/gu, '').length >= 12;
  // A clock or time-zone line ("01:51 GMT +3") is the page's time, and a time in a line
  // ("LIVE VIDEO STARTS AT 1:41:31") labels a player: headlines carry no clock.
  if (CLOCK.test(text)) return 0;
  // A line opening with a wire dateline ("GENEVA, Sept 10 The United States…") is the lede,
  // unless it is as short as a headline and ends like one: then the capitals before the
  // colon or dash are a kicker ("SITE LATEST ON GENEVA : Opposition requests…").
  if (opensWithDateline(text) && !isKickedHeadline(text)) return 0;
  const next: ClassifiedLine[] = [];
  // Look a few lines ahead only: a menu of chrome lines must not make every candidate scan the page.
  for (let j = i + 1; j < Math.min(lines.length, i + 9) && next.length < 3; j++) {
    const n = lines[j]!;
    // Captions and share buttons sit between a headline and its byline: look past them.
    if (n.chrome && n.chrome !== 'repeated line' && !dateOf(n.text)) continue;
    // The places of a byline whose names were lost sit where the byline would.
    if (next.length === 0 && BYLINE_PLACES.test(n.text)) continue;
    if (next.length === 0 && /^\p{Ll}/u.test(n.text)) {
      // Text going on in lower case: a headline wrapped in two, or a sentence wrapped in many.
      if (!isHeadlineContinuation(text, n.text)) return 0;
      continue;
    }
    next.push(n);
  }
  const endsSentence = endsAsSentence(text);
  let score = 1;
  const first = next[0];
  if (first && isHeaderMarker(first, dateOf)) score += 4;
  else if (first && isProse(first)) score += endsSentence ? 1 : 3;
  else if (next[1] && isHeaderMarker(next[1], dateOf) && !isProse(first!)) score += 2;
  else if (next[1] && isProse(next[1]) && first && isStandfirstShaped(first)) score += 2;
  // A sentence with a full stop is a headline only when a date line or byline follows it.
  if (endsSentence && score < 5) return 0;
  const prev = lines.slice(Math.max(0, i - 2), i).filter((p) => !p.chrome);
  if (prev.some((p) => p.text.length <= 120 && dateOf(p.text))) score += 1;
  if (words >= 5) score += 1;
  // Headlines run to some fifteen words; a line of twenty or more is a standfirst or the lede.
  if (words > 20) score -= 2;
  // Two lines run together ("Syria AgreementRemarks With…") are not a clean headline.
  if (/\p{Ll}{2}\p{Lu}\p{Ll}/u.test(text)) score -= 2;
  if (timesPrinted(text) > 1) score += 1;
  if (shouting) score -= 2;
  return score;
}

const DATELINE =
  /^(?<city>[A-Z][A-Z .'-]{2,30}?)(?:,\s*[A-Z][A-Za-z .]{2,20})?\s*(?:\((?<agency>Reuters|AP|AFP|AA|Sputnik|TASS|dpa)\))?\s*[-–—:]\s+(?=\p{Lu})/u;

/**
 * Whether the text is hard-wrapped (a wire item broken every 70 characters): then most
 * lines of some length stop without end punctuation, and line shape says nothing.
 */
function isHardWrapped(lines: ClassifiedLine[]): boolean {
  let long = 0;
  let open = 0;
  for (const l of lines) {
    if (l.chrome || l.text.length < 40) continue;
    long++;
    if (!/[.!?"”:;]$/.test(l.text)) open++;
  }
  return long >= 6 && open / long > 0.5;
}

/** A teaser or caption in the body: short, headline-shaped, between finished paragraphs. */
function isTeaser(text: string, previous: string, lines: ClassifiedLine[], i: number): boolean {
  const words = whitespaceSplitCount(text);
  if (words < 4 || words > 16 || /[.!?"”:;,)]$/.test(text) || !/^\p{Lu}/u.test(text)) return false;
  if (!/[.!?"”:]$/.test(previous)) return false;
  // The next line of text must start a new sentence: else this line is cut-off prose.
  for (let j = i + 1; j < lines.length; j++) {
    const next = lines[j]!;
    if (!next.chrome) return /^[\p{Lu}"“‘']/u.test(next.text);
  }
  return false;
}

/**
 * The date a byline carries after its name: "By Jane Roe | May 4, 2017" or, with no
 * separator, "By The Associated Press February 16, 2017 8:20 am".
 */
function bylineDate(line: string): string | null {
  const parts = line.split(/\s*[|•·]\s*/);
  const afterBar = parseDateLine(parts.slice(1).join(' '));
  if (afterBar) return afterBar;
  // The date starts at its month or day number; the name before it is not part of the date line.
  const start = BYLINE_DATE_START.exec(parts[0] ?? '');
  return start ? parseDateLine((parts[0] ?? '').slice(start.index)) : null;
}

/** Where a date starts inside a byline: a month name and a day, or a day and a month name. */
const BYLINE_DATE_START =
  /\b(?:\d{1,2}\s+)?(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d/;

/**
 * True when the date line at `i` belongs to a list of other posts (a blog sidebar's "Headline /
 * date / Headline / date"): the line above it is a headline-shaped line that is not this
 * page's headline, and a neighbouring date line two lines away has the same shape.
 */
function isListedPostDate(
  lines: ClassifiedLine[],
  i: number,
  title: string | null,
  dateOf: DateOf,
  timesPrinted: (text: string) => number,
): boolean {
  const listed = (k: number) => {
    const above = lines[k - 1]?.text;
    return (
      above !== undefined &&
      k < lines.length &&
      dateOf(lines[k]!.text) !== null &&
      isHeadlineLike(above) &&
      !dateOf(above) &&
      !BYLINE.test(above) &&
      // The page's own headline (the title, or a line printed twice as page title and head) is no list entry.
      above !== title &&
      timesPrinted(above) < 2
    );
  };
  return listed(i) && (listed(i - 2) || listed(i + 2));
}

/** Reads the article's layout from its text. `knownTitle` comes from HTML/JSON metadata. */
export function readLayout(lines: string[], knownTitle: string | null): Layout {
  // A first pass finds a byline so the classifier can cut the author's bio at the end.
  const bylineLine = lines.slice(0, 30).find((l) => BYLINE.test(l));
  // "By The Associated Press" names the outlet, not an author.
  const bylineAuthor = bylineLine && !bylinePublisher(bylineLine) ? cleanAuthor(bylineLine) : null;
  const classified = classifyLines(lines, bylineAuthor);
  // Date lines are asked about many times (headline scoring, header zone): read each once.
  const dates = new Map<string, string | null>();
  const dateOf: DateOf = (line) => {
    let d = dates.get(line);
    if (d === undefined) {
      d = readDateLine(line);
      dates.set(line, d);
    }
    return d;
  };
  // How often a line is printed on the page (a headline often twice): counted once, on demand.
  let printed: Map<string, number> | null = null;
  const timesPrinted = (text: string): number => {
    if (!printed) {
      printed = new Map();
      for (const l of classified) {
        const k = (splitSiteName(l.text)?.title ?? l.text).toLowerCase();
        printed.set(k, (printed.get(k) ?? 0) + 1);
      }
    }
    return printed.get((splitSiteName(text)?.title ?? text).toLowerCase()) ?? 0;
  };
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  let title = knownTitle;
  let titleIdx = -1;
  /** The line holding the second half of a headline broken in two, or -1. */
  let titleTail = -1;
  if (title) {
    const t = norm(title);
    titleIdx = classified.findIndex((l, i) => i < 40 && norm(l.text) === t);
  } else {
    // The best-scoring headline-shaped line among the first lines; ties go to the earlier.
    let best = 0;
    const limit = Math.min(classified.length, 40);
    for (let i = 0; i < limit; i++) {
      const score = headlineScore(classified, i, dateOf, timesPrinted);
      if (score > best) {
        best = score;
        titleIdx = i;
      }
      // The headline comes before the body: stop at the first paragraph of prose.
      if (isProse(classified[i]!)) break;
    }
    // Two stacked headline-shaped lines are headline and standfirst: the first is the headline.
    // Not when the chosen line is printed twice (page title and head) and the one above is
    // not: that line is the standfirst between the two copies.
    const printedTwice = (k: number) => timesPrinted(siteBar(classified[k]!.text) ?? classified[k]!.text) > 1;
    if (best >= 3 && titleIdx > 0 && !(printedTwice(titleIdx) && !printedTwice(titleIdx - 1))) {
      const prev = classified[titleIdx - 1]!;
      const words = whitespaceSplitCount(prev.text);
      if (
        !prev.chrome &&
        words >= 5 &&
        isHeadlineLike(prev.text) &&
        !/[/|]/.test(prev.text) &&
        headlineScore(classified, titleIdx - 1, dateOf, timesPrinted) > 0 &&
        !isHeaderMarker(prev, dateOf)
      ) {
        titleIdx--;
      }
    }
    // With nothing after it that a headline has, take the old reading: the first
    // headline-shaped line of five words or more (section names and menus are shorter).
    if (best < 3) {
      // A headline comes before the body: past the first paragraph of prose there is none.
      const firstProse = classified.findIndex((l) => isProse(l));
      const headline = (l: ClassifiedLine, i: number, minWords: number) =>
        i < 20 &&
        (firstProse < 0 || i < firstProse) &&
        !l.chrome &&
        isHeadlineLike(l.text) &&
        l.text.split(' ').length >= minWords &&
        /^[\p{Lu}\d"“‘'«]/u.test(l.text) &&
        !dateOf(l.text) &&
        !BYLINE.test(l.text) &&
        !namesOutletOnly(l.text) &&
        // With nothing after it that a headline has, a line in capitals is a banner.
        /\p{Ll}/u.test(l.text) &&
        !opensWithDateline(l.text) &&
        !CLOCK.test(l.text) &&
        !inTeaserList(classified, i) &&
        !runsOnAsProse(i);
      // A line whose text goes on in lower case on the next line is wrapped prose (with no
      // date line or byline after it, a headline broken in two cannot be told from it).
      const runsOnAsProse = (i: number) => {
        const k = classified.findIndex((l, j) => j > i && !l.chrome);
        const rest = k >= 0 ? classified[k]!.text : '';
        return /^\p{Ll}/u.test(rest);
      };
      titleIdx = classified.findIndex((l, i) => headline(l, i, 5));
      if (titleIdx < 0) titleIdx = classified.findIndex((l, i) => headline(l, i, 3));
    }
    if (titleIdx >= 0) {
      title = classified[titleIdx]!.text;
      // A headline broken in two: its lower-case second half is part of it.
      const k = classified.findIndex((l, j) => j > titleIdx && !l.chrome);
      const rest = k >= 0 && k <= titleIdx + 3 ? classified[k]!.text : '';
      if (best >= 3 && rest && /^\p{Ll}/u.test(rest) && isHeadlineContinuation(title, rest)) {
        title = `${title} ${rest}`;
        titleTail = k;
      }
    }
  }
  // A site name after the headline (" – BBC News") is the publisher, not part of the title.
  let titleSite: string | null = null;
  if (title && !knownTitle) {
    // A kicker in capitals is no part of the headline; when it opens with an outlet's name,
    // that names the publisher ("SITE LATEST ON GENEVA : …").
    const { title: bare, kicker } = withoutKicker(title);
    title = bare;
    const kickerWord = kicker?.split(/\s+/)[0];
    if (kicker) titleSite = publisherNamed(kicker) ?? (kickerWord ? publisherNamed(kickerWord) : null);
  }
  if (title) {
    const split = splitSiteName(title);
    if (split) {
      title = split.title;
      titleSite = titleSite ?? split.publisher;
    } else {
      // A site we do not know, after a bar ("Kerry meets Lavrov | Example Daily"): not the headline.
      title = siteBar(title) ?? unknownSiteSuffix(title, classified, titleIdx) ?? title;
    }
  }
  // No headline line: the title is made from the first sentence and the text stays body.
  const titleSource = title ? 'headline' : 'lede';
  if (!title) {
    // The lede's first line: not a date line, a byline or a label, which would lend the title's
    // weight to a date or a name that is no part of the story.
    const first =
      classified.find(
        (l, i) =>
          !l.chrome &&
          !inTeaserList(classified, i) &&
          l.text.split(/\s+/).length >= 5 &&
          !dateOf(l.text) &&
          !BYLINE.test(l.text) &&
          !CLOCK.test(l.text) &&
          /\p{Ll}/u.test(l.text),
      )?.text ??
      classified.find((l) => !l.chrome)?.text ??
      '';
    const sentence = first.split(/(?<=[.!?])\s/)[0] ?? first;
    title = sentence.length > 200 ? `${sentence.slice(0, 190).replace(/\s+\S*$/, '')}…` : sentence || null;
  }

  let author = bylineAuthor;
  let publishedInText: string | null = null;
  let publishedLine: string | null = null;
  let standfirst: string | null = null;
  const meta = new Set<number>();
  /** Lines that open with the date line and go on with the lede: the lede's text. */
  const gluedLede = new Map<number, string>();
  if (titleIdx >= 0) meta.add(titleIdx);
  if (titleTail >= 0) meta.add(titleTail);

  // Header zone: the lines up to the first real paragraph after the title.
  const start = Math.max(0, titleIdx);
  // A date line may sit just above the headline ("14:35, 14 January 2017" / headline).
  const headerDateLines: HeaderDateLine[] = [];
  for (let i = Math.max(0, start - 4); i < Math.min(classified.length, start + 15); i++) {
    const l = classified[i]!;
    const date = dateOf(l.text);
    // A date under another post's headline in a list of links dates that post, not this page.
    if (date && isListedPostDate(classified, i, title, dateOf, timesPrinted)) continue;
    if (date && i !== titleIdx) {
      headerDateLines.push({ date, line: l.text, previous: i > 0 ? classified[i - 1]!.text : null });
    }
    if (date && !publishedInText) {
      publishedInText = date;
      publishedLine = l.text;
      // A date glued before the lede ("Nov 04, 2015 More than a dozen…"): the rest is body.
      const glued = GLUED_DATE.exec(l.text) ?? LABELLED_ISO.exec(l.text);
      if (glued && l.text.split(/\s+/).length > 14) gluedLede.set(i, l.text.slice(glued[0].length).trim());
      else meta.add(i);
      // A name line just above a date line is the byline ("Adam Withnall" / "Tuesday 15 December 2015").
      for (let j = i - 1; j > titleIdx && j >= i - 2 && j >= 0; j--) {
        const prev = classified[j]!;
        const nameOnly = prev.text.replace(ROLE_SUFFIX, '').trim();
        if (!author && NAME_LINE.test(nameOnly) && whitespaceSplitCount(nameOnly) <= 4) {
          author = cleanAuthor(nameOnly);
          meta.add(j);
          break;
        }
      }
      continue;
    }
    if (BYLINE.test(l.text) && l.text.length <= 100) {
      if (!bylinePublisher(l.text)) author = author ?? cleanAuthor(l.text);
      meta.add(i);
      const inlineDate = bylineDate(l.text);
      if (inlineDate && !publishedInText) {
        publishedInText = inlineDate;
        publishedLine = l.text;
      }
      continue;
    }
    if (READ_TIME.test(l.text) || (i > titleIdx && BYLINE_PLACES.test(l.text))) meta.add(i);
  }
  // A lone name right under the headline (past captions) is the byline ("Jane Roe").
  if (!author && titleIdx >= 0) {
    const j = classified.findIndex((l, k) => k > titleIdx && !l.chrome);
    const cand = j >= 0 && j <= titleIdx + 6 ? classified[j]! : null;
    const nameOnly = cand?.text.replace(ROLE_SUFFIX, '').trim() ?? '';
    if (
      cand &&
      !meta.has(j) &&
      NAME_LINE.test(nameOnly) &&
      whitespaceSplitCount(nameOnly) <= 4 &&
      !publisherNamed(nameOnly)
    ) {
      author = cleanAuthor(nameOnly);
      if (author) meta.add(j);
    }
  }
  // Date lines labelled "Published" later in the page still date it.
  if (!publishedInText) {
    for (const l of classified.slice(0, 80)) {
      if (/\b(?:published|posted)\b/i.test(l.text) && l.text.length <= 120) {
        const d = dateOf(l.text);
        if (d) {
          publishedInText = d;
          publishedLine = l.text;
          break;
        }
      }
    }
  }

  // A short labelled numeric date anywhere near ("פרסום ראשון: 07.26.16, 12:59"): the
  // label may be in any language, the number reads only one way.
  if (!publishedInText) {
    for (const l of classified.slice(0, 80)) {
      if (l.text.length <= 60 && /^[^\d]{1,40}:\s*\d/u.test(l.text)) {
        const d = unambiguousNumericDate(l.text);
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
    const words = whitespaceSplitCount(cand.text);
    const nextBody = classified.findIndex((l, i) => i > after && !l.chrome && !meta.has(i));
    const metaBetween = [...meta].some((m) => m > after && (nextBody < 0 || m < nextBody));
    const chromeBetween = classified
      .slice(after + 1, nextBody < 0 ? undefined : nextBody)
      .some((l) => l.chrome);
    // A wire dateline opens the body: it is never a standfirst, even when hard-wrapped.
    // With no text after it, the line is the body itself (a video page's one paragraph).
    if (
      nextBody >= 0 &&
      words <= 60 &&
      !opensWithDateline(cand.text) &&
      // The headline's URL slug glued before a line marks the lede, not a standfirst.
      !withoutSlug(cand.text, title) &&
      (!/[.!?"”]$/.test(cand.text) || metaBetween || chromeBetween)
    ) {
      standfirst = cand.text;
      meta.add(after);
    }
  }

  const paragraphs: string[] = [];
  const captions: string[] = [];
  const hardWrapped = isHardWrapped(classified);
  /** The last paragraph of hard-wrapped text stopped mid-sentence. */
  let open = false;
  classified.forEach((line, i) => {
    // An embedded tweet's signature dates its text on the line above: read as one caption.
    const above = classified[i - 1];
    if (line.caption && above?.caption && TWEET_SIGNATURE.test(line.text)) {
      captions.pop();
      captions.push(`${above.text} ${line.text}`);
    } else if (line.caption) captions.push(line.text);
    if (line.chrome || meta.has(i) || i < titleIdx) return;
    const glued = gluedLede.get(i) ?? withoutSlug(line.text, title);
    const l = glued ? { ...line, text: glued } : line;
    // Hard-wrapped text: a line goes on from the last one until a sentence ends, so a
    // sentence broken over lines ("Secretary of State John Kerry" / "said.") is read whole.
    if (hardWrapped && open) {
      paragraphs[paragraphs.length - 1] += ` ${l.text}`;
      open = !/[.!?"”:;)]$/.test(l.text);
      return;
    }
    // Crossheads ("Low hopes") are structure, not text; a hard-wrapped line whose sentence
    // goes on in lower case on the next line is not one.
    if (whitespaceSplitCount(l.text) < 6 && !/[.!?"”]$/.test(l.text)) {
      if (!hardWrapped || !/^\p{Ll}/u.test(classified[i + 1]?.text ?? '')) return;
    }
    // A headline-shaped line between two paragraphs is a teaser link or an uncredited
    // caption ("Nothing to celebrate this New Year in Aleppo"), unless lines are hard-wrapped.
    if (!hardWrapped && paragraphs.length > 0 && isTeaser(l.text, paragraphs.at(-1)!, classified, i)) return;
    paragraphs.push(l.text);
    open = hardWrapped && !/[.!?"”:;)]$/.test(l.text);
  });

  // Hard-wrapped text with no headline: its first line is a piece of a sentence; the title
  // made from the lede is the whole first sentence of the joined paragraph.
  if (titleSource === 'lede' && hardWrapped && paragraphs[0]) {
    const sentence = paragraphs[0].split(/(?<=[.!?])\s/)[0] ?? paragraphs[0];
    title = sentence.length > 200 ? `${sentence.slice(0, 190).replace(/\s+\S*$/, '')}…` : sentence;
  }
  let dateline: string | null = null;
  const first = paragraphs[0];
  // The body's first line too: a hard-wrapped dateline ("HONOLULU/WASHINGTON (Reuters) -
  // President") is too short to be kept as a paragraph.
  const firstLine = classified.find((l, i) => i > titleIdx && !l.chrome && !meta.has(i))?.text;
  const agency =
    agencyFromDateline(
      firstLine && firstLine !== first ? [firstLine, ...paragraphs.slice(0, 3)] : paragraphs.slice(0, 3),
    ) ??
    titleSite ??
    firstOf(
      classified.slice(0, 40),
      (l) => bylinePublisher(l.text) ?? sourceLinePublisher(l.text) ?? bylineOutlet(l.text),
    ) ??
    firstOf(classified.slice(0, 40), (l) => bannerPublisher(l.text)) ??
    // A source line at the foot of a long page ("[Source: Xinhua, …]").
    firstOf(classified.slice(40), (l) =>
      /^[[(]?sources?\s*:/i.test(l.text) ? sourceLinePublisher(l.text) : null,
    ) ??
    // A sign-off credit closing a paragraph of the body ("… on Russia. (Washington Post)").
    lastOf(paragraphs, signOffPublisher) ??
    publisherFromChrome(classified) ??
    // A sign-off line that is the outlet's name and nothing else ("BBC News" under a repost).
    // Or the site's logo named in the page's text ("Example News logo").
    firstOf(classified, (l) =>
      l.text.length <= 45 && !l.caption
        ? publisherNamed(l.text.replace(/\s+logo$/i, '').replace(/^[-–—]+\s*/, ''))
        : null,
    ) ??
    selfReferencePublisher(paragraphs);
  // A digest stamps each excerpt with its date in brackets at the end ("… invasion.” (10/05/17)").
  if (!publishedInText) {
    for (const p of paragraphs) {
      const d = closingNumericDate(p);
      if (d) {
        publishedInText = d;
        publishedLine = p.slice(-12).trim();
        break;
      }
    }
  }
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
    } else {
      // "MOSCOW, Russia proposed…": a known city in capitals and a comma, no dash.
      const bare = COMMA_DATELINE.exec(first);
      const city = bare?.[1] ? KNOWN_CITY.get(bare[1].toLowerCase()) : undefined;
      if (bare && city) {
        dateline = city;
        const rest = first.slice(bare[0].length);
        if (!MONTH_DAY.test(rest)) paragraphs[0] = rest;
      }
    }
  }

  return {
    title,
    titleSource,
    standfirst,
    author,
    publishedInText,
    publishedLine,
    headerDateLines,
    paragraphs,
    captions,
    dateline,
    agency,
    chrome: classified.filter((l) => l.chrome),
  };
}

/**
 * The line without the headline's URL slug glued before it ("Kerry-meets-Lavrov. GENEVA, …"
 * → "GENEVA, …"), or null when it does not open with one.
 */
function withoutSlug(text: string, title: string | null): string | null {
  if (!title || text.length <= title.length) return null;
  // Most lines do not even start with the title's first letters: no slug to build.
  if (
    text.charAt(0).toLowerCase() !== title.charAt(0).toLowerCase() ||
    text.charAt(title.indexOf(' ')) !== '-'
  )
    return null;
  const slug = title.trim().split(/\s+/).join('-');
  if (text.slice(0, slug.length).toLowerCase() !== slug.toLowerCase()) return null;
  const rest = text.slice(slug.length).replace(/^[.:]?\s+/, '');
  return rest.length < text.length - slug.length ? rest : null;
}

/** A city in capitals and a comma opening the lede, then a sentence ("MOSCOW, Russia proposed…"). */
const COMMA_DATELINE = /^(\p{Lu}{3,}(?: \p{Lu}{3,})?),\s+(?=\p{Lu}\p{Ll}+\.?\s)/u;

/** A month and day after a dateline's city ("GENEVA, Sept 10 …"): the date stays with the text. */
const MONTH_DAY = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{Ll}*\.?\s+\d/u;

/** Cities of the gazetteer (places and capitals) by lower-case name: only these make a comma dateline. */
const KNOWN_CITY = new Map<string, string>([
  ...COUNTRIES.flatMap((c) => (c.capital ? [[c.capital.toLowerCase(), c.capital] as [string, string]] : [])),
  ...PLACES.map((p) => [p.name.toLowerCase(), p.name] as [string, string]),
]);

/**
 * A numeric date in brackets closing a paragraph after its last sentence ("… invasion.”
 * (10/05/17)"). Slashes put the month first, as English-language pages print them, unless the
 * first number cannot be a month.
 */
export function closingNumericDate(paragraph: string): string | null {
  const m = /[.!?"”’]\s*\((\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\)\s*$/.exec(paragraph.slice(-20));
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return a > 12 ? ymd(year, b, a) : ymd(year, a, b);
}

/** An outlet in brackets closing a paragraph: a repost's credit ("… sanctions on Russia. (Washington Post)"). */
function signOffPublisher(paragraph: string): string | null {
  const tail = paragraph.slice(-60);
  const m = /[.!?"”]\s*(?:\(([^()]{2,40})\)|[-–—]+\s*(\p{Lu}[\p{L} .&-]{1,38}?)\.?)\s*$/u.exec(tail);
  const name = m?.[1] ?? m?.[2];
  return name ? publisherNamed(name) : null;
}

function lastOf<T>(items: T[], f: (item: T) => string | null): string | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const v = f(items[i]!);
    if (v) return v;
  }
  return null;
}

function firstOf<T>(items: T[], f: (item: T) => string | null): string | null {
  for (const item of items) {
    const v = f(item);
    if (v) return v;
  }
  return null;
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
