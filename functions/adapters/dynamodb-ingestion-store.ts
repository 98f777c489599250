// Placeholder: the storage branch replaces this file with the real DynamoDB adapter at merge.
// It exists only so the web branch type-checks; every method throws.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Ingestion } from '../core/event.js';
import type { IngestionStore } from '../ports.js';

/** Placeholder of the DynamoDB {@link IngestionStore} (replaced at merge). */
export class DynamoIngestionStore implements IngestionStore {
  constructor(readonly options: { client: DynamoDBClient; tableName: string }) {}
  get(_key: string): Promise<Ingestion | null> {
    throw new Error('replaced at merge');
  }
  put(_ingestion: Ingestion): Promise<void> {
    throw new Error('replaced at merge');
  }
}
