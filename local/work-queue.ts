/**
 * A bounded work queue with retries: the local stand-in for Lambda's asynchronous
 * invocation of normalize (a few concurrent executions, retries with backoff, then the
 * on-failure destination).
 */

/** How often and how patiently a failed item is retried. */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before the first retry; doubled each retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What became of one item. */
export type WorkResult = 'done' | 'gave-up';

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions<T> {
  concurrency: number;
  retry: RetryPolicy;
  work: (item: T, attempt: number) => Promise<void>;
  /** Called once an item has failed every attempt (write it to the dead-letter file). */
  onGiveUp: (item: T, error: unknown, attempts: number) => Promise<void> | void;
}

/** Delay before retry number `retry` (1-based): exponential with "equal jitter". */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Runs items with bounded concurrency, retrying failures with backoff. */
export class WorkQueue<T> {
  private readonly waiting: Array<{ item: T; settle: (result: WorkResult) => void }> = [];
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  /** Items ever pushed: lets callers tell whether new work arrived while they waited. */
  pushed = 0;

  constructor(private readonly options: WorkQueueOptions<T>) {}

  /** Queues an item; resolves when it is done or has been given up. */
  push(item: T): Promise<WorkResult> {
    this.pushed += 1;
    return new Promise((settle) => {
      this.waiting.push({ item, settle });
      this.pump();
    });
  }

  /** True when nothing is queued or running. */
  get isIdle(): boolean {
    return this.active === 0 && this.waiting.length === 0;
  }

  /** Items queued or running. */
  get pending(): number {
    return this.active + this.waiting.length;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.isIdle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.options.concurrency) {
      const next = this.waiting.shift();
      if (!next) break;
      this.active += 1;
      void this.run(next.item).then((result) => {
        this.active -= 1;
        next.settle(result);
        this.pump();
        if (this.isIdle) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
    }
  }

  private async run(item: T): Promise<WorkResult> {
    const { retry } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.work(item, attempt);
        return 'done';
      } catch (error) {
        if (attempt >= retry.attempts) {
          try {
            await this.options.onGiveUp(item, error, attempt);
          } catch {
            // The dead-letter write itself failed; nothing more can be done from here.
          }
          return 'gave-up';
        }
        await new Promise((r) => setTimeout(r, backoffDelay(retry, attempt)));
      }
    }
  }
}
