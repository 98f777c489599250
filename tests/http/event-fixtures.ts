/**
 * Events for feed, HTTP, publish and browser tests: the five sample articles' events as
 * the normalizer reads them, plus builders for generated and hostile ones.
 */

import { MemoryEventStore } from '../../functions/adapters/memory-stores.js';
import type { Event, EventType } from '../../functions/core/event.js';

/** Fields a test may set; everything else gets a plausible value. */
export interface EventSeed {
  id: string;
  title: string;
  date: string | null;
  type?: EventType;
  summary?: string;
  participants?: string[];
  countries?: string[];
  organizations?: string[];
  location?: string | null;
  publisher?: string | null;
  url?: string | null;
  updatedAt?: string;
}

/** A full Event from a seed. */
export function makeEvent(seed: EventSeed): Event {
  const updatedAt = seed.updatedAt ?? `${seed.date?.length === 10 ? seed.date : '2017-01-01'}T12:00:00.000Z`;
  const reading = {
    type: seed.type ?? 'meeting',
    cameo: '040',
    quadClass: 1 as const,
    date: seed.date,
    dateSource: seed.date ? ('text' as const) : null,
    participants: seed.participants ?? [],
    countries: seed.countries ?? [],
    organizations: seed.organizations ?? [],
    location: seed.location ?? null,
    quotes: [],
    evidence: {},
  };
  const publisher = seed.publisher === undefined ? 'The Independent' : seed.publisher;
  return {
    id: seed.id,
    title: seed.title,
    summary: seed.summary ?? `${seed.title}.`,
    ...reading,
    publisher,
    author: null,
    published: seed.date && seed.date.length === 10 ? seed.date : null,
    sources: [
      {
        key: `${seed.id}.txt`,
        url: seed.url === undefined ? `https://news.example/${seed.id}` : seed.url,
        publisher,
        author: null,
        title: seed.title,
        published: seed.date && seed.date.length === 10 ? seed.date : null,
        contentHash: 'a'.repeat(64),
        ingestedAt: updatedAt,
        reading,
      },
    ],
    quotes: [],
    evidence: {},
    mergedBy: [],
    normalizerVersion: 'test-1',
    createdAt: updatedAt,
    updatedAt,
    version: 1,
  };
}

/** The sample articles' events. */
export const SAMPLE_SEEDS: EventSeed[] = [
  {
    id: 'ev_000',
    title: 'Syria peace talks: US and Russia make progress over who is eligible to join',
    date: '2016-01-15',
    type: 'talks',
    participants: ['John Kerry', 'Sergey Lavrov'],
    countries: ['Russia', 'Syria', 'United States'],
    location: 'Geneva',
  },
  {
    id: 'ev_001',
    title: "US and Russia meet to establish 'agreed' list of international terror groups",
    date: '2015-12-15',
    type: 'meeting',
    participants: ['John Kerry', 'Sergey Lavrov', 'Vladimir Putin'],
    countries: ['Russia', 'United States'],
    location: 'Moscow',
  },
  {
    id: 'ev_002',
    title: 'US and Russia begin lackluster talks on Syria war',
    date: '2016-10-15',
    type: 'talks',
    participants: ['John Kerry', 'Sergey Lavrov'],
    countries: ['Russia', 'Syria', 'United States'],
    location: 'Lausanne',
    publisher: 'The New Arab',
  },
  {
    id: 'ev_003',
    title: 'Syrian Opposition Groups Invited To Moscow',
    date: '2017-01-27',
    type: 'invitation',
    participants: ['Sergey Lavrov'],
    countries: ['Russia', 'Syria'],
    location: 'Moscow',
    publisher: null,
    url: null,
  },
  {
    id: 'ev_004',
    title: 'Syria crisis: US and Russia in talks to fight side by side in Aleppo',
    date: '2016-06',
    type: 'military_cooperation',
    participants: ['Sergei Shoigu'],
    countries: ['Russia', 'Syria', 'United States'],
    location: 'Aleppo',
  },
];

/** A store seeded with events. */
export async function storeWith(events: Event[]): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  for (const event of events) await store.create(event);
  return store;
}

/** Hostile text: markup, entities, quotes, a C0 control and a lone surrogate. */
export const HOSTILE_TITLE = `<script>alert("x")</script> Tom & Jerry's "talks" <b>bold</b> \u0001 \uD800 ]]> end`;
