/**
 * Filter values are checked against the known facets: an unknown actor is a typo to report
 * (400 with a message), not an empty result that looks like "nothing happened".
 */
import { BadRequestError } from '../core/errors.js';
import type { EventStore, FacetCount, FacetKind } from '../ports.js';

/** Where the known values of each facet are listed, named in error messages. */
export const FACET_LISTS: Partial<Record<FacetKind, string>> = {
  actor: '/api/actors',
  country: '/api/countries',
  organization: '/api/organizations',
  location: '/api/locations',
};

/** The known facet with this slug, or BadRequestError (code UNKNOWN_FILTER). */
export async function requireFacet(events: EventStore, kind: FacetKind, slug: string): Promise<FacetCount> {
  const found = (await events.facets(kind)).find((facet) => facet.slug === slug);
  if (!found) {
    const list = FACET_LISTS[kind];
    throw new BadRequestError(
      `unknown ${kind} "${slug}"${list ? `: the known values are listed at ${list}` : ''}`,
      'UNKNOWN_FILTER',
    );
  }
  return found;
}

/** Checks every facet filter present in `filters`; returns the display names found. */
export async function requireFacets(
  events: EventStore,
  filters: Partial<Record<FacetKind, string | undefined>>,
): Promise<Partial<Record<FacetKind, FacetCount>>> {
  const found: Partial<Record<FacetKind, FacetCount>> = {};
  for (const kind of ['actor', 'country', 'organization', 'location'] as const) {
    const slug = filters[kind];
    if (slug) found[kind] = await requireFacet(events, kind, slug);
  }
  return found;
}
