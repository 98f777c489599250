/**
 * Quotations and who said them: the person named in the paragraph's attribution ("Mr
 * Lavrov said", "said Kerry", "according to X", "quoted X as saying"), a pronoun's
 * last-named person, or the previous quote's speaker for a quote that continues in the
 * next paragraph. Read per paragraph, since a quote often spans sentences.
 */

import type { Quote } from '../event.js';
import { whitespaceSplitCount } from '../text-scan.js';
import type { PersonMention } from './entities.js';
import type { Unit } from './units.js';

const QUOTE = /“([^”]{3,3000})”|"([^"]{3,3000})"/g;
const ATTRIBUTION =
  /\b(?:said|says|added|told|stated|warned|insisted|noted|explained|according to|quoted|wrote|declared|asked|replied|stressed)\b/i;
const PRONOUN =
  /\b(?:he|she)\s+(?:said|says|added|told|stated|warned|insisted|noted|explained|wrote|stressed)\b|\b(?:said|added)\s+(?:he|she)\b/i;

/** Extracts quotes of four words or more (shorter ones are scare quotes) from the body paragraphs. */
export function findQuotes(paragraphs: string[], units: Unit[], people: PersonMention[]): Quote[] {
  // Surface forms of each person as written ("Mr Lavrov", "Lavrov", "Sergei Lavrov").
  const surfaces: { surface: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const p of people) {
    const surface = units[p.unit]?.text.slice(p.start, p.end);
    if (!surface || seen.has(surface)) continue;
    seen.add(surface);
    surfaces.push({ surface, name: p.name });
  }
  surfaces.sort((a, b) => b.surface.length - a.surface.length);

  const quotes: Quote[] = [];
  let lastSpeaker: string | null = null;
  let lastPerson: string | null = null;
  let prevWasQuote = false;
  for (const para of paragraphs) {
    const outside = para.replace(QUOTE, (q) => ' '.repeat(q.length));
    const here: { name: string; at: number }[] = [];
    for (const s of surfaces) {
      let at = outside.indexOf(s.surface);
      while (at >= 0) {
        if (!here.some((h) => h.at <= at && at < h.at + s.surface.length)) here.push({ name: s.name, at });
        at = outside.indexOf(s.surface, at + s.surface.length);
      }
    }
    here.sort((a, b) => a.at - b.at);
    let found = false;
    QUOTE.lastIndex = 0;
    for (let m = QUOTE.exec(para); m; m = QUOTE.exec(para)) {
      const text = (m[1] ?? m[2] ?? '').trim();
      if (whitespaceSplitCount(text) < 4) continue;
      found = true;
      let speaker: string | null = null;
      if (ATTRIBUTION.test(outside)) {
        const qStart = m.index;
        const qEnd = m.index + m[0].length;
        // Someone named inside another's description ("spokesman for President Putin") did not speak.
        const speakers = here.filter(
          (h) =>
            !/\b(?:for|of|to|with|by|from|on|about|against)\s+(?:\S+\s+){0,2}$/i.test(
              outside.slice(Math.max(0, h.at - 40), h.at),
            ),
        );
        const pool = speakers.length > 0 ? speakers : here;
        if (pool.length > 0) {
          const dist = (h: { at: number }) =>
            h.at >= qEnd ? h.at - qEnd : h.at < qStart ? qStart - h.at : 0;
          speaker = pool.reduce((best, h) => (dist(h) < dist(best) ? h : best)).name;
        } else if (PRONOUN.test(outside)) {
          speaker = lastPerson;
        }
      } else if (outside.replace(/[\s.,;:]/g, '') === '' && prevWasQuote) {
        speaker = lastSpeaker;
      }
      quotes.push({ speaker, text });
      lastSpeaker = speaker;
    }
    prevWasQuote = found;
    const last = here[here.length - 1];
    if (last) lastPerson = last.name;
  }
  return quotes;
}
