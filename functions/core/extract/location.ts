/**
 * Where the event happened: a place introduced by "in"/"at" (or "to" after a visit or an
 * invitation) in a sentence that describes the event. Sentences about a future meeting
 * ("hopes to convene in Geneva on Monday") and places that only describe a war ("the war in
 * Syria") or an origin ("Istanbul-based") are not the event's place. A dateline is the
 * last resort.
 */
import type { EventType } from '../event.js';
import { COUNTRIES } from '../gazetteer/index.js';
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
  /\b(?:will|would|shall|to be held|is due|are due|is set to|are set to|scheduled|planned|plans? to|next (?:week|month|year)|upcoming|ahead of|hopes? to|expected to|later this|intends? to|going to)\b/i;
const BASED_AFTER = /^-(?:based|born|headquartered)/;
const CAPITAL_PHRASE = /\bin the (\p{Lu}\p{L}+) capital\b/u;

const FUTURE_AFTER = /^[^.;]{0,25}\b(?:next (?:week|month|year)|later this|tomorrow)\b/i;

function locative(text: string, start: number, end: number, type: EventType): boolean {
  const before = text.slice(Math.max(0, start - 120), start);
  // A planned meeting's venue is not where this event happened (an invitation's venue is).
  if (
    type !== 'invitation' &&
    (FUTURE.test(before.slice(-70)) || FUTURE_AFTER.test(text.slice(end, end + 40)))
  )
    return false;
  if (BASED_AFTER.test(text.slice(end, end + 12))) return false;
  if (CONFLICT_BEFORE.test(before)) return false;
  if (AT_BEFORE.test(before)) return true;
  return (type === 'invitation' || type === 'meeting') && TO_BEFORE.test(before);
}

/** Reads the event's place. `partyCountries` decide whether it is a visit or a third location. */
export function findLocation(
  units: Unit[],
  mentions: Mentions,
  type: EventType,
  dateline: string | null,
): LocationReading {
  const order = units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i)
    .filter(({ u }) => rank(u) < 100);
  for (const { u, i } of order) {
    const early = u.kind === 'title' || u.kind === 'standfirst' || (u.kind === 'body' && u.index <= 1);
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
        locative(u.text, c.start, c.end, type)
      ) {
        candidates.push({ name: c.country.name, country: c.country.name, start: c.start });
      }
    }
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
  if (dateline && (type === 'meeting' || type === 'talks' || type === 'agreement' || type === 'statement')) {
    const place = mentions.places.find((p) => p.place.name.toLowerCase() === dateline.toLowerCase());
    if (place) return { location: place.place.name, country: place.place.country, evidence: null };
  }
  return { location: null, country: null, evidence: null };
}

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
