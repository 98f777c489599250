import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event, EventReading, Source } from '../../functions/core/event.js';
import { EVENT_TYPES } from '../../functions/core/event.js';
import { eventFromArticle, sourceFromArticle } from '../../functions/core/event-from-article.js';
import { eventIdForKey } from '../../functions/core/ids.js';
import {
  candidateDayRanges,
  chooseBestMatch,
  compareViews,
  decideSameEvent,
  foldEvents,
  inDayRanges,
  mayFold,
  mergeSource,
  remergeEvents,
  splitSource,
  typesCompatible,
} from '../../functions/core/merge.js';
import { LABELLED, normalizedArticle, reading } from '../fixtures/article-readings.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';
const T2 = '2026-01-01T00:02:00.000Z';

function eventOf(key: string, r: Partial<EventReading>, now = T0, title = key): Event {
  return eventFromArticle(normalizedArticle(title, r), {
    id: eventIdForKey(key),
    key,
    contentHash: `hash-${key}`,
    now,
    normalizerVersion: 'test',
  });
}

function sourceOf(key: string, r: Partial<EventReading>, now = T1, matched?: string[]): Source {
  const s = sourceFromArticle(normalizedArticle(key, r), { key, contentHash: `hash-${key}`, now });
  return matched ? { ...s, matched } : s;
}

const lausanne = (name: string) => LABELLED[name] ?? {};

describe('decideSameEvent', () => {
  it('two outlets on one meeting are the same event, and say which fields matched', () => {
    const event = eventOf('reuters', lausanne('lausanne-reuters.txt'));
    const d = decideSameEvent(event, normalizedArticle('tass', lausanne('lausanne-tass.txt')));
    expect(d.same).toBe(true);
    expect(d.matched).toEqual(['countries', 'date', 'location', 'participants']);
    expect(d.reasons.join(' ')).toMatch(/participants agree: John Kerry, Sergey Lavrov/);
  });

  it('the same two ministers a month apart are two events', () => {
    const event = eventOf('lausanne', lausanne('lausanne-reuters.txt'));
    const d = decideSameEvent(event, normalizedArticle('lima', LABELLED['lima-reuters.txt'] ?? {}));
    expect(d.same).toBe(false);
    expect(d.reasons.join(' ')).toMatch(/dates 36 days apart/);
  });

  it('same place and people, a month apart, still two events', () => {
    const base = lausanne('lausanne-bbc.txt');
    const d = compareViews(reading(base), reading({ ...base, date: '2016-11-15' }));
    expect(d.same).toBe(false);
  });

  it('allows one day between text dates and three when a date is only a publication date', () => {
    const a = reading({ ...lausanne('lausanne-bbc.txt') });
    expect(compareViews(a, reading({ ...a, date: '2016-10-16' })).same).toBe(true);
    expect(compareViews(a, reading({ ...a, date: '2016-10-17' })).same).toBe(false);
    expect(compareViews(a, reading({ ...a, date: '2016-10-18', dateSource: 'metadata' })).same).toBe(true);
    expect(compareViews(a, reading({ ...a, date: '2016-10-19', dateSource: 'uploaded' })).same).toBe(false);
  });

  it('a month-precision date overlapping the day is compatible; year-only and missing dates are not', () => {
    const a = reading({ ...lausanne('lausanne-bbc.txt') });
    expect(compareViews(a, reading({ ...a, date: '2016-10' })).same).toBe(true);
    expect(compareViews(a, reading({ ...a, date: '2016' })).same).toBe(false);
    expect(compareViews(a, reading({ ...a, date: null, dateSource: null })).same).toBe(false);
  });

  it('different participants on the same day are different events (Lavrov–Kerry vs Lavrov–Fidan)', () => {
    const a = reading({ ...lausanne('lausanne-bbc.txt') });
    const b = reading({ ...a, participants: ['Hakan Fidan', 'Sergey Lavrov'] });
    expect(compareViews(a, b).same).toBe(false);
    const subset = reading({ ...a, participants: ['Sergey Lavrov'] });
    expect(compareViews(a, subset).same).toBe(true);
  });

  it('falls back to countries when a side names no participants', () => {
    const a = reading({ ...lausanne('lausanne-bbc.txt') });
    const noPeople = reading({ ...a, participants: [], countries: ['Russia', 'United States'] });
    expect(compareViews(a, noPeople).same).toBe(true);
    expect(compareViews(a, reading({ ...noPeople, countries: ['China'] })).same).toBe(false);
  });

  it('two precise places differ; a country is compatible with a city in it', () => {
    const a = reading({ ...lausanne('lausanne-guardian.txt') });
    expect(compareViews(a, reading({ ...a, location: 'Lausanne' })).same).toBe(true);
    expect(
      compareViews(reading({ ...a, location: 'Geneva' }), reading({ ...a, location: 'Lausanne' })).same,
    ).toBe(false);
  });

  it('types: encounters are compatible with each other, sanctions are not', () => {
    expect(typesCompatible('meeting', 'talks')).toBe(true);
    expect(typesCompatible('agreement', 'meeting')).toBe(true);
    expect(typesCompatible('sanctions', 'meeting')).toBe(false);
    expect(typesCompatible('sanctions', 'statement')).toBe(true);
    const a = reading({ ...lausanne('lausanne-bbc.txt') });
    expect(compareViews(a, reading({ ...a, type: 'sanctions' })).same).toBe(false);
  });

  it('is symmetric (the concurrent fold relies on it)', () => {
    const names = ['A', 'B', 'C', 'D'];
    const arb = fc.record({
      type: fc.constantFrom(...EVENT_TYPES),
      date: fc.option(
        fc.constantFrom('2016-10-14', '2016-10-15', '2016-10-17', '2016-10', '2016', '2016-11-15'),
      ),
      dateSource: fc.constantFrom('text' as const, 'metadata' as const, 'uploaded' as const),
      participants: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 3 }),
      countries: fc.uniqueArray(fc.constantFrom('X', 'Y', 'Z', 'Lausanne'), { maxLength: 3 }),
      organizations: fc.constant([] as string[]),
      location: fc.option(fc.constantFrom('Lausanne', 'Geneva', 'X')),
    });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const ab = compareViews(a, b);
        const ba = compareViews(b, a);
        expect(ab.same).toBe(ba.same);
        expect(ab.matched).toEqual(ba.matched);
      }),
      { numRuns: 500 },
    );
  });
});

describe('candidate windows', () => {
  it('covers days around the date and the padded keys of partial dates', () => {
    const ranges = candidateDayRanges('2016-10-15');
    expect(inDayRanges('2016-10-15#ev_a', ranges)).toBe(true);
    expect(inDayRanges('2016-10-22#ev_a', ranges)).toBe(true);
    expect(inDayRanges('2016-10-23#ev_a', ranges)).toBe(false);
    expect(inDayRanges('2016-10-00#ev_a', ranges)).toBe(true);
    expect(inDayRanges('2016-00-00#ev_a', ranges)).toBe(false);
    expect(inDayRanges('2016-11-15#ev_a', ranges)).toBe(false);
    expect(ranges).toEqual([{ from: '2016-10-00', to: '2016-10-22' }]);
    expect(candidateDayRanges('2016-10-29')).toEqual([{ from: '2016-10-00', to: '2016-11-05' }]);
    expect(candidateDayRanges('2016-12-28')).toEqual([{ from: '2016-12-00', to: '2017-01-04' }]);
    expect(inDayRanges('2017-01-00#ev_a', candidateDayRanges('2016-12-28'))).toBe(true);
    expect(inDayRanges('2017-01-04#ev_a', candidateDayRanges('2016-12-28'))).toBe(true);
    expect(candidateDayRanges(null)).toEqual([]);
  });
});

describe('mergeSource', () => {
  it('reconciles fields by evidence and keeps each reading', () => {
    const uploaded = eventOf('first', {
      type: 'other',
      date: '2016-10-18',
      dateSource: 'uploaded',
      participants: ['Sergey Lavrov'],
      countries: ['Russia', 'Switzerland'],
      location: 'Switzerland',
    });
    const merged = mergeSource(
      uploaded,
      sourceOf('second', lausanne('lausanne-tass.txt'), T1, ['participants', 'date']),
      T1,
    );
    expect(merged.id).toBe(uploaded.id);
    expect(merged.date).toBe('2016-10-15');
    expect(merged.dateSource).toBe('text');
    expect(merged.location).toBe('Lausanne');
    expect(merged.type).toBe('talks');
    expect(merged.participants).toEqual(['John Kerry', 'Sergey Lavrov']);
    expect(merged.countries).toEqual(['Russia', 'Switzerland', 'United States']);
    expect(merged.mergedBy).toEqual(['date', 'participants']);
    expect(merged.sources.map((s) => s.key)).toEqual(['first', 'second']);
    expect(merged.sources[0]?.reading.date).toBe('2016-10-18');
    expect(merged.sources[1]?.reading.date).toBe('2016-10-15');
    expect(merged.version).toBe(uploaded.version + 1);
    expect(merged.updatedAt).toBe(T1);
    expect(merged.createdAt).toBe(T0);
    expect(merged.title).toBe('first');
  });

  it('replaces the source of the same key instead of adding one', () => {
    const event = eventOf('a', lausanne('lausanne-bbc.txt'));
    const changed = sourceOf('a', { ...lausanne('lausanne-bbc.txt'), location: 'Geneva' });
    const next = mergeSource(event, { ...changed, contentHash: 'new' }, T1);
    expect(next.sources).toHaveLength(1);
    expect(next.sources[0]?.contentHash).toBe('new');
    expect(next.location).toBe('Geneva');
    expect(next.mergedBy).toEqual([]);
  });

  it('is independent of the order sources arrive in', () => {
    const keys = [
      'lausanne-reuters.txt',
      'lausanne-guardian.txt',
      'lausanne-france24.txt',
      'lausanne-aljazeera.txt',
    ];
    const build = (order: string[]) => {
      const [first, ...rest] = order as [string, ...string[]];
      let event = eventOf(first, lausanne(first), T0, 'title');
      for (const key of rest)
        event = mergeSource(event, { ...sourceOf(key, lausanne(key)), title: 'title' }, T1);
      return event;
    };
    const a = build(keys);
    const b = build([...keys].reverse());
    for (const field of [
      'date',
      'dateSource',
      'location',
      'type',
      'participants',
      'countries',
      'quotes',
    ] as const) {
      expect(b[field]).toEqual(a[field]);
    }
    expect(a.location).toBe('Lausanne');
    expect(a.quotes.map((q) => q.speaker)).toEqual(['Sergey Lavrov', 'John Kerry']);
  });
});

describe('chooseBestMatch', () => {
  it('picks the matching candidate and skips those kept apart from the key', () => {
    const lausanneEvent = eventOf('l', lausanne('lausanne-reuters.txt'));
    const limaEvent = eventOf('m', LABELLED['lima-reuters.txt'] ?? {});
    const article = normalizedArticle('tass', lausanne('lausanne-tass.txt'));
    expect(chooseBestMatch([limaEvent, lausanneEvent], article, 'tass')?.event.id).toBe(lausanneEvent.id);
    const apart = { ...lausanneEvent, keptApart: ['tass'] };
    expect(chooseBestMatch([limaEvent, apart], article, 'tass')).toBeNull();
  });
});

describe('splitSource and remerge', () => {
  it('splits a source out, keeps the two apart, and remerges them', () => {
    const a = eventOf('a', lausanne('lausanne-reuters.txt'));
    const merged = mergeSource(
      mergeSource(a, sourceOf('b', lausanne('lausanne-tass.txt'), T1, ['date']), T1),
      sourceOf('c', { ...lausanne('lausanne-guardian.txt') }, T1, ['participants']),
      T1,
    );
    const { remaining, split } = splitSource(merged, 'b', T2);
    expect(remaining.id).toBe(a.id);
    expect(remaining.sources.map((s) => s.key)).toEqual(['a', 'c']);
    expect(remaining.mergedBy).toEqual(['participants']);
    expect(remaining.version).toBe(merged.version + 1);
    expect(split.id).toBe(eventIdForKey('b'));
    expect(split.sources.map((s) => s.key)).toEqual(['b']);
    expect(split.type).toBe('talks');
    expect(split.mergedBy).toEqual([]);
    expect(split.version).toBe(1);
    expect(mayFold(remaining, split)).toBe(false);

    const again = remergeEvents(remaining, split, T2);
    expect(again.sources.map((s) => s.key)).toEqual(['a', 'b', 'c']);
    expect(again.keptApart).toBeUndefined();
    expect(again.mergedBy).toContain('manual');
  });

  it('splitting the creator out gives the split a derived id', () => {
    const a = eventOf('a', lausanne('lausanne-reuters.txt'));
    const merged = mergeSource(a, sourceOf('b', lausanne('lausanne-tass.txt')), T1);
    const { remaining, split } = splitSource(merged, 'a', T2);
    expect(remaining.id).toBe(a.id);
    expect(split.id).not.toBe(a.id);
    expect(split.id).toMatch(/^ev_[0-9a-f]{20}$/);
    expect(remaining.title).toBe('b');
  });

  it('refuses to split an only source', () => {
    expect(() => splitSource(eventOf('a', {}), 'a', T1)).toThrow(/only the source/);
    expect(() => splitSource(eventOf('a', {}), 'zzz', T1)).toThrow(/no source/);
  });
});

describe('foldEvents', () => {
  it('moves the loser sources in, recording matched, without duplicating a shared key', () => {
    const w = eventOf('w', lausanne('lausanne-reuters.txt'));
    const l = mergeSource(
      eventOf('l', lausanne('lausanne-tass.txt')),
      sourceOf('w', lausanne('lausanne-reuters.txt')),
      T1,
    );
    const folded = foldEvents(w, l, ['date', 'participants'], T2);
    expect(folded.sources.map((s) => s.key)).toEqual(['l', 'w']);
    expect(folded.mergedBy).toEqual(['date', 'participants']);
    expect(folded.id).toBe(w.id);
  });
});
