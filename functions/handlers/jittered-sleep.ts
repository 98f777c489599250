/**
 * Waits a random time up to `min(capMs, baseMs * 2 ** attempt)` (exponential backoff with full
 * jitter), so writers that just lost a conditional write to each other do not retry in step.
 */
export function jitteredSleep(attempt: number, baseMs: number, capMs: number): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(capMs, baseMs * 2 ** attempt)),
  );
}
