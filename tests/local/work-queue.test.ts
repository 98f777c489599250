import { describe, expect, it } from 'vitest';
import { backoffDelay, WorkQueue } from '../../local/work-queue.js';

const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 4 };

describe('WorkQueue', () => {
  it('never runs more than `concurrency` items at once and runs them all', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const queue = new WorkQueue<number>({
      concurrency: 3,
      retry: fast,
      work: async (n) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        seen.push(n);
        running -= 1;
      },
      onGiveUp: () => {},
    });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => queue.push(i)));
    expect(results.every((r) => r === 'done')).toBe(true);
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(queue.isIdle).toBe(true);
  });

  it('retries a failing item, then gives it up with the last error and the attempt count', async () => {
    const attempts = new Map<string, number>();
    const givenUp: Array<{ item: string; error: string; attempts: number }> = [];
    const queue = new WorkQueue<string>({
      concurrency: 2,
      retry: fast,
      work: async (item, attempt) => {
        attempts.set(item, attempt);
        if (item === 'bad' || (item === 'flaky' && attempt < 2))
          throw new Error(`${item} failed at ${attempt}`);
      },
      onGiveUp: (item, error, count) => {
        givenUp.push({ item, error: String(error), attempts: count });
      },
    });
    const [bad, flaky, good] = await Promise.all([
      queue.push('bad'),
      queue.push('flaky'),
      queue.push('good'),
    ]);
    expect([bad, flaky, good]).toEqual(['gave-up', 'done', 'done']);
    expect(attempts.get('bad')).toBe(3);
    expect(attempts.get('flaky')).toBe(2);
    expect(attempts.get('good')).toBe(1);
    expect(givenUp).toEqual([{ item: 'bad', error: 'Error: bad failed at 3', attempts: 3 }]);
  });

  it('idle() waits for items in flight', async () => {
    let finished = 0;
    const queue = new WorkQueue<number>({
      concurrency: 1,
      retry: fast,
      work: async () => {
        await new Promise((r) => setTimeout(r, 10));
        finished += 1;
      },
      onGiveUp: () => {},
    });
    void queue.push(1);
    void queue.push(2);
    expect(queue.pending).toBe(2);
    await queue.idle();
    expect(finished).toBe(2);
  });

  it('backs off exponentially within the ceiling', () => {
    const policy = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    for (let i = 0; i < 50; i++) {
      const first = backoffDelay(policy, 1);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      const third = backoffDelay(policy, 3);
      expect(third).toBeGreaterThanOrEqual(200);
      expect(third).toBeLessThanOrEqual(400);
      expect(backoffDelay(policy, 9)).toBeLessThanOrEqual(1000);
    }
  });
});
