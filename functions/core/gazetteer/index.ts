/**
 * The compiled gazetteer: every alias of every record in one case-sensitive regex and one
 * map, built once at module load, so an article is scanned once whatever the data's size.
 */
import { COUNTRIES } from './countries.js';
import { ORGANIZATIONS } from './organizations.js';
import { PEOPLE } from './people.js';
import { PLACES } from './places.js';
import { PUBLISHERS } from './publishers.js';
import type {
  CountryRecord,
  OrganizationRecord,
  PersonRecord,
  PlaceRecord,
  PublisherRecord,
} from './types.js';

export type { CountryRecord, OrganizationRecord, PersonRecord, PlaceRecord, PublisherRecord };
export { COUNTRIES, ORGANIZATIONS, PEOPLE, PLACES, PUBLISHERS };

/** What a matched string can refer to. One string can refer to several things (Moscow: a place and Russia). */
export type EntityRef =
  | { kind: 'person'; person: PersonRecord; form: 'name' | 'short' }
  | { kind: 'country'; country: CountryRecord; form: 'name' | 'demonym' | 'metonym' }
  | { kind: 'org'; org: OrganizationRecord }
  | { kind: 'place'; place: PlaceRecord };

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function add(map: Map<string, EntityRef[]>, alias: string, ref: EntityRef): void {
  const list = map.get(alias);
  if (list) list.push(ref);
  else map.set(alias, [ref]);
}

function buildAliasMap(): Map<string, EntityRef[]> {
  const map = new Map<string, EntityRef[]>();
  for (const person of PEOPLE) {
    add(map, person.name, { kind: 'person', person, form: 'name' });
    for (const a of person.aliases ?? []) add(map, a, { kind: 'person', person, form: 'name' });
    for (const a of person.short ?? []) add(map, a, { kind: 'person', person, form: 'short' });
  }
  for (const country of COUNTRIES) {
    add(map, country.name, { kind: 'country', country, form: 'name' });
    for (const a of country.aliases ?? []) add(map, a, { kind: 'country', country, form: 'name' });
    for (const a of country.demonyms ?? []) add(map, a, { kind: 'country', country, form: 'demonym' });
    for (const a of country.metonyms ?? []) add(map, a, { kind: 'country', country, form: 'metonym' });
    if (country.capital)
      add(map, country.capital, { kind: 'place', place: { name: country.capital, country: country.name } });
  }
  for (const org of ORGANIZATIONS) {
    add(map, org.name, { kind: 'org', org });
    for (const a of org.aliases ?? []) add(map, a, { kind: 'org', org });
  }
  for (const place of PLACES) {
    for (const a of [place.name, ...(place.aliases ?? [])]) {
      const existing = map.get(a)?.some((r) => r.kind === 'place');
      if (!existing) add(map, a, { kind: 'place', place });
    }
  }
  return map;
}

/** Alias string → what it refers to. */
export const ALIASES: ReadonlyMap<string, EntityRef[]> = buildAliasMap();

/** True for a letter or digit (any script): the characters a name boundary must not touch. */
export function isWordChar(code: number): boolean {
  if (code >= 48 && code <= 57) return true;
  if (code >= 65 && code <= 90) return true;
  if (code >= 97 && code <= 122) return true;
  if (code < 0xc0 || code === 0xd7 || code === 0xf7) return false;
  // General punctuation (curly quotes, dashes), CJK punctuation and specials are not letters.
  if ((code >= 0x2000 && code <= 0x206f) || (code >= 0x3000 && code <= 0x303f) || code >= 0xfff0)
    return false;
  return true;
}

/**
 * Aliases by their first three code units (numeric key, no string built per word), longest
 * first, and the two-character aliases ("US", "EU") by their two: the scan tries only these at
 * a word start, in the order of one list by the first two characters, longest first.
 */
const ALIAS_INDEX3: ReadonlyMap<number, string[]> = aliasIndex(3);
const ALIAS_INDEX2: ReadonlyMap<number, string[]> = aliasIndex(2);

/** Code units that start some alias: most word starts (lower-case words) end the lookup here. */
const ALIAS_FIRST: Uint8Array = (() => {
  const first = new Uint8Array(65536);
  for (const alias of ALIASES.keys()) first[alias.charCodeAt(0)] = 1;
  return first;
})();

function aliasKey(text: string, at: number, length: number): number {
  let key = 0;
  for (let k = 0; k < length; k++) key = key * 65536 + text.charCodeAt(at + k);
  return key;
}

/** Aliases of `length` code units (3: of three or more) by their first `length` code units, longest first. */
function aliasIndex(length: 2 | 3): Map<number, string[]> {
  const index = new Map<number, string[]>();
  for (const alias of ALIASES.keys()) {
    if (length === 2 ? alias.length !== 2 : alias.length < 3) continue;
    const key = aliasKey(alias, 0, length);
    const list = index.get(key) ?? [];
    list.push(alias);
    index.set(key, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

/** One alias found in a text. */
export interface AliasHit {
  start: number;
  end: number;
  alias: string;
}

/**
 * Finds every gazetteer alias in `text`, longest match first, in one pass over the text
 * (a map lookup at each word start, not a regex of a thousand alternatives). Word-bounded
 * on letters and digits; a hyphen after a name is allowed ("UN-led", "al-Qaeda-aligned")
 * but not before it ("pro-Trump" is no mention of Trump).
 */
export function scanAliases(text: string): AliasHit[] {
  const hits: AliasHit[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev === 45 || isWordChar(prev)) continue;
    }
    if (ALIAS_FIRST[text.charCodeAt(i)] !== 1) continue;
    // Three characters or more first (they are the longer ones), then the two-character ones.
    const found =
      (i + 2 < text.length ? aliasAt(text, i, ALIAS_INDEX3.get(aliasKey(text, i, 3))) : null) ??
      aliasAt(text, i, ALIAS_INDEX2.get(aliasKey(text, i, 2)));
    if (found === null) continue;
    const end = i + found.length;
    hits.push({ start: i, end, alias: found });
    i = end - 1;
  }
  return hits;
}

/** The first (longest) of `candidates` written at `i` and ending at a word boundary, or null. */
function aliasAt(text: string, i: number, candidates: string[] | undefined): string | null {
  if (!candidates) return null;
  for (const alias of candidates) {
    if (!text.startsWith(alias, i)) continue;
    const end = i + alias.length;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    return alias;
  }
  return null;
}

/** Countries by canonical name. */
export const COUNTRY_BY_NAME: ReadonlyMap<string, CountryRecord> = new Map(COUNTRIES.map((c) => [c.name, c]));

/** Lower-cased alias/demonym → country, for role phrases ("russia's", "american"). */
export const COUNTRY_BY_LOWER_ALIAS: ReadonlyMap<string, CountryRecord> = new Map(
  COUNTRIES.flatMap((c) =>
    [c.name, ...(c.aliases ?? []), ...(c.demonyms ?? [])]
      .filter((a) => !a.includes('-'))
      .map((a) => [a.toLowerCase(), c] as [string, CountryRecord]),
  ),
);

/** Publisher for a URL host (exact host or a parent domain). */
export function publisherForHost(host: string): PublisherRecord | null {
  let h = host.toLowerCase().replace(/^www\./, '');
  for (;;) {
    const found = PUBLISHER_BY_HOST.get(h);
    if (found) return found;
    const dot = h.indexOf('.');
    if (dot < 0 || h.indexOf('.', dot + 1) < 0) return null;
    h = h.slice(dot + 1);
  }
}

const PUBLISHER_BY_HOST = new Map<string, PublisherRecord>(
  PUBLISHERS.flatMap((p) => p.hosts.map((h) => [h, p] as [string, PublisherRecord])),
);
