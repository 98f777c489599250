/**
 * api: the HTTP API Lambda. The same Hono app as the local server, behind API Gateway.
 */
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { makeDynamoClient } from '../adapters/clients.js';
import { DynamoEventStore } from '../adapters/dynamodb-event-store.js';
import { DynamoIngestionStore } from '../adapters/dynamodb-ingestion-store.js';
import { readConfig } from '../config.js';
import { type ApiDeps, createApp } from '../http/app.js';
import { jsonLogger } from '../logger.js';

/** The Lambda handler type `hono/aws-lambda` produces. */
export type ApiHandler = ReturnType<typeof handle>;

/** Builds the API handler from its deps. */
export function makeApiHandler(deps: ApiDeps): ApiHandler {
  const app: Hono = createApp(deps);
  return handle(app);
}

let cached: ApiHandler | undefined;

/** The Lambda entry point: built on first use (not at import) from the environment. */
export const handler: ApiHandler = (event, context) => {
  if (!cached) {
    const config = readConfig(process.env);
    const client = makeDynamoClient({ region: config.region, endpoint: config.dynamodbEndpoint });
    cached = makeApiHandler({
      events: new DynamoEventStore(client, config.tableName),
      ingestions: new DynamoIngestionStore(client, config.tableName),
      publicUrl: config.publicUrl,
      log: jsonLogger({ fn: 'api' }),
    });
  }
  return cached(event, context);
};
