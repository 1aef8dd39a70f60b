// The client against a real listening server (PGlite in memory): every call goes over HTTP through fetch.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp, listen, loadConfig, type ServerLogger } from '@opencfp/server';
import { createUser, openStore, type Store } from '@opencfp/store';
import { ApiError } from './api-error.js';
import { createClient, type OpenCfpClient } from './create-client.js';
import { ifMatch } from './if-match.js';

const PASSWORD = 'correct horse battery';

/** Rejects with the ApiError of `call`; fails when it resolves or rejects with anything else. */
async function apiError(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createClient against a real server', () => {
  let store: Store;
  let server: { url: string; close(): Promise<void> };
  const logged: string[] = [];
  const logger: ServerLogger = { error: (m) => logged.push(m), warn: (m) => logged.push(m) };
  const email = `li.wei-${Date.now()}@example.com`;
  let anonymous: OpenCfpClient;
  let api: OpenCfpClient; // the signed-in user's session token
  let sessionToken = '';
  let orgId = '';
  let productId = '';

  before(async () => {
    store = await openStore();
    await createUser(store, { email, name: 'Li Wei', password: PASSWORD });
    const config = loadConfig({
      env: { PORT: '0', OPENCFP_DATA_DIR: ':memory:', OPENCFP_AUTH_RATE_LIMIT_MAX: '1000' },
    });
    server = await listen(createApp({ store, config, logger }), { port: 0, host: '127.0.0.1' });
    anonymous = createClient({ baseUrl: server.url });
  });
  after(async () => {
    await server?.close();
    await store?.close();
  });

  it('signs in with a password; a wrong one is ApiError 401 UNAUTHENTICATED', async () => {
    const { data, response } = await anonymous.POST('/v1/auth/sign-in', {
      body: { email, password: PASSWORD },
    });
    assert.equal(response.status, 200);
    assert.match(data.token, /^ocs_/);
    assert.equal(data.user.email, email);
    assert.ok(Date.parse(data.expiresAt) > Date.now());
    sessionToken = data.token;
    api = createClient({ baseUrl: server.url, token: sessionToken });

    const wrong = await apiError(
      anonymous.POST('/v1/auth/sign-in', { body: { email, password: 'not the password' } }),
    );
    assert.equal(wrong.status, 401);
    assert.equal(wrong.code, 'UNAUTHENTICATED');
    assert.equal(wrong.message, 'wrong e-mail or password');
    assert.match(wrong.requestId ?? '', /\S/, 'the request id the server logged it under');
  });

  it('creates an organisation and lists it with the caller’s role', async () => {
    const slug = `acme-${Date.now()}`;
    const { data: made, response } = await api.POST('/v1/orgs', { body: { name: 'ACME Batteries', slug } });
    assert.equal(response.status, 201);
    orgId = made.id;
    const { data } = await api.GET('/v1/orgs');
    assert.deepEqual(
      data.organisations.map((o) => [o.id, o.slug, o.role]),
      [[orgId, slug, 'owner']],
    );
  });

  it('creates a product, reads it with its ETag, and changes it with the version it read', async () => {
    const created = await api.POST('/v1/orgs/{orgId}/products', {
      params: { path: { orgId } },
      body: {
        nameEn: 'LFP battery pack',
        declaredUnit: 'kWh',
        identifiers: [{ scheme: 'GTIN', value: '1' }],
      },
    });
    assert.equal(created.response.status, 201);
    assert.equal(created.etag, '"1"');
    assert.equal(created.data.version, 1);
    assert.equal(created.data.nameZh, null, 'the server filled in the default');
    productId = created.data.id;

    const read = await api.GET('/v1/orgs/{orgId}/products/{id}', {
      params: { path: { orgId, id: productId } },
    });
    assert.deepEqual(read.data, created.data);
    assert.equal(read.etag, '"1"');

    const changed = await api.PATCH('/v1/orgs/{orgId}/products/{id}', {
      params: { path: { orgId, id: productId }, header: ifMatch(read.data.version) },
      body: { nameZh: '磷酸铁锂电池包' },
    });
    assert.equal(changed.data.version, 2);
    assert.equal(changed.data.nameZh, '磷酸铁锂电池包');
    assert.equal(changed.etag, '"2"');
    // the ETag as it came works as well
    const again = await api.PATCH('/v1/orgs/{orgId}/products/{id}', {
      params: { path: { orgId, id: productId }, header: ifMatch(changed.etag ?? '') },
      body: { declaredUnitAmount: 2 },
    });
    assert.equal(again.data.version, 3);
  });

  it('a change of a version someone else changed is ApiError VERSION_CONFLICT, and nothing is lost', async () => {
    const conflict = await apiError(
      api.PATCH('/v1/orgs/{orgId}/products/{id}', {
        params: { path: { orgId, id: productId }, header: ifMatch(1) },
        body: { nameEn: 'overwritten?' },
      }),
    );
    assert.equal(conflict.code, 'VERSION_CONFLICT');
    assert.ok([409, 412].includes(conflict.status), `status ${conflict.status}`);
    assert.equal(conflict.details.currentVersion, 3);
    assert.ok(ApiError.is(conflict, 'VERSION_CONFLICT', 'CONFLICT'));
    assert.ok(!ApiError.is(conflict, 'NOT_FOUND'));

    const unnamed = await apiError(
      api.PATCH('/v1/orgs/{orgId}/products/{id}', {
        params: { path: { orgId, id: productId } },
        body: { nameEn: 'overwritten?' },
      }),
    );
    assert.deepEqual([unnamed.status, unnamed.code], [428, 'PRECONDITION_REQUIRED']);

    const { data } = await api.GET('/v1/orgs/{orgId}/products/{id}', {
      params: { path: { orgId, id: productId } },
    });
    assert.deepEqual([data.nameEn, data.version], ['LFP battery pack', 3]);
  });

  it('a request that fails validation is ApiError 400 VALIDATION_FAILED with the fields in `issues`', async () => {
    const invalid = await apiError(
      api.POST('/v1/orgs/{orgId}/products', {
        params: { path: { orgId } },
        body: { nameEn: '', declaredUnit: 'kWh', declaredUnitAmount: -1 },
      }),
    );
    assert.equal(invalid.status, 400);
    assert.equal(invalid.code, 'VALIDATION_FAILED');
    assert.deepEqual(invalid.issues.map((i) => `${i.location}:${i.path.join('.')}`).sort(), [
      'body:declaredUnitAmount',
      'body:nameEn',
    ]);
    for (const issue of invalid.issues) assert.ok(issue.message.length > 0 && issue.code.length > 0);
    assert.deepEqual(
      (await api.GET('/v1/orgs/{orgId}/products', { params: { path: { orgId } } })).data.products.length,
      1,
    );
  });

  it('without credentials it is ApiError 401; a token may come from a function asked before each request', async () => {
    const unauthenticated = await apiError(anonymous.GET('/v1/orgs'));
    assert.deepEqual([unauthenticated.status, unauthenticated.code], [401, 'UNAUTHENTICATED']);
    assert.equal(unauthenticated.issues.length, 0);

    const session: { token?: string } = {};
    const later = createClient({ baseUrl: server.url, token: async () => session.token });
    assert.equal((await apiError(later.GET('/v1/me'))).status, 401);
    session.token = sessionToken;
    assert.equal((await later.GET('/v1/me')).data.user?.email, email);
  });

  it('the session cookie authenticates when no token is given (as a browser sends it)', async () => {
    const viaCookie = createClient({
      baseUrl: server.url,
      credentials: 'include',
      headers: { cookie: `opencfp_session=${sessionToken}` },
    });
    const { data } = await viaCookie.GET('/v1/me');
    assert.deepEqual([data.via, data.user?.email], ['session', email]);
  });

  it('an OAuth client-credentials access token works, from the form or HTTP Basic', async () => {
    const { data: client } = await api.POST('/v1/orgs/{orgId}/tokens', {
      params: { path: { orgId } },
      body: { name: 'erp', role: 'viewer', kind: 'client' },
    });
    assert.ok(client.clientId);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const { data: access } = await anonymous.POST('/v1/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret },
      headers: form,
    });
    assert.match(access.access_token, /^oca_/);
    assert.deepEqual([access.token_type, access.expires_in], ['Bearer', 3600]);

    const machine = createClient({ baseUrl: server.url, token: access.access_token });
    const { data: me } = await machine.GET('/v1/me');
    assert.deepEqual([me.via, me.user], ['client', null]);
    const { data } = await machine.GET('/v1/orgs/{orgId}/products', { params: { path: { orgId } } });
    assert.deepEqual(
      data.products.map((p) => p.id),
      [productId],
    );
    const denied = await apiError(
      machine.POST('/v1/orgs/{orgId}/products', {
        params: { path: { orgId } },
        body: { nameEn: 'by a viewer', declaredUnit: 'kg' },
      }),
    );
    assert.deepEqual([denied.status, denied.code, denied.details.required], [403, 'FORBIDDEN', 'editor']);

    // a call's own Authorization (here HTTP Basic) wins over the client's bearer token
    const basic = btoa(`${client.clientId}:${client.secret}`);
    const viaBasic = await api.POST('/v1/oauth/token', {
      body: { grant_type: 'client_credentials' },
      headers: { ...form, authorization: `Basic ${basic}` },
    });
    assert.match(viaBasic.data.access_token, /^oca_/);

    const wrong = await apiError(
      anonymous.POST('/v1/oauth/token', {
        body: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'occ_wrong' },
        headers: form,
      }),
    );
    assert.deepEqual([wrong.status, wrong.details], [401, { error: 'invalid_client' }]);
  });

  it('a 204 answers no data; the record is then ApiError 404 NOT_FOUND', async () => {
    const seen: string[] = [];
    const counting = createClient({
      baseUrl: server.url,
      token: sessionToken,
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
    const { data, response } = await counting.DELETE('/v1/orgs/{orgId}/products/{id}', {
      params: { path: { orgId, id: productId } },
    });
    assert.equal(response.status, 204);
    assert.equal(data, undefined);
    const gone = await apiError(
      counting.GET('/v1/orgs/{orgId}/products/{id}', { params: { path: { orgId, id: productId } } }),
    );
    assert.deepEqual([gone.status, gone.code], [404, 'NOT_FOUND']);
    assert.deepEqual(seen, [
      `DELETE /v1/orgs/${orgId}/products/${productId}`,
      `GET /v1/orgs/${orgId}/products/${productId}`,
    ]);
  });

  it('no answer is ApiError NETWORK_ERROR (status 0); an abort stays the caller’s AbortError', async () => {
    const nowhere = createClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const unreachable = await apiError(nowhere.GET('/health'));
    assert.deepEqual([unreachable.status, unreachable.code], [0, 'NETWORK_ERROR']);
    assert.ok(unreachable.cause instanceof Error);

    await assert.rejects(api.GET('/v1/orgs', { signal: AbortSignal.abort() }), (e: Error) => {
      assert.equal(e.name, 'AbortError');
      assert.ok(!(e instanceof ApiError));
      return true;
    });
    assert.deepEqual(logged, [], 'the server logged no internal error');
  });
});
