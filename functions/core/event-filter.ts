import type { Event } from './event.js';
import { slugify } from './slug.js';

/** The kinds of facet an event is indexed and filtered by. */
export type FacetName = 'actor' | 'country' | 'organization' | 'type' | 'location';

/** The display names of an event's facets, by kind. */
export function facetDisplayNames(event: Event): Record<FacetName, string[]> {
  return {
    actor: event.participants,
    country: event.countries,
    organization: event.organizations,
    type: [event.type],
    location: event.location ? [event.location] : [],
  };
}

/** The facet slugs of an event, by kind: what `?actor=`, `?country=`... match against. Sorted, unique. */
export function eventFacets(event: Event): Record<FacetName, string[]> {
  const names = facetDisplayNames(event);
  const slugs = (list: string[]) => [...new Set(list.map(slugify))].sort();
  return {
    actor: slugs(names.actor),
    country: slugs(names.country),
    organization: slugs(names.organization),
    type: [event.type],
    location: slugs(names.location),
  };
}

/** Lower-cased word tokens for full-text matching over title and summary. */
export function searchTokens(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .match(/[a-z0-9]+/g) ?? [],
    ),
  ];
}

/** True when every word of `q` starts a word of the event's title or summary. */
export function matchesText(event: Pick<Event, 'title' | 'summary'>, q: string): boolean {
  const words = searchTokens(`${event.title} ${event.summary}`);
  return searchTokens(q).every((term) => words.some((word) => word.startsWith(term)));
}
