/**
 * Minimal local-branch version, replaced by the storage branch at merge.
 *
 * Ingestion records in the events table: pk `INGEST#<key>`, sk `INGEST`.
 */
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Ingestion } from '../core/event.js';
import type { IngestionStore } from '../ports.js';

/** An {@link IngestionStore} in the DynamoDB events table. */
export class DynamoIngestionStore implements IngestionStore {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async get(key: string): Promise<Ingestion | null> {
    const response = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: `INGEST#${key}` }, sk: { S: 'INGEST' } },
        ConsistentRead: true,
      }),
    );
    const data = response.Item?.data?.S;
    return data ? (JSON.parse(data) as Ingestion) : null;
  }

  async put(ingestion: Ingestion): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          pk: { S: `INGEST#${ingestion.key}` },
          sk: { S: 'INGEST' },
          status: { S: ingestion.status },
          data: { S: JSON.stringify(ingestion) },
        },
      }),
    );
  }
}
