/**
 * Query-parameter validation at the HTTP edge (valibot): every parameter has a type, a length
 * and a range, unknown or repeated parameters are refused, and failures become
 * BadRequestError with a message that names the parameter.
 *
 * valibot rather than zod: its functions are separate exports that esbuild tree-shakes, so the
 * API Lambda carries only the few schemas and actions used here (a few KB), where zod v4
 * (classic or mini) added about 440 KB and 40 ms of cold start (bench/cold-start.ts).
 *
 * Messages: a parameter's schema says what is wrong ("must be …"), and {@link parseQuery}
 * puts the parameter's name first ("limit must be …"); object-level messages are whole.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { decodeCursor } from '../core/cursor.js';
import { BadRequestError } from '../core/errors.js';
import { EVENT_TYPES } from '../core/event.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const EVENT_ID = /^[A-Za-z0-9_-]+$/;
const LIMIT_MESSAGE = 'must be an integer from 1 to 200';

/** A facet slug such as `sergey-lavrov`. */
export const slugParam = v.pipe(
  v.string(),
  v.maxLength(80, 'must be at most 80 characters'),
  v.regex(SLUG, 'must be a lower-case slug such as sergey-lavrov'),
);

/** A date or partial date: YYYY, YYYY-MM or YYYY-MM-DD, and a real one. */
export const dateParam = v.pipe(
  v.string(),
  v.regex(PARTIAL_DATE, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check(isRealDate, 'is not a calendar date'),
);

const typeParam = v.picklist(EVENT_TYPES, `must be one of ${EVENT_TYPES.join(', ')}`);

// Digits only (no "1.5", "1e2", " 7" or "0x10", which Number() would accept), then the range.
const limitParam = v.pipe(
  v.string(),
  v.regex(/^\d{1,4}$/, LIMIT_MESSAGE),
  v.transform(Number),
  v.minValue(1, LIMIT_MESSAGE),
  v.maxValue(200, LIMIT_MESSAGE),
);

const cursorParam = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(400, 'is too long'),
  v.check(isDecodableCursor, 'is not valid: pass back the nextCursor of a previous page'),
);

const textParam = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(200, 'must be at most 200 characters'),
);

const objectKeyParam = v.pipe(
  v.string(),
  v.minLength(1, 'is required'),
  v.maxLength(1024, 'must be at most 1024 characters'),
);

const formatParam = v.picklist(['months', 'timelinejs'], 'must be months or timelinejs');

const eventIdSchema = v.pipe(v.string(), v.maxLength(100), v.regex(EVENT_ID));

/**
 * A query object: the given parameters and nothing else. Its own issues are a missing
 * required parameter or an unknown one; for the latter the message lists every unknown name,
 * not only the first valibot stops at.
 */
function querySchema<const Entries extends v.ObjectEntries>(entries: Entries) {
  return v.strictObject(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    if (issue.input === undefined) return `${String(key)} is required`;
    const query = issue.path?.[0]?.input;
    const names = query && typeof query === 'object' ? Object.keys(query) : [String(issue.input)];
    return `unknown parameter ${names.filter((name) => !Object.hasOwn(entries, name)).join(', ')}`;
  });
}

/** The filters shared by `/api/events`, `/api/timeline` and the feeds. */
const filterEntries = {
  from: v.optional(dateParam),
  to: v.optional(dateParam),
  actor: v.optional(slugParam),
  country: v.optional(slugParam),
  organization: v.optional(slugParam),
  type: v.optional(typeParam),
  location: v.optional(slugParam),
  q: v.optional(textParam),
};

/** Refuses a date range that ends before it starts (runs only once every parameter is valid). */
function fromNotAfterTo<Query extends { from?: string; to?: string }>() {
  return v.check<Query, string>((q) => !(q.from && q.to && q.from > q.to), 'from must not be after to');
}

/** `/api/events` parameters. */
export const eventsQuerySchema = v.pipe(
  querySchema({
    ...filterEntries,
    limit: v.optional(limitParam),
    cursor: v.optional(cursorParam),
    source: v.optional(objectKeyParam),
  }),
  fromNotAfterTo(),
);

/** `/api/timeline` parameters. */
export const timelineQuerySchema = v.pipe(
  querySchema({
    ...filterEntries,
    limit: v.optional(limitParam),
    cursor: v.optional(cursorParam),
    format: v.optional(formatParam),
  }),
  fromNotAfterTo(),
);

/** Filtered-feed parameters. */
export const feedQuerySchema = querySchema({
  actor: v.optional(slugParam),
  country: v.optional(slugParam),
  type: v.optional(typeParam),
});

/** `/api/ingestions` parameters. */
export const ingestionQuerySchema = querySchema({ key: objectKeyParam });

/** `POST /api/events/{id}/unmerge` parameters. */
export const unmergeQuerySchema = ingestionQuerySchema;

/** An empty query (endpoints that take no parameters). */
export const noQuerySchema = querySchema({});

/** Whether a path segment can be an event id (anything else is a 404 without a read). */
export function isEventId(id: string): boolean {
  return v.is(eventIdSchema, id);
}

/**
 * Parses the request's query with a schema; BadRequestError naming the first bad parameter.
 * A parameter given twice is refused rather than silently reduced to one value; an unknown
 * parameter is reported before any bad value (it is most likely a misspelt known one).
 */
export function parseQuery<const TSchema extends v.GenericSchema<Record<string, string>, unknown>>(
  c: Context,
  schema: TSchema,
): v.InferOutput<TSchema> {
  const all = c.req.queries();
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) throw new BadRequestError(`${name} is given more than once`);
  }
  // abortPipeEarly: each parameter stops at its first problem (no cursor decoding of an
  // over-long string); not abortEarly, so an unknown parameter found last still wins.
  const result = v.safeParse(schema, c.req.query(), { abortPipeEarly: true });
  if (result.success) return result.output;
  const issue = result.issues.find(isUnknownParameter) ?? result.issues[0];
  throw new BadRequestError(issue ? describe(issue) : 'invalid query');
}

function isUnknownParameter(issue: v.BaseIssue<unknown>): boolean {
  return issue.kind === 'schema' && issue.type === 'strict_object' && issue.expected === 'never';
}

/** The parameter's name, then its schema's message; object-level messages stand alone. */
function describe(issue: v.BaseIssue<unknown>): string {
  const item = issue.path?.[0];
  return item?.origin === 'value' ? `${String(item.key)} ${issue.message}` : issue.message;
}

function isDecodableCursor(value: string): boolean {
  try {
    decodeCursor(value);
    return true;
  } catch {
    return false;
  }
}

function isRealDate(value: string): boolean {
  const [year, month = 1, day = 1] = value.split('-').map(Number);
  if (year === undefined || month < 1 || month > 12) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
