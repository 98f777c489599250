/**
 * Dates: the publication date from date lines, URLs and metadata, and the event's date from
 * what the text says ("met on Saturday", "January 27", "last week") resolved against the
 * publication date. With no basis the event date is null: never invented.
 */
import * as chrono from 'chrono-node';
import type { DateSource } from '../event.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_RE =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Month number (1–12) from a month name or abbreviation. */
function monthNumber(name: string): number {
  const key = name.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A plausible calendar date as YYYY-MM-DD, or null. */
export function ymd(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2035 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function toUtc(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`);
}

function addDays(iso: string, days: number): string {
  const d = toUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Normalizes a metadata date (ISO, RFC 2822, "2016-09-09T10:00Z", free text) to YYYY-MM-DD. */
export function normalizeDateValue(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})(?:\D|$)/.exec(v);
  if (compact) return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return parseDateLine(v, true);
}

/** The date in a URL path: `/2016/09/09/`, `/2016-09-09/`, or `20150212-` in a slug. */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL: use it as it is.
  }
  const slashed = /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?:\/|$|[-_])/.exec(path);
  if (slashed) return ymd(Number(slashed[1]), Number(slashed[2]), Number(slashed[3]));
  const dashed = /(?:^|[/_-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_.-]|$)/.exec(path);
  if (dashed) return ymd(Number(dashed[1]), Number(dashed[2]), Number(dashed[3]));
  const compact = /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?:[-_/.]|$)/.exec(path);
  if (compact) return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return null;
}

const DATE_LINE_HINT = /\b(?:19|20)\d{2}\b/;
const DATE_LINE_SHAPE = new RegExp(
  `${MONTH_RE}\\s+\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[/.]\\d{1,2}[/.]\\d{4}\\b`,
  'i',
);
const DATE_LINE_LABEL =
  /^(?:published|posted|updated|last updated|first published|date|dated|on)\b[\s:]*|\bpublished\b/i;

/** True when, beside its date, a line has at most four other words (weekday, time zone and labels aside). */
function fewOtherWords(rest: string): boolean {
  const leftover = rest
    .replace(DATE_LINE_LABEL, ' ')
    .replace(/[^A-Za-z\u00c0-\uffff]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  const noise = leftover.filter(
    (w) =>
      !/^(?:gmt|utc|bst|est|edt|et|pt|pst|cet|cest|msk|am|pm|updated|published|by|on|last|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)$/i.test(
        w,
      ),
  );
  return noise.length <= 4;
}

const FULL_DATE = new RegExp(
  [
    `(?<mdY>${MONTH_RE}\\s+(?<d1>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y1>(?:19|20)\\d{2}))`,
    `(?<dmY>(?<d2>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<m2>${MONTH_RE}),?\\s+(?<y2>(?:19|20)\\d{2}))`,
    `(?<iso>(?<y3>(?:19|20)\\d{2})-(?<m3>\\d{2})-(?<d3>\\d{2}))`,
  ].join('|'),
  'gi',
);

/**
 * Reads a date line ("Tuesday 15 December 2015 13:09 GMT", "15 October, 2016",
 * "Published: Dec. 3, 2016 5:04 p.m. ET") as YYYY-MM-DD. A line is a date line only when
 * the date is most of it, unless `loose` (metadata values).
 */
export function parseDateLine(line: string, loose = false): string | null {
  if (line.length > 120 || !DATE_LINE_HINT.test(line)) return null;
  // A date line is short; a caption or sentence that contains a date is not one.
  if (!loose && line.split(' ').length > 14) return null;
  if (!DATE_LINE_SHAPE.test(line)) return null;
  // Fast path: a full date written out ("15 December 2015", "Dec. 3, 2016", "2016-12-03").
  FULL_DATE.lastIndex = 0;
  const fast = FULL_DATE.exec(line);
  if (fast?.groups) {
    const g = fast.groups;
    const date = g.iso
      ? ymd(Number(g.y3), Number(g.m3), Number(g.d3))
      : g.mdY
        ? ymd(Number(g.y1), monthNumber(g.mdY), Number(g.d1))
        : ymd(Number(g.y2), monthNumber(g.m2 ?? ''), Number(g.d2));
    if (date && (loose || fewOtherWords(line.replace(fast[0], ' ')))) return date;
    if (date) return null;
  }
  const results = chrono.en.GB.parse(line.replace(/\bat\b/g, ' '), {
    instant: new Date(Date.UTC(2000, 0, 1)),
  });
  const first = results[0];
  if (!first?.start.isCertain('year') || !first.start.isCertain('month') || !first.start.isCertain('day')) {
    return null;
  }
  if (!loose && !fewOtherWords(line.replace(first.text, ' '))) return null;
  return ymd(first.start.get('year') ?? 0, first.start.get('month') ?? 0, first.start.get('day') ?? 0);
}

/** True when the line is a date line (see {@link parseDateLine}). */
export function isDateLine(line: string): boolean {
  return parseDateLine(line) !== null;
}

/** An event date with where it came from. */
export interface EventDate {
  date: string | null;
  dateSource: DateSource;
  /** The sentence the date was read from. */
  evidence: string | null;
}

/** The reference the text's relative dates are resolved against. */
export interface DateReference {
  /** YYYY-MM-DD publication date, or null. */
  published: string | null;
  publishedSource: DateSource;
  /** YYYY-MM-DD upload date (only lends a missing year), or null. */
  uploaded: string | null;
}

const EXPR = new RegExp(
  [
    `(?<mdY>${MONTH_RE}\\s+(?<d1>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y1>(?:19|20)\\d{2}))`,
    `(?<dmY>(?<d2>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<m2>${MONTH_RE}),?\\s+(?<y2>(?:19|20)\\d{2}))`,
    `(?<iso>(?<y3>(?:19|20)\\d{2})-(?<m3>\\d{2})-(?<d3>\\d{2}))`,
    `(?<md>(?<m4>${MONTH_RE})\\s+(?<d4>\\d{1,2})(?:st|nd|rd|th)?(?![\\d,]*\\s*(?:19|20)\\d{2}))`,
    `(?<dm>(?<d5>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<m5>${MONTH_RE})(?![,\\s]*(?:19|20)\\d{2}))`,
    `(?<wd>(?<wdPrefix>last|this|next|earlier on|late on|early on|on)?\\s*(?<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!'s|’s))`,
    `(?<rel>\\b(?:[Tt]oday|[Tt]onight|[Tt]his (?:morning|afternoon|evening)|[Yy]esterday|[Ll]ast night|a day earlier|the day before|[Ll]ast week|[Ee]arlier this week|[Tt]his week|[Ll]ast month|[Ee]arlier this month)\\b)`,
  ].join('|'),
  'g',
);

const MONTH_WORD_CAPITAL = /^[A-Z]/;
const BLOCKED_BEFORE =
  /\b(?:since|until|till|began|begun|begins?|took effect|takes? effect|c[oa]mes? into (?:force|effect)|started|starting|expired?|expires|brokered|broken|collapsed|violated|deadline|born|founded|died|killed)\b[^.;]{0,30}$/i;
const FUTURE_BEFORE =
  /\b(?:will|would|shall|to be held|to take place|to start|to begin|to resume|to meet|is due|are due|due to|is set|are set|set for|scheduled|planned|plans? to|upcoming|ahead of|hopes? to|expected to|intends? to|going to)\b[^.;,]{0,50}$/i;
/** Speech between a future word and the date ends the future clause ("will ..., he said on Monday"). */
const SPEECH = /\b(?:said|says|told|announced|stated|added)\b/i;
/** "Monday's meeting will ...": a date followed by a future verb. */
const FUTURE_AT =
  /^[^\s.;,]+(?:\s+\d{1,2})?(?:'s|’s)?\s+(?:\w+\s+){0,3}(?:will|would|is due|is set|is scheduled|is expected)\b/i;
/** A possibility, not a report: "strikes could begin Wednesday" (case-sensitive: "May" is a month). */
const MODAL_BEFORE = /\b(?:could|might|may)\s+(?:[a-z]+\s+){0,3}$/;
/** A start date: "from February 15", "starting Monday", "as of midnight Friday". */
const START_BEFORE =
  /\b(?:from|starting|beginning|as of|effective|until|till|by)\s+(?:midnight\s+|noon\s+)?(?:on\s+)?$/i;

/** One date expression found in a sentence, resolved or not. */
interface Found {
  date: string | null;
  /** True when the year was lent by the upload date. */
  yearFromUpload: boolean;
  resolvedAgainstPublished: boolean;
}

/**
 * The year of a month-day, from a reference date: the most recent occurrence on or before it
 * (a day's slack for time zones), since news reports past events. An occurrence up to two
 * months ahead is a planned event's date ("invited them to Moscow on January 27"): `future`.
 */
function closestYear(month: number, day: number, ref: string): string | 'future' | null {
  const refYear = Number(ref.slice(0, 4));
  const refTime = toUtc(ref).getTime();
  const distOf = (d: string | null) => (d ? (toUtc(d).getTime() - refTime) / 86_400_000 : -1);
  const thisYear = distOf(ymd(refYear, month, day));
  const aheadDist = thisYear > 1 ? thisYear : distOf(ymd(refYear + 1, month, day));
  for (const y of [refYear, refYear - 1]) {
    const d = ymd(y, month, day);
    if (!d) continue;
    if (distOf(d) <= 1) return aheadDist > 1 && aheadDist <= 60 ? 'future' : d;
  }
  return null;
}

function resolveMatch(
  g: Record<string, string | undefined>,
  sentence: string,
  index: number,
  ref: DateReference,
): Found | null {
  const before = sentence.slice(Math.max(0, index - 60), index);
  if (BLOCKED_BEFORE.test(before)) return null;
  // A date the sentence puts in the future belongs to a planned event, not to this report's.
  if (START_BEFORE.test(before) || MODAL_BEFORE.test(before)) return null;
  const futureWord = FUTURE_BEFORE.exec(before);
  if (futureWord && !SPEECH.test(before.slice(futureWord.index))) return null;
  if (FUTURE_AT.test(sentence.slice(index, index + 60))) return null;
  if (g.mdY)
    return {
      date: ymd(Number(g.y1), monthNumber(g.mdY), Number(g.d1)),
      yearFromUpload: false,
      resolvedAgainstPublished: false,
    };
  if (g.dmY)
    return {
      date: ymd(Number(g.y2), monthNumber(g.m2 ?? ''), Number(g.d2)),
      yearFromUpload: false,
      resolvedAgainstPublished: false,
    };
  if (g.iso)
    return {
      date: ymd(Number(g.y3), Number(g.m3), Number(g.d3)),
      yearFromUpload: false,
      resolvedAgainstPublished: false,
    };
  if (g.md || g.dm) {
    const monthName = g.m4 ?? g.m5 ?? '';
    // "may" and "march" are also words: a month needs its capital letter.
    if (!MONTH_WORD_CAPITAL.test(monthName)) return null;
    const month = monthNumber(monthName);
    const day = Number(g.d4 ?? g.d5);
    if (day < 1 || day > 31) return null;
    const basis = ref.published ?? ref.uploaded;
    if (basis) {
      const date = closestYear(month, day, basis);
      if (date === 'future') return null;
      return { date, yearFromUpload: !ref.published, resolvedAgainstPublished: !!ref.published };
    }
    return { date: null, yearFromUpload: false, resolvedAgainstPublished: false };
  }
  if (!ref.published) return { date: null, yearFromUpload: false, resolvedAgainstPublished: false };
  const pub = ref.published;
  if (g.wd) {
    const dow = WEEKDAYS.indexOf((g.wday ?? '').toLowerCase());
    const refDow = toUtc(pub).getUTCDay();
    const prefix = (g.wdPrefix ?? '').toLowerCase();
    if (prefix === 'next') return null;
    let back = (refDow - dow + 7) % 7;
    if (prefix === 'last' && back === 0) back = 7;
    return { date: addDays(pub, -back), yearFromUpload: false, resolvedAgainstPublished: true };
  }
  const rel = (g.rel ?? '').toLowerCase();
  if (/today|tonight|this (?:morning|afternoon|evening)/.test(rel))
    return { date: pub, yearFromUpload: false, resolvedAgainstPublished: true };
  if (/yesterday|last night|a day earlier|the day before/.test(rel))
    return { date: addDays(pub, -1), yearFromUpload: false, resolvedAgainstPublished: true };
  if (rel === 'last week')
    return { date: addDays(pub, -7).slice(0, 7), yearFromUpload: false, resolvedAgainstPublished: true };
  if (/this week/.test(rel))
    return { date: pub.slice(0, 7), yearFromUpload: false, resolvedAgainstPublished: true };
  if (rel === 'last month') {
    const d = toUtc(pub);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return { date: d.toISOString().slice(0, 7), yearFromUpload: false, resolvedAgainstPublished: true };
  }
  if (/this month/.test(rel))
    return { date: pub.slice(0, 7), yearFromUpload: false, resolvedAgainstPublished: true };
  return null;
}

/** Words that place the event some unstated time before the report. */
const VAGUE_PAST =
  /\b(?:recently|in recent (?:days|weeks)|earlier this (?:week|month|year)|last (?:week|month)|previously|over the weekend|days? ago|weeks? ago|after (?:two|three|four|five|several|\d+) days of)\b/i;

/**
 * A lede told as the day's news: present perfect ("have met", "has been reached"), present
 * progressive ("is meeting", "are announcing") or a present-tense reporting verb ("says").
 * A lede told in the past simple ("the summit ended with …") reports an event of unstated day,
 * which the date line does not date.
 */
const BREAKING_LEDE =
  /\b(?:(?:is|are)\s+(?:(?:now|also|still)\s+)?(?!\w*thing\b)\p{L}{3,}ing|(?:has|have)\s+(?:(?:now|also|just|finally|not|officially|reportedly)\s+)?(?:been\s+)?(?:\p{L}+ed|\p{L}+en|met|held|made|said|told|won|sent|set|put|found|brought|sought|begun|done|gone|struck|agreed|reached|kept)|says|announces|agrees|meets|holds|signs|urges|warns|tells|calls|vows|rejects|accepts|confirms|denies|welcomes|backs|proposes|offers|invites|insists|hails|reaffirms)\b/iu;

/** True when the lede reads as a breaking report of the day (see {@link BREAKING_LEDE}). */
export function isBreakingLede(lede: string[]): boolean {
  return lede.some((s) => BREAKING_LEDE.test(s));
}

/** A glued date line first ("Nov 04, 2015 More than…"), dropped before the tense is read. */
function withoutLeadingDate(sentence: string): string {
  FULL_DATE.lastIndex = 0;
  const m = FULL_DATE.exec(sentence);
  return m && m.index <= 2 ? sentence.slice(m.index + m[0].length) : sentence;
}

/** A full date glued to the lede, not the event's date. */
function isGluedDateLine(sentence: string, index: number, length: number): boolean {
  return index <= 2 && /^\s*(?:[-|–—:]\s*)?\p{Lu}/u.test(sentence.slice(index + length));
}

/** Cheap test before the full expression regex runs. */
const HAS_DATE_WORD =
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|day\b|\btoday|\btonight|\bthis (?:morning|afternoon|evening)|\blast (?:night|week|month)|\bthis (?:week|month)|\b(?:19|20)\d{2}-\d{2}/i;

/** A photo credit closing a caption that sits in the body ("… on Jan. 16, 2016. (Jane Roe/Reuters)"). */
const CLOSING_PHOTO_CREDIT =
  /\((?:[\p{L} .'-]{2,40}\/\s*)?(?:Reuters|AP(?: Photo)?|AFP|EPA|Getty(?: Images)?|Sputnik|TASS|Anadolu)(?:\s*\/[^)]{2,40})?\)\s*$|\b(?:REUTERS|AFP|EPA)\s*\/\s*\p{Lu}[\p{L} .'-]{2,40}$/u;

/** True for a body paragraph that is a photo caption with its credit (see {@link CLOSING_PHOTO_CREDIT}). */
export function isCreditedCaption(text: string): boolean {
  return text.length <= 600 && CLOSING_PHOTO_CREDIT.test(text);
}

/** A photo credit anywhere in a line: "(UPI Photo/Jane Roe)", "| License Photo", "REUTERS/Jane Roe". */
const PHOTO_CREDIT_IN =
  /\((?:[\p{L}.]+\s+){0,3}Photo\s*\/|\|\s*License Photo\b|\bREUTERS\s*\/|\bAFP(?: PHOTO)?\s*\/|\bGetty Images\b|\bPhoto(?:graph)?:\s/u;
/**
 * A wire caption's ending: a place, then the full date (a weekday may sit between), then at
 * most a photographer's name: "... in St. Petersburg, Russia, August 9, 2016. Sergei Karpukhin".
 * Prose puts "on" before a date; a caption lists place and date like a date line.
 */
const WIRE_CAPTION_END = new RegExp(
  `(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|On|By)\\b)\\p{Lu}[\\p{L}.'-]*,?\\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\\s+)?(?:${MONTH_RE}\\s+\\d{1,2},?|\\d{1,2}\\s+${MONTH_RE})\\s+(?:19|20)\\d{2}\\.?\\s*(?:\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+){0,3})?\\s*\\|?\\s*$`,
  'u',
);

/**
 * True for a sentence that is a photo caption read as prose (a standfirst or lede the layout
 * took from a caption): it carries a photo credit, or ends like a wire caption. Its date is
 * the picture's, which may be of another day or another meeting.
 */
export function isCaptionShaped(sentence: string): boolean {
  if (sentence.length > 600) return false;
  if (PHOTO_CREDIT_IN.test(sentence)) return true;
  return sentence.split(' ').length >= 6 && WIRE_CAPTION_END.test(sentence);
}

/** What a caption shows: an event, not a portrait, an arrival or a file picture. */
const CAPTION_EVENT =
  /\b(?:meet(?:s|ing)?|met|talks|summit|(?:news|press) conference|signs?|signing|signed|announce[sd]?|statement|ceremony|shakes? hands|negotiations|session)\b/i;
const CAPTION_NOT_NOW =
  /\bfile\b|\b(?:will|is due|are due|due to|to be held|is set to|are set to|scheduled|expected to|ahead of)\b/i;
/** What an unresolved expression asked for: the caption's date must agree with it. */
interface Pending {
  weekday?: number;
  month?: number;
  day?: number;
}

/**
 * The date of a photo caption of the event itself, for an expression the text gives but
 * cannot resolve ("on Tuesday" with no date line): a full date in a caption that shows an
 * event (a meeting, a signing, a news conference), not a file picture or a planned one, on
 * that weekday or month-day. A caption alone, with nothing in the text to agree with, is not
 * enough: a story's photo is often of another day of the same talks or of an earlier meeting.
 */
function captionDate(
  captions: string[],
  agrees: (date: string, caption: string) => boolean,
): { date: string; evidence: string } | null {
  for (const caption of captions) {
    if (!CAPTION_EVENT.test(caption) || CAPTION_NOT_NOW.test(caption)) continue;
    FULL_DATE.lastIndex = 0;
    const g = FULL_DATE.exec(caption)?.groups;
    if (!g) continue;
    const date = g.iso
      ? ymd(Number(g.y3), Number(g.m3), Number(g.d3))
      : g.mdY
        ? ymd(Number(g.y1), monthNumber(g.mdY), Number(g.d1))
        : ymd(Number(g.y2), monthNumber(g.m2 ?? ''), Number(g.d2));
    if (date && agrees(date, caption)) return { date, evidence: caption };
  }
  return null;
}

/** Nouns that name an event, so that two sentences naming the same one can be matched. */
const EVENT_NOUN =
  /\b(?:(?:tele)?phone (?:conversation|call|talks)|video ?conference|news conference|press conference|talks|meeting|summit|negotiations|visit|consultations)\b/gi;

/**
 * A full date from a sentence near the lede that names the lede's event again: the lede says
 * "Putin had a telephone conversation with …", a later sentence "On August 22, 2017, … had a
 * telephone conversation". Only a full date with its year counts, and only where the lede's
 * own event noun recurs, so that a date of another event in the same paragraph does not.
 */
function restatedDate(lede: string[], body: string[], ref: DateReference): EventDate | null {
  const nouns = new Set<string>();
  for (const s of lede) for (const m of s.matchAll(EVENT_NOUN)) nouns.add(m[0].toLowerCase());
  if (nouns.size === 0) return null;
  for (const sentence of body.slice(0, 6)) {
    if (lede.includes(sentence) || isCaptionShaped(sentence)) continue;
    const named = [...sentence.matchAll(EVENT_NOUN)].some((m) => nouns.has(m[0].toLowerCase()));
    if (!named) continue;
    FULL_DATE.lastIndex = 0;
    for (let m = FULL_DATE.exec(sentence); m; m = FULL_DATE.exec(sentence)) {
      if (isGluedDateLine(sentence, m.index, m[0].length)) continue;
      const found = resolveMatch(m.groups ?? {}, sentence, m.index, ref);
      if (found?.date) return { date: found.date, dateSource: 'text', evidence: sentence };
    }
  }
  return null;
}

/** The weekday or month-day an unresolved expression asked for, checked against a caption's date. */
function agreesWith(pending: Pending): (date: string) => boolean {
  return (date) =>
    pending.weekday !== undefined
      ? toUtc(date).getUTCDay() === pending.weekday
      : Number(date.slice(5, 7)) === pending.month && Number(date.slice(8, 10)) === pending.day;
}

/** What the event date is read from beside the sentences that describe the event. */
export interface EventDateContext {
  /** The lede's first body sentences, whose tense says whether the date line dates the event. */
  lede?: string[];
  /** Photo captions, which may date the event they show. */
  captions?: string[];
  /**
   * The first body sentences: one that names the lede's event again ("had a telephone
   * conversation") with a full date dates it, as an official readout's "On August 22, 2017, …".
   */
  body?: string[];
  /**
   * YYYY-MM-DD in the path of the source link printed under the lede paragraph of a repost
   * (a readout pasted with its address): the lede's "today" is the source's day, not the
   * repost's. Used only when one to three days before the publication date.
   */
  sourceDate?: string | null;
  /**
   * YYYY-MM-DD of a date line that names a place ("November 11, 2017, Danang", a transcript's
   * "Geneva, Switzerland / September 9, 2016"): the event's own date line.
   */
  placedDate?: string | null;
}

/**
 * The event's date from the sentences that describe it, in priority order. The first
 * sentence with a usable date expression decides; relative ones resolve against the event's
 * own date line when the page has one, else the publication date. When none has one, the
 * event's date line stands in, then the publication date for a lede told as the day's news;
 * else null. An expression that cannot be resolved ("on Tuesday", no date line) is dated
 * only by a caption of the event that agrees with it.
 */
export function resolveEventDate(
  sentences: string[],
  ref: DateReference,
  context: EventDateContext = {},
): EventDate {
  const source = context.sourceDate ?? null;
  const gap =
    source && ref.published ? (toUtc(ref.published).getTime() - toUtc(source).getTime()) / 86_400_000 : 0;
  // A repost's date line is after its source's day; the pasted text speaks from the source's.
  const fromSource = !context.placedDate && gap >= 1 && gap <= 3;
  const placed = context.placedDate ?? (fromSource ? source : null);
  const placedSource: DateSource = fromSource ? 'url' : 'text';
  // A caption read as prose dates nothing on its own: it joins the captions.
  const captions = [...(context.captions ?? [])];
  const prose: string[] = [];
  for (const s of sentences) (HAS_DATE_WORD.test(s) && isCaptionShaped(s) ? captions : prose).push(s);
  sentences = prose;
  const basis: DateReference = placed ? { ...ref, published: placed, publishedSource: placedSource } : ref;
  let pending: Pending | null = null;
  search: for (const sentence of sentences) {
    if (!HAS_DATE_WORD.test(sentence)) continue;
    EXPR.lastIndex = 0;
    for (let m = EXPR.exec(sentence); m; m = EXPR.exec(sentence)) {
      const g = m.groups ?? {};
      if ((g.mdY || g.dmY || g.iso) && isGluedDateLine(sentence, m.index, m[0].length)) continue;
      const found = resolveMatch(g, sentence, m.index, basis);
      if (!found) continue;
      if (!found.date) {
        // Unresolvable ("on Tuesday" with no date line): only a caption that agrees can date it.
        pending = g.wday
          ? { weekday: WEEKDAYS.indexOf(g.wday.toLowerCase()) }
          : g.md || g.dm
            ? { month: monthNumber(g.m4 ?? g.m5 ?? ''), day: Number(g.d4 ?? g.d5) }
            : {};
        break search;
      }
      const dateSource: DateSource = found.yearFromUpload
        ? 'uploaded'
        : found.resolvedAgainstPublished
          ? basis.publishedSource
          : 'text';
      return { date: found.date, dateSource, evidence: sentence };
    }
  }
  const vague = sentences.slice(0, 4).some((s) => VAGUE_PAST.test(s));
  if (!pending) {
    const restated = restatedDate(context.lede ?? [], context.body ?? [], basis);
    if (restated) return restated;
    if (placed && !vague) return { date: placed, dateSource: placedSource, evidence: null };
    // A breaking report takes its date line's day; a past event of unstated day does not.
    const lede = (context.lede ?? sentences).map(withoutLeadingDate);
    if (ref.published && !vague && isBreakingLede(lede))
      return { date: ref.published, dateSource: ref.publishedSource, evidence: null };
  }
  const fromCaption =
    pending && (pending.weekday !== undefined || pending.month)
      ? captionDate(captions, agreesWith(pending))
      : null;
  if (fromCaption) return { date: fromCaption.date, dateSource: 'text', evidence: fromCaption.evidence };
  return { date: null, dateSource: null, evidence: null };
}
