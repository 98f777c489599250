/**
 * Query-parameter validation at the HTTP edge (zod): every parameter has a type, a length
 * and a range, unknown or repeated parameters are refused, and failures become
 * BadRequestError with a message that names the parameter.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { decodeCursor } from '../core/cursor.js';
import { BadRequestError } from '../core/errors.js';
import { EVENT_TYPES } from '../core/event.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A facet slug such as `sergey-lavrov`. */
export const slugParam = z
  .string()
  .max(80, 'must be at most 80 characters')
  .regex(SLUG, 'must be a lower-case slug such as sergey-lavrov');

/** A date or partial date: YYYY, YYYY-MM or YYYY-MM-DD, and a real one. */
export const dateParam = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDate, 'is not a calendar date');

const typeParam = z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` });

const limitParam = z
  .string()
  .regex(/^\d{1,4}$/, 'must be an integer from 1 to 200')
  .transform(Number)
  .pipe(
    z.number().int().min(1, 'must be an integer from 1 to 200').max(200, 'must be an integer from 1 to 200'),
  );

const cursorParam = z
  .string()
  .min(1)
  .max(400, 'is too long')
  .refine((value) => {
    try {
      decodeCursor(value);
      return true;
    } catch {
      return false;
    }
  }, 'is not valid: pass back the nextCursor of a previous page');

const textParam = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** The filters shared by `/api/events`, `/api/timeline` and the feeds. */
const filterShape = {
  from: dateParam.optional(),
  to: dateParam.optional(),
  actor: slugParam.optional(),
  country: slugParam.optional(),
  organization: slugParam.optional(),
  type: typeParam.optional(),
  location: slugParam.optional(),
  q: textParam.optional(),
};

/** `/api/events` parameters. */
export const eventsQuerySchema = z
  .strictObject({
    ...filterShape,
    limit: limitParam.optional(),
    cursor: cursorParam.optional(),
    source: z.string().min(1).max(1024, 'must be at most 1024 characters').optional(),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), {
    message: 'must not be after to',
    path: ['from'],
  });

/** `/api/timeline` parameters. */
export const timelineQuerySchema = z
  .strictObject({
    ...filterShape,
    limit: limitParam.optional(),
    cursor: cursorParam.optional(),
    format: z.enum(['months', 'timelinejs'], { error: 'must be months or timelinejs' }).optional(),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), {
    message: 'must not be after to',
    path: ['from'],
  });

/** Filtered-feed parameters. */
export const feedQuerySchema = z.strictObject({
  actor: slugParam.optional(),
  country: slugParam.optional(),
  type: typeParam.optional(),
});

/** `/api/ingestions` parameters. */
export const ingestionQuerySchema = z.strictObject({
  key: z.string().min(1, 'is required').max(1024, 'must be at most 1024 characters'),
});

/** `POST /api/events/{id}/unmerge` parameters. */
export const unmergeQuerySchema = ingestionQuerySchema;

/** An event id in a path. */
export const eventIdParam = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

/** An empty query (endpoints that take no parameters). */
export const noQuerySchema = z.strictObject({});

/**
 * Parses the request's query with a schema; BadRequestError naming the first bad parameter.
 * A parameter given twice is refused rather than silently reduced to one value.
 */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  const all = c.req.queries();
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) throw new BadRequestError(`${name} is given more than once`);
  }
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw new BadRequestError(describe(result.error));
  return result.data;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid query';
  if (issue.code === 'unrecognized_keys') return `unknown parameter ${issue.keys.join(', ')}`;
  const name = issue.path.join('.');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return name ? `${name} ${message}` : message;
}

function isRealDate(value: string): boolean {
  const [year, month = 1, day = 1] = value.split('-').map(Number);
  if (year === undefined || month < 1 || month > 12) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
