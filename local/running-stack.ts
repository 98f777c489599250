/**
 * How the helper commands (`npm run ingest`, `replay`, `reprocess`) find a running `npm start`:
 * the same port variables, and `GET /health` to tell whether it is up.
 */
import { makeDynamoClient, makeS3Client } from '../functions/adapters/clients.js';
import type { Logger } from '../functions/logger.js';
import { LOCAL_BUCKET_NAME, LOCAL_TABLE_NAME } from '../infra/table.js';
import { buildLocalPipeline, type LocalPipeline } from './pipeline.js';
import { portFromEnv } from './ports.js';
import { DEFAULT_PORTS } from './stack.js';

/** The endpoints of the local stack, from the same env variables `npm start` reads. */
export function localEndpoints(env: Record<string, string | undefined>): {
  http: string;
  s3: string;
  dynamodb: string;
  ports: { http: number; s3: number; dynamodb: number };
} {
  const ports = {
    http: portFromEnv(env, 'PORT', DEFAULT_PORTS.http),
    s3: portFromEnv(env, 'S3_PORT', DEFAULT_PORTS.s3),
    dynamodb: portFromEnv(env, 'DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
  };
  return {
    http: `http://127.0.0.1:${ports.http}`,
    s3: `http://127.0.0.1:${ports.s3}`,
    dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
    ports,
  };
}

/** True when a local stack answers `GET /health` at `httpUrl`. */
export async function isStackRunning(httpUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${httpUrl}/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The pipeline of a running `npm start`, built over its S3 and DynamoDB servers, for a helper
 * command to run handlers against (the stack's own stream poller then publishes what they
 * write). `close` releases the SDK clients.
 */
export function connectToRunningStack(
  endpoints: ReturnType<typeof localEndpoints>,
  dataDir: string,
  log: Logger,
): { pipeline: LocalPipeline; close: () => void } {
  const s3Client = makeS3Client({ region: 'us-east-1', endpoint: endpoints.s3 });
  const dynamoClient = makeDynamoClient({ region: 'us-east-1', endpoint: endpoints.dynamodb });
  const pipeline = buildLocalPipeline({
    s3Client,
    dynamoClient,
    bucket: LOCAL_BUCKET_NAME,
    tableName: LOCAL_TABLE_NAME,
    dataDir,
    publicUrl: endpoints.http,
    log,
  });
  return {
    pipeline,
    close: () => {
      s3Client.destroy();
      dynamoClient.destroy();
    },
  };
}
