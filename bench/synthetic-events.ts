/**
 * Synthetic events for the flat-cost benchmark: valid `Event` objects (built by the same
 * `eventFromArticle` the normalizer uses) with dates, participants, countries, locations and
 * types varied by a seeded PRNG, so indexes and filters see a realistic spread.
 */
import { createHash } from 'node:crypto';
import type { EventType, QuadClass } from '../functions/core/event.js';
import { EVENT_TYPES, type Event } from '../functions/core/event.js';
import { eventFromArticle } from '../functions/core/event-from-article.js';
import { eventIdForKey } from '../functions/core/ids.js';
import { prng } from './corpus.js';

const PEOPLE = [
  'John Kerry',
  'Sergey Lavrov',
  'Rex Tillerson',
  'Mohammad Javad Zarif',
  'Frank-Walter Steinmeier',
  'Laurent Fabius',
  'Pavlo Klimkin',
  'Mevlut Cavusoglu',
  'Adel al-Jubeir',
  'Staffan de Mistura',
  'Federica Mogherini',
  'Ban Ki-moon',
];
/** Weighted so some countries are common and some rare, as in real news. */
const COUNTRIES: Array<[string, number]> = [
  ['United States', 30],
  ['Russia', 30],
  ['Syria', 20],
  ['Iran', 12],
  ['Ukraine', 10],
  ['Germany', 8],
  ['France', 8],
  ['Turkey', 6],
  ['Saudi Arabia', 5],
  ['China', 5],
  ['Kazakhstan', 2],
  ['Switzerland', 2],
];
const PLACES = ['Geneva', 'Vienna', 'Lausanne', 'Moscow', 'Munich', 'Astana', 'Minsk', 'Paris', null];
const ORGANIZATIONS = ['United Nations', 'European Union', 'NATO', 'OSCE'];

/** The country the filtered query asks for: common enough to fill a page at every size. */
export const FILTER_COUNTRY = { name: 'Iran', slug: 'iran' } as const;

/** Generates events `from` (inclusive) to `to` (exclusive) of the seeded sequence. */
export function generateEvents(from: number, to: number, seed = 7): Event[] {
  const events: Event[] = [];
  for (let i = from; i < to; i++) events.push(syntheticEvent(i, seed));
  return events;
}

/** The `index`th event of the sequence: the same on every run. */
export function syntheticEvent(index: number, seed = 7): Event {
  const rand = prng(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const totalWeight = COUNTRIES.reduce((sum, [, w]) => sum + w, 0);
  const pickCountry = () => {
    let r = rand() * totalWeight;
    for (const [name, weight] of COUNTRIES) {
      r -= weight;
      if (r < 0) return name;
    }
    return COUNTRIES[0]![0];
  };
  const people = [...new Set([pick(PEOPLE), pick(PEOPLE)])].sort();
  const countries = [...new Set([pickCountry(), pickCountry()])].sort();
  const organizations = rand() < 0.3 ? [pick(ORGANIZATIONS)] : [];
  // Dates over 25 years, so the timeline's newest page moves as the table grows.
  const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(rand() * 25 * 365) * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const type = pick(EVENT_TYPES) as EventType;
  const location = pick(PLACES);
  const key = `bench/synthetic/${String(index).padStart(6, '0')}.txt`;
  const title = `${people.join(' and ')} ${type} on ${countries.join(' and ')}${location ? ` in ${location}` : ''} (#${index})`;
  const now = `${date}T12:00:00.000Z`;
  return eventFromArticle(
    {
      article: {
        title,
        titleSource: 'headline',
        summary: `${title}. A synthetic event of the flat-cost benchmark.`,
        publisher: 'Bench Wire',
        author: null,
        published: date,
        url: null,
        language: 'en',
      },
      reading: {
        type,
        cameo: '040',
        quadClass: (1 + Math.floor(rand() * 4)) as QuadClass,
        date,
        dateSource: 'text',
        participants: people,
        countries,
        organizations,
        location,
        quotes: [],
        evidence: { date: `On ${date}, ${title}.` },
      },
      body: title,
    },
    {
      id: eventIdForKey(key),
      key,
      contentHash: createHash('sha256').update(key).digest('hex'),
      now,
      normalizerVersion: 'bench',
    },
  );
}
