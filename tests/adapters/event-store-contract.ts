/**
 * The EventStore contract, run against every implementation (MemoryEventStore, the
 * DynamoDB adapter): the same behaviour on the same data.
 */
import { describe, expect, it } from 'vitest';
import { BadRequestError, ConflictError } from '../../functions/core/errors.js';
import type { Event } from '../../functions/core/event.js';
import { slugify } from '../../functions/core/slug.js';
import type { EventQuery, EventStore } from '../../functions/ports.js';
import { datasetEvent, rng } from '../helpers/event-dataset.js';

/** Reads every page of a query; returns ids and cursors in order. */
export async function walk(
  store: EventStore,
  query: Omit<EventQuery, 'cursor'>,
): Promise<{ ids: string[]; cursors: Array<string | null> }> {
  const ids: string[] = [];
  const cursors: Array<string | null> = [];
  let cursor: string | null = null;
  for (let page = 0; page < 500; page++) {
    const out = await store.query({ ...query, cursor });
    ids.push(...out.items.map((e) => e.id));
    cursors.push(out.nextCursor);
    if (!out.nextCursor) return { ids, cursors };
    cursor = out.nextCursor;
  }
  throw new Error('pagination did not end');
}

let counter = 0;
function freshEvent(overrides: Partial<Event> = {}): Event {
  counter += 1;
  const event = datasetEvent(rng(1000 + counter), 9000 + counter);
  return { ...event, id: `ev_contract_${counter}_${Math.floor(Math.random() * 1e9)}`, ...overrides };
}

/** Registers the contract tests for a store made by `make` (called once per test). */
export function describeEventStoreContract(name: string, make: () => EventStore): void {
  describe(`EventStore contract: ${name}`, () => {
    it('creates, reads back, and refuses a second create of the same id', async () => {
      const store = make();
      const event = freshEvent();
      await store.create(event);
      expect(await store.get(event.id)).toEqual(event);
      await expect(store.create(event)).rejects.toBeInstanceOf(ConflictError);
      expect(await store.get('ev_missing')).toBeNull();
    });

    it('updates only at the expected version, deletes only at the expected version', async () => {
      const store = make();
      const event = freshEvent();
      await store.create(event);
      const next = { ...event, title: 'changed', version: 2 };
      await expect(store.update(next, 5)).rejects.toBeInstanceOf(ConflictError);
      await store.update(next, 1);
      expect((await store.get(event.id))?.title).toBe('changed');
      await expect(store.update({ ...next, version: 3 }, 1)).rejects.toBeInstanceOf(ConflictError);
      await expect(store.delete(event.id, 1)).rejects.toBeInstanceOf(ConflictError);
      await store.delete(event.id, 2);
      expect(await store.get(event.id)).toBeNull();
    });

    it('applies a transaction all or nothing', async () => {
      const store = make();
      const a = freshEvent();
      const b = freshEvent();
      await store.create(a);
      await store.create(b);
      await expect(
        store.transact([
          { kind: 'update', event: { ...a, title: 'should not stick', version: 2 }, expectedVersion: 1 },
          { kind: 'delete', id: b.id, expectedVersion: 7 },
        ]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.get(a.id))?.title).toBe(a.title);
      expect(await store.get(b.id)).not.toBeNull();
      await store.transact([
        {
          kind: 'update',
          event: { ...a, sources: [...a.sources, ...b.sources], version: 2 },
          expectedVersion: 1,
        },
        { kind: 'delete', id: b.id, expectedVersion: 1 },
      ]);
      expect(await store.get(b.id)).toBeNull();
      const key = b.sources[0]?.key as string;
      const holder = await store.query({ source: key, limit: 5 });
      expect(holder.items.map((e) => e.id)).toEqual([a.id]);
    });

    it('keeps a pointer from a folded-away event to the event that holds its sources, fold after fold', async () => {
      const store = make();
      if (!store.mergedInto) throw new Error('this store keeps no merged-into pointers');
      const [a, b, c] = [freshEvent(), freshEvent(), freshEvent()];
      for (const e of [a, b, c]) await store.create(e);
      const fold = (winner: Event, loser: Event, version: number) =>
        store.transact([
          {
            kind: 'update',
            event: { ...winner, sources: [...winner.sources, ...loser.sources], version: version + 1 },
            expectedVersion: version,
          },
          { kind: 'delete', id: loser.id, expectedVersion: loser.version, mergedInto: winner.id },
        ]);
      expect(await store.mergedInto(a.id)).toBeNull();
      await fold(b, a, 1);
      expect(await store.get(a.id)).toBeNull();
      expect(await store.mergedInto(a.id)).toBe(b.id);
      // B (now holding A's sources) folds into C: A's pointer leads on to C.
      const bNow = (await store.get(b.id)) as Event;
      await fold(c, bNow, 1);
      expect(await store.mergedInto(a.id)).toBe(c.id);
      expect(await store.mergedInto(b.id)).toBe(c.id);
      // A plain delete leaves no pointer, and a trail ending at a deleted event leads nowhere.
      await store.delete(c.id, 2);
      expect(await store.mergedInto(c.id)).toBeNull();
      expect(await store.mergedInto(a.id)).toBeNull();
      expect(await store.mergedInto('ev_never_existed')).toBeNull();
    });

    it('keeps an article in at most one event: taking a key held elsewhere is a conflict', async () => {
      const store = make();
      const a = freshEvent();
      await store.create(a);
      const taken = a.sources[0] as Event['sources'][number];
      const b = freshEvent();
      await expect(store.create({ ...b, sources: [...b.sources, taken] })).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(await store.get(b.id)).toBeNull();
      await store.create(b);
      await expect(store.update({ ...b, sources: [taken], version: 2 }, 1)).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect((await store.query({ source: taken.key, limit: 5 })).items.map((e) => e.id)).toEqual([a.id]);
    });

    it('finds the event of an article by source key, and forgets it when the source moves', async () => {
      const store = make();
      const event = freshEvent();
      await store.create(event);
      const key = event.sources[0]?.key as string;
      expect((await store.query({ source: key, limit: 10 })).items.map((e) => e.id)).toEqual([event.id]);
      await store.update(
        {
          ...event,
          sources: event.sources.slice(1).length
            ? event.sources.slice(1)
            : [{ ...event.sources[0]!, key: 'other-key' }],
          version: 2,
        },
        1,
      );
      expect((await store.query({ source: key, limit: 10 })).items).toEqual([]);
    });

    it('finds candidates sharing a party within the date window only', async () => {
      const store = make();
      const tag = `Person ${Math.random()}`;
      const near = freshEvent({ date: '2015-03-10', participants: [tag], countries: [] });
      const monthOnly = freshEvent({ date: '2015-03', participants: [tag], countries: [] });
      const far = freshEvent({ date: '2015-04-20', participants: [tag], countries: [] });
      const other = freshEvent({ date: '2015-03-10', participants: ['Nobody Else'], countries: [] });
      for (const e of [near, monthOnly, far, other]) await store.create(e);
      const found = await store.findCandidates({ date: '2015-03-12', participants: [tag], countries: [] });
      expect(found.map((e) => e.id).sort()).toEqual([near.id, monthOnly.id].sort());
      expect(await store.findCandidates({ date: null, participants: [tag], countries: [] })).toEqual([]);
    });

    it('pages by keyset: an event added between pages is neither repeated nor skips another', async () => {
      const store = make();
      const country = `Keyland ${Math.random()}`;
      const base = Array.from({ length: 6 }, (_, i) =>
        freshEvent({ date: `2014-05-${String(10 + i).padStart(2, '0')}`, countries: [country] }),
      );
      for (const e of base) await store.create(e);
      const slug = country
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
      const first = await store.query({ country: slug, limit: 2 });
      expect(first.items.map((e) => e.date)).toEqual(['2014-05-15', '2014-05-14']);
      await store.create(freshEvent({ date: '2014-05-20', countries: [country] }));
      await store.create(freshEvent({ date: '2014-05-11', countries: [country], id: 'ev_zzzz_between' }));
      const rest = await walk(store, { country: slug, limit: 2 });
      const seen = [...first.items.map((e) => e.id)];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await store.query({ country: slug, limit: 2, cursor });
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain('ev_zzzz_between');
      expect(seen).toHaveLength(7);
      expect(rest.ids).toHaveLength(8);
    });

    it('keeps a pending event out of lists, filters and facet counts until it is revealed', async () => {
      const store = make();
      const tag = Math.random().toString(36).slice(2, 10);
      const country = `Pendland ${tag}`;
      const person = `Pending Person ${tag}`;
      const countrySlug = slugify(country);
      const personSlug = slugify(person);
      const day = '1911-02-10';
      const visible = freshEvent({ date: day, countries: [country], participants: [person] });
      const pending = freshEvent({ date: day, countries: [country], participants: [person], pending: true });
      await store.create(visible);
      await store.create(pending);
      const key = pending.sources[0]?.key as string;
      const ids = async (query: Omit<EventQuery, 'limit'>) =>
        (await walk(store, { ...query, limit: 3 })).ids.sort();
      const countOf = async (kind: 'country' | 'actor', slug: string) =>
        (await store.facets(kind)).find((f) => f.slug === slug)?.count ?? 0;

      // Readers see only the visible one: timeline, every filter, the source lookup, counts.
      expect(await store.get(pending.id)).toEqual(pending);
      expect(await ids({ from: day, to: day })).not.toContain(pending.id);
      expect(await ids({ from: day, to: day })).toContain(visible.id);
      expect(await ids({ country: countrySlug })).toEqual([visible.id]);
      expect(await ids({ actor: personSlug, country: countrySlug })).toEqual([visible.id]);
      expect(await ids({ source: key })).toEqual([]);
      expect(await countOf('country', countrySlug)).toBe(1);
      expect(await countOf('actor', personSlug)).toBe(1);
      // The normalizer sees it: candidates, and queries that ask for pending events.
      const candidates = await store.findCandidates({ date: day, participants: [person], countries: [] });
      expect(candidates.map((e) => [e.id, e.pending === true]).sort()).toEqual(
        [
          [visible.id, false],
          [pending.id, true],
        ].sort(),
      );
      const holder = await store.query({ source: key, limit: 5, includePending: true });
      expect(holder.items).toEqual([pending]);
      expect(await ids({ country: countrySlug, includePending: true })).toEqual(
        [visible.id, pending.id].sort(),
      );

      // An update keeps it pending, whatever its `pending` field says.
      const { pending: _flag, ...fields } = pending;
      await store.update({ ...fields, title: 'still pending', version: 2 }, 1);
      expect(await store.get(pending.id)).toMatchObject({
        title: 'still pending',
        version: 2,
        pending: true,
      });
      expect(await ids({ country: countrySlug })).toEqual([visible.id]);
      expect(await countOf('country', countrySlug)).toBe(1);

      // Reveal: only at the stored version; the version moves on; then it is everywhere.
      await expect(store.reveal(pending.id, 1)).rejects.toBeInstanceOf(ConflictError);
      await expect(store.reveal('ev_missing', 1)).rejects.toBeInstanceOf(ConflictError);
      expect((await store.get(pending.id))?.pending).toBe(true);
      await store.reveal(pending.id, 2);
      const shown = await store.get(pending.id);
      expect(shown).toMatchObject({ title: 'still pending', version: 3 });
      expect(shown?.pending).toBeUndefined();
      expect(await ids({ country: countrySlug })).toEqual([visible.id, pending.id].sort());
      expect(await ids({ actor: personSlug })).toEqual([visible.id, pending.id].sort());
      expect(await ids({ from: day, to: day })).toContain(pending.id);
      expect(await ids({ source: key })).toEqual([pending.id]);
      expect(await countOf('country', countrySlug)).toBe(2);
      expect(await countOf('actor', personSlug)).toBe(2);
      // Revealing a visible event changes nothing; an update does not hide it again.
      await store.reveal(pending.id, 3);
      expect((await store.get(pending.id))?.version).toBe(3);
      await store.update({ ...(shown as Event), pending: true, version: 4 }, 3);
      expect((await store.get(pending.id))?.pending).toBeUndefined();
      expect(await ids({ country: countrySlug })).toEqual([visible.id, pending.id].sort());
    });

    it('folds and deletes pending events without touching what readers see', async () => {
      const store = make();
      const tag = Math.random().toString(36).slice(2, 10);
      const country = `Foldland ${tag}`;
      const countrySlug = slugify(country);
      const day = '1911-03-10';
      const winner = freshEvent({ date: day, countries: [country] });
      const loser = freshEvent({ date: day, countries: [country], pending: true });
      const gone = freshEvent({ date: day, countries: [country], pending: true });
      for (const e of [winner, loser, gone]) await store.create(e);
      const countOf = async () =>
        (await store.facets('country')).find((f) => f.slug === countrySlug)?.count ?? 0;
      expect(await countOf()).toBe(1);
      await store.transact([
        {
          kind: 'update',
          event: { ...winner, sources: [...winner.sources, ...loser.sources], version: 2 },
          expectedVersion: 1,
        },
        { kind: 'delete', id: loser.id, expectedVersion: 1, mergedInto: winner.id },
      ]);
      await store.delete(gone.id, 1);
      expect(await countOf()).toBe(1);
      const loserKey = loser.sources[0]?.key as string;
      const holder = (await store.query({ source: loserKey, limit: 5 })).items;
      expect(holder.map((e) => [e.id, e.pending])).toEqual([[winner.id, undefined]]);
      expect((await walk(store, { country: countrySlug, limit: 5 })).ids).toEqual([winner.id]);
      // The other way: a visible event folded into a pending one leaves it pending (the
      // normalizer never does this: a visible event is first in every group).
      const hidden = freshEvent({ date: day, countries: [country], pending: true });
      await store.create(hidden);
      const now = (await store.get(winner.id)) as Event;
      await store.transact([
        {
          kind: 'update',
          event: { ...hidden, sources: [...hidden.sources, ...now.sources], version: 2 },
          expectedVersion: 1,
        },
        { kind: 'delete', id: winner.id, expectedVersion: now.version },
      ]);
      expect((await store.get(hidden.id))?.pending).toBe(true);
      expect(await countOf()).toBe(0);
      expect((await walk(store, { country: countrySlug, limit: 5 })).ids).toEqual([]);
    });

    it('rejects a cursor it did not make', async () => {
      const store = make();
      await expect(store.query({ limit: 5, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(BadRequestError);
    });
  });
}
