/**
 * How the helper commands (`npm run ingest`, `npm run replay`) find a running `npm start`:
 * the same port variables, and `GET /health` to tell whether it is up.
 */
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
