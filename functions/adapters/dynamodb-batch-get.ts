/**
 * BatchGetItem over any number of keys: 100 keys a call (DynamoDB's limit), strongly
 * consistent, and the `UnprocessedKeys` a throttled table hands back are asked again with
 * backoff. One definition for every store that reads many items by key.
 */
import { type AttributeValue, BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StorageUnavailableError } from '../core/errors.js';
import { type RetryPolicy, withRetries } from './dynamodb-retry.js';

/** Keys per BatchGetItem call: DynamoDB refuses more. */
export const BATCH_GET_LIMIT = 100;

/** Rounds of unprocessed keys before giving up (with backoff up to 1 s each, about 6 s). */
const MAX_UNPROCESSED_ROUNDS = 8;

/** Reads the items of `keys` (absent ones are simply missing from the result, in no set order). */
export async function batchGetItems(
  client: DynamoDBClient,
  tableName: string,
  keys: ReadonlyArray<Record<string, AttributeValue>>,
  retry: RetryPolicy,
): Promise<Array<Record<string, AttributeValue>>> {
  const out: Array<Record<string, AttributeValue>> = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending: Array<Record<string, AttributeValue>> = keys.slice(i, i + BATCH_GET_LIMIT);
    for (let round = 0; pending.length > 0; round++) {
      if (round > MAX_UNPROCESSED_ROUNDS) {
        throw new StorageUnavailableError('batch read kept returning unprocessed keys (throttled)');
      }
      if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** round)));
      const request = pending;
      const res = await withRetries(
        'batch get',
        () =>
          client.send(
            new BatchGetItemCommand({
              RequestItems: { [tableName]: { Keys: request, ConsistentRead: true } },
            }),
          ),
        retry,
      );
      out.push(...(res.Responses?.[tableName] ?? []));
      pending = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return out;
}
