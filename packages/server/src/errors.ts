import { ModelError } from '@opencfp/model';
import { StoreError, type StoreErrorCode } from '@opencfp/store';

/** Stable codes of server errors (besides the store's, which the server passes on). */
export type ServerErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PRECONDITION_REQUIRED'
  | 'CALCULATION_FAILED'
  | 'MODEL_INVALID'
  | 'PUBLICATION_BLOCKED'
  | 'NOT_COMPARABLE'
  | 'RATE_LIMITED'
  | 'INVALID_CONFIG'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Every code an HTTP error response can carry. */
export type ErrorCode = ServerErrorCode | StoreErrorCode;

/**
 * THE table: error code → HTTP status. Every 4xx/5xx response of the server takes its status from here, so a code
 * means one status everywhere. It is a `Record` over every code, so a new StoreError or ServerError code does not
 * compile until it has a status.
 */
export const ERROR_STATUS = {
  // the store's codes
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  /** A reference to a record that does not exist. Deleting a record still referred to should be a CONFLICT. */
  INVALID_REFERENCE: 422,
  INVALID_VALUE: 400,
  IMMUTABLE: 409,
  /** An operation stopped because its job was cancelled (nothing of it was kept). */
  CANCELLED: 409,
  MIGRATION_FAILED: 500,
  INVALID_DATABASE_URL: 500,
  CONNECTION_FAILED: 503,
  /** Another process holds PGlite's data directory: raised on start, never by a request (the server is not up). */
  DATA_DIR_IN_USE: 503,
  /** A study action its state does not allow (details.action, details.state, details.allowedFrom). */
  ILLEGAL_TRANSITION: 409,
  /** The model changed since the study's result was calculated (the freeze): calculate again and resubmit. */
  INPUTS_CHANGED: 409,
  /** An organisation's signing key does not open with this server's key secret: a configuration fault. */
  SIGNING_KEY_UNAVAILABLE: 500,
  // the server's codes
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A change that must name the version it read (If-Match) did not. */
  PRECONDITION_REQUIRED: 428,
  /** The engine cannot calculate what was asked (a singular system, an ambiguous product): `details.code` says why. */
  CALCULATION_FAILED: 422,
  /** A product model that cannot be calculated as it stands: `details.code`, `details.path` (JSON pointer), `details.problems`. */
  MODEL_INVALID: 422,
  /** A study whose compliance check finds mandatory requirements not met: `details.unmet` says what to fix. */
  PUBLICATION_BLOCKED: 422,
  /** Registry entries of different categories or declared units asked to be compared (details say which differ). */
  NOT_COMPARABLE: 400,
  RATE_LIMITED: 429,
  INVALID_CONFIG: 500,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

/**
 * A server error with a stable `code` (its HTTP status comes from ERROR_STATUS); the message says how to fix the
 * problem and is sent to the client for 4xx codes. `details` is sent as is: put only what the client may see in it.
 *
 * @example throw new ServerError('FORBIDDEN', 'editing a study needs the editor role in its organisation')
 */
export class ServerError extends Error {
  readonly code: ServerErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: ServerErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServerError';
    this.code = code;
    this.details = options?.details ?? {};
  }
}

/** The JSON body of every 4xx/5xx response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/** What an error becomes on the wire, and whether it is the server's fault (then it is logged with its stack). */
export interface ErrorResponse {
  status: ErrorStatus;
  body: ErrorBody;
  /** true for 5xx: log the original error; the body carries only a generic message. */
  internal: boolean;
}

const INTERNAL_MESSAGE = 'an unexpected error occurred on the server; it has been logged';

/**
 * Turns a coded error into its response. 5xx bodies never carry the original message or details (they may name
 * internals such as a database host); they get a generic message and the request id instead, and the caller logs
 * the error. The raw database text in a StoreError's `details.detail` is never sent either.
 */
export function errorResponse(error: ServerError | StoreError, requestId?: string): ErrorResponse {
  const status = ERROR_STATUS[error.code];
  if (status >= 500) {
    const message =
      error.code === 'CONNECTION_FAILED' || error.code === 'UNAVAILABLE'
        ? 'the service is unavailable for the moment; try again later'
        : INTERNAL_MESSAGE;
    return {
      status,
      internal: true,
      body: { code: error.code, message, details: requestId ? { requestId } : {} },
    };
  }
  let details: Record<string, unknown> = { ...(error.details ?? {}) };
  if (error instanceof StoreError) {
    const { detail: _detail, ...rest } = details;
    details = rest;
  }
  return { status, internal: false, body: { code: error.code, message: error.message, details } };
}

/** The response for an error that carries no code (a bug): 500 INTERNAL, logged by the caller. */
export function internalErrorResponse(requestId?: string): ErrorResponse {
  return {
    status: 500,
    internal: true,
    body: { code: 'INTERNAL', message: INTERNAL_MESSAGE, details: requestId ? { requestId } : {} },
  };
}

/**
 * An error of the engine (@opencfp/core, @opencfp/refdata: a class with a stable UPPER_SNAKE `code`) as a
 * ServerError: an unknown process or product is NOT_FOUND, anything else CALCULATION_FAILED; the engine's code is
 * kept in `details.code`. Anything that is not such an error is returned unchanged.
 */
export function fromEngineError(e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (!(e instanceof Error) || typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code)) return e;
  if (e instanceof ServerError || e instanceof StoreError) return e;
  if (e instanceof ModelError)
    return new ServerError('MODEL_INVALID', e.message, {
      details: { code: e.code, path: e.path, problems: e.problems.slice(0, 100) },
    });
  const notFound = code === 'UNKNOWN_PROCESS' || code === 'UNKNOWN_PRODUCT' || code === 'NO_PRODUCT';
  return new ServerError(notFound ? 'NOT_FOUND' : 'CALCULATION_FAILED', e.message, { details: { code } });
}
