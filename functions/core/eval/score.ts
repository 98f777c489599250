/**
 * Scoring of normalizer output against gold labels in the format of the shared dev set:
 * `{article, title, publisher, author, published, event: {date, type, type_alternatives?,
 * participants, countries, organizations, location, location_alternatives?}}`. Pure: the CLI
 * reads files.
 */
import type { NormalizedArticle } from '../event.js';

/** One gold label. */
export interface GoldLabel {
  article: string;
  title?: string | null;
  publisher?: string | null;
  author?: string | null;
  published?: string | null;
  event: {
    date: string | null;
    type: string;
    /** Other defensible types (a ceasefire deal read as an agreement): accepted by the lenient score. */
    type_alternatives?: string[];
    participants: string[];
    countries: string[];
    organizations: string[];
    location: string | null;
    location_alternatives?: string[];
  };
}

/** Accuracy of a single-valued field. */
export interface Accuracy {
  correct: number;
  n: number;
  accuracy: number;
}

/** Micro-averaged set precision, recall and F1. */
export interface SetScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The whole report. */
export interface EvalReport {
  n: number;
  rejected: number;
  title: Accuracy;
  publisher: Accuracy;
  published: Accuracy;
  /** Only over articles whose gold date is not null. */
  eventDate: Accuracy;
  /** Articles whose gold date is null but a date was given. */
  inventedDates: number;
  /** Strict: the gold's primary type only. */
  type: Accuracy;
  /** Lenient: the primary type or one of `type_alternatives`. */
  typeLenient: Accuracy;
  location: Accuracy;
  participants: SetScore;
  countries: SetScore;
  organizations: SetScore;
  /** Per-article differences, for reading what went wrong. */
  misses: { article: string; field: string; gold: unknown; got: unknown }[];
}

/** Comparison form of a name: case, accents, quotes, dashes and spacing folded. */
export function normName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function acc(): Accuracy {
  return { correct: 0, n: 0, accuracy: 0 };
}

function setScore(): SetScore {
  return { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 };
}

function finishAcc(a: Accuracy): void {
  a.accuracy = a.n === 0 ? 0 : a.correct / a.n;
}

function finishSet(s: SetScore): void {
  s.precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  s.recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  s.f1 = s.precision + s.recall === 0 ? 0 : (2 * s.precision * s.recall) / (s.precision + s.recall);
}

/** Scores predictions (null = the normalizer rejected the article) against gold labels. */
export function scoreAll(items: { gold: GoldLabel; predicted: NormalizedArticle | null }[]): EvalReport {
  const r: EvalReport = {
    n: items.length,
    rejected: 0,
    title: acc(),
    publisher: acc(),
    published: acc(),
    eventDate: acc(),
    inventedDates: 0,
    type: acc(),
    typeLenient: acc(),
    location: acc(),
    participants: setScore(),
    countries: setScore(),
    organizations: setScore(),
    misses: [],
  };
  for (const { gold, predicted } of items) {
    if (!predicted) r.rejected++;
    const miss = (field: string, g: unknown, got: unknown) =>
      r.misses.push({ article: gold.article, field, gold: g, got });
    const single = (
      a: Accuracy,
      field: string,
      g: string | null | undefined,
      got: string | null | undefined,
      alts: string[] = [],
    ) => {
      a.n++;
      const ok = [g ?? null, ...alts].some((x) => normName(x) === normName(got ?? null));
      if (ok) a.correct++;
      else miss(field, g ?? null, got ?? null);
    };
    // A title made from the lede is the normalizer saying "this text has no headline":
    // scored as null, the answer gold gives for such texts.
    const headline = predicted?.article.titleSource === 'lede' ? null : predicted?.article.title;
    single(r.title, 'title', gold.title, headline);
    single(r.publisher, 'publisher', gold.publisher, predicted?.article.publisher);
    single(r.published, 'published', gold.published, predicted?.article.published);
    const gotDate = predicted?.reading.date ?? null;
    if (gold.event.date !== null) single(r.eventDate, 'event.date', gold.event.date, gotDate);
    else if (gotDate !== null) {
      r.inventedDates++;
      miss('event.date (invented)', null, gotDate);
    }
    single(r.type, 'event.type', gold.event.type, predicted?.reading.type);
    const typeAlts = gold.event.type_alternatives ?? [];
    // Only a miss the alternatives forgive is new; a strict miss is already listed.
    r.typeLenient.n++;
    if ([gold.event.type, ...typeAlts].some((x) => normName(x) === normName(predicted?.reading.type)))
      r.typeLenient.correct++;
    single(
      r.location,
      'event.location',
      gold.event.location,
      predicted?.reading.location,
      gold.event.location_alternatives ?? [],
    );
    for (const field of ['participants', 'countries', 'organizations'] as const) {
      const g = new Set(gold.event[field].map(normName));
      const p = new Set((predicted?.reading[field] ?? []).map(normName));
      const s = r[field];
      for (const x of p) if (g.has(x)) s.tp++;
      const fp = [...p].filter((x) => !g.has(x));
      const fn = [...g].filter((x) => !p.has(x));
      s.fp += fp.length;
      s.fn += fn.length;
      if (fp.length || fn.length) miss(`event.${field}`, { missing: fn }, { extra: fp });
    }
  }
  for (const a of [r.title, r.publisher, r.published, r.eventDate, r.type, r.typeLenient, r.location])
    finishAcc(a);
  for (const s of [r.participants, r.countries, r.organizations]) finishSet(s);
  return r;
}

/** The report as a plain-text table. */
export function formatReport(r: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows: string[][] = [['field', 'score', 'detail']];
  const accRow = (name: string, a: Accuracy) => rows.push([name, pct(a.accuracy), `${a.correct}/${a.n}`]);
  accRow('title', r.title);
  accRow('publisher', r.publisher);
  accRow('published', r.published);
  accRow('event date', r.eventDate);
  rows.push(['invented dates', String(r.inventedDates), 'gold null, date given']);
  accRow('type (strict)', r.type);
  accRow('type (lenient)', r.typeLenient);
  accRow('location', r.location);
  for (const f of ['participants', 'countries', 'organizations'] as const) {
    const s = r[f];
    rows.push([
      `${f} F1`,
      pct(s.f1),
      `P ${pct(s.precision)} R ${pct(s.recall)} (tp ${s.tp} fp ${s.fp} fn ${s.fn})`,
    ]);
  }
  rows.push(['n', String(r.n), `${r.rejected} rejected`]);
  const w0 = Math.max(...rows.map((x) => x[0]!.length));
  const w1 = Math.max(...rows.map((x) => x[1]!.length));
  return rows.map((x) => `${x[0]!.padEnd(w0)}  ${x[1]!.padStart(w1)}  ${x[2]}`).join('\n');
}

/** Which half of a numbered set to run: tune on one half, check on the other. */
export type Subset = 'odd' | 'even' | 'all';

/**
 * Whether an article file (`NNN_slug.txt`) belongs to a subset, by its leading number.
 * A name without a leading number belongs only to `all`.
 */
export function inSubset(name: string, subset: Subset): boolean {
  if (subset === 'all') return true;
  const m = /^(\d+)/.exec(name);
  if (!m) return false;
  return Number(m[1]) % 2 === (subset === 'odd' ? 1 : 0);
}
