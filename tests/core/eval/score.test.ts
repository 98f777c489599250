import { describe, expect, it } from 'vitest';
import {
  formatReport,
  type GoldLabel,
  inSubset,
  normName,
  scoreAll,
} from '../../../functions/core/eval/score.js';
import type { NormalizedArticle } from '../../../functions/core/event.js';

function gold(over: Partial<GoldLabel['event']> = {}, top: Partial<GoldLabel> = {}): GoldLabel {
  return {
    article: 'a.txt',
    title: 'T',
    publisher: null,
    published: null,
    event: {
      date: null,
      type: 'talks',
      participants: ['John Kerry'],
      countries: ['Russia'],
      organizations: [],
      location: null,
      ...over,
    },
    ...top,
  };
}

function predicted(over: Partial<NormalizedArticle['reading']> = {}, title = 'T'): NormalizedArticle {
  return {
    article: {
      title,
      titleSource: 'headline',
      summary: '',
      publisher: null,
      author: null,
      published: null,
      url: null,
      language: 'en',
    },
    reading: {
      type: 'talks',
      cameo: '046',
      quadClass: 1,
      date: null,
      dateSource: null,
      participants: ['John Kerry'],
      countries: ['Russia'],
      organizations: [],
      location: null,
      quotes: [],
      evidence: {},
      ...over,
    },
    body: '',
  };
}

describe('scoreAll', () => {
  it('scores a perfect prediction as perfect', () => {
    const r = scoreAll([{ gold: gold(), predicted: predicted() }]);
    expect([r.title.accuracy, r.type.accuracy, r.location.accuracy, r.participants.f1]).toEqual([1, 1, 1, 1]);
    expect(r.eventDate.n).toBe(0);
  });
  it('scores a title made from the lede as "no headline": right where gold has none, wrong elsewhere', () => {
    const fromLede = predicted();
    fromLede.article.titleSource = 'lede';
    const r = scoreAll([
      { gold: gold({}, { title: null }), predicted: fromLede },
      { gold: gold(), predicted: fromLede },
      { gold: gold({}, { title: null }), predicted: predicted() },
    ]);
    expect(r.title).toEqual({ correct: 1, n: 3, accuracy: 1 / 3 });
  });
  it('counts an invented date when gold has none, and scores dates only where gold has one', () => {
    const r = scoreAll([
      { gold: gold(), predicted: predicted({ date: '2016-01-01' }) },
      { gold: gold({ date: '2016-02-02' }), predicted: predicted({ date: '2016-02-02' }) },
    ]);
    expect(r.inventedDates).toBe(1);
    expect(r.eventDate).toEqual({ correct: 1, n: 1, accuracy: 1 });
  });
  it('accepts location alternatives and compares names case-insensitively', () => {
    const r = scoreAll([
      {
        gold: gold({ location: 'Switzerland', location_alternatives: ['Lausanne'] }),
        predicted: predicted({ location: 'lausanne', participants: ['john KERRY'] }),
      },
    ]);
    expect(r.location.accuracy).toBe(1);
    expect(r.participants.f1).toBe(1);
  });
  it('scores type strictly against the primary type and leniently against its alternatives', () => {
    const r = scoreAll([
      {
        gold: gold({ type: 'ceasefire', type_alternatives: ['agreement'] }),
        predicted: predicted({ type: 'agreement' }),
      },
      {
        gold: gold({ type: 'ceasefire', type_alternatives: ['agreement'] }),
        predicted: predicted({ type: 'ceasefire' }),
      },
      { gold: gold({ type: 'meeting' }), predicted: predicted({ type: 'agreement' }) },
    ]);
    expect(r.type).toEqual({ correct: 1, n: 3, accuracy: 1 / 3 });
    expect(r.typeLenient).toEqual({ correct: 2, n: 3, accuracy: 2 / 3 });
    const text = formatReport(r);
    expect(text).toMatch(/type \(strict\)\s+33\.3%\s+1\/3/);
    expect(text).toMatch(/type \(lenient\)\s+66\.7%\s+2\/3/);
  });
  it('micro-averages set scores', () => {
    const r = scoreAll([
      { gold: gold({ participants: ['A', 'B'] }), predicted: predicted({ participants: ['A', 'C'] }) },
      { gold: gold({ participants: ['D'] }), predicted: predicted({ participants: ['D'] }) },
    ]);
    expect(r.participants).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(r.participants.f1).toBeCloseTo(2 / 3);
  });
  it('counts a rejected article as wrong on every field', () => {
    const r = scoreAll([{ gold: gold(), predicted: null }]);
    expect(r.rejected).toBe(1);
    expect(r.title.accuracy).toBe(0);
    expect(r.participants.recall).toBe(0);
  });
  it('formats a table with every field', () => {
    const text = formatReport(scoreAll([{ gold: gold(), predicted: predicted() }]));
    for (const f of [
      'title',
      'publisher',
      'published',
      'event date',
      'invented dates',
      'type',
      'location',
      'participants F1',
      'countries F1',
      'organizations F1',
      'n',
    ]) {
      expect(text).toContain(f);
    }
  });
});

describe('inSubset', () => {
  it('splits numbered articles into odd and even halves by their leading number', () => {
    expect(inSubset('001_a.txt', 'odd')).toBe(true);
    expect(inSubset('001_a.txt', 'even')).toBe(false);
    expect(inSubset('010_b.txt', 'even')).toBe(true);
    expect(inSubset('010_b.txt', 'odd')).toBe(false);
    expect(inSubset('slug.txt', 'odd')).toBe(false);
    expect(inSubset('slug.txt', 'all')).toBe(true);
  });
});

describe('normName', () => {
  it('folds case, accents, dashes and spacing', () => {
    expect(normName('  Bashar al‑Assad ')).toBe('bashar al-assad');
    expect(normName('François Hollande')).toBe(normName('francois hollande'));
  });
});
