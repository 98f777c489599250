/**
 * Entity mentions: people (known from the gazetteer, introduced by a title such as
 * "Foreign Minister X", or named by an office such as "Russia's foreign minister"),
 * countries (names, demonyms, government metonyms), organizations and places. Each
 * mention carries the context flags that later decide who took part.
 */
import {
  ALIASES,
  COUNTRIES,
  COUNTRY_BY_NAME,
  type CountryRecord,
  type EntityRef,
  escapeRegExp,
  isWordChar,
  type OrganizationRecord,
  PEOPLE,
  type PersonRecord,
  type PlaceRecord,
  scanAliases,
} from '../gazetteer/index.js';
import { NAME_TITLES, NON_PARTICIPANT_ROLE, OFFICE_PATTERNS } from '../gazetteer/offices.js';
import type { Unit } from './units.js';

/** A person mentioned in one unit. */
export interface PersonMention {
  /** Canonical name (gazetteer) or the name as written (unknown person). */
  name: string;
  country: string | null;
  known: PersonRecord | null;
  unit: number;
  start: number;
  end: number;
  via: 'name' | 'short' | 'title' | 'role' | 'surname';
  /** Office words written next to the name ("foreign minister"), lower-case. */
  office: string | null;
  /** Spokesperson, deputy, reporter, analyst...: speaks about the event, does not take part. */
  nonParticipant: boolean;
  /** Named as background ("the regime of X", "X's fate"). */
  background: boolean;
}

/** A country mentioned in one unit. */
export interface CountryMention {
  country: CountryRecord;
  unit: number;
  start: number;
  end: number;
  form: 'name' | 'demonym' | 'metonym' | 'body';
  /** Used as a place ("in Switzerland", "in Moscow"). */
  locative: boolean;
}

/** An organization mentioned in one unit. */
export interface OrgMention {
  org: OrganizationRecord;
  unit: number;
  start: number;
  /** Only a descriptor of something else ("al-Qaeda-aligned", "affiliated with al-Qaeda"). */
  descriptor: boolean;
}

/** A place mentioned in one unit. */
export interface PlaceMention {
  place: PlaceRecord;
  unit: number;
  start: number;
  end: number;
}

/** Everything found in an article's units. */
export interface Mentions {
  people: PersonMention[];
  countries: CountryMention[];
  orgs: OrgMention[];
  places: PlaceMention[];
}

const NAME_TOKEN = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}]+)?";
const PARTICLE = '(?:al|el|bin|ibn|de|da|van|von|der|le|la|abu|abdel|abdul)';
// A middle initial may follow the first name ("Michael J. Dumont").
const NAME_RE = `${NAME_TOKEN}(?:\\s+\\p{Lu}\\.)?(?:\\s+(?:${PARTICLE}[-\\s])?${NAME_TOKEN}){1,3}`;

function variants(titles: string[]): string[] {
  const all = new Set<string>();
  for (const t of titles) {
    all.add(t);
    all.add(t.toLowerCase());
  }
  return [...all].sort((a, b) => b.length - a.length).map(escapeRegExp);
}

/** Lower-cased ways a country can precede an office or title ("russian", "russia's", "us", "moscow's"). */
const COUNTRY_PREFIXES: ReadonlyMap<string, CountryRecord> = new Map(
  COUNTRIES.flatMap((c) =>
    [c.name, ...(c.aliases ?? []), ...(c.demonyms ?? []), ...(c.metonyms ?? [])]
      .filter((a) => !a.includes('-'))
      .flatMap((a) =>
        [a.toLowerCase(), `${a.toLowerCase()}'s`, `${a.toLowerCase()}’s`].map(
          (k) => [k, c] as [string, CountryRecord],
        ),
      ),
  ),
);

/** The country written just before `start` ("Iranian", "Russia's", "the United States"), with where it begins. */
function prefixBefore(text: string, start: number): { country: CountryRecord; start: number } | null {
  const before = text.slice(Math.max(0, start - 45), start);
  if (!/\s$/.test(before)) return null;
  const words = before.trimEnd().split(' ');
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const phrase = words.slice(words.length - n).join(' ');
    const country = COUNTRY_PREFIXES.get(phrase.toLowerCase());
    if (country && phrase.length > 0) {
      const s = start - (before.length - before.trimEnd().length) - phrase.length;
      const charBefore = s > 0 ? text.charCodeAt(s - 1) : 32;
      if (!isWordChar(charBefore) && charBefore !== 45) return { country, start: s };
    }
  }
  return null;
}

/** Titles that introduce a name, found first; the name is then read right after. */
const TITLE_RE = new RegExp(`(?<![A-Za-z-])(?:${variants(NAME_TITLES).join('|')})(?= )`, 'g');
const NAME_AFTER = new RegExp(`\\s+(${NAME_RE})`, 'uy');

/** "Khalid Bahah, Yemen's foreign minister": the name before an appositive office. */
const APPOSITIVE_NAME = new RegExp(`(${NAME_RE}),\\s*(?:the\\s+)?$`, 'u');

const OFFICE_ALTERNATION = OFFICE_PATTERNS.map((o, i) => `(?<o${i}>${o.pattern})`).join('|');

/** Offices named without a name: "foreign minister", "Secretary of State". */
const ROLE = new RegExp(`(?<![A-Za-z-])(?:${OFFICE_ALTERNATION})(?![A-Za-z])`, 'gi');

const NON_NAME_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|This|That|And|But|In|On|At|Of|For|His|Her|Their|Has|Had|Was|Is|Said|Says|Told)$/;

const BACKGROUND_BEFORE =
  /\b(?:regime|government|forces|troops|ally|allies|backer|backers|backing|support for|supporting|supporters of|propping up|ouster|oust|ousting|topple|toppling|removal|fate|future|role|departure|against|opposition to|opponents of|loyal to|wedded to|since|initiative of|idea of|administration (?:led|headed) by|delegated|on behalf of|on (?:the )?orders? of|(?:responded|responds|reacted|reacts|replied|replies) to)\b(?:\s+\S+){0,3}\s*$/i;
/**
 * A clause about an earlier event: "comes hours after X met Y", "came days after a call
 * between X and Y", "follows last week's threat by X". The people in it are background to
 * the news, however early they are named.
 */
const PRIOR_EVENT_BEFORE =
  /\b(?:comes?|came|coming|follows|followed)\s+(?:(?:just|only|two|three|several|a\s+few|hours|days|weeks|a\s+day|a\s+week|shortly|soon)\s+){0,3}(?:after|on the heels of)\b[^.;:!?"“”()]*$|\b(?:follows|followed)\s+(?:an?|the|last\s+\w+'s)\s+(?:[^.;:!?"“”()]*\s)?(?:from|by)\s+(?:\S+\s+){0,5}$/i;
const BACKGROUND_AFTER =
  /^(?:'s|’s)\s+(?:[\w-]+\s+){0,3}?(?:regime|government|forces|troops|army|fate|future|role|ouster|departure|removal|rule|allies|backers|supporters|administration|management|loyalists|promise|focus|policies|policy|election|victory|win|inauguration|presidency|team|officials|aides|transition|campaign|era|advis[eo]rs?|nominee|pick|choice|son-in-law|daughter|wife|air force|military|planes|jets|warplanes|air ?strikes|bombing|crackdown|war|resignation|downfall|grip)\b|^\s+(?:regime|government|administration|loyalists|officials|team|aides|camp|campaign|transition|era|presidency|inauguration|supporters|air (?:force|attacks|strikes|raids))\b/i;
const NON_PARTICIPANT_AFTER = new RegExp(
  `^,\\s+(?:(?:the|a|an)\\s+)?(?:\\S+\\s+){0,3}?${NON_PARTICIPANT_ROLE.source}`,
  'i',
);
/** "the war in Syria", "fighting in Aleppo": the place is what the news is about, not a venue. */
export const CONFLICT_BEFORE =
  /\b(?:war|conflict|crisis|fighting|violence|situation|bombing|bombardment|peace|ceasefire|cease-fire|truce|operations?|strikes?|campaign|offensive|battle|siege|presence|involvement|intervention|role|interests?|positions?|refugees|civilians|deaths?|killed|attacks?|terrorism|terrorists|militants|rebels|separatists|insurgents|elections?|fighters|forces|troops|groups?|regions?|areas?|towns?|cities|objections?|criticism|opposition|anger|protests?|concerns?|support|popularity|stability|settlement|transition|policy|strategy|deal)\s+(?:\w+\s+)?(?:in|at|inside)\s+(?:the\s+)?$/i;
const LOCATIVE_BEFORE =
  /\b(?:in|at|to|from|near|outside|inside|across|throughout|into|visit(?:ed|ing|s)? to|arrived in)\s+(?:the\s+)?$/i;
/**
 * A country that only says where a place is: "the Swiss city of Lausanne", "Kazakhstan's
 * capital, Astana", "the Qatar capital of Doha". It names a venue, not a party.
 */
const PLACE_OF_COUNTRY_AFTER =
  /^(?:'s|’s)?\s+(?:capital|city|town|resort|port|village|province|region|border town|coastal city)\b/i;
/**
 * A country that only says whose media reported it: "Lebanese media reported", "Iranian
 * state television". The outlet's country is no party to the event.
 */
const SOURCE_OF_COUNTRY_AFTER =
  /^(?:'s|’s)?\s+(?:state[- ])?(?:media|press|channel|television|TV|newspapers?|daily|broadcaster|news agency|news outlets?|outlets?|radio)\b/i;
const DESCRIPTOR_BEFORE =
  /\b(?:affiliated with|affiliate of|linked to|links to|ties to|tied to|allied (?:to|with)|offshoot of|formerly(?: known as)?|previously(?: known as)?|split from|broke away from|branch of|wing of|rebranded from|ex-)\s*$/i;
const DESCRIPTOR_AFTER =
  /^-(?:aligned|linked|affiliated|inspired|allied|style|type)\b|^\s+(?:affiliate|offshoot|branch|franchise)\b/i;

/**
 * True when the adjective after an organization ("al-Qaeda-aligned") describes another
 * organization named right after it ("the al-Qaeda-aligned Jabhat al-Nusra"). Describing
 * unnamed groups ("al-Qaida-linked groups"), it is the only name the text gives them.
 */
function describesNamedOrg(text: string, end: number): boolean {
  const rest = text.slice(end, end + 60);
  const adjective = /^-?[\w-]*\s+(?:the\s+)?/.exec(rest);
  if (!adjective) return true;
  const next = scanAliases(rest.slice(adjective[0].length))[0];
  return !!next && next.start === 0 && !!ALIASES.get(next.alias)?.some((r) => r.kind === 'org');
}

function wordsBefore(text: string, start: number, n: number): string {
  const before = text.slice(Math.max(0, start - 80), start);
  const parts = before.split(/\s+/);
  return parts.slice(Math.max(0, parts.length - n - 1)).join(' ');
}

function personFlags(
  text: string,
  start: number,
  end: number,
  known: PersonRecord | null,
  office: string | null,
) {
  const before3 = wordsBefore(text, start, 3);
  const after = text.slice(end, end + 80);
  const nonParticipant =
    known?.kind === 'spokesperson' ||
    known?.kind === 'journalist' ||
    roleNamesPerson(before3.replace(/\b(?:foreign|defen[cs]e|prime)\s+minister\b/gi, '')) ||
    // A national security adviser is an official in his own right, not an aide.
    NON_PARTICIPANT_AFTER.test(after.replace(/\bnational security advis[eo]r\b/gi, 'official')) ||
    (office !== null && NON_PARTICIPANT_ROLE.test(office));
  const background =
    BACKGROUND_BEFORE.test(wordsBefore(text, start, 4)) ||
    BACKGROUND_AFTER.test(after) ||
    PRIOR_EVENT_BEFORE.test(text.slice(Math.max(0, start - 120), start));
  return { nonParticipant, background };
}

/**
 * True when a non-participant role word in `before` is the name's own title ("Kremlin
 * spokesman Dmitry Peskov", "the spokesman for the ministry, X"), not a word of the
 * sentence around it ("a journalist then asked Lavrov").
 */
function roleNamesPerson(before: string): boolean {
  const re = new RegExp(NON_PARTICIPANT_ROLE.source, 'gi');
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(before); m; m = re.exec(before)) last = m;
  if (!last) return false;
  const between = before.slice(last.index + last[0].length);
  return /^(?:\s+(?:for|of|to|at)\s+(?:the\s+)?\S+)?[\s,:]*(?:(?:\p{Lu}\S*|the)\s+)*$/u.test(between);
}

/**
 * A transcript's speaker label at the start of a paragraph: "SECRETARY KERRY:", "FOREIGN
 * MINISTER LAVROV:", "MR DE MISTURA:". Written in capitals, so the alias scan misses it; the
 * speakers of a press availability are the people at it.
 */
const SPEAKER_LABEL =
  /^(?:(?:SECRETARY(?: OF STATE)?|(?:FOREIGN |DEFEN[CS]E |PRIME )?MINISTER|PRESIDENT|CHANCELLOR|AMBASSADOR|SPECIAL ENVOY|GENERAL|MR\.?|MS\.?|MRS\.?|DR\.?)\s+)?((?:DE |AL-|EL-)?[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}):\s/;

/** Known people by a lower-cased full name, alias or short form, for capitalised labels. */
const PERSON_BY_LOWER: ReadonlyMap<string, PersonRecord> = new Map(
  PEOPLE.flatMap((p) =>
    [p.name, ...(p.aliases ?? []), ...(p.short ?? [])].map(
      (a) => [a.toLowerCase(), p] as [string, PersonRecord],
    ),
  ),
);

/** The known person a transcript speaker label at the start of `text` names, with where the name is. */
function speakerLabel(
  text: string,
): { person: PersonRecord; start: number; end: number; office: string | null } | null {
  const m = SPEAKER_LABEL.exec(text);
  if (!m?.[1]) return null;
  const person = PERSON_BY_LOWER.get(m[1].toLowerCase());
  if (!person) return null;
  const start = m[0].indexOf(m[1]);
  const title = m[0].slice(0, start).trim().toLowerCase();
  return {
    person,
    start,
    end: start + m[1].length,
    office: title && !/^(?:mr|ms|mrs|dr)\.?$/.test(title) ? title : null,
  };
}

function knownByName(name: string): PersonRecord | null {
  const refs = ALIASES.get(name);
  const person = refs?.find((r): r is Extract<EntityRef, { kind: 'person' }> => r.kind === 'person');
  return person?.person ?? null;
}

/** The person who held `office` of `country` on `date` (or, with no date, the only holder 2015–2017). */
export function officeHolder(
  office: string,
  country: string,
  date: string | null,
  named: Set<string>,
): PersonRecord | null {
  const from = date ?? '2015-01-01';
  const to = date ?? '2017-12-31';
  const holders = PEOPLE.filter((p) =>
    (p.offices ?? []).some(
      (t) => t.office === office && t.of === country && t.from <= to && (t.to === undefined || t.to > from),
    ),
  );
  if (holders.length === 1) return holders[0]!;
  const namedHolders = holders.filter((h) => named.has(h.name));
  return namedHolders.length === 1 ? namedHolders[0]! : null;
}

/** "counterpart" as a word: "his Turkish counterpart", "counterpart from Iran". */
const COUNTERPART = /\bcounterparts?\b/g;

/** The first one or two words of a text, lower-cased, for a country lookup ("Iran on Friday" → "iran"). */
function firstWords(text: string): string {
  const words = text.split(/[\s,.;]+/);
  const two = words.slice(0, 2).join(' ').toLowerCase();
  return COUNTRY_PREFIXES.has(two) ? two : (words[0] ?? '').toLowerCase();
}

/** The office a person holds: from the title the text gave, else from the gazetteer at the date. */
function officeOf(p: PersonMention, date: string | null): string | null {
  if (p.office && !/\b(?:vice|deputy|assistant|under|acting)\b/.test(p.office)) {
    const pattern = OFFICE_PATTERNS.find((o) => new RegExp(`^(?:${o.pattern})$`, 'i').test(p.office ?? ''));
    if (pattern) return pattern.office;
  }
  const d = date ?? '2016-06-30';
  const term = (p.known?.offices ?? []).find((t) => t.from <= d && (!t.to || t.to > d));
  return term?.office ?? null;
}

function overlaps(
  list: { unit: number; start: number; end: number }[],
  unit: number,
  start: number,
  end: number,
): boolean {
  return list.some((m) => m.unit === unit && m.start < end && start < m.end);
}

/**
 * Finds every mention in the units. `refDate` (YYYY-MM-DD or null) picks who held an office
 * when only the office is named.
 */
export function findMentions(units: Unit[], refDate: string | null): Mentions {
  const people: PersonMention[] = [];
  const countries: CountryMention[] = [];
  const orgs: OrgMention[] = [];
  const places: PlaceMention[] = [];
  const taken: { unit: number; start: number; end: number }[] = [];
  let lastPlace = { unit: -1, end: -1, country: '' };

  units.forEach((u, unit) => {
    const text = u.text;
    const speaker = u.kind === 'body' ? speakerLabel(text) : null;
    if (speaker) {
      people.push({
        name: speaker.person.name,
        country: speaker.person.country ?? null,
        known: speaker.person,
        unit,
        start: speaker.start,
        end: speaker.end,
        via: 'title',
        office: speaker.office,
        nonParticipant: speaker.person.kind === 'spokesperson' || speaker.person.kind === 'journalist',
        background: false,
      });
      taken.push({ unit, start: speaker.start, end: speaker.end });
    }
    // Titled names first: they bring unknown people and their office.
    TITLE_RE.lastIndex = 0;
    for (let m = TITLE_RE.exec(text); m; m = TITLE_RE.exec(text)) {
      NAME_AFTER.lastIndex = m.index + m[0].length;
      const nm = NAME_AFTER.exec(text);
      if (!nm?.[1]) continue;
      const tokens = nm[1].split(/\s+/);
      while (tokens.length > 0 && NON_NAME_WORD.test(tokens[tokens.length - 1]!)) tokens.pop();
      const name = tokens.join(' ');
      if (tokens.length < 2 && !knownByName(name)) continue;
      const nameStart = NAME_AFTER.lastIndex - nm[1].length;
      const nameEnd = nameStart + name.length;
      const prefix = prefixBefore(text, m.index);
      // The name may contain a known alias ("Sergei Lavrov") or be unknown.
      const inner = scanAliases(name)[0];
      const innerPerson = inner ? knownByName(inner.alias) : null;
      if (inner && !innerPerson) {
        const isOther = ALIASES.get(inner.alias)?.some((r) => r.kind !== 'person');
        if (isOther && inner.alias.length >= name.length - 1) continue;
      }
      // Case aside ("Tamim bin Hamad Al-Thani" for "al-Thani"), a full name is still the known person.
      const known = innerPerson ?? knownByName(name) ?? PERSON_BY_LOWER.get(name.toLowerCase()) ?? null;
      const country = known?.country ?? prefix?.country.name ?? null;
      // "Assistant Secretary of State": the junior rank belongs to the office.
      const rank = /\b(assistant|under|acting)\s+$/i.exec(text.slice(Math.max(0, m.index - 12), m.index));
      const office = `${rank ? `${rank[1]!.toLowerCase()} ` : ''}${m[0].toLowerCase()}`;
      const flags = personFlags(text, prefix?.start ?? m.index, nameEnd, known, office);
      people.push({
        name: known?.name ?? name,
        country,
        known,
        unit,
        start: nameStart,
        end: nameEnd,
        via: 'title',
        office,
        ...flags,
      });
      taken.push({ unit, start: nameStart, end: nameEnd });
    }
    for (const hit of scanAliases(text)) {
      const { start, end } = hit;
      const refs = ALIASES.get(hit.alias) ?? [];
      const personRef = refs.find((r): r is Extract<EntityRef, { kind: 'person' }> => r.kind === 'person');
      if (personRef) {
        if (overlaps(taken, unit, start, end)) continue;
        const flags = personFlags(text, start, end, personRef.person, null);
        people.push({
          name: personRef.person.name,
          country: personRef.person.country ?? null,
          known: personRef.person,
          unit,
          start,
          end,
          via: personRef.form,
          office: null,
          ...flags,
        });
        taken.push({ unit, start, end });
        continue;
      }
      if (overlaps(taken, unit, start, end)) continue;
      const before = text.slice(Math.max(0, start - 40), start);
      // "Astana, Kazakhstan" and "LAUSANNE, Switzerland (AP)": a country after its city is a place.
      const afterPlace =
        lastPlace.unit === unit &&
        /^,\s*$/.test(text.slice(lastPlace.end, start)) &&
        refs.some((r) => r.kind === 'country' && r.country.name === lastPlace.country);
      const after = text.slice(end, end + 40);
      const locative =
        afterPlace ||
        PLACE_OF_COUNTRY_AFTER.test(after) ||
        SOURCE_OF_COUNTRY_AFTER.test(after) ||
        (LOCATIVE_BEFORE.test(before) && !CONFLICT_BEFORE.test(before));
      for (const r of refs) {
        if (r.kind === 'country') {
          if (hit.alias === 'America' && /\b(?:Latin|South|North|Central|of)\s+$/.test(before)) continue;
          countries.push({ country: r.country, unit, start, end, form: r.form, locative });
        } else if (r.kind === 'org') {
          if (r.org.kind === 'government-body') {
            const c = r.org.country ? COUNTRY_BY_NAME.get(r.org.country) : undefined;
            if (c) countries.push({ country: c, unit, start, end, form: 'body', locative: false });
            continue;
          }
          const descriptor =
            DESCRIPTOR_BEFORE.test(before) ||
            (DESCRIPTOR_AFTER.test(text.slice(end, end + 20)) && describesNamedOrg(text, end));
          orgs.push({ org: r.org, unit, start, descriptor });
        } else if (r.kind === 'place') {
          places.push({ place: r.place, unit, start, end });
          lastPlace = { unit, end, country: r.place.country };
        }
      }
      taken.push({ unit, start, end });
    }
  });

  const named = new Set(people.filter((p) => p.via === 'name' || p.via === 'title').map((p) => p.name));

  // Offices named without a name: "Russia's foreign minister", "the US Secretary of State".
  units.forEach((u, unit) => {
    const text = u.text;
    ROLE.lastIndex = 0;
    for (let m = ROLE.exec(text); m; m = ROLE.exec(text)) {
      const g = m.groups ?? {};
      const idx = OFFICE_PATTERNS.findIndex((_, i) => g[`o${i}`] !== undefined);
      const pattern = OFFICE_PATTERNS[idx];
      if (!pattern) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(people, unit, start, end)) continue;
      // Followed by a name: a title, handled with the name above ("President-elect X" too).
      if (/^(?:-elect)?\s+\p{Lu}\p{Ll}/u.test(text.slice(end, end + 10))) continue;
      const prefix = prefixBefore(text, start);
      const s0 = prefix?.start ?? start;
      const before = text.slice(Math.max(0, s0 - 12), s0);
      if (
        /\b(?:former|ex-|deputy|vice|late|then|assistant|under|acting)\s*$/i.test(before) ||
        /(?:vice|deputy)[- ]$/i.test(before)
      )
        continue;
      const country = prefix?.country.name ?? pattern.defaultCountry ?? null;
      if (!country) continue;
      // An appositive to a name just before ("Sergei Lavrov, the Russian foreign minister"): same person.
      const appositive = people.find(
        (p) => p.unit === unit && p.end <= s0 && /^,\s*(?:the\s+)?$/i.test(text.slice(p.end, s0)),
      );
      if (appositive) {
        appositive.office = appositive.office ?? (g[`o${idx}`] ?? '').toLowerCase();
        continue;
      }
      const window = text.slice(Math.max(0, s0 - 80), s0);
      const unknownBefore = APPOSITIVE_NAME.exec(window);
      const holder = officeHolder(pattern.office, country, refDate, named);
      if (unknownBefore?.[1] && !holder) {
        const name = unknownBefore[1];
        const nameStart = s0 - unknownBefore[0].length;
        if (
          !overlaps(taken, unit, nameStart, nameStart + name.length) &&
          !NON_NAME_WORD.test(name.split(' ')[0] ?? '')
        ) {
          people.push({
            name,
            country,
            known: null,
            unit,
            start: nameStart,
            end: nameStart + name.length,
            via: 'title',
            office: (g[`o${idx}`] ?? '').toLowerCase(),
            ...personFlags(text, nameStart, nameStart + name.length, null, null),
          });
          continue;
        }
      }
      if (!holder) continue;
      people.push({
        name: holder.name,
        country: holder.country ?? null,
        known: holder,
        unit,
        start,
        end,
        via: 'role',
        office: (g[`o${idx}`] ?? '').toLowerCase(),
        ...personFlags(text, start, end, holder, null),
      });
    }
  });

  // "his Turkish counterpart", "Iran's counterpart": the holder of the same office as the
  // person named before it in the sentence, in the country named with it.
  units.forEach((u, unit) => {
    const text = u.text;
    if (!text.includes('counterpart')) return;
    COUNTERPART.lastIndex = 0;
    for (let m = COUNTERPART.exec(text); m; m = COUNTERPART.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(people, unit, start, end)) continue;
      const prefix = prefixBefore(text, start);
      const from = /^counterparts?\s+from\s+(?:the\s+)?/.exec(text.slice(start, start + 30));
      const country =
        prefix?.country ??
        (from ? COUNTRY_PREFIXES.get(firstWords(text.slice(start + from[0].length))) : undefined);
      if (!country) continue;
      const subject = people
        .filter((p) => p.unit === unit && p.end <= start && p.country !== country.name)
        .at(-1);
      const office = subject ? officeOf(subject, refDate) : null;
      if (!office) continue;
      const holder = officeHolder(office, country.name, refDate, named);
      if (!holder) continue;
      people.push({
        name: holder.name,
        country: holder.country ?? country.name,
        known: holder,
        unit,
        start: prefix?.start ?? start,
        end,
        via: 'role',
        office: null,
        ...personFlags(text, prefix?.start ?? start, end, holder, null),
      });
    }
  });

  // Surnames of people named in full stand for them later in the article ("Mr Stefo").
  const surnames = new Map<string, PersonMention>();
  for (const p of people) {
    if (p.via !== 'name' && p.via !== 'title') continue;
    const parts = p.name.split(/\s+/);
    const last = parts[parts.length - 1];
    if (parts.length < 2 || !last || last.length < 3) continue;
    if (p.known?.short?.length) continue;
    for (const form of [last, last.replace(/^(?:al|el|ad|as|ash|at|az)-/, '')]) {
      if (form.length < 3 || ALIASES.has(form)) continue;
      if (!surnames.has(form)) surnames.set(form, p);
    }
  }
  if (surnames.size > 0) {
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}-])(?:${[...surnames.keys()].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
      'gu',
    );
    units.forEach((u, unit) => {
      re.lastIndex = 0;
      for (let m = re.exec(u.text); m; m = re.exec(u.text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (overlaps(people, unit, start, end) || overlaps(taken, unit, start, end)) continue;
        const first = surnames.get(m[0]);
        if (!first) continue;
        people.push({
          ...first,
          unit,
          start,
          end,
          via: 'surname',
          office: null,
          ...personFlags(u.text, start, end, first.known, null),
          nonParticipant:
            first.nonParticipant || personFlags(u.text, start, end, first.known, null).nonParticipant,
        });
      }
    });
  }

  const byPos = (a: { unit: number; start: number }, b: { unit: number; start: number }) =>
    a.unit - b.unit || a.start - b.start;
  return {
    people: people.sort(byPos),
    countries: countries.sort(byPos),
    orgs: orgs.sort(byPos),
    places: places.sort(byPos),
  };
}
