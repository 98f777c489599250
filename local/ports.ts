/**
 * Port checks of the local run: a taken port is reported with the variable that moves it,
 * before any server starts (a half-started stack would otherwise leave Java running).
 */
import { createServer } from 'node:net';
import { EntenteError } from '../functions/core/errors.js';

/** A port the local run needs is already taken. */
export class PortInUseError extends EntenteError {
  constructor(
    readonly port: number,
    readonly role: string,
    readonly envVar: string,
  ) {
    super(
      'PORT_IN_USE',
      `port ${port} (${role}) is already in use on 127.0.0.1: stop what uses it, or set ${envVar} to another port`,
    );
  }
}

/** Resolves if `port` can be bound on 127.0.0.1, else throws {@link PortInUseError}. */
export async function assertPortFree(port: number, role: string, envVar: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
        reject(new PortInUseError(port, role, envVar));
      else reject(error);
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Reads a port from the environment, or the default; rejects anything that is not a port. */
export function portFromEnv(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new EntenteError('BAD_PORT', `${name} must be a port number from 1 to 65535, got "${raw}"`);
  return port;
}
