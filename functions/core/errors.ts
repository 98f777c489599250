/**
 * The one error hierarchy of Entente. Every error the project throws on purpose is an
 * {@link EntenteError} with a stable `code`; only the HTTP boundary maps codes to statuses.
 */
export class EntenteError extends Error {
  /** Stable machine-readable code, e.g. `EMPTY_INPUT`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The input cannot be turned into an article (empty, binary, wrong shape, too large, not an article). */
export class RejectedInputError extends EntenteError {}

/** A client asked for something malformed (bad query parameter, bad cursor). Maps to 400. */
export class BadRequestError extends EntenteError {
  constructor(message: string, code = 'BAD_REQUEST') {
    super(code, message);
  }
}

/** A requested thing does not exist. Maps to 404. */
export class NotFoundError extends EntenteError {
  constructor(message: string, code = 'NOT_FOUND') {
    super(code, message);
  }
}

/** A conditional write lost a race; the caller retries with fresh state. */
export class ConflictError extends EntenteError {
  constructor(message: string, code = 'CONFLICT') {
    super(code, message);
  }
}

/** Required configuration is missing or invalid. */
export class ConfigError extends EntenteError {
  constructor(message: string) {
    super('CONFIG', message);
  }
}

/** A storage dependency failed after retries (throttling, unavailable). Retryable by replay. */
export class StorageUnavailableError extends EntenteError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORAGE_UNAVAILABLE', message, options);
  }
}
