/**
 * The console logger of the local commands: the handlers' structured lines would drown the
 * one-line-per-article output, so only warnings and errors are shown (as JSON, on stderr).
 */
import type { Logger } from '../functions/logger.js';

/** A logger printing warnings and errors to stderr; `verbose` adds info lines. */
export function consoleLogger(verbose = false): Logger {
  const write = (level: string, message: string, detail?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ level, message, ...detail })}\n`);
  return {
    info: (message, detail) => {
      if (verbose) write('info', message, detail);
    },
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
  };
}
