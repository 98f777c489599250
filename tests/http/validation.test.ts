import { Hono } from 'hono';
import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../functions/core/cursor.js';
import { EntenteError } from '../../functions/core/errors.js';
import {
  eventsQuerySchema,
  feedQuerySchema,
  ingestionQuerySchema,
  isEventId,
  noQuerySchema,
  parseQuery,
  timelineQuerySchema,
} from '../../functions/http/validation.js';

type QuerySchema = v.GenericSchema<Record<string, string>, unknown>;

/** Runs parseQuery on a real Hono request; the parsed query, or the BadRequestError's message. */
async function parse(schema: QuerySchema, query: string): Promise<{ ok: unknown } | { error: string }> {
  let outcome: { ok: unknown } | { error: string } | undefined;
  const app = new Hono();
  app.onError((error, c) => {
    expect(error).toBeInstanceOf(EntenteError);
    outcome = { error: error.message };
    return c.text('', 400);
  });
  app.get('/q', (c) => {
    outcome = { ok: parseQuery(c, schema) };
    return c.text('');
  });
  await app.request(`/q?${query}`);
  if (!outcome) throw new Error('no outcome');
  return outcome;
}

describe('parseQuery', () => {
  it('parses valid parameters into typed values', async () => {
    const cursor = encodeCursor('2024-01-01|ev_1');
    expect(
      await parse(eventsQuerySchema, `limit=0005&from=2016-02-29&to=2017&type=meeting&cursor=${cursor}`),
    ).toEqual({ ok: { limit: 5, from: '2016-02-29', to: '2017', type: 'meeting', cursor } });
    expect(await parse(timelineQuerySchema, 'format=timelinejs&limit=200')).toEqual({
      ok: { format: 'timelinejs', limit: 200 },
    });
    expect(await parse(noQuerySchema, '')).toEqual({ ok: {} });
  });

  it('names the parameter and says what is wrong', async () => {
    const cases: Array<[QuerySchema, string, string]> = [
      [eventsQuerySchema, 'limit=%2B5', 'limit must be an integer from 1 to 200'],
      [eventsQuerySchema, 'limit=', 'limit must be an integer from 1 to 200'],
      [eventsQuerySchema, 'from=2016-13', 'from is not a calendar date'],
      [eventsQuerySchema, 'q=', 'q must not be empty'],
      [eventsQuerySchema, 'cursor=', 'cursor must not be empty'],
      [eventsQuerySchema, `actor=${'a'.repeat(81)}`, 'actor must be at most 80 characters'],
      [eventsQuerySchema, 'actor=a--b', 'actor must be a lower-case slug such as sergey-lavrov'],
      [timelineQuerySchema, 'format=xml', 'format must be months or timelinejs'],
      [timelineQuerySchema, 'from=2017-02&to=2017-01', 'from must not be after to'],
      [ingestionQuerySchema, '', 'key is required'],
      [ingestionQuerySchema, `key=${'k'.repeat(1025)}`, 'key must be at most 1024 characters'],
    ];
    for (const [schema, query, message] of cases)
      expect(await parse(schema, query), query).toEqual({ error: message });
  });

  it('refuses unknown parameters, listing them all, before any bad value', async () => {
    expect(await parse(feedQuerySchema, 'colour=red&limit=1')).toEqual({
      error: 'unknown parameter colour, limit',
    });
    expect(await parse(eventsQuerySchema, 'limit=0&colour=red')).toEqual({
      error: 'unknown parameter colour',
    });
    expect(await parse(ingestionQuerySchema, 'key=a&extra=1')).toEqual({ error: 'unknown parameter extra' });
    expect(await parse(noQuerySchema, '__proto__=1')).toEqual({ error: 'unknown parameter __proto__' });
  });

  it('refuses a parameter given twice, even with equal values', async () => {
    expect(await parse(eventsQuerySchema, 'limit=1&limit=1')).toEqual({
      error: 'limit is given more than once',
    });
  });
});

describe('isEventId', () => {
  it('accepts id-like path segments up to 100 characters, nothing else', () => {
    expect(isEventId('ev_2016-02-12_a1')).toBe(true);
    expect(isEventId('a'.repeat(100))).toBe(true);
    expect(isEventId('a'.repeat(101))).toBe(false);
    for (const bad of ['', 'a b', '../x', 'ev%2F1', 'é']) expect(isEventId(bad), bad).toBe(false);
  });
});
