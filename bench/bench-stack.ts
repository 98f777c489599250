/**
 * The local stack the end-to-end, bulk and load parts share: `startLocalStack` in a temp
 * folder on free ports, so the benchmark never collides with a running `npm start`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../local/servers.js';
import { type LocalStack, startLocalStack } from '../local/stack.js';

/** A started stack and how to dispose of it. */
export interface BenchStack {
  stack: LocalStack;
  /** Stops the stack and removes its temp folder. */
  close(): Promise<void>;
}

/** Starts the whole local pipeline for the benchmark. */
export async function startBenchStack(): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'entente-bench-'));
  const [http, s3, dynamodb] = [await freePort(), await freePort(), await freePort()];
  try {
    const stack = await startLocalStack({ dataDir, ports: { http, s3, dynamodb }, reconcile: false });
    return {
      stack,
      async close() {
        await stack.stopServersNow();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
