/**
 * A deterministic, varied set of events for store tests: full, month, year and missing
 * dates; shared and distinct actors, countries, organizations, types, locations; several
 * sources. Seeded, so a failure reproduces.
 */
import { prng } from '../../bench/corpus.js';
import { EVENT_TYPES, type Event, type EventType } from '../../functions/core/event.js';

const PEOPLE = [
  'Sergey Lavrov',
  'John Kerry',
  'Wang Yi',
  'Hakan Fidan',
  'Staffan de Mistura',
  'Antony Blinken',
];
const COUNTRIES = ['Russia', 'United States', 'China', 'Turkey', 'Syria', 'Iran'];
const ORGS = ['United Nations', 'NATO', 'APEC'];
const PLACES = ['Moscow', 'Geneva', 'Lausanne', 'Beijing', 'Ankara', null];
const WORDS = ['talks', 'ceasefire', 'minister', 'summit', 'agreement', 'visit', 'Aleppo', 'energy', 'trade'];

/** The bench's seeded PRNG (mulberry32), so datasets are reproducible. */
export const rng = prng;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function some<T>(r: () => number, list: readonly T[], max: number): T[] {
  const n = Math.floor(r() * (max + 1));
  return [...new Set(Array.from({ length: n }, () => pick(r, list)))];
}

/** Builds one event of the dataset. */
export function datasetEvent(r: () => number, i: number): Event {
  const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
  const year = pick(r, ['2016', '2017']);
  const shape = r();
  const date =
    shape < 0.6 ? `${year}-${month}-${day}` : shape < 0.7 ? `${year}-${month}` : shape < 0.75 ? year : null;
  const published = date === null && r() < 0.6 ? `${year}-${month}-${day}` : date && r() < 0.5 ? date : null;
  const type: EventType = pick(r, EVENT_TYPES);
  const participants = some(r, PEOPLE, 3).sort();
  const countries = some(r, COUNTRIES, 3).sort();
  const organizations = some(r, ORGS, 2).sort();
  const location = pick(r, PLACES);
  const id = `ev_${String(i).padStart(4, '0')}${Math.floor(r() * 1e6)}`;
  const createdAt = `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`;
  const title = `${pick(r, WORDS)} ${pick(r, WORDS)} ${i}`;
  const reading = {
    type,
    cameo: '040',
    quadClass: 1 as const,
    date,
    dateSource: date ? ('text' as const) : null,
    participants,
    countries,
    organizations,
    location,
    quotes: [],
    evidence: (date ? { date: `On ${date} they met.` } : {}) as Record<string, string>,
  };
  const nSources = 1 + Math.floor(r() * 3);
  return {
    id,
    title,
    summary: `${pick(r, WORDS)} and ${pick(r, WORDS)}`,
    ...reading,
    publisher: pick(r, ['Reuters', 'TASS', null]),
    author: null,
    published,
    sources: Array.from({ length: nSources }, (_, s) => ({
      key: `articles/${i}-${s} ü+x.txt`,
      url: null,
      publisher: null,
      author: null,
      title,
      published,
      contentHash: `h${i}-${s}`,
      ingestedAt: createdAt,
      reading,
      summary: 'lede',
    })),
    mergedBy: nSources > 1 ? ['date', 'participants'] : [],
    normalizerVersion: 'test',
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

/** `n` dataset events from `seed`. */
export function dataset(n: number, seed = 7): Event[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => datasetEvent(r, i));
}
