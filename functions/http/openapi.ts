/**
 * The OpenAPI 3.1 description of the HTTP API. Tests validate real responses against the
 * schemas below (tests/http/openapi.test.ts), so the document cannot drift from the code.
 */
import { EVENT_TYPES } from '../core/event.js';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const strList = { type: 'array', items: str } as const;
const partialDate = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** What one source reads of the event; an Event carries the same fields, reconciled over its sources. */
const readingProperties = {
  type: ref('EventType'),
  cameo: str,
  quadClass: { type: 'integer', minimum: 1, maximum: 4 },
  date: { type: ['string', 'null'], pattern: partialDate.pattern },
  dateSource: ref('DateSource'),
  participants: strList,
  countries: strList,
  organizations: strList,
  location: nullableStr,
  quotes: { type: 'array', items: ref('Quote') },
  evidence: { type: 'object', additionalProperties: str },
};

const reading = {
  type: 'object',
  required: [
    'type',
    'cameo',
    'quadClass',
    'date',
    'dateSource',
    'participants',
    'countries',
    'organizations',
    'location',
    'quotes',
    'evidence',
  ],
  properties: readingProperties,
};

const schemas = {
  EventType: { type: 'string', enum: [...EVENT_TYPES] },
  DateSource: { enum: ['text', 'url', 'metadata', 'uploaded', null] },
  Quote: {
    type: 'object',
    required: ['speaker', 'text'],
    properties: { speaker: nullableStr, text: str },
  },
  EventReading: reading,
  Source: {
    type: 'object',
    required: ['key', 'url', 'publisher', 'title', 'published'],
    properties: {
      key: str,
      url: nullableStr,
      publisher: nullableStr,
      author: nullableStr,
      title: str,
      published: nullableStr,
      contentHash: str,
      ingestedAt: str,
      reading: ref('EventReading'),
    },
  },
  Event: {
    type: 'object',
    required: [
      'id',
      'title',
      'summary',
      'type',
      'date',
      'dateSource',
      'participants',
      'countries',
      'organizations',
      'location',
      'publisher',
      'author',
      'published',
      'sources',
      'quotes',
      'evidence',
      'normalizerVersion',
    ],
    properties: {
      id: str,
      title: str,
      summary: str,
      ...readingProperties,
      publisher: nullableStr,
      author: nullableStr,
      published: nullableStr,
      sources: { type: 'array', items: ref('Source') },
      mergedBy: strList,
      normalizerVersion: str,
      createdAt: str,
      updatedAt: str,
      version: { type: 'integer' },
    },
  },
  EventPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('Event') },
      nextCursor: {
        type: ['string', 'null'],
        description: 'Pass back as `cursor` for the next (older) page.',
      },
    },
  },
  Ingestion: {
    type: 'object',
    required: ['key', 'status'],
    properties: {
      key: str,
      status: { enum: ['normalized', 'rejected', 'pending'] },
      eventId: str,
      reason: str,
      code: str,
      contentHash: str,
      normalizerVersion: str,
      updatedAt: str,
    },
  },
  FacetList: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'slug', 'count'],
          additionalProperties: false,
          properties: {
            name: str,
            slug: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
            count: { type: 'integer', minimum: 1 },
            feeds: {
              type: 'object',
              required: ['atom', 'rss', 'json'],
              properties: { atom: str, rss: str, json: str },
            },
          },
        },
      },
    },
  },
  Timeline: {
    type: 'object',
    required: ['months', 'nextCursor'],
    additionalProperties: false,
    properties: {
      months: {
        type: 'array',
        items: {
          type: 'object',
          required: ['month', 'label', 'events'],
          additionalProperties: false,
          properties: {
            month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
            label: str,
            events: { type: 'array', items: ref('Event') },
          },
        },
      },
      nextCursor: nullableStr,
    },
  },
  TimelineJs: {
    type: 'object',
    required: ['events'],
    description:
      'TimelineJS JSON format (https://timeline.knightlab.com/docs/json-format.html); text is HTML, escaped.',
    properties: {
      title: { type: 'object' },
      events: {
        type: 'array',
        items: {
          type: 'object',
          required: ['unique_id', 'start_date', 'text'],
          properties: {
            unique_id: str,
            group: str,
            start_date: {
              type: 'object',
              required: ['year'],
              additionalProperties: false,
              properties: {
                year: { type: 'integer' },
                month: { type: 'integer', minimum: 1, maximum: 12 },
                day: { type: 'integer', minimum: 1, maximum: 31 },
              },
            },
            text: {
              type: 'object',
              required: ['headline', 'text'],
              properties: { headline: str, text: str },
            },
          },
        },
      },
    },
  },
  Unmerge: { type: 'object', description: 'The result of the unmerge, as the merge service reports it.' },
  Merged: {
    type: 'object',
    required: ['error', 'message', 'mergedInto'],
    additionalProperties: false,
    properties: {
      error: { const: 'MERGED' },
      message: str,
      mergedInto: { type: 'string', description: 'Id of the event that holds the sources now.' },
    },
  },
  Error: {
    type: 'object',
    required: ['error', 'message'],
    additionalProperties: false,
    properties: {
      error: { type: 'string', description: 'Stable machine-readable code, e.g. BAD_REQUEST, NOT_FOUND.' },
      message: str,
    },
  },
};

const jsonBody = (schema: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const errors = {
  '400': jsonBody('Error', 'A parameter is malformed or unknown, or a filter value is not a known one.'),
  '500': jsonBody('Error', 'Internal error (details are logged, never returned).'),
};
const q = (name: string, description: string, schema: object = str) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const slug = { type: 'string', maxLength: 80, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' };
const filters = [
  q('from', 'Earliest event date (inclusive).', partialDate),
  q('to', 'Latest event date (inclusive; a partial date covers its whole period).', partialDate),
  q('actor', 'Person slug, see /api/actors.', slug),
  q('country', 'Country slug, see /api/countries.', slug),
  q('organization', 'Organization slug, see /api/organizations.', slug),
  q('type', 'Event type.', ref('EventType')),
  q('location', 'Place slug, see /api/locations.', slug),
  q('q', 'Words that must start words of the title or summary.', {
    type: 'string',
    minLength: 1,
    maxLength: 200,
  }),
  q('limit', 'Page size.', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
  q('cursor', 'Opaque cursor: the nextCursor of the previous page.', { type: 'string', maxLength: 400 }),
];
const feedFormats = {
  description: 'The feed.',
  headers: {
    ETag: { schema: str },
    'Last-Modified': { schema: str },
    'Cache-Control': { schema: str },
  },
  content: {
    'application/atom+xml': { schema: str },
    'application/rss+xml': { schema: str },
    'application/feed+json': { schema: str },
  },
};
const fileParam = (description: string) => ({
  name: 'file',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const facetPath = (summary: string) => ({
  get: {
    summary,
    responses: { '200': jsonBody('FacetList', 'Known values with their event counts.'), ...errors },
  },
});

/** The OpenAPI 3.1 document, with the deployment's public URL as its server. */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Entente',
      version: '1.0.0',
      description:
        'Diplomatic events read from news articles. Every GET answer carries an ETag and honours If-None-Match (304).',
    },
    servers: [{ url: publicUrl }],
    paths: {
      '/api/events': {
        get: {
          summary: 'Events, newest event date first, keyset-paged.',
          parameters: [
            ...filters,
            q(
              'source',
              'An article object key: answers the event read from that article (no other filter).',
              {
                type: 'string',
                maxLength: 1024,
              },
            ),
          ],
          responses: { '200': jsonBody('EventPage', 'One page of events.'), ...errors },
        },
      },
      '/api/events/{id}': {
        get: {
          summary: 'One event.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: {
            '200': jsonBody('Event', 'The event.'),
            '308': {
              ...jsonBody('Merged', 'The event was merged into another; `Location` names it.'),
              headers: { Location: { schema: str, description: 'Path of the surviving event.' } },
            },
            '404': jsonBody('Error', 'No such event.'),
            ...errors,
          },
        },
      },
      '/api/events/{id}/unmerge': {
        post: {
          summary: 'Splits the article `key` out of the event into an event of its own.',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: str },
            { name: 'key', in: 'query', required: true, schema: { type: 'string', maxLength: 1024 } },
          ],
          responses: {
            '200': jsonBody('Unmerge', 'Unmerged.'),
            '404': jsonBody('Error', 'No such event or source.'),
            '501': jsonBody('Error', 'Not available on this deployment.'),
            ...errors,
          },
        },
      },
      '/api/ingestions': {
        get: {
          summary: 'What happened to one object put in the articles bucket.',
          parameters: [
            { name: 'key', in: 'query', required: true, schema: { type: 'string', maxLength: 1024 } },
          ],
          responses: {
            '200': jsonBody('Ingestion', 'The ingestion record (pending if unknown).'),
            ...errors,
          },
        },
      },
      '/api/actors': facetPath('People, with event counts and their feeds.'),
      '/api/countries': facetPath('Countries, with event counts.'),
      '/api/organizations': facetPath('Organizations, with event counts.'),
      '/api/locations': facetPath('Places, with event counts.'),
      '/api/types': facetPath('Event types, with event counts.'),
      '/api/timeline': {
        get: {
          summary: 'Events grouped by month, or in TimelineJS format.',
          parameters: [
            ...filters,
            q('format', 'months (default) or timelinejs.', { enum: ['months', 'timelinejs'] }),
          ],
          responses: {
            '200': {
              description: 'The timeline.',
              content: { 'application/json': { schema: { oneOf: [ref('Timeline'), ref('TimelineJs')] } } },
            },
            ...errors,
          },
        },
      },
      '/feeds/{file}': {
        get: {
          summary: 'The live timeline feed (newest 50): timeline.atom, timeline.rss or timeline.json.',
          parameters: [
            fileParam('timeline.atom, timeline.rss or timeline.json'),
            q('actor', 'Person slug.', slug),
            q('country', 'Country slug.', slug),
            q('type', 'Event type.', ref('EventType')),
          ],
          responses: {
            '200': feedFormats,
            '304': { description: 'Not modified.' },
            '404': jsonBody('Error', 'No such feed.'),
            ...errors,
          },
        },
      },
      '/feeds/actors/{file}': {
        get: {
          summary: "One person's feed: {slug}.atom, {slug}.rss or {slug}.json.",
          parameters: [fileParam('{slug}.atom, {slug}.rss or {slug}.json')],
          responses: {
            '200': feedFormats,
            '304': { description: 'Not modified.' },
            '404': jsonBody('Error', 'No such actor.'),
          },
        },
      },
      '/feeds/archive/{file}': {
        get: {
          summary: 'RFC 5005 archive page of one month of event dates: {YYYY-MM}.atom, .rss or .json.',
          parameters: [fileParam('{YYYY-MM}.atom, .rss or .json')],
          responses: {
            '200': feedFormats,
            '304': { description: 'Not modified.' },
            '404': jsonBody('Error', 'No events in that month.'),
          },
        },
      },
      '/health': { get: { summary: 'Ready.', responses: { '200': { description: 'Ready.' } } } },
    },
    components: { schemas },
  };
}
