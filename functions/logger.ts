/** Structured logger: one JSON object a line, as CloudWatch Logs Insights reads them. */
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

/** A logger writing JSON lines to stdout/stderr. */
export function jsonLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: string, message: string, detail?: Record<string, unknown>) => {
    const line = JSON.stringify({ level, message, ...base, ...detail });
    if (level === 'error') console.error(line);
    else console.log(line);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/** A logger that keeps lines in memory (tests assert on what was logged). */
export function memoryLogger(): Logger & {
  lines: Array<{ level: string; message: string } & Record<string, unknown>>;
} {
  const lines: Array<{ level: string; message: string } & Record<string, unknown>> = [];
  return {
    lines,
    info: (message, detail) => lines.push({ level: 'info', message, ...detail }),
    warn: (message, detail) => lines.push({ level: 'warn', message, ...detail }),
    error: (message, detail) => lines.push({ level: 'error', message, ...detail }),
  };
}
