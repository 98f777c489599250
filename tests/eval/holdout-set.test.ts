/**
 * Structural checks of the held-out labelled set (`tests/eval/holdout/`).
 *
 * These tests check the set's shape only: every article has exactly one gold file, every
 * gold file parses, carries the required keys with the right types, names its article, uses
 * an event type the timeline knows, and does not repeat an article of the dev set. They never
 * run the normalizer: the holdout set is for scoring, not for tuning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../functions/core/event.js';

const HOLDOUT = join(import.meta.dirname, 'holdout');
const DEV = join(import.meta.dirname, 'dev');
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** Basenames (without extension) of the files in `dir` that end with `ext`, sorted. */
function basenames(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

/** A gold file parsed as an untyped record, so each key's type can be checked. */
function readGold(dir: string, name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'gold', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0);
}

function isNullableString(value: unknown): boolean {
  return value === null || (typeof value === 'string' && value.length > 0);
}

/** A URL without scheme, `www.`, query and trailing slash, for duplicate checks. */
function normalizeUrl(url: string): string {
  return (url.replace(/^https?:\/\/(www\.)?/, '').split('?')[0] ?? '').replace(/\/$/, '').toLowerCase();
}

describe('holdout set structure', () => {
  const articles = basenames(join(HOLDOUT, 'articles'), '.txt');
  const golds = basenames(join(HOLDOUT, 'gold'), '.json');

  it('has at least 40 articles', () => {
    expect(articles.length).toBeGreaterThanOrEqual(40);
  });

  it('pairs every article with exactly one gold file of the same basename', () => {
    expect(golds).toEqual(articles);
  });

  it('names files NNN_slug with distinct numbers', () => {
    for (const name of articles) expect(name).toMatch(/^\d{3}_[a-z0-9-]+$/);
    const numbers = articles.map((n) => n.slice(0, 3));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  for (const name of golds) {
    describe(name, () => {
      const gold = readGold(HOLDOUT, name);
      const event = gold.event as Record<string, unknown>;

      it('names its own article file', () => {
        expect(gold.article).toBe(`${name}.txt`);
      });

      it('has non-empty article text', () => {
        expect(readFileSync(join(HOLDOUT, 'articles', `${name}.txt`), 'utf8').trim()).not.toBe('');
      });

      it('has the metadata keys with the right types', () => {
        for (const key of ['publisher', 'title', 'author']) {
          expect(isNullableString(gold[key]), key).toBe(true);
        }
        expect(gold.published === null || YMD.test(String(gold.published))).toBe(true);
        expect(isStringArray(gold.mentioned_people)).toBe(true);
        expect(typeof gold.notes === 'string' && gold.notes.length > 20).toBe(true);
        expect(String(gold.source_ref)).toMatch(/^https?:\/\//);
      });

      it('has an event with a known type and well-typed fields', () => {
        expect(typeof event).toBe('object');
        expect(EVENT_TYPES).toContain(event.type);
        expect(event.date === null || YMD.test(String(event.date))).toBe(true);
        for (const key of ['participants', 'countries', 'organizations']) {
          expect(isStringArray(event[key]), key).toBe(true);
        }
        expect(isNullableString(event.location)).toBe(true);
        if ('type_alternatives' in event) {
          const alternatives = event.type_alternatives as unknown[];
          expect(alternatives.length).toBeGreaterThan(0);
          for (const alt of alternatives) {
            expect(EVENT_TYPES).toContain(alt);
            expect(alt).not.toBe(event.type);
          }
        }
        if ('location_alternatives' in event) {
          expect(isStringArray(event.location_alternatives)).toBe(true);
        }
      });

      it('does not list a participant among the mentioned people', () => {
        const mentioned = new Set(gold.mentioned_people as string[]);
        for (const person of event.participants as string[]) expect(mentioned.has(person)).toBe(false);
      });
    });
  }

  it('repeats no article of the dev set (by source URL or title)', () => {
    const devNames = basenames(join(DEV, 'gold'), '.json');
    const devGolds = devNames.map((n) => readGold(DEV, n));
    const devUrls = new Set(devGolds.map((g) => normalizeUrl(String(g.source_ref))));
    const devTitles = new Set(
      devGolds.map((g) => (typeof g.title === 'string' ? g.title.toLowerCase() : null)),
    );
    devTitles.delete(null);
    for (const name of golds) {
      const gold = readGold(HOLDOUT, name);
      expect(devUrls.has(normalizeUrl(String(gold.source_ref))), name).toBe(false);
      if (typeof gold.title === 'string') {
        expect(devTitles.has(gold.title.toLowerCase()), name).toBe(false);
      }
    }
  });
});
