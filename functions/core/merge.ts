/**
 * One event, many sources: deciding whether an article reports a stored event, folding it
 * in, and undoing that. Pure: time and ids come in as arguments.
 *
 * The decision is symmetric (comparing A with B gives the same answer as B with A), which
 * the concurrent create-then-fold protocol of the normalize handler relies on.
 */
import {
  EVENT_TYPES,
  type Event,
  type EventReading,
  type EventType,
  type NormalizedArticle,
  type Source,
} from './event.js';
import { eventIdForKey } from './ids.js';

/** Days either side of a date within which stored events are fetched as candidates. */
export const CANDIDATE_WINDOW_DAYS = 7;
/** Largest gap in days between two dates read from article text that can still be one event. */
export const TEXT_DATE_WINDOW_DAYS = 1;
/** Largest gap when either date is a publication, URL or upload date (reports lag events). */
export const WEAK_DATE_WINDOW_DAYS = 3;

/** The fields of an event (or of one reading) that the decision compares. */
export type EventView = Pick<
  EventReading,
  'type' | 'date' | 'dateSource' | 'participants' | 'countries' | 'organizations' | 'location'
>;

/** Whether two readings are one real-world event, and why. */
export interface SameEventDecision {
  same: boolean;
  /** Fields that matched (sorted): what `mergedBy` records. */
  matched: string[];
  /** Human-readable reasons, one per field compared. */
  reasons: string[];
}

/** A day range on the timeline sort key's day part (`YYYY-MM-DD`, partial dates padded `-00`). */
export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** Epoch-day interval a (possibly partial) date covers; null for a missing or malformed date. */
export function dateInterval(date: string | null): { start: number; end: number } | null {
  if (!date) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[3] !== undefined) {
    const day = Date.UTC(year, Number(m[2]) - 1, Number(m[3])) / DAY_MS;
    return { start: day, end: day };
  }
  if (m[2] !== undefined) {
    const month = Number(m[2]) - 1;
    return { start: Date.UTC(year, month, 1) / DAY_MS, end: Date.UTC(year, month + 1, 0) / DAY_MS };
  }
  return { start: Date.UTC(year, 0, 1) / DAY_MS, end: Date.UTC(year, 11, 31) / DAY_MS };
}

function dayString(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The sort-key day ranges holding every event that could be the same as one dated `date`:
 * the days of the window, and the padded keys (`YYYY-MM-00`) under which month-precision
 * events of the window's months sort. The first month's padded key is folded into the day
 * range (it sorts just before the month's first day), so most windows need one or two
 * ranges. Year-only events are never the same event ({@link compareViews}), so their keys
 * (`YYYY-00-00`) are left out. Empty when `date` is null.
 */
export function candidateDayRanges(date: string | null): DayRange[] {
  const interval = dateInterval(date);
  if (!interval) return [];
  const from = dayString(interval.start - CANDIDATE_WINDOW_DAYS);
  const to = dayString(interval.end + CANDIDATE_WINDOW_DAYS);
  const firstMonth = `${from.slice(0, 7)}-00`;
  const ranges: DayRange[] = [{ from: firstMonth, to }];
  for (let month = from.slice(0, 7); month < to.slice(0, 7); ) {
    const next = dayString(dateInterval(month)!.end + 1).slice(0, 7);
    if (next <= to.slice(0, 7)) ranges.push({ from: `${next}-00`, to: `${next}-00` });
    month = next;
  }
  return mergeRanges(ranges);
}

/** Sorts ranges and joins overlapping ones. */
function mergeRanges(ranges: DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: DayRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) {
      if (r.to > last.to) last.to = r.to;
    } else out.push({ ...r });
  }
  return out;
}

/** True when a timeline sort key (`day#id`) falls in one of the ranges. */
export function inDayRanges(sortKey: string, ranges: readonly DayRange[]): boolean {
  const day = sortKey.split('#', 1)[0] ?? '';
  return ranges.some((r) => day >= r.from && day <= r.to);
}

/** Event types that can be readings of one occasion (a meeting where talks led to an agreement). */
const ENCOUNTER_TYPES = new Set<EventType>([
  'meeting',
  'talks',
  'agreement',
  'proposal',
  'invitation',
  'military_cooperation',
  'ceasefire',
]);

/** True when two types can describe one event: equal, one vague (`other`, `statement`), or both encounters. */
export function typesCompatible(a: EventType, b: EventType): boolean {
  if (a === b) return true;
  if (a === 'other' || b === 'other' || a === 'statement' || b === 'statement') return true;
  return ENCOUNTER_TYPES.has(a) && ENCOUNTER_TYPES.has(b);
}

function intersect(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return [...new Set(a.filter((x) => set.has(x)))].sort();
}

/** Two party lists agree when they share two names, or share one and one list contains the other. */
function partiesAgree(a: readonly string[], b: readonly string[]): boolean {
  const shared = intersect(a, b);
  if (shared.length >= 2) return true;
  if (shared.length === 0) return false;
  return a.every((x) => b.includes(x)) || b.every((x) => a.includes(x));
}

function dateWindow(a: EventView, b: EventView): number {
  return a.dateSource === 'text' && b.dateSource === 'text' ? TEXT_DATE_WINDOW_DAYS : WEAK_DATE_WINDOW_DAYS;
}

/** Gap in days between two dates' intervals (0 when they overlap); null when either is missing. */
export function dateGap(a: string | null, b: string | null): number | null {
  const x = dateInterval(a);
  const y = dateInterval(b);
  if (!x || !y) return null;
  return Math.max(0, y.start - x.end, x.start - y.end);
}

/**
 * Compares two views of an event. Same when all hold:
 * - parties: participants agree (both known), else countries agree;
 * - dates: both known at least to the month, within {@link TEXT_DATE_WINDOW_DAYS} (both from
 *   the text) or {@link WEAK_DATE_WINDOW_DAYS} days;
 * - locations: unknown on a side, equal, or one is a country named by either side;
 * - types: {@link typesCompatible}.
 */
export function compareViews(a: EventView, b: EventView): SameEventDecision {
  const matched: string[] = [];
  const reasons: string[] = [];
  let same = true;

  if (a.participants.length > 0 && b.participants.length > 0) {
    if (partiesAgree(a.participants, b.participants)) {
      matched.push('participants');
      reasons.push(`participants agree: ${intersect(a.participants, b.participants).join(', ')}`);
    } else {
      same = false;
      reasons.push('participants differ');
    }
  } else if (a.countries.length > 0 && b.countries.length > 0 && partiesAgree(a.countries, b.countries)) {
    reasons.push(`countries agree: ${intersect(a.countries, b.countries).join(', ')}`);
  } else {
    same = false;
    reasons.push('no shared parties');
  }
  if (intersect(a.countries, b.countries).length > 0 && partiesAgree(a.countries, b.countries)) {
    matched.push('countries');
  }
  if (intersect(a.organizations, b.organizations).length > 0) matched.push('organizations');

  const yearOnly = (d: string | null) => d !== null && d.length === 4;
  const gap = dateGap(a.date, b.date);
  if (gap === null) {
    same = false;
    reasons.push('date unknown');
  } else if (yearOnly(a.date) || yearOnly(b.date)) {
    same = false;
    reasons.push('date known only to the year');
  } else if (gap > dateWindow(a, b)) {
    same = false;
    reasons.push(`dates ${gap} days apart`);
  } else {
    matched.push('date');
    reasons.push(gap === 0 ? 'dates agree' : `dates ${gap} day(s) apart`);
  }

  if (a.location && b.location) {
    const countries = new Set([...a.countries, ...b.countries]);
    if (a.location.toLowerCase() === b.location.toLowerCase()) {
      matched.push('location');
      reasons.push(`location agrees: ${a.location}`);
    } else if (countries.has(a.location) || countries.has(b.location)) {
      reasons.push(`locations compatible: ${a.location} / ${b.location}`);
    } else {
      same = false;
      reasons.push(`locations differ: ${a.location} / ${b.location}`);
    }
  }

  if (!typesCompatible(a.type, b.type)) {
    same = false;
    reasons.push(`types differ: ${a.type} / ${b.type}`);
  } else if (a.type === b.type) {
    matched.push('type');
  }

  return { same, matched: [...new Set(matched)].sort(), reasons };
}

/** The view of a stored event (its reconciled fields). */
export function eventView(event: Event): EventView {
  return event;
}

/** Decides whether `article` reports the stored event `candidate`. */
export function decideSameEvent(candidate: Event, article: NormalizedArticle): SameEventDecision {
  return compareViews(eventView(candidate), article.reading);
}

/** True when `event` was split from (or must stay apart from) any of `keys`. */
export function keptApartFrom(event: Pick<Event, 'keptApart'>, keys: readonly string[]): boolean {
  const apart = new Set(event.keptApart ?? []);
  return keys.some((k) => apart.has(k));
}

/** True when two events may be folded into one automatically (no unmerge between them). */
export function mayFold(a: Event, b: Event): boolean {
  return (
    !keptApartFrom(
      a,
      b.sources.map((s) => s.key),
    ) &&
    !keptApartFrom(
      b,
      a.sources.map((s) => s.key),
    )
  );
}

function matchScore(candidate: Event, article: NormalizedArticle): number {
  const r = article.reading;
  return (
    3 * intersect(candidate.participants, r.participants).length +
    intersect(candidate.countries, r.countries).length +
    intersect(candidate.organizations, r.organizations).length +
    (candidate.location && candidate.location === r.location ? 2 : 0) +
    (candidate.type === r.type ? 1 : 0) -
    (dateGap(candidate.date, r.date) ?? 0)
  );
}

/** Older first: the deterministic order that decides which of two duplicates survives a fold. */
export function olderFirst(a: Pick<Event, 'createdAt' | 'id'>, b: Pick<Event, 'createdAt' | 'id'>): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The candidate the article is best merged into (most shared parties, same location and
 * type, closest date; ties go to the older event), or null when none is the same event.
 * Candidates kept apart from the article's key are skipped.
 */
export function chooseBestMatch(
  candidates: readonly Event[],
  article: NormalizedArticle,
  key: string,
): { event: Event; decision: SameEventDecision } | null {
  const matches = candidates
    .filter((c) => !keptApartFrom(c, [key]))
    .map((event) => ({ event, decision: decideSameEvent(event, article), score: matchScore(event, article) }))
    .filter((m) => m.decision.same)
    .sort((a, b) => b.score - a.score || olderFirst(a.event, b.event));
  const best = matches[0];
  return best ? { event: best.event, decision: best.decision } : null;
}

const DATE_SOURCE_RANK: Record<string, number> = { text: 4, url: 3, metadata: 2, uploaded: 1 };

function byKey(a: Source, b: Source): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function countOf<T>(items: readonly T[], item: T): number {
  return items.filter((x) => x === item).length;
}

/** The source that speaks for the event's title and summary: its creator's, else the earliest ingested. */
function primarySource(id: string, sources: readonly Source[]): Source {
  const creator = sources.find((s) => eventIdForKey(s.key) === id);
  if (creator) return creator;
  const sorted = [...sources].sort((a, b) =>
    a.ingestedAt !== b.ingestedAt ? (a.ingestedAt < b.ingestedAt ? -1 : 1) : byKey(a, b),
  );
  return sorted[0] as Source;
}

/** The identity and bookkeeping an event keeps across merges. */
type EventIdentity = Pick<Event, 'id' | 'createdAt' | 'version' | 'normalizerVersion' | 'keptApart'>;

/**
 * Rebuilds an event's fields from its sources, by evidence:
 * - date: text beats URL beats metadata beats upload time; then day beats month beats year;
 *   then the date most sources give; then the first source by key;
 * - location: a place that is not one of the event's countries beats a country; then the
 *   most common; then the first by key;
 * - type: a specific type beats `other`; then the most common; then {@link EVENT_TYPES} order;
 * - participants, countries, organizations: sorted union; quotes: union in source order;
 * - title, summary, publisher, author, published: from the primary source.
 */
export function reconcileEvent(identity: EventIdentity, sourcesIn: readonly Source[], now: string): Event {
  if (sourcesIn.length === 0) throw new Error('an event needs at least one source');
  const sources = [...sourcesIn].sort(byKey);
  const readings = sources.map((s) => s.reading);
  const union = (pick: (r: EventReading) => string[]) => [...new Set(readings.flatMap(pick))].sort();
  const countries = union((r) => r.countries);

  const dates = readings.map((r) => r.date);
  const dateSource = [...sources]
    .filter((s) => s.reading.date !== null)
    .sort(
      (a, b) =>
        (DATE_SOURCE_RANK[b.reading.dateSource ?? ''] ?? 0) -
          (DATE_SOURCE_RANK[a.reading.dateSource ?? ''] ?? 0) ||
        (b.reading.date?.length ?? 0) - (a.reading.date?.length ?? 0) ||
        countOf(dates, b.reading.date) - countOf(dates, a.reading.date) ||
        byKey(a, b),
    )[0];

  const countrySet = new Set(countries);
  const locations = readings.map((r) => r.location);
  const locationSource = [...sources]
    .filter((s) => s.reading.location !== null)
    .sort(
      (a, b) =>
        Number(!countrySet.has(b.reading.location ?? '')) -
          Number(!countrySet.has(a.reading.location ?? '')) ||
        countOf(locations, b.reading.location) - countOf(locations, a.reading.location) ||
        byKey(a, b),
    )[0];

  const types = readings.map((r) => r.type);
  const typeSource = [...sources].sort(
    (a, b) =>
      Number(b.reading.type !== 'other') - Number(a.reading.type !== 'other') ||
      countOf(types, b.reading.type) - countOf(types, a.reading.type) ||
      EVENT_TYPES.indexOf(a.reading.type) - EVENT_TYPES.indexOf(b.reading.type) ||
      byKey(a, b),
  )[0] as Source;

  const seenQuotes = new Set<string>();
  const quotes = readings
    .flatMap((r) => r.quotes)
    .filter((q) => {
      const id = `${q.speaker ?? ''}|${q.text}`;
      if (seenQuotes.has(id)) return false;
      seenQuotes.add(id);
      return true;
    });

  const evidence: Record<string, string> = {};
  for (const r of readings) {
    for (const [field, sentence] of Object.entries(r.evidence))
      if (!(field in evidence)) evidence[field] = sentence;
  }
  const chosen: Array<[string, Source | undefined]> = [
    ['date', dateSource],
    ['location', locationSource],
    ['type', typeSource],
  ];
  for (const [field, source] of chosen) {
    const sentence = source?.reading.evidence[field];
    if (sentence !== undefined) evidence[field] = sentence;
  }

  const primary = primarySource(identity.id, sources);
  const mergedBy = [...new Set(sources.flatMap((s) => s.matched ?? []))].sort();
  const keptApart = identity.keptApart?.length ? [...new Set(identity.keptApart)].sort() : undefined;
  const event: Event = {
    id: identity.id,
    title: primary.title,
    summary: primary.summary ?? '',
    type: typeSource.reading.type,
    cameo: typeSource.reading.cameo,
    quadClass: typeSource.reading.quadClass,
    date: dateSource?.reading.date ?? null,
    dateSource: dateSource?.reading.dateSource ?? null,
    participants: union((r) => r.participants),
    countries,
    organizations: union((r) => r.organizations),
    location: locationSource?.reading.location ?? null,
    publisher: primary.publisher,
    author: primary.author,
    published: primary.published,
    sources,
    quotes,
    evidence,
    mergedBy: sources.length > 1 ? mergedBy : [],
    normalizerVersion: identity.normalizerVersion,
    createdAt: identity.createdAt,
    updatedAt: now,
    version: identity.version + 1,
  };
  if (keptApart) event.keptApart = keptApart;
  return event;
}

/**
 * Adds `source` to `event` (replacing the source of the same key: a changed upload updates
 * its source in place) and reconciles the fields. `source.matched` should carry the fields
 * that matched ({@link SameEventDecision.matched}); they become part of `mergedBy`.
 * Returns the next version of the event.
 */
export function mergeSource(
  event: Event,
  source: Source,
  now: string,
  options: { normalizerVersion?: string } = {},
): Event {
  const previous = event.sources.find((s) => s.key === source.key);
  const next: Source = { ...source };
  if (!next.matched && previous?.matched) next.matched = previous.matched;
  const sources = [...event.sources.filter((s) => s.key !== source.key), next];
  return reconcileEvent(
    { ...event, normalizerVersion: options.normalizerVersion ?? event.normalizerVersion },
    sources,
    now,
  );
}

/**
 * Folds `loser` into `winner` (two events created concurrently for one real-world event):
 * the loser's sources join the winner, recording `matched`. Returns the winner's next version.
 */
export function foldEvents(winner: Event, loser: Event, matched: readonly string[], now: string): Event {
  const incoming = loser.sources
    .filter((s) => !winner.sources.some((w) => w.key === s.key))
    .map((s) => ({ ...s, matched: s.matched ?? [...matched] }));
  return reconcileEvent(
    { ...winner, keptApart: [...(winner.keptApart ?? []), ...(loser.keptApart ?? [])] },
    [...winner.sources, ...incoming],
    now,
  );
}

/** The id of the event split out of `eventId` for the source `key`. */
export function splitEventId(eventId: string, key: string): string {
  const own = eventIdForKey(key);
  return own !== eventId ? own : eventIdForKey(`${key}#split-from#${eventId}`);
}

/**
 * Undoes a merge: takes the source `key` out of `event` into a new single-source event.
 * Both are marked {@link Event.keptApart} from each other so later ingests do not fold them
 * back together; {@link remergeEvents} can. Throws when the key is not a source, or is the
 * only one.
 */
export function splitSource(event: Event, key: string, now: string): { remaining: Event; split: Event } {
  const source = event.sources.find((s) => s.key === key);
  if (!source) throw new Error(`event ${event.id} has no source ${key}`);
  const others = event.sources.filter((s) => s.key !== key);
  if (others.length === 0) throw new Error(`event ${event.id} has only the source ${key}`);
  const remaining = reconcileEvent(
    { ...event, keptApart: [...(event.keptApart ?? []), key] },
    others.length === 1 ? others.map(({ matched: _m, ...s }) => s) : others,
    now,
  );
  const { matched: _matched, ...alone } = source;
  const split = reconcileEvent(
    {
      id: splitEventId(event.id, key),
      createdAt: now,
      version: 0,
      normalizerVersion: event.normalizerVersion,
      keptApart: others.map((s) => s.key),
    },
    [alone],
    now,
  );
  return { remaining, split };
}

/**
 * Merges `other` into `target` on request (undoing an unmerge): like {@link foldEvents}, and
 * clears the keep-apart marks between the two.
 */
export function remergeEvents(target: Event, other: Event, now: string): Event {
  const targetKeys = new Set(target.sources.map((s) => s.key));
  const otherKeys = new Set(other.sources.map((s) => s.key));
  const keep = (event: Event, away: Set<string>) => (event.keptApart ?? []).filter((k) => !away.has(k));
  const decision = compareViews(target, other);
  return foldEvents(
    { ...target, keptApart: keep(target, otherKeys) },
    { ...other, keptApart: keep(other, targetKeys) },
    [...decision.matched, 'manual'].sort(),
    now,
  );
}
