/**
 * Query-parameter validation at the HTTP edge: every parameter has a type, a length and a
 * range, unknown or repeated parameters are refused, and failures become BadRequestError
 * with a message that names the parameter.
 *
 * Written by hand rather than with a schema library: the rules are a dozen strings, and zod
 * (v4, classic or mini) put about 440 KB into the API Lambda's bundle and about 40 ms into its
 * cold start (bench/cold-start.ts). Each rule below is a small function that either returns
 * the parsed value or throws a {@link ParamError} with the message shown to the client.
 */
import type { Context } from 'hono';
import { decodeCursor } from '../core/cursor.js';
import { BadRequestError } from '../core/errors.js';
import { EVENT_TYPES, type EventType } from '../core/event.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const EVENT_ID = /^[A-Za-z0-9_-]+$/;

/** A parameter's value is invalid; `message` follows the parameter's name ("limit must be …"). */
class ParamError extends Error {}

/** Parses one parameter's raw string, or throws {@link ParamError}. */
export type ParamRule<T> = (raw: string) => T;

/** The result of {@link QuerySchema.safeParse}: the parsed query or the first problem. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; message: string };

/** A set of parameter rules (each optional unless listed in `required`) and cross-field checks. */
export interface QuerySchema<T> {
  safeParse(input: Record<string, string>): SafeParseResult<T>;
}

type Output<Rules extends Record<string, ParamRule<unknown>>> = {
  [K in keyof Rules]?: ReturnType<Rules[K]>;
};

/** Length limits shared by several rules. */
function length(raw: string, min: number, max: number, tooShort: string, tooLong: string): void {
  if (raw.length < min) throw new ParamError(tooShort);
  if (raw.length > max) throw new ParamError(tooLong);
}

/** A facet slug such as `sergey-lavrov`. */
export const slugParam: ParamRule<string> = (raw) => {
  length(raw, 0, 80, '', 'must be at most 80 characters');
  if (!SLUG.test(raw)) throw new ParamError('must be a lower-case slug such as sergey-lavrov');
  return raw;
};

/** A date or partial date: YYYY, YYYY-MM or YYYY-MM-DD, and a real one. */
export const dateParam: ParamRule<string> = (raw) => {
  if (!PARTIAL_DATE.test(raw)) throw new ParamError('must be YYYY, YYYY-MM or YYYY-MM-DD');
  if (!isRealDate(raw)) throw new ParamError('is not a calendar date');
  return raw;
};

const typeParam: ParamRule<EventType> = (raw) => {
  if (!(EVENT_TYPES as readonly string[]).includes(raw))
    throw new ParamError(`must be one of ${EVENT_TYPES.join(', ')}`);
  return raw as EventType;
};

const limitParam: ParamRule<number> = (raw) => {
  const value = Number(raw);
  if (!/^\d{1,4}$/.test(raw) || value < 1 || value > 200)
    throw new ParamError('must be an integer from 1 to 200');
  return value;
};

const cursorParam: ParamRule<string> = (raw) => {
  length(raw, 1, 400, 'must not be empty', 'is too long');
  try {
    decodeCursor(raw);
  } catch {
    throw new ParamError('is not valid: pass back the nextCursor of a previous page');
  }
  return raw;
};

const textParam: ParamRule<string> = (raw) => {
  length(raw, 1, 200, 'must not be empty', 'must be at most 200 characters');
  return raw;
};

const objectKeyParam: ParamRule<string> = (raw) => {
  length(raw, 1, 1024, 'is required', 'must be at most 1024 characters');
  return raw;
};

const formatParam: ParamRule<'months' | 'timelinejs'> = (raw) => {
  if (raw !== 'months' && raw !== 'timelinejs') throw new ParamError('must be months or timelinejs');
  return raw;
};

/**
 * A schema over a query: unknown parameters are refused, each known one parsed by its rule,
 * `required` ones must be present, then `check` may refuse combinations (it returns the
 * message, parameter name first).
 */
function querySchema<Rules extends Record<string, ParamRule<unknown>>, Required extends keyof Rules = never>(
  rules: Rules,
  options: { required?: readonly Required[]; check?: (query: Output<Rules>) => string | null } = {},
): QuerySchema<Output<Rules> & { [K in Required]-?: ReturnType<Rules[K]> }> {
  type Parsed = Output<Rules> & { [K in Required]-?: ReturnType<Rules[K]> };
  return {
    safeParse(input) {
      const unknown = Object.keys(input).filter((name) => !Object.hasOwn(rules, name));
      if (unknown.length > 0) return { success: false, message: `unknown parameter ${unknown.join(', ')}` };
      const data: Record<string, unknown> = {};
      for (const [name, rule] of Object.entries(rules)) {
        const raw = input[name];
        if (raw === undefined) {
          if ((options.required as readonly string[] | undefined)?.includes(name))
            return { success: false, message: `${name} is required` };
          continue;
        }
        try {
          data[name] = rule(raw);
        } catch (error) {
          if (error instanceof ParamError) return { success: false, message: `${name} ${error.message}` };
          throw error;
        }
      }
      const problem = options.check?.(data as Output<Rules>) ?? null;
      if (problem) return { success: false, message: problem };
      return { success: true, data: data as Parsed };
    },
  };
}

/** The filters shared by `/api/events`, `/api/timeline` and the feeds. */
const filterRules = {
  from: dateParam,
  to: dateParam,
  actor: slugParam,
  country: slugParam,
  organization: slugParam,
  type: typeParam,
  location: slugParam,
  q: textParam,
};

const fromNotAfterTo = (q: { from?: string; to?: string }) =>
  q.from && q.to && q.from > q.to ? 'from must not be after to' : null;

/** `/api/events` parameters. */
export const eventsQuerySchema = querySchema(
  { ...filterRules, limit: limitParam, cursor: cursorParam, source: objectKeyParam },
  { check: fromNotAfterTo },
);

/** `/api/timeline` parameters. */
export const timelineQuerySchema = querySchema(
  { ...filterRules, limit: limitParam, cursor: cursorParam, format: formatParam },
  { check: fromNotAfterTo },
);

/** Filtered-feed parameters. */
export const feedQuerySchema = querySchema({ actor: slugParam, country: slugParam, type: typeParam });

/** `/api/ingestions` parameters. */
export const ingestionQuerySchema = querySchema({ key: objectKeyParam }, { required: ['key'] });

/** `POST /api/events/{id}/unmerge` parameters. */
export const unmergeQuerySchema = ingestionQuerySchema;

/** An empty query (endpoints that take no parameters). */
export const noQuerySchema = querySchema({});

/** Whether a path segment can be an event id (anything else is a 404 without a read). */
export function isEventId(id: string): boolean {
  return id.length <= 100 && EVENT_ID.test(id);
}

/**
 * Parses the request's query with a schema; BadRequestError naming the first bad parameter.
 * A parameter given twice is refused rather than silently reduced to one value.
 */
export function parseQuery<T>(c: Context, schema: QuerySchema<T>): T {
  const all = c.req.queries();
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) throw new BadRequestError(`${name} is given more than once`);
  }
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw new BadRequestError(result.message);
  return result.data;
}

function isRealDate(value: string): boolean {
  const [year, month = 1, day = 1] = value.split('-').map(Number);
  if (year === undefined || month < 1 || month > 12) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
