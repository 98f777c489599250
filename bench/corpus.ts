/**
 * A generated corpus for the throughput benchmark: thousands of varied articles built from
 * the structure of the real sample articles (headline, dek, byline, date line, chrome
 * blocks, body paragraphs, quotes), with people, places, dates and paragraph order varied
 * by a seeded PRNG, so the normalizer sees different text each time, not one text repeated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MONTH_NAMES } from '../functions/core/feed-model.js';

/** A small deterministic PRNG (mulberry32), so the corpus is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE: Array<[string, string]> = [
  ['John Kerry', 'US Secretary of State'],
  ['Sergey Lavrov', 'Russian Foreign Minister'],
  ['Rex Tillerson', 'US Secretary of State'],
  ['Mohammad Javad Zarif', 'Iranian Foreign Minister'],
  ['Frank-Walter Steinmeier', 'German Foreign Minister'],
  ['Laurent Fabius', 'French Foreign Minister'],
  ['Pavlo Klimkin', 'Ukrainian Foreign Minister'],
  ['Mevlut Cavusoglu', 'Turkish Foreign Minister'],
  ['Adel al-Jubeir', 'Saudi Foreign Minister'],
  ['Staffan de Mistura', 'UN special envoy for Syria'],
];
const PLACES = [
  'Geneva',
  'Vienna',
  'Lausanne',
  'Moscow',
  'Munich',
  'Astana',
  'Minsk',
  'Paris',
  'Berlin',
  'Hamburg',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CHROME = [
  ['Your support helps us to tell the story', 'Your support makes all the difference.'],
  ['Join our commenting forum', 'Comments'],
  ['GET VISIBLE! Advertise Here. Find Out More', 'Share Our Stories! - Click Here'],
  [
    'Stay up to date with notifications from the site',
    'Notifications can be managed in browser preferences.',
  ],
  ['Sign up for our daily newsletter', 'Read more'],
];
const VERBS = [
  'met on {day} in {place} to discuss',
  'held talks on {day} in {place} on',
  'signed an agreement on {day} in {place} on',
  'announced a ceasefire on {day} covering',
  'spoke by phone on {day} about',
  'proposed new talks on {day} on',
];
const HEADLINE_VERBS = [
  'meet to discuss',
  'hold talks on',
  'sign deal on',
  'agree ceasefire in',
  'clash over',
  'discuss',
];
const TOPICS = [
  'the Syrian conflict',
  'the crisis in Ukraine',
  "Iran's nuclear programme",
  'humanitarian access to Aleppo',
  'the fight against Islamic State',
];

/** Body sentences of the real sample articles, the raw material of the corpus. */
function sampleSentences(articlesDir: string): string[] {
  const sentences: string[] = [];
  for (const file of readdirSync(articlesDir).sort()) {
    const text = readFileSync(join(articlesDir, file), 'utf8');
    for (const line of text.split('\n')) {
      if (line.length > 80)
        sentences.push(...(line.match(/[^.!?]+[.!?]+["”’]?/g) ?? []).map((s) => s.trim()));
    }
  }
  return sentences;
}

/** Generates `count` varied articles (plain text, as scraped), deterministic for a seed. */
export function generateCorpus(
  articlesDir: string,
  count: number,
  seed = 42,
): Array<{ key: string; text: string }> {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const sentences = sampleSentences(articlesDir);
  const out: Array<{ key: string; text: string }> = [];
  for (let i = 0; i < count; i++) {
    const [a, roleA] = pick(PEOPLE);
    let [b, roleB] = pick(PEOPLE);
    if (b === a) [b, roleB] = PEOPLE[(peopleIndex(a) + 1) % PEOPLE.length] as [string, string];
    const place = pick(PLACES);
    const day = pick(DAYS);
    const year = 2015 + Math.floor(rand() * 3);
    const month = Math.floor(rand() * 12);
    const date = 1 + Math.floor(rand() * 28);
    const topic = pick(TOPICS);
    const verb = pick(VERBS).replace('{day}', day).replace('{place}', place);
    const lines: string[] = [];
    const chrome = pick(CHROME);
    if (rand() < 0.5) lines.push(chrome[0] as string, '');
    lines.push(`${a.split(' ').pop()} and ${b.split(' ').pop()} ${pick(HEADLINE_VERBS)} ${topic}`, '');
    if (rand() < 0.6)
      lines.push(
        `By ${pick(['Adam Withnall', 'Stephen Lendman', 'Jane Doe', 'Ali Hassan', 'Maria Petrova'])}`,
      );
    if (rand() < 0.7)
      lines.push(
        `${day} ${date} ${MONTH_NAMES[month]} ${year} ${10 + Math.floor(rand() * 12)}:0${Math.floor(rand() * 9)} GMT`,
        '',
      );
    lines.push(`${roleA} ${a} and ${roleB} ${b} ${verb} ${topic}.`, '');
    const paragraphs = 4 + Math.floor(rand() * 10);
    for (let p = 0; p < paragraphs; p++) {
      const n = 1 + Math.floor(rand() * 3);
      const para: string[] = [];
      for (let s = 0; s < n; s++) para.push(pick(sentences));
      if (rand() < 0.2) para.push(`“We have made progress on ${topic},” ${b.split(' ').pop()} said.`);
      lines.push(para.join(' '), '');
    }
    if (rand() < 0.6) lines.push(...chrome, '');
    out.push({
      key: `bench/${String(i).padStart(5, '0')}-${place.toLowerCase()}.txt`,
      text: lines.join('\n'),
    });
  }
  return out;
}

function peopleIndex(name: string): number {
  return PEOPLE.findIndex(([n]) => n === name);
}
