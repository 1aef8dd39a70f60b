/** Stable codes of store errors; the server maps them to HTTP statuses in one table. */
export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'INVALID_REFERENCE'
  | 'INVALID_VALUE'
  | 'IMMUTABLE'
  | 'CANCELLED'
  | 'MIGRATION_FAILED'
  | 'INVALID_DATABASE_URL'
  | 'CONNECTION_FAILED'
  | 'DATA_DIR_IN_USE'
  | 'FORBIDDEN'
  | 'ILLEGAL_TRANSITION'
  | 'INPUTS_CHANGED'
  | 'SIGNING_KEY_UNAVAILABLE';

/**
 * A store error with a stable `code`; the message says how to fix the problem.
 *
 * @example
 * try { await createOrganisation(store, { name: 'ACME', slug: 'acme' }); }
 * catch (e) { if (e instanceof StoreError && e.code === 'CONFLICT') ... }
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(
    code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    if (options?.details) this.details = options.details;
  }
}

/** SQLSTATE codes of PostgreSQL (both PGlite and the server report them) → store errors. */
const SQLSTATE: Readonly<Record<string, [StoreErrorCode, string]>> = {
  '23505': ['CONFLICT', 'a record with the same unique key exists already'],
  '23503': ['INVALID_REFERENCE', 'the record refers to one that does not exist (or is still referred to)'],
  '23514': ['INVALID_VALUE', 'a value is outside what the schema allows'],
  '23502': ['INVALID_VALUE', 'a required value is missing'],
  P0001: ['IMMUTABLE', 'the record cannot be changed'],
};

/**
 * A database error as a StoreError when it is one the caller can act on (unique, foreign key, check,
 * immutable); anything else is returned unchanged.
 */
export function toStoreError(e: unknown): unknown {
  const error = e as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown };
  const mapped = typeof error?.code === 'string' ? SQLSTATE[error.code] : undefined;
  if (!mapped) return e;
  const [code, text] = mapped;
  const details: Record<string, unknown> = {};
  if (typeof error.constraint === 'string') details.constraint = error.constraint;
  if (typeof error.detail === 'string') details.detail = error.detail;
  const message =
    code === 'IMMUTABLE' && typeof error.message === 'string'
      ? error.message
      : `${text}${details.constraint ? ` (${String(details.constraint)})` : ''}`;
  return new StoreError(code, message, { cause: e, details });
}
