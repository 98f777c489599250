/**
 * The event's type and its CAMEO code. Each type has cue phrases; cues in the headline
 * weigh most, then the standfirst and lede, then the next sentences. A specific type
 * (ceasefire, sanctions, military cooperation, invitation, agreement, proposal) wins over a
 * generic one (talks, meeting, statement) when its cues are prominent enough.
 */
import type { EventType, QuadClass } from '../event.js';
import type { Unit } from './units.js';

const CUES: Record<Exclude<EventType, 'other'>, RegExp> = {
  ceasefire:
    /\b(?:cease[- ]?fires?|truces?|cessation of hostilities|halt to (?:the )?fighting|humanitarian pauses?|stop the fighting|lay down (?:their )?arms)\b/i,
  sanctions: /\b(?:sanction(?:s|ed|ing)?|embargo(?:es)?|asset freezes?|travel bans?|blacklist(?:ed|ing)?)\b/i,
  military_cooperation:
    /\b(?:joint (?:military|air|strikes?|operations?|action|fight|bombing|campaign|patrols?|exercises?)|military (?:co-?operation|co-?ordination|alliance|partnership|pact)|fight(?:ing)? (?:together|side by side)|teaming up|team up|co-?ordinat\w+ (?:(?:air ?)?strikes|military|operations|attacks)|joint implementation (?:group|cent(?:er|re))|deconfliction|de-confliction|(?:air|flight) safety|avoid(?:ing)? (?:an? )?(?:inadvertent |accidental )?(?:clash|incident|collision)s?|intelligence[- ]sharing|share intelligence|arms (?:deal|sales?|deliver\w*|supplies)|military aid|troops? to take joint|military[- ]to[- ]military|military (?:officials|officers|commanders|chiefs|experts|delegations?) (?:\w+ ){0,3}?(?:hold|held|met|meet|talk\w*|discuss\w*|confer\w*)|(?:defen[cs]e|military) (?:talks|channels?|contacts|dialogue|consultations|video ?conference))\b/i,
  // "At the invitation of" is how a visit came about, not an invitation made.
  invitation: /(?<!\b(?:at|on|upon) (?:the )?)\binvit(?:e|es|ed|ing|ation|ations)\b/i,
  agreement:
    /\b(?:agreed (?:to|on|upon)|agrees? (?:to|on)|(?:reach(?:es|ed)?|announced|unveiled|clinch(?:es|ed)?|seal(?:s|ed)?|hammer(?:s|ed)? out) (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord|understanding|consensus|framework)|agreed that|(?:signed|signs|sign|signing) (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord|memo|memorandum|treaty|protocol|declaration)|memo(?:randum)? of understanding|MoU|(?:unanimously )?adopt(?:s|ed|ing)? (?:a |the )?(?:\w+ )?resolution|endors(?:es|ed|ing) (?:a |the )?(?:road ?map|peace plan)|struck (?:an? )?deal|(?:agreement|deal|accord)\b[^.;]{0,60}?\b(?:was|has been|is|were|have been) (?:reached|signed|struck|agreed|sealed)|strike (?:a|an) (?:deal|agreement)|framework (?:agreement|deal)|peace deal|(?:deal|agreement|accord)\W{0,2}\s+(?:agreed|reached|struck|sealed|signed)(?!\s+(?:to|on|with|by|in)\b))\b/i,
  proposal:
    /\b(?:propos(?:e|ed|es|ing)|(?<!(?:'s|’s|the|this|that|his|her|its|their) )proposals?|put forward|offer(?:ed|s)? (?:to|a)|unveil(?:ed|s)? (?:a|the) (?:plan|proposal|initiative)|draft resolution|peace plan|(?:new|a) plan (?:to|for)|initiative|(?:backs?|backed|backing|supports?|supported|endorses?|endorsed) (?:the )?(?:idea|sending|deploying|deployment|creation|plan|proposal)|(?:seeks?|sought|seeking) (?:\w+ ){0,2}(?:co-?operation|collaboration|partnership|help|support))\b/i,
  // A phone call is a conversation, not a meeting.
  talks:
    /\b(?:talks|talk(?:ed|ing)? (?:about|on|over|by|with)|negotiat\w+|discuss(?:ed|es|ing|ions?)?|consultations?|dialogue|conference|(?:tele)?phone (?:call|conversation|talks)|spoke (?:by (?:tele)?phone|with))\b/i,
  meeting: /\b(?:meet|meets|met|meeting|meetings|summit|visit(?:s|ed|ing)?|sat down|hosted)\b/i,
  statement:
    /\b(?:said|says|told|tells|stated|states|warn(?:s|ed)|accus(?:es|ed)|urg(?:es|ed)|call(?:s|ed) (?:on|for)|condemn(?:s|ed)|critici[sz](?:es|ed)|den(?:ies|ied)|insist(?:s|ed)|announc(?:es|ed)|declar(?:es|ed)|claim(?:s|ed)|reject(?:s|ed)|dismiss(?:es|ed)|slam(?:s|med)|blam(?:es|ed)|vow(?:s|ed)|demand(?:s|ed)|welcom(?:es|ed)|threat(?:ens|ened)|stress(?:es|ed)|pledg(?:es|ed)|hail(?:s|ed)|prais(?:es|ed)|express(?:es|ed)|veto(?:es|ed)|statement|declaration|communiqu[eé])\b/i,
};

/** Verbs that make a ceasefire or sanctions the event rather than its topic. */
const ACTED_ON: Record<'ceasefire' | 'sanctions', RegExp> = {
  ceasefire:
    /\b(?:agree\w*|declar\w*|announc\w*|reach\w*|broker\w*|took effect|takes effect|take effect|came into (?:force|effect)|comes into (?:force|effect)|begins?|began|starts?|started|holds?|holding|sign\w*|seal\w*|struck|strike|deal|accord|plan|halt|observ\w*|extend\w*|violat\w*|collaps\w*)\b/i,
  sanctions:
    /\b(?:impos\w*|slap\w*|unleash\w*|levie[sd]|levy|against|extend\w*|widen\w*|expand\w*|new|tighten\w*|lift\w*|eas\w*|announc\w*|target\w*|hit|hits|renew\w*|adopt\w*|approv\w*|backs?|backed)\b/i,
};

/** What someone says ought to happen ("a ceasefire should be signed") has not happened. */
const WISHED = /\b(?:should|must|ought to|needs? to)\s+(?:be\s+)?\w+/i;

/** "sanctions" as a verb: "U.S. sanctions Iran's missile program", "sanctioned two banks". */
const SANCTION_VERB =
  /\b[Ss]anction(?:ed|ing)\b|\b[Ss]anctions\s+(?!(?:On|Against|Relief|Regime|Bill|Package|List|Over|For|And|Or)\b)[A-Z]/;

/**
 * A joint or final statement, declaration or communiqué is the event itself, not a speech verb
 * of the report: it weighs as much as a specific cue.
 */
const DECLARATION =
  /\b(?:joint (?:statement|declaration|communiqu[eé])|final (?:statement|declaration|communiqu[eé])|(?:issued|released|adopted|published|read out) (?:a |the |their )?(?:\w+ )?(?:statement|declaration|communiqu[eé]))\b/i;

/** Breaking off talks or cooperation: no cooperative event of its own (CAMEO 16, reduce relations). */
const REDUCE =
  /\b(?:suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|break(?:s|ing)? off|broke off|cut(?:s|ting)? off|pull(?:s|ed|ing)? out of|walk(?:s|ed)? out of|freez(?:es|ing)|froze)\s+(?:\S+\s+){0,3}?(?:talks|co-?operation|contacts|negotiations|dialogue|relations|ties)\b/i;

/** A ceasefire named as what talks are about ("talks on a Syria ceasefire deal") is their topic. */
const TOPIC_BEFORE =
  /\b(?:call(?:s|ed|ing)? for|urg(?:es|ed|ing)|demand(?:s|ed|ing)?|propos(?:es|ed|ing)|talks|negotiations?|negotiat\w+|discuss\w*|consultations?|meetings?|work(?:ing)?|efforts?|push(?:ing)?|bid|plans?|hopes?|aim(?:s|ed|ing)?|seek(?:s|ing)?|sought|try(?:ing)?|tries|tried|revive|restore|save|salvage)\b(?:\s+(?:on|about|over|for|toward|towards|to (?:reach|secure|agree|restore|revive|save|salvage|strike|broker))\b)?[^.;]{0,40}$/i;

/** The meeting cue less "hosted", for the headline's own word. */
const MEETING_WORD = new RegExp(CUES.meeting.source.replace('|hosted', ''), 'i');

/** Failure in the same sentence cancels an agreement cue. */
const FAILURE =
  /\b(?:fail(?:ed|s)? to|no (?:deal|agreement|breakthrough)|without (?:a |an )?(?:deal|agreement)|did not|didn't|could not|couldn't|unable to)\b/i;

const SPECIFIC: EventType[] = [
  'other',
  'ceasefire',
  'sanctions',
  'military_cooperation',
  'invitation',
  'agreement',
  'proposal',
];
const GENERIC: EventType[] = ['talks', 'meeting', 'statement'];

function weight(u: Unit): number {
  if (u.kind === 'title') return 3;
  if (u.kind === 'standfirst') return 2;
  if (u.kind === 'body' && u.index <= 1) return 2;
  if (u.kind === 'body' && u.index < 10) return 0.5;
  return 0;
}

/** The type chosen and the unit whose cue decided it. */
export interface TypeReading {
  type: EventType;
  /** True when the event breaks off talks or cooperation (CAMEO 16). */
  reducesRelations: boolean;
  evidence: string | null;
  scores: Partial<Record<EventType, number>>;
}

/** Classifies the event from the article's units. */
export function classifyEventType(units: Unit[]): TypeReading {
  const scores: Partial<Record<EventType, number>> = {};
  const firstUnit: Partial<Record<EventType, string>> = {};
  const bestWeight: Partial<Record<EventType, number>> = {};
  for (const u of units) {
    const w = weight(u);
    if (w === 0) continue;
    const failed = FAILURE.test(u.text);
    // One ceasefire match a unit serves both its own cue and the agreement's (see below).
    const cf = CUES.ceasefire.exec(u.text);
    for (const [type, re] of Object.entries(CUES) as [EventType, RegExp][]) {
      const m = type === 'ceasefire' ? cf : re.exec(u.text);
      if (!m) continue;
      let ww = w;
      // Speech verbs are everywhere in news: they decide only when nothing else does.
      if (type === 'statement') ww = DECLARATION.test(u.text) ? w * 1.5 : w * 0.4;
      else if (type === 'ceasefire' && TOPIC_BEFORE.test(u.text.slice(0, m.index))) ww = w * 0.3;
      // Agreeing to a ceasefire is a ceasefire (the agreement is its form): the ceasefire cue takes the unit.
      else if (
        type === 'agreement' &&
        cf &&
        ACTED_ON.ceasefire.test(u.text) &&
        !TOPIC_BEFORE.test(u.text.slice(0, cf.index))
      )
        ww = 0;
      // A ceasefire or sanctions named as the topic of talks is not the event; acting on one is.
      else if (
        (type === 'ceasefire' || type === 'sanctions') &&
        (!ACTED_ON[type].test(u.text) || WISHED.test(u.text)) &&
        !(type === 'sanctions' && SANCTION_VERB.test(u.text))
      )
        ww = w * 0.3;
      // "Failed to agree" is no agreement, nor a ceasefire.
      if (failed && (type === 'agreement' || type === 'ceasefire' || type === 'sanctions')) ww = 0;
      if (ww === 0) continue;
      scores[type] = (scores[type] ?? 0) + ww;
      if ((bestWeight[type] ?? 0) < ww) {
        bestWeight[type] = ww;
        firstUnit[type] = u.text;
      }
    }
  }
  for (const u of units) {
    const w = weight(u);
    if (w >= 2 && REDUCE.test(u.text)) {
      scores.other = (scores.other ?? 0) + w * 1.5;
      if (!firstUnit.other) firstUnit.other = u.text;
    }
  }
  const top = (types: EventType[]) =>
    types.reduce<EventType | null>(
      (best, t) => ((scores[t] ?? 0) > (best ? (scores[best] ?? 0) : 0) ? t : best),
      null,
    );
  let generic = top(GENERIC);
  const g = generic ? (scores[generic] ?? 0) : 0;
  if (generic === 'talks' || generic === 'meeting') generic = talksOrMeeting(units) ?? generic;
  const specific = top(SPECIFIC);
  const s = specific ? (scores[specific] ?? 0) : 0;
  // A declaration released is the event when nothing more specific is.
  const declared =
    (scores.statement ?? 0) >= 3 &&
    units.some((u) => (u.kind !== 'body' || u.index === 0) && weight(u) >= 2 && DECLARATION.test(u.text));
  let type: EventType = 'other';
  if (
    specific &&
    s >= 3 &&
    s >= 0.5 * g &&
    !(declared && specific === 'agreement' && s < (scores.statement ?? 0))
  )
    type = specific;
  else if (declared) type = 'statement';
  else if (generic && g > 0) type = generic;
  else if (specific) type = specific;
  const reducesRelations = type === 'other' && (scores.other ?? 0) > 0;
  return { type, reducesRelations, evidence: firstUnit[type] ?? null, scores };
}

/**
 * Talks or a meeting: both are read in most reports ("met ... to discuss"), so the first unit
 * (headline, standfirst, lede) that names either decides, by the word it names first.
 */
function talksOrMeeting(units: Unit[]): 'talks' | 'meeting' | null {
  for (const u of units) {
    if (!(u.kind === 'title' || u.kind === 'standfirst' || (u.kind === 'body' && u.index === 0))) continue;
    const t = cuePosition('talks', u.text);
    // "hosted the talks": the host's verb introduces the event's noun, it does not name one.
    const m = u.text.search(MEETING_WORD);
    if (t >= 0 && (m < 0 || t < m)) return 'talks';
    if (m >= 0) return 'meeting';
  }
  return null;
}

/** CAMEO code and QuadClass of a type. `thirdCountry` tells a visit (042) from a meeting at a third location (044). */
export function cameoFor(
  type: EventType,
  venue: 'party' | 'third' | 'unknown',
  reducesRelations = false,
): { cameo: string; quadClass: QuadClass } {
  switch (type) {
    case 'other':
      // 16: reduce relations (suspending talks or cooperation) is material conflict.
      return reducesRelations ? { cameo: '160', quadClass: 4 } : { cameo: '010', quadClass: 1 };
    case 'meeting':
      return { cameo: venue === 'party' ? '042' : venue === 'third' ? '044' : '040', quadClass: 1 };
    case 'talks':
      return { cameo: '046', quadClass: 1 };
    case 'agreement':
      return { cameo: '057', quadClass: 1 };
    case 'statement':
      return { cameo: '010', quadClass: 1 };
    case 'proposal':
      // CAMEO has no "propose" root: 03 (express intent to cooperate) is the closest.
      return { cameo: '030', quadClass: 1 };
    case 'invitation':
      // 036: express intent to meet or negotiate.
      return { cameo: '036', quadClass: 1 };
    case 'ceasefire':
      return { cameo: '0871', quadClass: 2 };
    case 'military_cooperation':
      return { cameo: '062', quadClass: 2 };
    case 'sanctions':
      return { cameo: '163', quadClass: 4 };
    default:
      return { cameo: '010', quadClass: 1 };
  }
}

/** True when the unit has a cue of `type` (used to pick the sentences that describe the event). */
export function hasCue(type: EventType, text: string): boolean {
  if (type === 'other') return false;
  return CUES[type].test(text);
}

/** Index of the first cue of `type` in the text, or -1. */
export function cuePosition(type: EventType, text: string): number {
  if (type === 'other') return -1;
  const m = CUES[type].exec(text);
  return m ? m.index : -1;
}
