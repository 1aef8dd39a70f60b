import { OpenAPIHono, createRoute, z, type Hook, type RouteConfig } from '@hono/zod-openapi';
import type { Principal, Store } from '@opencfp/store';
import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import type { Credentials } from './authenticate.js';
import type { ServerConfig } from './config.js';
import { ERROR_STATUS, ServerError, type ErrorCode } from './errors.js';

/** Logs what the server must keep to itself (stack traces, internal messages). */
export interface ServerLogger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What every request handler can read with `c.var`. */
export interface AppEnv {
  Variables: {
    store: Store;
    config: ServerConfig;
    logger: ServerLogger;
    /** Set by hono/request-id (also sent as X-Request-Id). */
    requestId: string;
    /** Who is calling, once `authenticate` has run (see authenticate.ts). */
    credentials?: Credentials;
    /** The caller in the organisation of the path, once `orgAccess` has run (see org-access.ts). */
    principal?: Principal;
  };
}

/** The body of every 4xx/5xx response (component `Error` of the OpenAPI document). */
export const ErrorSchema = z
  .object({
    code: z
      .enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]])
      .openapi({ description: 'stable error code (see docs/server.md)', example: 'NOT_FOUND' }),
    message: z.string().openapi({ description: 'what went wrong and how to fix it' }),
    details: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'machine-readable specifics; may be empty' }),
  })
  .openapi('Error');

/** Where a request value was read from, as clients see it. */
const LOCATION: Readonly<Record<string, string>> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

/** One field that failed validation. */
export interface ValidationIssue {
  /** body, query, path, header or cookie */
  location: string;
  /** path of the field inside it, e.g. ['members', 0, 'email']; [] for the whole value */
  path: (string | number)[];
  message: string;
  /** zod's issue code, e.g. invalid_type, too_small */
  code: string;
}

/**
 * The hook of every router: a request that fails its route's zod schemas becomes 400 VALIDATION_FAILED with
 * `details.issues` (ValidationIssue[]), through the app's error handler.
 */
export const validationHook: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (result.success) return;
  const location = LOCATION[result.target] ?? result.target;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    location,
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
    code: issue.code,
  }));
  const first = issues[0];
  const where = first ? `${first.location}${first.path.length ? `.${first.path.join('.')}` : ''}` : location;
  throw new ServerError(
    'VALIDATION_FAILED',
    `the request is not valid: ${where}: ${first?.message ?? 'invalid'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    { details: { issues } },
  );
};

/**
 * A router for a group of routes: an OpenAPIHono whose request validation fails with 400 VALIDATION_FAILED.
 * Mount it with `app.route('/v1/…', router)`; its routes join the OpenAPI document.
 *
 * @example
 * const router = createRouter();
 * router.openapi(defineRoute({ method: 'get', path: '/organisations/{id}', ... }), async (c) => c.json(..., 200));
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/**
 * `createRoute` plus what every route of the server has: the `Error` response for 4xx/5xx in the document, and (when
 * `validateResponses` is on) a check of each JSON response against the schema declared for its status, so the
 * document cannot drift from what the handlers send. A response that does not match is logged and answered
 * 500 INTERNAL.
 */
export function defineRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(
  config: R,
): ReturnType<typeof createRoute<P, R>> {
  const responses: RouteConfig['responses'] = {
    ...config.responses,
    default: config.responses.default ?? {
      description: 'An error: `code`, `message`, `details` (see the error table in docs/server.md)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  };
  const own =
    config.middleware === undefined
      ? []
      : Array.isArray(config.middleware)
        ? config.middleware
        : [config.middleware];
  return createRoute({
    ...config,
    responses,
    middleware: [checkResponse(config.responses), ...own],
  }) as unknown as ReturnType<typeof createRoute<P, R>>;
}

function checkResponse(responses: RouteConfig['responses']): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!c.var.config.validateResponses || c.error) return;
    const res = c.res;
    if (!/^application\/([\w.-]+\+)?json/i.test(res.headers.get('content-type') ?? '')) return;
    if (res.status >= 400) return; // errors are built by the error handler, always in ErrorSchema's shape
    // A download (an attachment, possibly streamed and large) is a file, checked where it is built, not buffered here.
    if (/^attachment/i.test(res.headers.get('content-disposition') ?? '')) return;
    const declared = responses[String(res.status)] ?? responses.default;
    const content = declared && 'content' in declared ? declared.content : undefined;
    const media = content?.['application/json'];
    const schema = media && 'schema' in media ? media.schema : undefined;
    if (!schema || !(schema instanceof z.ZodType))
      throw new ServerError(
        'INTERNAL',
        `${c.req.method} ${c.req.path}: response ${res.status} is not declared by its route`,
      );
    const result = (schema as ZodType).safeParse(await res.clone().json());
    if (!result.success)
      throw new ServerError(
        'INTERNAL',
        `${c.req.method} ${c.req.path}: response ${res.status} does not match its schema`,
        {
          details: { issues: result.error.issues },
        },
      );
  };
}
