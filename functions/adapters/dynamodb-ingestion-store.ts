/**
 * The IngestionStore on DynamoDB: one item per bucket object, pk `INGEST#<object key>`,
 * sk `INGEST` (see infra/table.ts). Reads are strongly consistent, so the normalize
 * handler's redelivery check sees the record it wrote a moment ago.
 */
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Ingestion } from '../core/event.js';
import type { IngestionStore } from '../ports.js';
import { batchGetItems } from './dynamodb-batch-get.js';
import { fromItem, toItem } from './dynamodb-item.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from './dynamodb-retry.js';

/** The sort key value of ingestion items. */
export const INGESTION_ITEM_SK = 'INGEST';

const ITEM_ONLY = new Set(['pk', 'sk', 'kind']);

function ingestionFromItem(item: Record<string, AttributeValue>): Ingestion {
  const data = fromItem(item);
  for (const name of ITEM_ONLY) delete data[name];
  return data as unknown as Ingestion;
}

/** The DynamoDB IngestionStore. */
export class DynamoIngestionStore implements IngestionStore {
  private readonly retry: RetryPolicy;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    options: { retry?: RetryPolicy } = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  async get(key: string): Promise<Ingestion | null> {
    const out = await withRetries(
      `get ingestion ${key}`,
      () =>
        this.client.send(
          new GetItemCommand({
            TableName: this.tableName,
            Key: { pk: { S: `INGEST#${key}` }, sk: { S: INGESTION_ITEM_SK } },
            ConsistentRead: true,
          }),
        ),
      this.retry,
    );
    return out.Item ? ingestionFromItem(out.Item) : null;
  }

  /** BatchGetItem, 100 keys a call, strongly consistent, unprocessed keys asked again. */
  async getMany(keys: readonly string[]): Promise<Map<string, Ingestion>> {
    const items = await batchGetItems(
      this.client,
      this.tableName,
      [...new Set(keys)].map((key) => ({ pk: { S: `INGEST#${key}` }, sk: { S: INGESTION_ITEM_SK } })),
      this.retry,
    );
    const out = new Map<string, Ingestion>();
    for (const item of items) {
      const ingestion = ingestionFromItem(item);
      out.set(ingestion.key, ingestion);
    }
    return out;
  }

  async put(ingestion: Ingestion): Promise<void> {
    await withRetries(
      `put ingestion ${ingestion.key}`,
      () =>
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: {
              ...toItem(ingestion as unknown as Record<string, unknown>),
              pk: { S: `INGEST#${ingestion.key}` },
              sk: { S: INGESTION_ITEM_SK },
              kind: { S: 'ingestion' },
            },
          }),
        ),
      this.retry,
    );
  }
}
