import { readFileSync } from 'node:fs';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { StoreError, type Store } from '@opencfp/store';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import { SESSION_COOKIE } from './authenticate.js';
import type { ServerConfig } from './config.js';
import { DOCS_CSP, DOCS_HTML, DOCS_INIT_JS } from './docs.js';
import {
  ServerError,
  errorResponse,
  internalErrorResponse,
  type ErrorResponse,
  type ServerErrorCode,
} from './errors.js';
import { authRouter } from './routes/auth.js';
import { CalculatorCache } from './calculator-cache.js';
import { databasesRouter } from './routes/databases.js';
import { databaseUploadRouter, isDatabaseUpload } from './routes/database-upload.js';
import { JobUpdates } from './jobs/job-updates.js';
import { jobsRouter } from './routes/jobs.js';
import { modelJobsRouter } from './routes/model-jobs.js';
import { calculationsRouter } from './routes/calculations.js';
import { datasetDetailsRouter } from './routes/dataset-details.js';
import { flowsRouter } from './routes/flows.js';
import { resultAnalysisRouter } from './routes/result-analysis.js';
import { footprintsRouter } from './routes/footprints.js';
import { modelsRouter } from './routes/models.js';
import { modelValidationRouter } from './routes/model-validation.js';
import { organisationsRouter } from './routes/organisations.js';
import { productsRouter } from './routes/products.js';
import { referenceRouter } from './routes/reference.js';
import { rateLimit } from './rate-limit.js';
import { registryPages } from './registry/registry-pages.js';
import { registryRouter } from './routes/registry.js';
import { statementsRouter } from './routes/statements.js';
import { studiesRouter } from './routes/studies.js';
import { studyFindingsRouter } from './routes/study-findings.js';
import { studyReportRouter } from './routes/study-report.js';
import { studyViewsRouter } from './routes/study-views.js';
import { SigningSecret } from './signing-secret.js';
import { defineRoute, validationHook, type AppEnv, type ServerLogger } from './routing.js';
import { webApp } from './web-app.js';

/** The server's version (its package's). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface AppOptions {
  store: Store;
  config: ServerConfig;
  /** Where errors with their stacks go (default: one JSON line each on stderr). */
  logger?: ServerLogger;
  /** Background databases loaded and factorized once per version (default: a cache of 4 versions). */
  calculatorCache?: CalculatorCache;
  /** The in-process channel to this instance's job runner (startServer passes its runner's; default: none runs here). */
  jobUpdates?: JobUpdates;
  /** The secret signing keys are encrypted with (default: from the configuration, see SigningSecret). */
  signingSecret?: SigningSecret;
}

/** Logs one JSON object per line on stderr. */
export const jsonLogger: ServerLogger = {
  error: (message, fields) =>
    console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), message, ...fields })),
  warn: (message, fields) =>
    console.error(JSON.stringify({ level: 'warn', time: new Date().toISOString(), message, ...fields })),
};

/** HTTP errors raised by Hono and its middleware → our codes. */
const HTTP_EXCEPTION_CODES: Readonly<Record<number, ServerErrorCode>> = {
  400: 'VALIDATION_FAILED', // e.g. malformed JSON
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string().openapi({ example: '0.1.0' }),
    store: z.object({
      kind: z.enum(['pglite', 'postgres']),
      migrations: z
        .array(z.string())
        .openapi({ description: 'ids of the schema migrations applied, in order' }),
    }),
  })
  .openapi('Health');

const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Whether the server and its store answer',
  responses: {
    200: { description: 'The server is up', content: { 'application/json': { schema: HealthSchema } } },
  },
});

/**
 * The HTTP application: security headers, CORS (config.corsOrigins), body size limit, request ids, errors as
 * `{ code, message, details }` JSON (status from ERROR_STATUS), `/health`, `/openapi.json` (OpenAPI 3.1 from the
 * routes' zod schemas), `/docs`, and the API under `/v1` (auth, organisations, members, tokens, products, background
 * database versions, product models; see docs/server.md). Further route groups made with `createRouter()` can be
 * mounted on the returned app.
 *
 * @example
 * const app = createApp({ store, config });
 * serve({ fetch: app.fetch, port: config.port });
 */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { store, config } = options;
  const logger = options.logger ?? jsonLogger;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('store', store);
    c.set('config', config);
    c.set('logger', logger);
    await next();
  });
  // Every response gets these; the docs page sets its own CSP first (overwrite: false keeps it).
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      overwrite: false,
    }),
  );
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.use(
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowHeaders: ['Content-Type', 'Authorization', 'If-Match'],
        exposeHeaders: [
          'X-Request-Id',
          'ETag',
          'Retry-After',
          'RateLimit-Limit',
          'RateLimit-Remaining',
          'RateLimit-Reset',
        ],
        credentials: true,
        maxAge: 600,
      }),
    );
  }
  const limitBody = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: () => {
      throw new ServerError(
        'PAYLOAD_TOO_LARGE',
        `the request body is larger than the ${config.bodyLimitBytes} bytes this server accepts`,
        { details: { limitBytes: config.bodyLimitBytes } },
      );
    },
  });
  // A database upload is streamed to disk under its own, much larger limit (uploadLimit); bodyLimit would read
  // it into memory.
  app.use((c, next) => (isDatabaseUpload(c.req.method, c.req.path) ? next() : limitBody(c, next)));

  app.openapi(healthRoute, async (c) => {
    const applied = await sql<{ id: string }>`select id from schema_migrations order by id`.execute(store.db);
    return c.json(
      {
        status: 'ok' as const,
        version: VERSION,
        store: { kind: store.kind, migrations: applied.rows.map((r) => r.id) },
      },
      200,
    );
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description:
      'a session token (`ocs_…`, from POST /v1/auth/sign-in), a personal API token (`ocp_…`) or a machine ' +
      "client's secret (`occ_…`); API tokens are bound to one organisation",
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'the session cookie set by POST /v1/auth/sign-in (HttpOnly, SameSite=Lax)',
  });
  app.route('/v1', authRouter(config));
  app.route('/v1', organisationsRouter());
  app.route('/v1', productsRouter());
  const calculatorCache = options.calculatorCache ?? new CalculatorCache();
  app.route('/v1', databasesRouter(calculatorCache));
  app.route('/v1', modelsRouter());
  app.route('/v1', modelValidationRouter(calculatorCache));
  app.route('/v1', referenceRouter());
  app.route('/v1', footprintsRouter(calculatorCache));
  app.route('/v1', calculationsRouter(calculatorCache));
  app.route('/v1', resultAnalysisRouter(calculatorCache));
  app.route('/v1', datasetDetailsRouter(calculatorCache));
  app.route('/v1', flowsRouter(calculatorCache));
  const jobUpdates = options.jobUpdates ?? new JobUpdates();
  app.route('/v1', jobsRouter(jobUpdates));
  app.route('/v1', databaseUploadRouter(jobUpdates));
  app.route('/v1', modelJobsRouter(jobUpdates));
  const signingSecret = options.signingSecret ?? new SigningSecret(config, logger);
  app.route('/v1', studiesRouter(signingSecret));
  app.route('/v1', studyFindingsRouter());
  app.route('/v1', studyViewsRouter());
  app.route('/v1', studyReportRouter(calculatorCache));
  app.route('/', statementsRouter(signingSecret));
  // One budget per client for everything public of the registry (its pages and its open data).
  const publicLimit = rateLimit(config.rateLimits.public);
  app.route('/', registryRouter(publicLimit));
  app.route('/', registryPages(publicLimit));

  app.get('/openapi.json', (c) =>
    c.json(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'OpenCFP API',
          version: VERSION,
          description:
            'Product carbon footprints (ISO 14067 / GB/T 24067). Every error is `{ code, message, details }` JSON.',
        },
      }),
    ),
  );
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    return c.html(DOCS_HTML);
  });
  app.get('/docs/init.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(DOCS_INIT_JS);
  });

  // The web app at every other GET path (after the API's routes, so theirs win; unknown /v1 paths stay 404).
  if (config.webDir) app.get('*', webApp(config.webDir));

  app.notFound((c) =>
    sendError(c, errorResponse(new ServerError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`))),
  );
  app.onError((error, c) => {
    const id = c.var.requestId;
    let response: ErrorResponse;
    if (error instanceof ServerError || error instanceof StoreError) response = errorResponse(error, id);
    else if (error instanceof HTTPException && HTTP_EXCEPTION_CODES[error.status])
      response = errorResponse(
        new ServerError(
          HTTP_EXCEPTION_CODES[error.status],
          error.status === 415
            ? `send the body as JSON with the header Content-Type: application/json (got ${c.req.header('content-type') ?? 'none'})`
            : error.message,
        ),
        id,
      );
    else response = internalErrorResponse(id);
    if (response.internal)
      logger.error(error.message, {
        requestId: id,
        method: c.req.method,
        path: c.req.path,
        code: response.body.code,
        details: (error as { details?: unknown }).details,
        stack: error.stack,
        cause: error.cause instanceof Error ? error.cause.stack : error.cause,
      });
    return sendError(c, response);
  });
  return app;
}

function sendError(c: Context, response: ErrorResponse): Response {
  return c.json(response.body, response.status);
}
