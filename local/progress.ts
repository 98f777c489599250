/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every few seconds
 * otherwise (CI logs and files stay readable).
 */

/** A running progress display. */
export interface Progress {
  /** Sets the number of finished items. */
  update(done: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

/** Formats one progress line: label, bar, counts, percentage and rate. */
export function formatProgress(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  width = 30,
): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(fraction * width);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${(fraction * 100).toFixed(0)}% ${rate.toFixed(0)}/s`;
}

/** Creates a progress display for `total` items. */
export function createProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const started = Date.now();
  const tty = stream.isTTY === true;
  let done = 0;
  let lastDraw = 0;
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < (tty ? 100 : 5000)) return;
    lastDraw = now;
    const line = formatProgress(label, done, total, now - started);
    stream.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
  };
  return {
    update(value) {
      done = value;
      draw(false);
    },
    finish() {
      draw(true);
      if (tty) stream.write('\n');
    },
  };
}
