import type { components } from './generated/openapi.js';

/** The server's error body (component `Error`): every 4xx/5xx answer has this shape. */
export type ErrorBody = components['schemas']['Error'];

/**
 * A stable error code: the server's (the error table in docs/server.md, e.g. `VALIDATION_FAILED`, `NOT_FOUND`,
 * `VERSION_CONFLICT`), or `NETWORK_ERROR` when no answer came, or `UNEXPECTED_RESPONSE` for an answer that is
 * neither the server's error body nor a status with a known meaning (e.g. a proxy's page).
 */
export type ApiErrorCode = ErrorBody['code'] | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** One field of a request that failed validation (`details.issues` of a 400 VALIDATION_FAILED). */
export interface ValidationIssue {
  /** where the value was: body, query, path, header or cookie */
  location: string;
  /** the field inside it, e.g. ['identifiers', 0, 'value']; [] for the whole value */
  path: (string | number)[];
  message: string;
  /** the validator's issue code, e.g. invalid_type, too_small, unrecognized_keys */
  code: string;
}

/** The code an answer without the server's error body gets from its status alone. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorBody['code']>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'VERSION_CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  428: 'PRECONDITION_REQUIRED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'UNAVAILABLE',
};

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message, details } = body as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    typeof details === 'object' &&
    details !== null &&
    !Array.isArray(details)
  );
}

/**
 * A failed API call: the server's `{ code, message, details }` with the HTTP status (0 when no answer came) and the
 * request id the server logged it under. Branch on `code`, which is stable; `message` says what went wrong and how
 * to fix it. A stale version (409, or 412 from an If-Match check) is always `VERSION_CONFLICT`.
 *
 * @example
 * try {
 *   await api.PATCH('/v1/orgs/{orgId}/products/{id}', { params: { path, header: ifMatch(product.version) }, body });
 * } catch (e) {
 *   if (ApiError.is(e, 'VERSION_CONFLICT')) reloadAndShow(e.details.currentVersion);
 *   else if (ApiError.is(e, 'VALIDATION_FAILED')) for (const issue of e.issues) markField(issue.path, issue.message);
 *   else throw e;
 * }
 */
export class ApiError extends Error {
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Machine-readable specifics, e.g. `issues`, `currentVersion`, `required`; may be empty. */
  readonly details: Record<string, unknown>;
  /** The server's `X-Request-Id` of the failed request, to find it in the server's log. */
  readonly requestId: string | undefined;

  constructor(
    status: number,
    body: { code: ApiErrorCode; message: string; details?: Record<string, unknown> },
    options: { requestId?: string; cause?: unknown } = {},
  ) {
    super(body.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? {};
    this.requestId = options.requestId;
  }

  /** The fields that failed validation (`details.issues`; empty for other errors). */
  get issues(): ValidationIssue[] {
    const issues = this.details.issues;
    return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
  }

  /**
   * Whether `error` is an ApiError (with one of `codes`, when given).
   *
   * @example if (ApiError.is(e, 'NOT_FOUND')) return null;
   */
  static is(error: unknown, ...codes: ApiErrorCode[]): error is ApiError {
    return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
  }

  /**
   * The error of a non-2xx answer, from its body as parsed JSON (or text): the server's error body as it is;
   * anything else gets a code from the status (`UNEXPECTED_RESPONSE` when the status says nothing) with the start
   * of the body in `details.body`.
   *
   * @example throw ApiError.fromResponse(response, await response.json());
   */
  static fromResponse(response: Response, body: unknown): ApiError {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    // An If-Match precondition that failed means the record changed: the same as the server's 409.
    const conflict = response.status === 412 ? { code: 'VERSION_CONFLICT' as const } : {};
    if (isErrorBody(body)) return new ApiError(response.status, { ...body, ...conflict }, { requestId });
    const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    return new ApiError(
      response.status,
      {
        code:
          CODE_OF_STATUS[response.status] ?? (response.status >= 500 ? 'INTERNAL' : 'UNEXPECTED_RESPONSE'),
        message: `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} without an error body of this API`,
        details: text === '' ? {} : { body: text.slice(0, 500) },
      },
      { requestId },
    );
  }

  /**
   * The error of a request that got no answer (the server is down or unreachable, DNS, CORS refused by the browser).
   *
   * @example throw ApiError.network(request.url, error);
   */
  static network(url: string, cause: unknown): ApiError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(
      0,
      { code: 'NETWORK_ERROR', message: `no answer from ${url}: ${reason}`, details: {} },
      { cause },
    );
  }
}
