/**
 * Who and what the event is about, from the mentions: the participants (people who took
 * part, not everyone named), the countries that are parties, and the organizations.
 */
import type { EventType } from '../event.js';
import { RENAMED_ORGANIZATIONS } from '../gazetteer/organizations.js';
import type { CountryMention, Mentions, OrgMention, PersonMention } from './entities.js';
import { hasCue } from './event-type.js';
import type { Unit } from './units.js';

/** The actors chosen, with a sentence behind each list. */
export interface Actors {
  participants: string[];
  countries: string[];
  organizations: string[];
  evidence: { participants?: string; countries?: string; organizations?: string };
}

interface PersonStats {
  name: string;
  country: string | null;
  mentions: PersonMention[];
  offices: Set<string>;
}

const FUTURE_WORD = /\b(?:will|would|shall|expected to|plans? to|is due|are due|is set to|are set to)\b/i;

/**
 * A photo caption the layout kept as text: people placed in the picture ("X, left, and Y,
 * right, arrive at", "X (L) listens to Y (2ndR)"). Who is in a photo is no record of who
 * took part in the event.
 */
const POSITION_IN_PHOTO =
  /,\s*(?:far\s+)?(?:left|right|center|centre|second (?:left|right)),|\((?:\d(?:nd|rd|th)?\s*)?[LRC]\)|\(\s*(?:left|right|center|centre)\s*\)/;

function isCaption(u: Unit | undefined): boolean {
  return !!u && (u.kind === 'caption' || POSITION_IN_PHOTO.test(u.text));
}

function isLede(u: Unit | undefined): boolean {
  return !!u && (u.kind === 'standfirst' || (u.kind === 'body' && u.index === 0));
}

/** The second and third sentences still belong to the lede for a head of state or government, or a foreign or defence minister. */
function isLedeFor(u: Unit | undefined, top: boolean): boolean {
  return isLede(u) || (top && !!u && u.kind === 'body' && u.index <= 2);
}

const TOP_OFFICE =
  /president|prime minister|premier|chancellor|king|emir|foreign|secretary of state|defen[cs]e|diplomat|supreme leader/i;

/** Offices below the top one: "Assistant Secretary of State", "Deputy Foreign Minister". */
const JUNIOR = /\b(?:vice|deputy|assistant|under|acting|junior|state minister)\b/i;

function isTopOfficial(p: PersonStats, date: string | null): boolean {
  if ([...p.offices].some((o) => TOP_OFFICE.test(o) && !JUNIOR.test(o))) return true;
  const terms = p.mentions.find((m) => m.known)?.known?.offices ?? [];
  return terms.some(
    (t) =>
      ['president', 'prime-minister', 'foreign-minister', 'defence-minister', 'supreme-leader'].includes(
        t.office,
      ) &&
      (!date || (t.from <= date && (!t.to || t.to > date))),
  );
}

/** A head of state or government (or one about to be) at the date. */
function isHead(p: PersonStats, date: string | null): boolean {
  if ([...p.offices].some((o) => /^(?:president|prime minister|premier|chancellor|king|emir)/.test(o)))
    return true;
  const terms = p.mentions.find((m) => m.known)?.known?.offices ?? [];
  return terms.some(
    (t) =>
      (t.office === 'president' || t.office === 'prime-minister') &&
      // An incoming leader (president-elect) counts too: the weeks before he takes office.
      (!date || (t.from <= addDays(date, 90) && (!t.to || t.to > date))),
  );
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function officeKey(p: PersonStats, date: string | null): string | null {
  for (const o of p.offices) {
    // An assistant or deputy secretary is no counterpart of a minister.
    if (JUNIOR.test(o)) continue;
    if (/foreign|secretary of state|diplomat/.test(o)) return 'foreign';
    if (/defen[cs]e/.test(o)) return 'defence';
  }
  const terms = p.mentions.find((m) => m.known)?.known?.offices ?? [];
  for (const t of terms) {
    if (date && (t.from > date || (t.to && t.to <= date))) continue;
    if (t.office === 'foreign-minister') return 'foreign';
    if (t.office === 'defence-minister') return 'defence';
  }
  return null;
}

/** A clause about what is still to come: "X is scheduled to leave for Brussels to meet Y", "X will host". */
const PROSPECTIVE_BEFORE =
  /\b(?:will|shall|(?:is|are)\s+(?:scheduled|due|expected|set|slated)\s+to|plans?\s+to|is\s+to|are\s+to)\s+[^.;!?]*$/i;

/** A mention in a sentence that says what someone is yet to do: no record of the event reported. */
function isProspective(units: Unit[], m: PersonMention): boolean {
  const text = units[m.unit]?.text ?? '';
  return PROSPECTIVE_BEFORE.test(text.slice(0, m.start));
}

/** "signed by X, Y and Z" earlier in the sentence: whoever signs takes part, a deputy minister too. */
const SIGNED_BY = /\bsigned\s+(?:\S+\s+){0,3}?by\b[^.;!?]*$/i;

function isSignatory(units: Unit[], m: PersonMention): boolean {
  if (m.background || m.known?.kind === 'spokesperson' || m.known?.kind === 'journalist') return false;
  const text = units[m.unit]?.text ?? '';
  return SIGNED_BY.test(text.slice(Math.max(0, m.start - 200), m.start));
}

/** Words that join a second person to the one before: "along with Y", "accompanied by his counterpart Y". */
const ALONG_WITH = /\b(?:along with|together with|accompanied by|joined by)\s+(?:\S+\s+){0,4}$/i;

/** Events two or more sides make together, where a named counterpart of a participant took part too. */
const COUNTERPART_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'talks',
  'meeting',
  'agreement',
  'military_cooperation',
  'ceasefire',
  'sanctions',
]);

/**
 * A sentence that lists who was at the event: "The meeting included X and Y", "Other
 * participants in the talks include X", "the session was also attended by X", "the meeting
 * between X and Y included Z". Whoever it names
 * after the verb took part, however far down or however junior.
 */
const ATTENDANCE_BEFORE =
  /(?:\b(?:meeting|talks|negotiations|session|summit|consultations|conference|participants|delegations?)\s+(?:(?:between|of|with)\s+[^.;!?,]{1,80}?\s+)?(?:also\s+)?(?:included|includes|include|(?:was|were)\s+(?:also\s+)?attended\s+by|brought together)|\b(?:co-)?chaired\s+by)\b(?:[^.;!?]|(?<=\b(?:\p{Lu}|Adm|Gen|Lt|Maj|Col|Capt|Cmdr|Sen|Rep|Dr|Mr|Mrs|Ms|St))\.)*$/iu;

/**
 * The head of a delegation at talks: "X, who leads the Russian delegation", "the head of
 * the Iranian delegation, X", "a delegation led by X". He takes part, however junior.
 */
const HEADS_DELEGATION_AFTER =
  /^,?\s+(?:who\s+)?(?:leads|led|heads|headed|is leading|was leading|is heading|was heading|chief of|head of)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:[\p{L}.’'-]+\s+){0,3}?(?:delegation|negotiating team)\b/iu;
const HEADS_DELEGATION_BEFORE =
  /(?:\b(?:head|chief|leader)\s+of\s+(?:the\s+)?(?:[\p{L}.’'-]+\s+){0,3}?(?:delegation|negotiating team),?|\b(?:delegation|negotiating team)\s+(?:led|headed)\s+by)\s+(?:(?:\p{Lu}[\p{L}.’'-]*)\s+){0,3}$/iu;

function headsDelegation(units: Unit[], m: PersonMention): boolean {
  const text = units[m.unit]?.text ?? '';
  return (
    HEADS_DELEGATION_AFTER.test(text.slice(m.end, m.end + 100)) ||
    HEADS_DELEGATION_BEFORE.test(text.slice(Math.max(0, m.start - 100), m.start))
  );
}

function isListedAttendee(units: Unit[], m: PersonMention): boolean {
  if (headsDelegation(units, m)) return true;
  const text = units[m.unit]?.text ?? '';
  // A long list runs past 200 characters: read back to the start of the sentence.
  const before = text.slice(Math.max(0, m.start - 600), m.start);
  return (
    ATTENDANCE_BEFORE.test(before) &&
    !/\b(?:will|would|could|may|might)\s+(?:\S+\s+){0,3}$/i.test(before.replace(ATTENDANCE_BEFORE, ''))
  );
}

/**
 * A clause that has two named people meet: "X met (with) Y", "X and Y met", "talks between
 * X and Y", "consultations of X with Y". Both are parties, whatever else the text calls
 * them ("presidential aide X").
 */
const MEETING_BETWEEN =
  /\b(?:meeting|meetings|talks|consultations?|negotiations|conversation|call|summit)\s+(?:\S+\s+){0,2}?(?:between|of)\s+(?:(?:[^.;!?,]|(?<=\b\p{Lu})\.)*\s+)?$/iu;
const MET_VERB = /^\s+(?:met|meet|meets|has met|have met|held talks|had talks|hold talks)\b/i;

/** Between two names of a list: ", ", " and ", ", and ", with the next one's title ("Ukraine's", "French President"). */
const LIST_GAP = /^\s*(?:,|,?\s+and)\s+(?:(?:the|\p{Lu}[\p{L}.’'-]*)\s+){0,3}$/u;

/**
 * A verb that has the person before it meet or call the one after: "X met (with) Y",
 * "X held talks with Y", "X said he had a telephone conversation with Y", "X spoke by
 * phone with Y".
 */
const MEETS_WITH =
  /^\s+(?:met|meets|has met|met with|held talks with|had talks with|talked with|(?:said\s+(?:that\s+)?(?:he|she)\s+)?(?:had|held|has had)\s+(?:an?\s+)?(?:(?:tele)?phone\s+)?(?:call|conversation|talk|talks|meeting)\s+with|(?:spoke|talked|has spoken)\s+(?:by\s+(?:tele)?phone\s+)?(?:with|to))\s+(?:\S+\s+){0,5}?$/i;

/** "X, who is also the envoy for Y, met with Z": an appositive between the subject and its verb. */
const APPOSITIVE_GAP = /^,\s+(?:who|the|a|an)\b[^.;!?]{0,150}?,(?=\s)/i;

function meetingParties(units: Unit[], mentions: PersonMention[]): string[][] {
  const groups: string[][] = [];
  const byUnit = new Map<number, PersonMention[]>();
  for (const m of mentions) {
    if (m.background) continue;
    const list = byUnit.get(m.unit) ?? [];
    list.push(m);
    byUnit.set(m.unit, list);
  }
  for (const [unit, list] of byUnit) {
    const text = units[unit]?.text ?? '';
    for (let i = 0; i + 1 < list.length; i++) {
      const a = list[i]!;
      const b = list[i + 1]!;
      if (a.name === b.name) continue;
      const between = text.slice(a.end, b.start);
      const after = text.slice(b.end, b.end + 20);
      const pair =
        (/^\s+(?:and|with)\s+(?:\S+\s+){0,8}?$/i.test(between) &&
          MEETING_BETWEEN.test(text.slice(Math.max(0, a.start - 120), a.start))) ||
        (/^\s+and\s+$/i.test(between) && MET_VERB.test(after)) ||
        MEETS_WITH.test(between);
      if (pair) groups.push([a.name, b.name]);
    }
    // "X, who is also the envoy of the president, met with Y": the verb is X's, past the
    // appositive and whoever it names.
    for (const [i, a] of list.entries()) {
      const gap = APPOSITIVE_GAP.exec(text.slice(a.end));
      if (!gap) continue;
      const verbAt = a.end + gap[0].length;
      const b = list.slice(i + 1).find((m) => m.start >= verbAt);
      if (b && b.name !== a.name && MEETS_WITH.test(text.slice(verbAt, b.start)))
        groups.push([a.name, b.name]);
    }
    // "A, B's C, French President D and E held talks": everyone in a list that meets.
    for (let i = 0; i < list.length; i++) {
      let j = i;
      while (j + 1 < list.length && LIST_GAP.test(text.slice(list[j]!.end, list[j + 1]!.start))) j++;
      if (j > i && MET_VERB.test(text.slice(list[j]!.end, list[j]!.end + 20)))
        groups.push(list.slice(i, j + 1).map((m) => m.name));
      i = j;
    }
  }
  return groups;
}

/** "The leaders of X, Y and Z", "the presidents of X and Y" in the headline or lede: the countries listed. */
const LEADERS_OF = /\b(?:leaders|presidents|heads of state(?: and government)?)\s+of\s+(?:the\s+)?$/i;

function leadersOf(units: Unit[], mentions: Mentions): Set<string> {
  const out = new Set<string>();
  for (const [i, u] of units.entries()) {
    if (u.kind !== 'title' && !isLede(u)) continue;
    const here = mentions.countries.filter((c) => c.unit === i && c.form === 'name');
    let inList = false;
    for (let k = 0; k < here.length; k++) {
      const c = here[k]!;
      const prev = here[k - 1];
      inList =
        LEADERS_OF.test(u.text.slice(Math.max(0, c.start - 40), c.start)) ||
        (inList && !!prev && /^\s*(?:,|and|, and)\s*(?:the\s+)?$/.test(u.text.slice(prev.end, c.start)));
      if (inList) out.add(c.country.name);
    }
  }
  return out;
}

/**
 * With nobody named in the headline or lede (a story that opens on the outcome, "A deal
 * has been reached"), the first sentence that names someone in the foreground names the
 * people who acted: "X announced ... with Y", "in a call between X and Y".
 */
function firstNamed(units: Unit[], eligible: PersonStats[]): PersonStats[] {
  let first = Number.POSITIVE_INFINITY;
  for (const s of eligible)
    for (const m of s.mentions) {
      const u = units[m.unit];
      if (!m.background && u?.kind === 'body' && m.unit < first) first = m.unit;
    }
  const inFirst = eligible
    .flatMap((s) => s.mentions.filter((m) => m.unit === first && !m.background).map((m) => ({ s, m })))
    .sort((a, b) => a.m.start - b.m.start);
  const text = units[first]?.text ?? '';
  // One person's passing mention ("X welcomed the result") is a reaction. Two people joined
  // by "with" or "between": "a joint statement with Y", "a conversation with Y", "talks between X and Y".
  for (let i = 0; i + 1 < inFirst.length; i++) {
    const a = inFirst[i]!;
    const b = inFirst[i + 1]!;
    if (a.s === b.s) continue;
    const between = text.slice(a.m.end, b.m.start);
    if (/\bwith\b/i.test(between) || /\bbetween\s+(?:\S+\s+){0,4}$/i.test(text.slice(0, a.m.start)))
      return [a.s, b.s];
  }
  return [];
}

/**
 * Picks participants. A person takes part when named in the headline or lede, or named
 * repeatedly early on, and is not a spokesperson, deputy, reporter or analyst, and not
 * named only as background ("the regime of X"). For talks and meetings, a party country's
 * top diplomat who is named at all joins his named counterpart ("Kerry ... Lavrov").
 */
export function chooseParticipants(
  units: Unit[],
  mentions: Mentions,
  type: EventType,
  date: string | null,
): PersonStats[] {
  const stats = new Map<string, PersonStats>();
  for (const m of mentions.people) {
    if (isCaption(units[m.unit])) continue;
    const s = stats.get(m.name) ?? {
      name: m.name,
      country: m.country,
      mentions: [],
      offices: new Set<string>(),
    };
    s.mentions.push(m);
    if (m.office) s.offices.add(m.office);
    s.country = s.country ?? m.country;
    stats.set(m.name, s);
  }
  const chosen: PersonStats[] = [];
  /** Chosen for the headline or the first sentence, not for later or repeated mentions. */
  const upFront = new Set<PersonStats>();
  const meetings = meetingParties(units, mentions.people);
  const parties = new Set(meetings.flat());
  const listed = (s: PersonStats) => s.mentions.some((m) => !m.background && isListedAttendee(units, m));
  const speaksOnly = (s: PersonStats) =>
    s.mentions.some((m) => m.known?.kind === 'spokesperson' || m.known?.kind === 'journalist');
  const eligible = [...stats.values()].filter((s) => {
    if (s.mentions.some((m) => isSignatory(units, m))) return true;
    if ((parties.has(s.name) || listed(s)) && !speaksOnly(s)) return true;
    if (s.mentions.some((m) => m.nonParticipant)) return false;
    const foreground = s.mentions.filter((m) => !m.background);
    return foreground.length > 0;
  });
  for (const s of eligible) {
    const fg = s.mentions.filter((m) => !m.background);
    const inTitle = fg.some((m) => units[m.unit]?.kind === 'title');
    const top = isTopOfficial(s, date);
    const inLede = fg.some((m) => isLedeFor(units[m.unit], top));
    const early = fg.filter((m) => {
      const u = units[m.unit];
      return u && (u.kind !== 'body' || u.index <= 2);
    }).length;
    const signed = fg.some((m) => isSignatory(units, m));
    if (inTitle || inLede || signed || listed(s) || (early >= 1 && fg.length >= 2) || fg.length >= 3)
      chosen.push(s);
    if (inTitle || fg.some((m) => isLede(units[m.unit]))) upFront.add(s);
  }
  // A head of state or government named only further down, whose country is already
  // represented up front by one of its ministers, is the context of the news ("conveying
  // his regards to President Obama", "an initiative of U.S. leader Barack Obama"), not a party.
  const represented = new Set([...upFront].map((c) => c.country).filter((c): c is string => !!c));
  for (const s of [...chosen]) {
    if (upFront.has(s) || !s.country || !represented.has(s.country) || !isHead(s, date)) continue;
    chosen.splice(chosen.indexOf(s), 1);
  }
  // "The leaders of Germany, France, Russia and Ukraine agreed": the heads of those
  // countries took part, wherever the article names them.
  const led = leadersOf(units, mentions);
  for (const s of eligible)
    if (!chosen.includes(s) && s.country && led.has(s.country) && isHead(s, date)) chosen.push(s);
  if (chosen.length === 0) chosen.push(...firstNamed(units, eligible));
  // "X met Y", "X said he had a phone call with Y", "A, B, C and D held talks": with one
  // of them a participant, the meeting is the event and the others took part too.
  for (const group of meetings) {
    if (!group.some((n) => chosen.some((c) => c.name === n))) continue;
    for (const s of eligible) if (group.includes(s.name) && !chosen.includes(s)) chosen.push(s);
  }
  // "X, along with Y, attended", "X, accompanied by Y": Y takes part with a chosen X.
  for (const s of eligible) {
    if (chosen.includes(s)) continue;
    const joined = s.mentions.some((m) => {
      if (m.background) return false;
      const text = units[m.unit]?.text ?? '';
      if (!ALONG_WITH.test(text.slice(Math.max(0, m.start - 60), m.start))) return false;
      return chosen.some((c) => c.mentions.some((cm) => cm.unit === m.unit && cm.end <= m.start));
    });
    if (joined) chosen.push(s);
  }
  if (COUNTERPART_TYPES.has(type)) {
    const covered = new Set(chosen.map((c) => c.country).filter((c): c is string => !!c));
    const chosenOffices = new Set(chosen.map((c) => officeKey(c, date)).filter((o): o is string => !!o));
    for (const s of eligible) {
      if (chosen.includes(s) || !s.country || covered.has(s.country)) continue;
      // Counterparts a participant is yet to meet ("later on Monday, to discuss it with his
      // German and French counterparts X and Y") belong to another event.
      if (s.mentions.every((m) => m.background || isProspective(units, m))) continue;
      const office = officeKey(s, date);
      if (office && chosenOffices.has(office)) {
        chosen.push(s);
        covered.add(s.country);
      }
    }
  }
  return chosen;
}

/**
 * Picks the countries that are parties: named in the headline or lede, or more than once
 * (a country named only as a place, "in Switzerland", does not count), plus the countries
 * of the participants.
 */
export function chooseCountries(
  units: Unit[],
  countries: CountryMention[],
  participants: PersonStats[],
  eventCue: (text: string) => boolean = () => false,
): string[] {
  const counts = new Map<string, { n: number; prominent: boolean; inEvent: boolean }>();
  for (const c of countries) {
    if (c.locative) continue;
    const u = units[c.unit];
    if (!u || isCaption(u)) continue;
    const e = counts.get(c.country.name) ?? { n: 0, prominent: false, inEvent: false };
    e.n += 1;
    // Named in an early sentence that tells of the event itself ("the top diplomats of Britain, France and Germany took the stage").
    // A sentence about what is still to come ("the talks will also touch on the crisis in Ukraine") is no record of it.
    // Past the first paragraph, a sentence with a meeting in it is mostly about another one
    // ("Tillerson flies to Jiddah to meet the four states leading the boycott").
    if (
      u.kind === 'body' &&
      u.index <= 3 &&
      !FUTURE_WORD.test(u.text.slice(Math.max(0, c.start - 60), c.start)) &&
      eventCue(u.text)
    )
      e.inEvent = true;
    if (u.kind === 'title' || isLede(u)) e.prominent = true;
    counts.set(c.country.name, e);
  }
  const out = new Set<string>();
  for (const [name, e] of counts) if (e.prominent || e.n >= 2 || e.inEvent) out.add(name);
  for (const p of participants) if (p.country) out.add(p.country);
  return [...out].sort();
}

/** Organizations named in the article, except media and names used only to describe another group. */
export function chooseOrganizations(units: Unit[], orgs: OrgMention[]): string[] {
  const out = new Set<string>();
  for (const o of orgs) {
    if (o.descriptor || o.org.kind === 'media' || o.org.kind === 'government-body') continue;
    if (units[o.unit]?.kind === 'caption') continue;
    out.add(o.org.name);
  }
  for (const [now, before] of RENAMED_ORGANIZATIONS) if (out.has(now) && out.has(before)) out.delete(now);
  return [...out].sort();
}

function bare(text: string): string {
  return text
    .replace(/[\s.!?"“”]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Pages often print the headline again as the first paragraph. That copy is the headline,
 * and the lede is the sentence after it: the units are renumbered so that "first
 * sentence" means the first sentence of the story.
 */
export function withoutRepeatedHeadline(units: Unit[]): Unit[] {
  const title = units.find((u) => u.kind === 'title');
  const first = units.find((u) => u.kind === 'body' && u.index === 0);
  if (!title || !first || !bare(title.text).endsWith(bare(first.text))) return units;
  return units.map((u) =>
    u === first
      ? { ...u, kind: 'title' as const, index: -1 }
      : u.kind === 'body'
        ? { ...u, index: u.index - 1 }
        : u,
  );
}

/** All three lists, with evidence sentences. */
export function chooseActors(
  units: Unit[],
  mentions: Mentions,
  type: EventType,
  date: string | null,
): Actors {
  const people = chooseParticipants(withoutRepeatedHeadline(units), mentions, type, date);
  const participants = [...new Set(people.map((p) => p.name))].sort();
  const countries = chooseCountries(
    units,
    mentions.countries,
    people,
    (text) => hasCue(type, text) || hasCue('meeting', text) || hasCue('talks', text),
  );
  const organizations = chooseOrganizations(units, mentions.orgs);
  const evidence: Actors['evidence'] = {};
  const firstUnitWith = (pred: (i: number) => boolean) => units.find((_, i) => pred(i))?.text;
  const pUnit = mentions.people.filter((m) => participants.includes(m.name)).map((m) => m.unit);
  if (pUnit.length > 0) evidence.participants = firstUnitWith((i) => pUnit.includes(i));
  const cUnit = mentions.countries.filter((m) => countries.includes(m.country.name)).map((m) => m.unit);
  if (cUnit.length > 0) evidence.countries = firstUnitWith((i) => cUnit.includes(i));
  const oUnit = mentions.orgs.filter((m) => organizations.includes(m.org.name)).map((m) => m.unit);
  if (oUnit.length > 0) evidence.organizations = firstUnitWith((i) => oUnit.includes(i));
  return { participants, countries, organizations, evidence };
}
