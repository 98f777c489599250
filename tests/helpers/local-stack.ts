/**
 * Test helpers for the local stack: free ports, a temporary data folder, the sample articles.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../local/servers.js';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../local/stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The repository's `articles/` folder. */
export const ARTICLES_DIR = fileURLToPath(new URL('../../articles/', import.meta.url));

/** Paths of the sample articles, sorted. */
export function sampleArticlePaths(): string[] {
  return readdirSync(ARTICLES_DIR)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(ARTICLES_DIR, name));
}

/** A fresh temporary folder; remove it with {@link removeDir}. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `entente-${prefix}-`));
}

/** Removes a folder made by {@link tempDir}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Three free loopback ports for a stack. */
export async function freePorts(): Promise<{ http: number; s3: number; dynamodb: number }> {
  return { http: await freePort(), s3: await freePort(), dynamodb: await freePort() };
}

/** Starts a stack on free ports in `dataDir`. */
export async function startTestStack(
  dataDir: string,
  options: Partial<LocalStackOptions> = {},
): Promise<LocalStack> {
  return startLocalStack({ dataDir, ports: await freePorts(), ...options });
}

/** GET a JSON document from the stack's HTTP API. */
export async function getJson<T>(stack: LocalStack, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.urls.http}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}
