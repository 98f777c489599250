/**
 * The HTTP API under load: autocannon on loopback against the local stack's port, for
 * `/api/events?limit=50` and for a conditional feed request answered 304 (`If-None-Match`
 * set to the feed's current ETag). Requests per second and p99 latency.
 */
import autocannon from 'autocannon';
import type { LocalStack } from '../local/stack.js';

/** One endpoint's figures. */
export interface LoadFigures {
  path: string;
  expectedStatus: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  /** Responses outside 2xx (for the 304 run: everything not 2xx, 304 included). */
  non2xx: number;
}

/** What {@link runApiLoadBench} returns. */
export interface ApiLoadResult {
  seconds: number;
  connections: number;
  events: LoadFigures;
  feed304: LoadFigures;
}

async function hammer(
  url: string,
  seconds: number,
  connections: number,
  headers: Record<string, string> = {},
): Promise<Omit<LoadFigures, 'path' | 'expectedStatus'>> {
  const result = await autocannon({ url, duration: seconds, connections, headers });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Runs both loads one after the other. */
export async function runApiLoadBench(
  stack: LocalStack,
  options: { seconds: number; connections?: number },
): Promise<ApiLoadResult> {
  const connections = options.connections ?? 10;
  const http = stack.urls.http;
  const eventsPath = '/api/events?limit=50';
  const check = await fetch(`${http}${eventsPath}`);
  if (check.status !== 200) throw new Error(`${eventsPath} answered ${check.status}`);
  await check.body?.cancel();
  const events = await hammer(`${http}${eventsPath}`, options.seconds, connections);

  const feedPath = '/feeds/timeline.atom';
  const feed = await fetch(`${http}${feedPath}`);
  await feed.body?.cancel();
  const etag = feed.headers.get('etag');
  if (!etag) throw new Error(`${feedPath} has no ETag`);
  const probe = await fetch(`${http}${feedPath}`, { headers: { 'if-none-match': etag } });
  await probe.body?.cancel();
  if (probe.status !== 304)
    throw new Error(`${feedPath} with If-None-Match answered ${probe.status}, not 304`);
  const feed304 = await hammer(`${http}${feedPath}`, options.seconds, connections, { 'if-none-match': etag });

  return {
    seconds: options.seconds,
    connections,
    events: { path: eventsPath, expectedStatus: 200, ...events },
    feed304: { path: `${feedPath} (If-None-Match → 304)`, expectedStatus: 304, ...feed304 },
  };
}
