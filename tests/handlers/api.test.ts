import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { ApiGatewayRequestContextV2, LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { MemoryIngestionStore } from '../../functions/adapters/memory-stores.js';
import { ConfigError } from '../../functions/core/errors.js';
import { handler, makeApiHandler } from '../../functions/handlers/api.js';
import { memoryLogger } from '../../functions/logger.js';
import { makeEvent, SAMPLE_SEEDS, storeWith } from '../http/event-fixtures.js';

/** An HTTP API (payload 2.0) event, as API Gateway sends it to the Lambda. */
function httpEvent(
  method: string,
  path: string,
  query = '',
  headers: Record<string, string> = {},
): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'api.entente.example', ...headers },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'api',
      domainName: 'api.entente.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2024:00:00:00 +0000',
      timeEpoch: 0,
    } as ApiGatewayRequestContextV2,
    body: null,
    isBase64Encoded: false,
  };
}

const context = {} as Context;

describe('api handler', () => {
  it('answers API Gateway events through the shared app', async () => {
    const api = makeApiHandler({
      events: await storeWith(SAMPLE_SEEDS.map(makeEvent)),
      ingestions: new MemoryIngestionStore(),
      publicUrl: 'https://entente.example',
      log: memoryLogger(),
    });
    const res = (await api(
      httpEvent('GET', '/api/events', 'actor=vladimir-putin'),
      context,
    )) as APIGatewayProxyResult;
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).items.map((e: { id: string }) => e.id)).toEqual(['ev_001']);

    const feed = (await api(httpEvent('GET', '/feeds/timeline.atom'), context)) as APIGatewayProxyResult;
    expect(feed.statusCode).toBe(200);
    expect(feed.headers?.['content-type']).toBe('application/atom+xml; charset=utf-8');
    const etag = String(feed.headers?.etag);
    const again = (await api(
      httpEvent('GET', '/feeds/timeline.atom', '', { 'if-none-match': etag }),
      context,
    )) as APIGatewayProxyResult;
    expect(again.statusCode).toBe(304);

    const bad = (await api(httpEvent('GET', '/api/events', 'limit=0'), context)) as APIGatewayProxyResult;
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error).toBe('BAD_REQUEST');
  });

  it('reads its configuration on first use, naming every missing variable', async () => {
    const saved = { ...process.env };
    for (const name of ['TABLE_NAME', 'ARTICLES_BUCKET', 'PUBLIC_URL']) delete process.env[name];
    try {
      const call = Promise.resolve().then(() => handler(httpEvent('GET', '/health'), context));
      await expect(call).rejects.toBeInstanceOf(ConfigError);
      await expect(call).rejects.toThrow(/TABLE_NAME, ARTICLES_BUCKET, PUBLIC_URL/);
    } finally {
      process.env = saved;
    }
  });
});
