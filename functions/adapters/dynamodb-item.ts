/**
 * JSON values to DynamoDB attribute values and back, and the Event ⇄ item mapping. Events
 * hold only JSON data (strings, numbers, booleans, null, lists, maps), so this small codec
 * is all the table needs; lists stay lists (L), never sets, so empty lists round-trip.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Event } from '../core/event.js';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Encodes a JSON value; `undefined` members of objects are dropped. */
export function toAttribute(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot store the number ${value}`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value === 'object') return { M: toItem(value as Record<string, unknown>) };
  throw new TypeError(`cannot store a ${typeof value}`);
}

/** Encodes an object as an item (attribute map). */
export function toItem(value: Record<string, unknown>): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) item[key] = toAttribute(member);
  }
  return item;
}

/** Decodes an attribute value to JSON. */
export function fromAttribute(value: AttributeValue): JsonValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(fromAttribute);
  if (value.M !== undefined) return fromItem(value.M);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  // The DynamoDB Streams SDK client decodes an empty map `{ M: {} }` as `{}`.
  if (Object.keys(value).length === 0) return {};
  throw new TypeError(`unsupported attribute value ${JSON.stringify(value)}`);
}

/** Decodes an item (attribute map) to a JSON object. */
export function fromItem(item: Record<string, AttributeValue>): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(item)) out[key] = fromAttribute(value);
  return out;
}

/** The sort key value of event items: stream consumers keep records whose `sk` is this. */
export const EVENT_ITEM_SK = 'EVENT';

/** Attributes of an event item that are table bookkeeping, not Event fields. */
const ITEM_ONLY = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'kind', 'expiresAt']);

/** True when a table item (or a stream image) is an event item. */
export function isEventItem(item: Record<string, AttributeValue> | undefined): boolean {
  return item?.sk?.S === EVENT_ITEM_SK;
}

/**
 * The Event stored in an event item (or a stream record's NewImage/OldImage). Event
 * fields are stored flat beside the keys, so a stream consumer needs only this.
 */
export function eventFromItem(item: Record<string, AttributeValue>): Event {
  const data = fromItem(item);
  for (const key of ITEM_ONLY) delete data[key];
  return data as unknown as Event;
}
