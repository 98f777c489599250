/**
 * Retries for DynamoDB calls, on top of the SDK's own: throttling, 5xx, lost connections and
 * transaction conflicts are retried with exponential backoff and full jitter; a failed
 * condition becomes a {@link ConflictError} at once; anything left after the last attempt
 * becomes a {@link StorageUnavailableError}, which the normalize handler lets through so
 * Lambda retries and then dead-letters the notification (replayable).
 */
import { ConflictError, EntenteError, StorageUnavailableError } from '../core/errors.js';

/** How often and how patiently to retry. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Defaults: about 6 s of patience in total, on top of the SDK's own three attempts. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 3000 };

/** What to do with an error from DynamoDB. */
export type ErrorClass = 'conflict' | 'transient' | 'permanent';

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const TRANSIENT_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
  'InternalServerError',
  'None',
]);

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  CancellationReasons?: Array<{ Code?: string }>;
}

/** Classifies an error thrown by the DynamoDB client. */
export function classifyDynamoError(error: unknown): ErrorClass {
  if (error instanceof ConflictError) return 'conflict';
  if (error instanceof EntenteError) return 'permanent';
  const e = (error ?? {}) as AwsLikeError;
  if (e.name === 'ConditionalCheckFailedException') return 'conflict';
  if (e.name === 'TransactionCanceledException') {
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (codes.includes('ConditionalCheckFailed')) return 'conflict';
    return codes.every((c) => TRANSIENT_REASONS.has(c)) ? 'transient' : 'permanent';
  }
  if (e.name && TRANSIENT_NAMES.has(e.name)) return 'transient';
  if (e.$retryable) return 'transient';
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429 ? 'transient' : 'permanent';
  // No HTTP response at all: connection refused or reset, DNS, socket timeout.
  return 'transient';
}

/** Runs `op`, retrying transient failures per `policy`. */
export async function withRetries<T>(
  what: string,
  op: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await op();
    } catch (error) {
      const kind = classifyDynamoError(error);
      if (kind === 'conflict') {
        if (error instanceof ConflictError) throw error;
        throw new ConflictError(`${what}: a condition failed (concurrent change)`);
      }
      if (kind === 'permanent') {
        if (error instanceof EntenteError) throw error;
        throw new StorageUnavailableError(`${what} failed: ${describe(error)}`, { cause: error });
      }
      lastError = error;
      if (attempt < policy.attempts) {
        const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
      }
    }
  }
  throw new StorageUnavailableError(
    `${what} failed after ${policy.attempts} attempts: ${describe(lastError)}`,
    { cause: lastError },
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
