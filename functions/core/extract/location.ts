/**
 * Where the event happened: a place introduced by "in"/"at" (or "to" after a visit or an
 * invitation) in a sentence that describes the event. Sentences about a future meeting
 * ("hopes to convene in Geneva on Monday") and places that only describe a war ("the war in
 * Syria") or an origin ("Istanbul-based") are not the event's place. A dateline is the
 * last resort.
 */
import type { EventType } from '../event.js';
import { ALIASES, COUNTRIES, type PlaceRecord } from '../gazetteer/index.js';
import { CONFLICT_BEFORE, type Mentions } from './entities.js';
import { cuePosition, hasCue } from './event-type.js';
import type { Unit } from './units.js';

/** The event's place and the sentence it came from. */
export interface LocationReading {
  location: string | null;
  country: string | null;
  evidence: string | null;
}

const AT_BEFORE =
  /\b(?:in|at|inside|outside)\s+(?:the\s+(?:\p{Lu}\p{L}+\s+)?(?:city of|capital(?: city)?(?: of)?)\s+)?$/iu;
const TO_BEFORE =
  /\b(?:invit\w*|visit\w*|trip|travel\w*|arriv\w*|came|went|flew|fly|journey\w*|welcomed?)\b[^.;]{0,60}\bto\s+$/i;
const FUTURE =
  /\b(?:will|would|shall|to be held|is due|are due|is set to|are set to|scheduled|planned|plans? to|next (?:week|month|year)|upcoming|ahead of|hopes? to|expected to|later this|intends? to|going to|could|might)\b/i;
const BASED_AFTER = /^-(?:based|born|headquartered)/;
const CAPITAL_PHRASE = /\bin the (\p{Lu}\p{L}+) capital\b/u;

/** Phone calls and video conferences happen nowhere in particular. */
const REMOTE =
  /\b(?:(?:tele)?phone (?:call|conversation|talks?|contact|discussion)s?|by (?:tele)?phone|(?:over|on) the (?:tele)?phone|(?:tele)?phoned|video ?conferenc(?:e|ing)|videoconferenc(?:e|ing)|video (?:link|call|bridge|format)|teleconference|conference call|online (?:dialogue|talks|conference|meeting))\b/i;
/** Words of the event itself before "in X": a country named after them is where it happened. */
const EVENT_BEFORE =
  /\b(?:met|meet(?:s|ing)?|talks|summit|held|hosted|gather(?:ed|ing)|signed|sign(?:ing)?|conference|visit(?:s|ed|ing)?|arrived|spoke|said|says|told|announced|negotiations|session|sidelines|round|trip)\b[^.;]{0,40}$/i;
/** "Syria talks", "Syria peace conference": the place names what the talks are about. */
const MODIFIER_AFTER =
  /^(?:'s|’s)?\s+(?:peace\s+|ceasefire\s+|crisis\s+)?(?:talks|conference|negotiations|process|deal|war|conflict|crisis|policy|envoy|issue|file|settlement|track|province|governorate|countryside|outskirts|front)\b/i;

const VENUE_NOUN_AFTER = /^\s+(?:meeting|summit|talks|conference|negotiations|session)\b/i;

const PROPOSED_BEFORE = /\b(?:propos\w*|offer(?:s|ed|ing)?|call(?:s|ed|ing)? for|suggest\w*)\b[^.;,]{0,80}$/i;
const INVITED_TO_EVENT_BEFORE =
  /\binvit\w*\b[^.;]{0,80}\b(?:talks|negotiations|conference|summit|meeting|session|consultations)\b[^.;,]{0,30}$/i;
const PAST_AFTER =
  /^[^.;]{0,12}\b(?:last (?:year|month|week)|earlier this (?:year|month)|in (?:19|20)\d\d)\b/i;

/** "met here", "talks held here": the dateline's place, named by the event's own words. */
const HERE =
  /\b(?:met|meet(?:s|ing)?|talks|held|hosted|gathered|signed|arrived|negotiat\w+|session|summit|conference)\s+(?:\w+\s+){0,2}?here\b(?!\s+(?:is|are|was|were)\b)/i;

/** Types whose event is something said or decided, made where it was said. */
const ANNOUNCED = new Set<EventType>(['statement', 'sanctions', 'proposal']);
/** A speech and its place: "said in", "in a statement from", "speaking at", "told reporters in". */
const SPOKEN_BEFORE =
  /\b(?:said|says|speaking|spoke|told (?:reporters|journalists|a news conference)|statement|(?:news|press) conference|remarks|briefing)\b[^.;"“”]{0,25}\b(?:in|from|at)\s+$/i;

const FILE_PHOTO = /^\s*FILE\b|\bfile (?:photo|picture|image)\b/i;

const FUTURE_AFTER = /^[^.;]{0,25}\b(?:next (?:week|month|year)|later this|tomorrow)\b/i;

function locative(text: string, start: number, end: number, type: EventType, from = false): boolean {
  const before = text.slice(Math.max(0, start - 120), start);
  // A planned meeting's venue is not where this event happened.
  if (FUTURE.test(before.slice(-90)) || FUTURE_AFTER.test(text.slice(end, end + 40))) return false;
  // The venue of what someone proposes has not hosted anything yet.
  if (PROPOSED_BEFORE.test(before.slice(-90))) return false;
  // "invited to talks in Astana": the venue of the talks to come; "invited to Moscow" is the host's place.
  if (INVITED_TO_EVENT_BEFORE.test(before.slice(-110))) return false;
  // "a parade in Tehran last year": another, earlier event.
  if (PAST_AFTER.test(text.slice(end, end + 30))) return false;
  if (BASED_AFTER.test(text.slice(end, end + 12))) return false;
  if (MODIFIER_AFTER.test(text.slice(end, end + 40))) return false;
  if (CONFLICT_BEFORE.test(before)) return false;
  if (AT_BEFORE.test(before)) return true;
  if (from && /\bfrom\s+$/i.test(before)) return true;
  return (type === 'invitation' || type === 'meeting') && TO_BEFORE.test(before);
}

/** Reads the event's place. `partyCountries` decide whether it is a visit or a third location. */
export function findLocation(
  units: Unit[],
  mentions: Mentions,
  type: EventType,
  dateline: string | null,
): LocationReading {
  // A call or video conference: the lede says so, and it has no place.
  if (
    units.some(
      (u) =>
        (u.kind === 'title' || u.kind === 'standfirst' || (u.kind === 'body' && u.index <= 1)) &&
        REMOTE.test(u.text),
    )
  )
    return { location: null, country: null, evidence: null };
  const order = units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i)
    .filter(({ u }) => rank(u) < 100);
  for (const { u, i } of order) {
    const early = u.kind === 'title' || u.kind === 'standfirst' || (u.kind === 'body' && u.index <= 1);
    const named = hasCue(type, u.text) || hasCue('meeting', u.text) || hasCue('talks', u.text);
    // A caption shows the event only when it names it; otherwise it may be any picture.
    if (u.kind === 'caption' && !named) continue;
    // A file photo is an older picture, of another day and often another place.
    if (u.kind === 'caption' && FILE_PHOTO.test(u.text)) continue;
    const describes =
      early ||
      u.kind === 'caption' ||
      hasCue(type, u.text) ||
      hasCue('meeting', u.text) ||
      hasCue('talks', u.text);
    if (!describes) continue;
    const candidates: { name: string; country: string; start: number }[] = [];
    for (const p of mentions.places) {
      if (p.unit === i && locative(u.text, p.start, p.end, type)) {
        candidates.push({ name: p.place.name, country: p.place.country, start: p.start });
      }
    }
    for (const c of mentions.countries) {
      const possessive = /^(?:'s|’s)/.test(u.text.slice(c.end, c.end + 2));
      if (
        c.unit === i &&
        c.locative &&
        c.form === 'name' &&
        !possessive &&
        locative(u.text, c.start, c.end, type) &&
        // A country is a venue only after words of the event ("talks in Kazakhstan"), not of its topic.
        EVENT_BEFORE.test(u.text.slice(Math.max(0, c.start - 60), c.start))
      ) {
        candidates.push({ name: c.country.name, country: c.country.name, start: c.start });
      }
    }
    // "at the Paris meeting", "after the Geneva talks": the place names the event's venue.
    for (const p of mentions.places) {
      if (p.unit !== i) continue;
      const before = u.text.slice(Math.max(0, p.start - 20), p.start);
      if (
        /\b(?:at|during|after|on the sidelines of) the\s+$/i.test(before) &&
        VENUE_NOUN_AFTER.test(u.text.slice(p.end, p.end + 20))
      )
        candidates.push({ name: p.place.name, country: p.place.country, start: p.start });
    }
    // "who met here on Friday": the event happened where the report was filed.
    const here = HERE.exec(u.text);
    const filed = here ? datelinePlace(dateline, mentions) : null;
    if (here && filed) return { location: filed.name, country: filed.country, evidence: u.text };
    // With no dateline "here" is unknown, and the sentence's other places are not the event's.
    if (here) continue;
    const cap = CAPITAL_PHRASE.exec(u.text);
    if (cap?.[1]) {
      const country = COUNTRIES.find((c) => c.demonyms?.includes(cap[1]!) || c.name === cap[1]);
      if (country?.capital)
        candidates.push({ name: country.capital, country: country.name, start: cap.index });
    }
    if (candidates.length === 0) continue;
    // The place after the event's verb ("met on Saturday in Switzerland"), else the first.
    candidates.sort((a, b) => a.start - b.start);
    const cue = cueIndex(type, u.text);
    const ordered = [...candidates.filter((c) => c.start > cue), ...candidates.filter((c) => c.start <= cue)];
    const head = ordered[0]!;
    // A city beats the country it lies in ("in Moscow, Russia").
    const city = ordered.find((c) => c.name !== c.country && c.country === head.name);
    const pick = city ?? head;
    return { location: pick.name, country: pick.country, evidence: u.text };
  }
  // An announcement happened where it was made: "said in a statement from Hawaii", "speaking in Vienna".
  if (ANNOUNCED.has(type)) {
    for (const { u, i } of order) {
      if (u.kind === 'caption') continue;
      const p = mentions.places.find(
        (m) =>
          m.unit === i &&
          SPOKEN_BEFORE.test(u.text.slice(Math.max(0, m.start - 60), m.start)) &&
          locative(u.text, m.start, m.end, type, true),
      );
      if (p) return { location: p.place.name, country: p.place.country, evidence: u.text };
    }
  }
  // The dateline: where the report was filed, which is where the event was unless the text said otherwise.
  const filed = datelinePlace(dateline, mentions);
  if (filed) return { location: filed.name, country: filed.country, evidence: null };
  return { location: null, country: null, evidence: null };
}

/** The first of the candidate datelines that reads as a place (not "Secretary Kerry" of a transcript label). */
export function pickDateline(candidates: (string | null)[]): string | null {
  return candidates.find((d) => d && datelinePlace(d)) ?? null;
}

/** The dateline as a place: a known one with its country, or a plausible city name. */
function datelinePlace(
  dateline: string | null,
  mentions?: Mentions,
): { name: string; country: string | null } | null {
  if (!dateline) return null;
  const key = dateline.toLowerCase();
  const known =
    mentions?.places.find((p) => p.place.name.toLowerCase() === key)?.place ?? PLACES_BY_LOWER.get(key);
  if (known) return { name: known.name, country: known.country };
  if (/^\p{Lu}[\p{L}' .-]{2,30}$/u.test(dateline) && !TITLE_WORD.test(dateline))
    return { name: dateline, country: null };
  return null;
}

const TITLE_WORD =
  /^(?:Secretary|President|Minister|Foreign|Prime|Mr|Mrs|Ms|Dr|General|Ambassador|Senator|Chancellor|Update|Breaking|Exclusive|Watch|Video|Photo)\b/i;

/** A dateline at the start of a sentence ("LAUSANNE, Switzerland (AP) --", "ZURICH, Jan 20 (Reuters) -", "WASHINGTON —"). */
const DATELINE =
  /^\s*(?<city>[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]+){0,2}),?(?:\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2},?)?(?:\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},?)?\s*(?:\([^)]{1,30}\))?\s*(?:--|—|–|-|:)\s/;

/** A hard-wrapped wire dateline with no dash: "GENEVA, Sept 10 The United States…". */
const DATED_DATELINE =
  /^\s*(?<city>[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]+){0,2}),\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2}\s+(?=[A-Z])/;

/** A title-case dateline: "Moscow, A ceasefire…", "Geneva - The talks…" (checked against known places). */
const TITLED_DATELINE = /^\s*(?<city>\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})\s*(?:,|\s[-–—])\s+(?=\p{Lu})/u;

/** The dateline city opening one of the first sentences, title-cased, or null. */
export function datelineFromText(sentences: string[]): string | null {
  for (const s of sentences.slice(0, 8)) {
    const city = (DATELINE.exec(s) ?? DATED_DATELINE.exec(s))?.groups?.city;
    if (!city) {
      // "Moscow, A ceasefire across…": a known place written in title case opening the lede.
      const titled = TITLED_DATELINE.exec(s)?.groups?.city;
      const known = titled ? PLACES_BY_LOWER.get(titled.toLowerCase()) : undefined;
      if (known && sentences.indexOf(s) <= 1) return known.name;
      continue;
    }
    const name = city
      .toLowerCase()
      .split(' ')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ');
    return PLACES_BY_LOWER.get(city.toLowerCase())?.name ?? name;
  }
  return null;
}

/**
 * A known place written in a date line ("November 11, 2017, Danang", "Geneva, Switzerland /
 * September 9, 2016"): official pages date their texts this way.
 */
export function placeOfDateLine(line: string | null): string | null {
  if (!line) return null;
  for (const part of line.split(/\s*[,/|]\s*/)) {
    const known = PLACES_BY_LOWER.get(part.trim().toLowerCase());
    if (known) return known.name;
  }
  return null;
}

/** Places by lower-cased name or alias, for datelines written in capitals ("GENEVA"). */
const PLACES_BY_LOWER: ReadonlyMap<string, PlaceRecord> = new Map(
  [...ALIASES].flatMap(([alias, refs]) =>
    refs.flatMap((r) =>
      r.kind === 'place' ? [[alias.toLowerCase(), r.place] as [string, PlaceRecord]] : [],
    ),
  ),
);

function cueIndex(type: EventType, text: string): number {
  const positions = [type, 'meeting', 'talks']
    .map((t) => cuePosition(t as EventType, text))
    .filter((i) => i >= 0);
  return positions.length > 0 ? Math.min(...positions) : -1;
}

function rank(u: Unit): number {
  if (u.kind === 'title') return 0;
  if (u.kind === 'standfirst') return 1;
  if (u.kind === 'body' && u.index <= 1) return 2 + u.index;
  // A caption of the event's photo beats the later body, not the lede.
  if (u.kind === 'caption') return 4;
  if (u.kind === 'body' && u.index <= 5) return 3 + u.index;
  if (u.kind === 'body' && u.index < 25) return 11 + u.index;
  return 100;
}
