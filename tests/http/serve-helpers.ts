/** Serves a test app on a free loopback port with @hono/node-server, as the local run does. */
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { freePort } from '../../local/servers.js';

/** A running server and its base URL. */
export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 and a free port. */
export async function serveApp(app: Hono): Promise<Served> {
  const port = await freePort();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sends a request line exactly as given (no URL normalization, unlike fetch), so paths
 * like `/static/../package.json` reach the server as an attacker would send them.
 */
export function rawGet(port: number, target: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, text: data });
    });
  });
}
