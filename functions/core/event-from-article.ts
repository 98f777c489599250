import type { Event, NormalizedArticle, Source } from './event.js';

/** Identity and time of a new event, passed in so the core stays deterministic. */
export interface NewEventContext {
  id: string;
  key: string;
  contentHash: string;
  /** ISO timestamp. */
  now: string;
  normalizerVersion: string;
}

/** Builds the source entry of one normalized article. */
export function sourceFromArticle(
  n: NormalizedArticle,
  ctx: Omit<NewEventContext, 'id' | 'normalizerVersion'>,
): Source {
  return {
    key: ctx.key,
    url: n.article.url,
    publisher: n.article.publisher,
    author: n.article.author,
    title: n.article.title,
    published: n.article.published,
    contentHash: ctx.contentHash,
    ingestedAt: ctx.now,
    reading: n.reading,
    summary: n.article.summary,
  };
}

/** Builds a new single-source event from one normalized article. */
export function eventFromArticle(n: NormalizedArticle, ctx: NewEventContext): Event {
  const { reading, article } = n;
  return {
    id: ctx.id,
    title: article.title,
    summary: article.summary,
    type: reading.type,
    cameo: reading.cameo,
    quadClass: reading.quadClass,
    date: reading.date,
    dateSource: reading.dateSource,
    participants: reading.participants,
    countries: reading.countries,
    organizations: reading.organizations,
    location: reading.location,
    publisher: article.publisher,
    author: article.author,
    published: article.published,
    sources: [sourceFromArticle(n, ctx)],
    quotes: reading.quotes,
    evidence: reading.evidence,
    mergedBy: [],
    normalizerVersion: ctx.normalizerVersion,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  };
}
