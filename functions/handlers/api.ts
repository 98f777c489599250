/**
 * PLACEHOLDER, replaced by the web branch: the API Lambda (HTTP API v2 → the Hono app of
 * functions/http/app.ts). It exists so the CDK stack and the cold-start benchmark have an
 * entry to bundle before that branch is merged.
 */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** Answers 503 until the real API handler lands. */
export async function handler(): Promise<APIGatewayProxyResultV2> {
  return {
    statusCode: 503,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: 'UNAVAILABLE', message: 'the API handler is not deployed yet' }),
  };
}
