// The server on a real listener (port 0, in-memory PGlite), exercised with fetch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from '@hono/zod-openapi';
import { StoreError, openStore, type Store } from '@opencfp/store';
import { createApp } from './app.js';
import { loadConfig, type ServerConfig } from './config.js';
import { rateLimit } from './rate-limit.js';
import { createRouter, defineRoute, type ServerLogger } from './routing.js';
import { listen, startServer, type RunningServer } from './serve.js';

const ALLOWED = 'https://app.example.org';

function testConfig(env: Record<string, string> = {}): ServerConfig {
  return loadConfig({
    env: {
      PORT: '0',
      OPENCFP_DATA_DIR: ':memory:',
      OPENCFP_CORS_ORIGINS: ALLOWED,
      OPENCFP_BODY_LIMIT: '1kb',
      ...env,
    },
  });
}

function capturingLogger(): ServerLogger & {
  lines: { message: string; fields?: Record<string, unknown> }[];
} {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    error: (message, fields) => lines.push({ message, fields }),
    warn: (message, fields) => lines.push({ message, fields }),
  };
}

async function json(res: Response): Promise<Record<string, unknown>> {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return (await res.json()) as Record<string, unknown>;
}

function assertErrorBody(body: Record<string, unknown>, code: string): void {
  assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message']);
  assert.equal(body.code, code);
  assert.equal(typeof body.message, 'string');
  assert.equal(typeof body.details, 'object');
  assert.ok(!JSON.stringify(body).includes('    at '), 'no stack trace in an error body');
}

describe('startServer', () => {
  let server: RunningServer;
  const logger = capturingLogger();

  before(async () => {
    server = await startServer(testConfig(), { logger });
  });
  after(async () => {
    await server.close();
  });

  test('listens on a free port and answers /health with the store and its migrations', async () => {
    assert.ok(server.port > 0);
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    const body = await json(res);
    assert.equal(body.status, 'ok');
    assert.match(String(body.version), /^\d+\.\d+\.\d+/);
    assert.deepEqual((body.store as { kind: string }).kind, 'pglite');
    assert.ok((body.store as { migrations: string[] }).migrations.includes('001-platform'));
  });

  test('/openapi.json is an OpenAPI 3.1 document of the routes', async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    assert.equal(res.status, 200);
    const doc = (await json(res)) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.title, 'OpenCFP API');
    assert.ok(doc.paths['/health'].get.responses['200']);
    assert.ok(doc.paths['/health'].get.responses.default, 'the error response is documented');
    assert.ok(doc.components.schemas.Error);
    assert.ok(doc.components.schemas.Health);
    assert.equal(doc.paths['/openapi.json'], undefined);
  });

  test('an unknown route is 404 NOT_FOUND as JSON', async () => {
    const res = await fetch(`${server.url}/v1/no-such-thing`);
    assert.equal(res.status, 404);
    const body = await json(res);
    assertErrorBody(body, 'NOT_FOUND');
    assert.match(String(body.message), /GET \/v1\/no-such-thing/);
  });

  test('security headers on every response, a strict CSP on the API and a CDN one on /docs', async () => {
    for (const path of ['/health', '/no-such-route']) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=/);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(res.headers.get('x-request-id') ?? '', /\S/);
    }
    const docs = await fetch(`${server.url}/docs`);
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /^text\/html/);
    const csp = docs.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' https:\/\/cdn\.jsdelivr\.net\//);
    const html = await docs.text();
    assert.match(html, /integrity="sha384-/);
    assert.match(html, /\/docs\/init\.js/);
    const init = await fetch(`${server.url}/docs/init.js`);
    assert.match(init.headers.get('content-type') ?? '', /javascript/);
    assert.match(await init.text(), /\/openapi\.json/);
  });

  test('CORS: a preflight from an allowed origin is allowed, from another origin it is not', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/health`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const allowed = await preflight(ALLOWED);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match((allowed.headers.get('access-control-allow-headers') ?? '').toLowerCase(), /content-type/);

    const other = await preflight('https://evil.example.com');
    assert.equal(other.headers.get('access-control-allow-origin'), null);

    const simple = await fetch(`${server.url}/health`, { headers: { Origin: ALLOWED } });
    await simple.arrayBuffer();
    assert.equal(simple.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match(simple.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });

  test('a body over the limit is 413 PAYLOAD_TOO_LARGE as JSON, before routing', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(2000) });
    const res = await fetch(`${server.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    assert.equal(res.status, 413);
    const body = await json(res);
    assertErrorBody(body, 'PAYLOAD_TOO_LARGE');
    assert.equal((body.details as { limitBytes: number }).limitBytes, 1024);
  });

  test('close() is idempotent and stops listening', async () => {
    const other = await startServer(testConfig(), { logger: capturingLogger() });
    await Promise.all([other.close(), other.close()]);
    await assert.rejects(fetch(`${other.url}/health`));
  });

  test('nothing was logged as an internal error', () => {
    assert.deepEqual(logger.lines, []);
  });
});

describe('the middleware and helpers, on a test-local router', () => {
  let store: Store;
  let server: { url: string; close(): Promise<void> };
  const logger = capturingLogger();

  const Thing = z.object({ id: z.string(), name: z.string(), count: z.number().int() }).openapi('TestThing');
  const createThing = defineRoute({
    method: 'post',
    path: '/things',
    request: {
      query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({
              name: z.string().min(1),
              count: z.number().int().nonnegative(),
              tags: z.array(z.string().max(5)).optional(),
            }),
          },
        },
      },
    },
    responses: { 201: { description: 'created', content: { 'application/json': { schema: Thing } } } },
  });
  const getThing = defineRoute({
    method: 'get',
    path: '/things/{id}',
    request: { params: z.object({ id: z.string().regex(/^t-\d+$/) }) },
    responses: { 200: { description: 'a thing', content: { 'application/json': { schema: Thing } } } },
  });
  const limited = defineRoute({
    method: 'post',
    path: '/limited',
    middleware: [rateLimit({ max: 3, windowSeconds: 60 })],
    responses: {
      200: { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } },
    },
  });
  const wrongShape = defineRoute({
    method: 'get',
    path: '/wrong-shape',
    responses: { 200: { description: 'a thing', content: { 'application/json': { schema: Thing } } } },
  });

  before(async () => {
    store = await openStore();
    const config = testConfig({ OPENCFP_BODY_LIMIT: '4kb' });
    const app = createApp({ store, config, logger });
    const router = createRouter();
    router.openapi(createThing, (c) => {
      const body = c.req.valid('json');
      return c.json({ id: 't-1', name: body.name, count: body.count }, 201);
    });
    router.openapi(getThing, (c) => c.json({ id: c.req.valid('param').id, name: 'a', count: 1 }, 200));
    router.openapi(limited, (c) => c.json({ ok: true }, 200));
    router.openapi(wrongShape, (c) => c.json({ id: 't-1', name: 'a', count: 'one' } as never, 200));
    router.get('/boom', () => {
      throw new Error('secret internals: password=hunter2');
    });
    router.get('/conflict', () => {
      throw new StoreError('CONFLICT', 'an organisation with the slug acme exists already', {
        details: { constraint: 'organisations_slug_key', detail: 'Key (slug)=(acme) already exists.' },
      });
    });
    router.get('/store-down', () => {
      throw new StoreError('CONNECTION_FAILED', 'cannot connect to db.internal:5432');
    });
    app.route('/test', router);
    server = await listen(app, { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('a valid request passes validation and its response its schema', async () => {
    const res = await post('/test/things?dryRun=true', { name: 'bolt', count: 3 });
    assert.equal(res.status, 201);
    assert.deepEqual(await json(res), { id: 't-1', name: 'bolt', count: 3 });
  });

  test('an invalid body is 400 VALIDATION_FAILED with one issue per field', async () => {
    const res = await post('/test/things', { name: '', count: -1.5, tags: ['ok', 'too long'] });
    assert.equal(res.status, 400);
    const body = await json(res);
    assertErrorBody(body, 'VALIDATION_FAILED');
    const issues = (
      body.details as { issues: { location: string; path: unknown[]; message: string; code: string }[] }
    ).issues;
    const byPath = new Map(issues.map((i) => [i.path.join('.'), i]));
    assert.deepEqual([...byPath.keys()].sort(), ['count', 'name', 'tags.1']);
    for (const issue of issues) {
      assert.equal(issue.location, 'body');
      assert.equal(typeof issue.message, 'string');
      assert.equal(typeof issue.code, 'string');
    }
    assert.deepEqual(byPath.get('tags.1')!.path, ['tags', 1]);
    assert.match(String(body.message), /body\./);
  });

  test('invalid query and path parameters say where they were', async () => {
    const query = await post('/test/things?dryRun=maybe', { name: 'a', count: 1 });
    assert.equal(query.status, 400);
    const q = (await json(query)) as { details: { issues: { location: string; path: string[] }[] } };
    assert.deepEqual(
      q.details.issues.map((i) => [i.location, i.path]),
      [['query', ['dryRun']]],
    );
    const param = await fetch(`${server.url}/test/things/nope`);
    assert.equal(param.status, 400);
    const p = (await json(param)) as { details: { issues: { location: string; path: string[] }[] } };
    assert.deepEqual(
      p.details.issues.map((i) => [i.location, i.path]),
      [['path', ['id']]],
    );
  });

  test('malformed JSON is 400, a body of another media type 415', async () => {
    const malformed = await post('/test/things', '{"name": ');
    assert.equal(malformed.status, 400);
    assertErrorBody(await json(malformed), 'VALIDATION_FAILED');
    const text = await fetch(`${server.url}/test/things`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    assert.equal(text.status, 415);
    assertErrorBody(await json(text), 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('a body over the limit of a real route is 413, also when streamed without Content-Length', async () => {
    const big = { name: 'x'.repeat(5000), count: 1 };
    const res = await post('/test/things', big);
    assert.equal(res.status, 413);
    assertErrorBody(await json(res), 'PAYLOAD_TOO_LARGE');

    const text = JSON.stringify(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 1000)
          controller.enqueue(new TextEncoder().encode(text.slice(i, i + 1000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/test/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assertErrorBody(await json(streamed), 'PAYLOAD_TOO_LARGE');
  });

  test('the rate limiter lets N requests through, then answers 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await fetch(`${server.url}/test/limited`, { method: 'POST' });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('ratelimit-remaining'), String(2 - i));
      await ok.arrayBuffer();
    }
    const res = await fetch(`${server.url}/test/limited`, { method: 'POST' });
    assert.equal(res.status, 429);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal(res.headers.get('ratelimit-remaining'), '0');
    const body = await json(res);
    assertErrorBody(body, 'RATE_LIMITED');
    assert.equal((body.details as { limit: number }).limit, 3);
    // other routes are not limited by this limiter
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
    await health.arrayBuffer();
  });

  test('an unexpected error is 500 INTERNAL without message or stack; the stack is logged', async () => {
    logger.lines.length = 0;
    const res = await fetch(`${server.url}/test/boom`);
    assert.equal(res.status, 500);
    const body = await json(res);
    assertErrorBody(body, 'INTERNAL');
    assert.ok(!JSON.stringify(body).includes('hunter2'));
    const requestId = res.headers.get('x-request-id');
    assert.equal((body.details as { requestId: string }).requestId, requestId);
    assert.equal(logger.lines.length, 1);
    assert.match(logger.lines[0].message, /hunter2/);
    assert.match(String(logger.lines[0].fields?.stack), /server\.test\.js/);
    assert.equal(logger.lines[0].fields?.requestId, requestId);
  });

  test('store errors take their status from the table; the raw database detail stays on the server', async () => {
    const res = await fetch(`${server.url}/test/conflict`);
    assert.equal(res.status, 409);
    const body = await json(res);
    assertErrorBody(body, 'CONFLICT');
    assert.deepEqual(body.details, { constraint: 'organisations_slug_key' });

    logger.lines.length = 0;
    const down = await fetch(`${server.url}/test/store-down`);
    assert.equal(down.status, 503);
    const downBody = await json(down);
    assertErrorBody(downBody, 'CONNECTION_FAILED');
    assert.ok(!JSON.stringify(downBody).includes('db.internal'));
    assert.equal(logger.lines.length, 1);
  });

  test('a response that does not match its schema is 500 and logged', async () => {
    logger.lines.length = 0;
    const res = await fetch(`${server.url}/test/wrong-shape`);
    assert.equal(res.status, 500);
    assertErrorBody(await json(res), 'INTERNAL');
    assert.equal(logger.lines.length, 1);
    assert.match(logger.lines[0].message, /does not match its schema/);
  });

  test('routes of a mounted router join the OpenAPI document', async () => {
    const doc = (await json(await fetch(`${server.url}/openapi.json`))) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    assert.ok(doc.paths['/test/things'].post.requestBody);
    assert.deepEqual(
      doc.paths['/test/things/{id}'].get.parameters?.map((p) => [p.in, p.name]),
      [['path', 'id']],
    );
    assert.ok(doc.components.schemas.TestThing);
    assert.equal(doc.paths['/test/boom'], undefined, 'plain routes are not documented');
  });
});
