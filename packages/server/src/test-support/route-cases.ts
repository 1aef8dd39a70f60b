// The /v1 routes on a real listener, exercised with fetch; run once per store engine (routes-*.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createApiToken,
  createOrganisation,
  createUser,
  signIn,
  type Store,
  type User,
} from '@opencfp/store';
import { createApp } from '../app.js';
import { loadConfig, type ServerConfig } from '../config.js';
import type { ServerLogger } from '../routing.js';
import { listen } from '../serve.js';

const PASSWORD = 'correct horse battery';

/** One HTTP answer, its body parsed when it is JSON. */
interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

interface CallOptions {
  token?: string;
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Issue {
  location: string;
  path: (string | number)[];
  message: string;
  code: string;
}

function testConfig(env: Record<string, string> = {}): ServerConfig {
  return loadConfig({
    env: { PORT: '0', OPENCFP_DATA_DIR: ':memory:', OPENCFP_AUTH_RATE_LIMIT_MAX: '1000', ...env },
  });
}

function recordingLogger(): ServerLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, error: (m) => lines.push(m), warn: (m) => lines.push(m) };
}

/** Issues of a 400 VALIDATION_FAILED body, as `location:path` strings. */
function issuePaths(answer: Answer): string[] {
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.body.code, 'VALIDATION_FAILED');
  const issues = (answer.body.details as { issues: Issue[] }).issues;
  for (const issue of issues) {
    assert.equal(typeof issue.message, 'string');
    assert.equal(typeof issue.code, 'string');
  }
  return issues.map((i) => `${i.location}:${i.path.join('.')}`).sort();
}

/**
 * Every /v1 route on a store: happy paths, validation, 401/403, tenant isolation over every organisation-scoped
 * route of the OpenAPI document, optimistic concurrency, the sign-in rate limit and the session cookie.
 */
export function routeCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`/v1 routes: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    let server: { url: string; close(): Promise<void> };
    const logger = recordingLogger();
    const unique = () => randomUUID().slice(0, 8);

    // people and their session tokens; organisation A is made through the API, B through the store
    const people: Record<'ownerA' | 'editorA' | 'editor2A' | 'viewerA' | 'ownerB' | 'newcomer', User> =
      {} as never;
    const sessions: Record<keyof typeof people, string> = {} as never;
    let orgA = '';
    let orgB = '';

    async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await res.text();
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      if (res.status >= 400) assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message']);
      return { status: res.status, headers: res.headers, body };
    }

    const newProduct = (nameEn: string) => ({
      nameEn,
      declaredUnit: 'kWh',
      identifiers: [{ scheme: 'GTIN', value: unique() }],
    });

    before(async () => {
      ({ store, cleanup } = await open());
      server = await listen(createApp({ store, config: testConfig(), logger }), {
        port: 0,
        host: '127.0.0.1',
      });
      for (const key of Object.keys({
        ownerA: 0,
        editorA: 0,
        editor2A: 0,
        viewerA: 0,
        ownerB: 0,
        newcomer: 0,
      }) as (keyof typeof people)[]) {
        people[key] = await createUser(store, {
          email: `${key}-${unique()}@example.com`,
          name: key,
          password: PASSWORD,
        });
        const session = await signIn(store, people[key].email, PASSWORD);
        assert.ok(session);
        sessions[key] = session.token;
      }
      orgB = (
        await createOrganisation(store, { name: 'Other Org', slug: `other-${unique()}` }, people.ownerB.id)
      ).id;
    });
    after(async () => {
      await server?.close();
      await store?.close();
      await cleanup?.();
    });

    it('sign-in answers a session token and sets an HttpOnly SameSite=Lax cookie; wrong credentials are one 401', async () => {
      const ok = await call('POST', '/v1/auth/sign-in', {
        body: { email: people.ownerA.email.toUpperCase(), password: PASSWORD },
      });
      assert.equal(ok.status, 200);
      assert.match(String(ok.body.token), /^ocs_/);
      assert.deepEqual(ok.body.user, people.ownerA);
      assert.ok(Date.parse(String(ok.body.expiresAt)) > Date.now());
      assert.equal(ok.headers.get('cache-control'), 'no-store');
      const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('opencfp_session='));
      assert.ok(cookie, 'the session cookie is set');
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Secure/i, 'plain http: no Secure flag');
      const viaCookie = await call('GET', '/v1/me', { cookie: cookie.split(';')[0] });
      assert.equal(viaCookie.status, 200);
      assert.deepEqual((viaCookie.body.user as User).id, people.ownerA.id);

      const wrongPassword = await call('POST', '/v1/auth/sign-in', {
        body: { email: people.ownerA.email, password: 'not the password' },
      });
      const unknownUser = await call('POST', '/v1/auth/sign-in', {
        body: { email: `nobody-${unique()}@example.com`, password: PASSWORD },
      });
      for (const answer of [wrongPassword, unknownUser]) {
        assert.equal(answer.status, 401);
        assert.equal(answer.body.code, 'UNAUTHENTICATED');
        assert.equal(answer.headers.getSetCookie().length, 0);
      }
      assert.equal(wrongPassword.body.message, unknownUser.body.message);

      assert.deepEqual(
        issuePaths(await call('POST', '/v1/auth/sign-in', { body: { email: 'not-an-email', password: '' } })),
        ['body:email', 'body:password'],
      );
    });

    it('over https behind a trusted proxy the cookie is Secure', async () => {
      const proxied = await listen(
        createApp({ store, config: testConfig({ OPENCFP_TRUST_PROXY: 'true' }), logger }),
        {
          port: 0,
          host: '127.0.0.1',
        },
      );
      try {
        const res = await fetch(`${proxied.url}/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
          body: JSON.stringify({ email: people.viewerA.email, password: PASSWORD }),
        });
        assert.equal(res.status, 200);
        await res.arrayBuffer();
        assert.match(res.headers.getSetCookie().join('\n'), /opencfp_session=.*Secure/i);
      } finally {
        await proxied.close();
      }
    });

    it('organisations: a signed-in user creates one and owns it; lists and reads; a taken slug is 409', async () => {
      const slug = `acme-${unique()}`;
      const created = await call('POST', '/v1/orgs', {
        token: sessions.ownerA,
        body: { name: ' ACME Batteries ', slug },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(
        { ...created.body, id: undefined },
        { id: undefined, name: 'ACME Batteries', slug, role: 'owner' },
      );
      orgA = String(created.body.id);
      assert.equal(created.headers.get('location'), `/v1/orgs/${orgA}`);

      const mine = await call('GET', '/v1/orgs', { token: sessions.ownerA });
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.organisations, [{ id: orgA, name: 'ACME Batteries', slug, role: 'owner' }]);
      const one = await call('GET', `/v1/orgs/${orgA}`, { token: sessions.ownerA });
      assert.equal(one.status, 200);
      assert.equal(one.body.slug, slug);

      const taken = await call('POST', '/v1/orgs', { token: sessions.ownerB, body: { name: 'Copy', slug } });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, 'CONFLICT');
      assert.deepEqual(
        issuePaths(
          await call('POST', '/v1/orgs', {
            token: sessions.ownerA,
            body: { name: '', slug: 'Not A Slug', extra: 1 },
          }),
        ),
        ['body:', 'body:name', 'body:slug'],
      );
    });

    it('members: the owner adds users by e-mail with a role; unknown e-mail 404; no lowering of one’s own role', async () => {
      for (const [key, role] of [
        ['editorA', 'editor'],
        ['editor2A', 'editor'],
        ['viewerA', 'viewer'],
      ] as const) {
        const added = await call('POST', `/v1/orgs/${orgA}/members`, {
          token: sessions.ownerA,
          body: { email: people[key].email, role },
        });
        assert.equal(added.status, 200, JSON.stringify(added.body));
        assert.deepEqual(added.body, { user: people[key], role });
      }
      const unknown = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: `ghost-${unique()}@example.com`, role: 'viewer' },
      });
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.body.details, { field: 'email' });
      const self = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: people.ownerA.email, role: 'viewer' },
      });
      assert.equal(self.status, 403);
      assert.deepEqual(
        issuePaths(
          await call('POST', `/v1/orgs/${orgA}/members`, {
            token: sessions.ownerA,
            body: { email: 'x', role: 'admin' },
          }),
        ),
        ['body:email', 'body:role'],
      );

      const me = await call('GET', '/v1/me', { token: sessions.viewerA });
      assert.equal(me.status, 200);
      assert.equal(me.body.via, 'session');
      assert.deepEqual(me.body.user, people.viewerA);
      assert.deepEqual(
        (me.body.memberships as { id: string; role: string }[]).map((m) => [m.id, m.role]),
        [[orgA, 'viewer']],
      );
    });

    it('tokens: the owner creates personal and client tokens (secret once), they act in their organisation only, and revoked they are 401', async () => {
      const personal = await call('POST', `/v1/orgs/${orgA}/tokens`, {
        token: sessions.ownerA,
        body: { name: 'read-only', role: 'viewer', kind: 'personal' },
      });
      assert.equal(personal.status, 201, JSON.stringify(personal.body));
      assert.match(String(personal.body.secret), /^ocp_/);
      assert.equal(personal.body.clientId, undefined);
      assert.equal(personal.headers.get('cache-control'), 'no-store');
      const client = await call('POST', `/v1/orgs/${orgA}/tokens`, {
        token: sessions.ownerA,
        body: { name: 'erp', role: 'editor', kind: 'client' },
      });
      assert.equal(client.status, 201);
      assert.match(String(client.body.secret), /^occ_/);
      assert.match(String(client.body.clientId), /^client_/);
      const viewerToken = String(personal.body.secret);
      const clientSecret = String(client.body.secret);

      assert.equal((await call('GET', `/v1/orgs/${orgA}/products`, { token: viewerToken })).status, 200);
      assert.equal(
        (await call('POST', `/v1/orgs/${orgA}/products`, { token: viewerToken, body: newProduct('Denied') }))
          .status,
        403,
      );
      const made = await call('POST', `/v1/orgs/${orgA}/products`, {
        token: clientSecret,
        body: newProduct('By machine'),
      });
      assert.equal(made.status, 201);
      const clientMe = await call('GET', '/v1/me', { token: clientSecret });
      assert.deepEqual({ user: clientMe.body.user, via: clientMe.body.via }, { user: null, via: 'client' });
      assert.deepEqual(
        (clientMe.body.memberships as { id: string; role: string }[]).map((m) => [m.id, m.role]),
        [[orgA, 'editor']],
      );
      const personalOrgs = await call('GET', '/v1/orgs', { token: viewerToken });
      assert.deepEqual(
        (personalOrgs.body.organisations as { id: string; role: string }[]).map((m) => [m.id, m.role]),
        [[orgA, 'viewer']],
      );
      // a token cannot create organisations, and sign-out is for sessions
      assert.equal(
        (await call('POST', '/v1/orgs', { token: viewerToken, body: { name: 'X', slug: `x-${unique()}` } }))
          .status,
        403,
      );
      assert.equal((await call('POST', '/v1/auth/sign-out', { token: clientSecret })).status, 403);
      const ownerToken = await call('POST', `/v1/orgs/${orgA}/tokens`, {
        token: sessions.ownerA,
        body: { name: 'x', role: 'owner', kind: 'personal' },
      });
      assert.equal(ownerToken.status, 201, 'an owner may have a personal owner token');
      assert.deepEqual(
        issuePaths(
          await call('POST', `/v1/orgs/${orgA}/tokens`, {
            token: sessions.ownerA,
            body: { name: '', role: 'editor', kind: 'robot' },
          }),
        ),
        ['body:kind', 'body:name'],
      );

      // OAuth2 client credentials (RFC 6749 §4.4): in the form, or in HTTP Basic.
      const clientId = String(client.body.clientId);
      const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
        fetch(`${server.url}/v1/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(fields).toString(),
        });
      const granted = await form({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      });
      assert.equal(granted.status, 200);
      assert.equal(granted.headers.get('cache-control'), 'no-store');
      const access = (await granted.json()) as {
        access_token: string;
        token_type: string;
        expires_in: number;
      };
      assert.match(access.access_token, /^oca_/);
      assert.deepEqual([access.token_type, access.expires_in], ['Bearer', 3600]);
      assert.equal(
        (await call('GET', `/v1/orgs/${orgA}/products`, { token: access.access_token })).status,
        200,
      );
      assert.equal(
        (await call('GET', `/v1/orgs/${orgB}/products`, { token: access.access_token })).status,
        404,
      );
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      assert.equal(
        (await form({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` })).status,
        200,
      );
      const wrong = await form({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: 'occ_wrong',
      });
      assert.equal(wrong.status, 401);
      assert.deepEqual(((await wrong.json()) as { details: unknown }).details, { error: 'invalid_client' });
      assert.equal(
        (await form({ grant_type: 'password', client_id: clientId, client_secret: clientSecret })).status,
        400,
      );

      const revoked = await call('DELETE', `/v1/orgs/${orgA}/tokens/${String(personal.body.id)}`, {
        token: sessions.ownerA,
      });
      assert.equal(revoked.status, 204);
      const afterRevoking = await call('GET', `/v1/orgs/${orgA}/products`, { token: viewerToken });
      assert.equal(afterRevoking.status, 401);
      assert.equal(afterRevoking.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      assert.equal(
        (await call('DELETE', `/v1/orgs/${orgA}/tokens/no-such-token`, { token: sessions.ownerA })).status,
        404,
      );
    });

    it('products: create (ETag, Location), list, read, change with If-Match or version, delete', async () => {
      const created = await call('POST', `/v1/orgs/${orgA}/products`, {
        token: sessions.editorA,
        body: {
          nameEn: 'LFP battery pack',
          nameZh: '磷酸铁锂电池包',
          categoryScheme: 'HS',
          categoryCode: '850760',
          declaredUnit: 'kWh',
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.headers.get('etag'), '"1"');
      const id = String(created.body.id);
      assert.equal(created.headers.get('location'), `/v1/orgs/${orgA}/products/${id}`);
      assert.deepEqual(
        { ...created.body, id: undefined, updatedAt: undefined },
        {
          id: undefined,
          organisationId: orgA,
          nameEn: 'LFP battery pack',
          nameZh: '磷酸铁锂电池包',
          categoryScheme: 'HS',
          categoryCode: '850760',
          identifiers: [],
          declaredUnitAmount: 1,
          declaredUnit: 'kWh',
          version: 1,
          updatedAt: undefined,
        },
      );

      const list = await call('GET', `/v1/orgs/${orgA}/products`, { token: sessions.viewerA });
      assert.equal(list.status, 200);
      assert.ok((list.body.products as { id: string }[]).some((p) => p.id === id));
      const read = await call('GET', `/v1/orgs/${orgA}/products/${id}`, { token: sessions.viewerA });
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('etag'), '"1"');

      const byHeader = await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { nameZh: null, declaredUnitAmount: 2.5 },
      });
      assert.equal(byHeader.status, 200, JSON.stringify(byHeader.body));
      assert.equal(byHeader.headers.get('etag'), '"2"');
      assert.deepEqual(
        [byHeader.body.nameZh, byHeader.body.declaredUnitAmount, byHeader.body.version],
        [null, 2.5, 2],
      );
      const byBody = await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
        token: sessions.editorA,
        body: { version: 2, categoryCode: '850790' },
      });
      assert.equal(byBody.status, 200);
      assert.equal(byBody.body.version, 3);

      const unconditional = await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
        token: sessions.editorA,
        body: { nameEn: 'No version' },
      });
      assert.equal(unconditional.status, 428);
      assert.equal(unconditional.body.code, 'PRECONDITION_REQUIRED');
      const stale = await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { nameEn: 'Stale' },
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, 'VERSION_CONFLICT');
      assert.equal((stale.body.details as { currentVersion: number }).currentVersion, 3);
      const disagree = await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
        token: sessions.editorA,
        headers: { 'if-match': '"3"' },
        body: { version: 2, nameEn: 'x' },
      });
      assert.deepEqual(issuePaths(disagree), ['body:version']);
      assert.deepEqual(
        issuePaths(
          await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
            token: sessions.editorA,
            headers: { 'if-match': 'W/"3"' },
            body: { nameEn: 'x' },
          }),
        ),
        ['header:if-match'],
      );
      assert.deepEqual(
        issuePaths(
          await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
            token: sessions.editorA,
            headers: { 'if-match': '"3"' },
            body: {},
          }),
        ),
        ['body:'],
      );

      assert.equal(
        (await call('DELETE', `/v1/orgs/${orgA}/products/${id}`, { token: sessions.editorA })).status,
        204,
      );
      const gone = await call('GET', `/v1/orgs/${orgA}/products/${id}`, { token: sessions.editorA });
      assert.equal(gone.status, 404);
      assert.equal(
        (await call('DELETE', `/v1/orgs/${orgA}/products/${id}`, { token: sessions.editorA })).status,
        404,
      );
    });

    it('an invalid product is 400 VALIDATION_FAILED with one issue per field', async () => {
      const answer = await call('POST', `/v1/orgs/${orgA}/products`, {
        token: sessions.editorA,
        body: {
          nameEn: '',
          declaredUnitAmount: -1,
          categoryScheme: 'NACE',
          identifiers: [{ scheme: 'GTIN', value: '' }],
          colour: 'red',
        },
      });
      assert.deepEqual(issuePaths(answer), [
        'body:',
        'body:categoryScheme',
        'body:declaredUnit',
        'body:declaredUnitAmount',
        'body:identifiers.0.value',
        'body:nameEn',
      ]);
      const malformed = await fetch(`${server.url}/v1/orgs/${orgA}/products`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sessions.editorA}`, 'content-type': 'application/json' },
        body: '{"nameEn": ',
      });
      assert.equal(malformed.status, 400);
      await malformed.arrayBuffer();
    });

    it('401 without credentials, with an unknown, malformed or ended token; never a fallback to the cookie', async () => {
      for (const options of [
        {},
        { token: 'ocs_nope' },
        { token: 'ocp_nope' },
        { token: 'occ_nope' },
        { token: 'something-else' },
        { headers: { authorization: 'Basic dXNlcjpwdw==' } },
      ]) {
        for (const path of ['/v1/me', '/v1/orgs', `/v1/orgs/${orgA}/products`]) {
          const answer = await call('GET', path, options);
          assert.equal(answer.status, 401, `${path} ${JSON.stringify(options)}`);
          assert.equal(answer.body.code, 'UNAUTHENTICATED');
          assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
        }
      }
      const withCookie = await call('GET', '/v1/me', {
        token: 'ocs_nope',
        cookie: `opencfp_session=${sessions.ownerA}`,
      });
      assert.equal(withCookie.status, 401);
      assert.equal((await call('GET', '/v1/me', { cookie: 'opencfp_session=ocs_nope' })).status, 401);
    });

    it('403 for a viewer writing and for a non-owner managing members or tokens', async () => {
      const product = await call('POST', `/v1/orgs/${orgA}/products`, {
        token: sessions.editorA,
        body: newProduct('Kept'),
      });
      const id = String(product.body.id);
      const denied = [
        await call('POST', `/v1/orgs/${orgA}/products`, { token: sessions.viewerA, body: newProduct('No') }),
        await call('PATCH', `/v1/orgs/${orgA}/products/${id}`, {
          token: sessions.viewerA,
          headers: { 'if-match': '"1"' },
          body: { nameEn: 'No' },
        }),
        await call('DELETE', `/v1/orgs/${orgA}/products/${id}`, { token: sessions.viewerA }),
        await call('POST', `/v1/orgs/${orgA}/members`, {
          token: sessions.editorA,
          body: { email: people.newcomer.email, role: 'viewer' },
        }),
        await call('POST', `/v1/orgs/${orgA}/tokens`, {
          token: sessions.editorA,
          body: { name: 'x', role: 'viewer', kind: 'personal' },
        }),
      ];
      for (const answer of denied) {
        assert.equal(answer.status, 403);
        assert.equal(answer.body.code, 'FORBIDDEN');
      }
      assert.deepEqual(denied[0].body.details, { required: 'editor', role: 'viewer' });
      const still = await call('GET', `/v1/orgs/${orgA}/products/${id}`, { token: sessions.viewerA });
      assert.deepEqual([still.body.nameEn, still.body.version], ['Kept', 1]);
    });

    it('tenant isolation: every organisation-scoped route of the OpenAPI document is 404 to another tenant, and changes nothing', async () => {
      const product = await call('POST', `/v1/orgs/${orgA}/products`, {
        token: sessions.editorA,
        body: newProduct('Secret product'),
      });
      const token = await call('POST', `/v1/orgs/${orgA}/tokens`, {
        token: sessions.ownerA,
        body: { name: 'kept', role: 'viewer', kind: 'personal' },
      });
      const ids: Record<string, string> = {
        orgId: orgA,
        id: String(product.body.id),
        tokenId: String(token.body.id),
      };
      const clientB = await createApiToken(store, {
        kind: 'client',
        organisationId: orgB,
        name: 'b',
        role: 'owner',
        createdBy: people.ownerB.id,
      });
      const outsiders: Record<string, string> = {
        'owner of B (session)': sessions.ownerB,
        'client of B (owner role)': clientB.secret,
        'user without organisation': sessions.newcomer,
      };

      const doc = (await call('GET', '/openapi.json')).body as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      const routes = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/v1/orgs/{orgId}'))
        .flatMap(([path, methods]) =>
          Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
        );
      assert.ok(routes.length >= 8, `found ${routes.length} organisation-scoped routes`);
      for (const { method, path } of routes) {
        const concrete = path.replace(/\{(\w+)\}/g, (_, param: string) => {
          assert.ok(
            ids[param],
            `the tenant isolation test has no value for {${param}} of ${method} ${path}: add one`,
          );
          return ids[param];
        });
        assert.ok(doc.paths[path][method.toLowerCase()].security, `${method} ${path} documents its security`);
        for (const [who, secret] of Object.entries(outsiders)) {
          const answer = await call(method, concrete, {
            token: secret,
            body: method === 'GET' || method === 'DELETE' ? undefined : {},
            headers: { 'if-match': '"1"' },
          });
          assert.equal(
            answer.status,
            404,
            `${who}: ${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`,
          );
          assert.deepEqual(
            answer.body,
            { code: 'NOT_FOUND', message: `no organisation '${orgA}'`, details: {} },
            `${who}: ${method} ${path}`,
          );
        }
      }
      // the same answer as for an organisation that does not exist
      const missing = await call('GET', '/v1/orgs/no-such-org/products', { token: sessions.ownerB });
      assert.deepEqual(missing.body, {
        code: 'NOT_FOUND',
        message: "no organisation 'no-such-org'",
        details: {},
      });
      // and nothing changed
      const kept = await call('GET', `/v1/orgs/${orgA}/products/${ids.id}`, {
        token: String(token.body.secret),
      });
      assert.equal(kept.status, 200, 'the product is still there and the token still works');
      assert.deepEqual([kept.body.nameEn, kept.body.version], ['Secret product', 1]);
      const members = await store.db
        .selectFrom('memberships')
        .where('organisation_id', '=', orgA)
        .select('user_id')
        .execute();
      assert.ok(!members.some((m) => m.user_id === people.ownerB.id || m.user_id === people.newcomer.id));
      // B's own ids in A's path do not help either
      const productB = await call('POST', `/v1/orgs/${orgB}/products`, {
        token: sessions.ownerB,
        body: newProduct('B product'),
      });
      assert.equal(productB.status, 201);
      assert.equal(
        (
          await call('GET', `/v1/orgs/${orgA}/products/${String(productB.body.id)}`, {
            token: sessions.ownerA,
          })
        ).status,
        404,
      );
    });

    it('two editors changing the same version: one 200, one 409, and after a reload nothing is lost', async () => {
      const created = await call('POST', `/v1/orgs/${orgA}/products`, {
        token: sessions.editorA,
        body: newProduct('Contended'),
      });
      const path = `/v1/orgs/${orgA}/products/${String(created.body.id)}`;
      const [first, second] = await Promise.all([
        call('PATCH', path, {
          token: sessions.editorA,
          headers: { 'if-match': '"1"' },
          body: { nameZh: '争用' },
        }),
        call('PATCH', path, {
          token: sessions.editor2A,
          headers: { 'if-match': '"1"' },
          body: { categoryCode: '850760' },
        }),
      ]);
      assert.deepEqual([first.status, second.status].sort(), [200, 409]);
      const loser = first.status === 409 ? first : second;
      assert.equal(loser.body.code, 'VERSION_CONFLICT');
      assert.equal((loser.body.details as { currentVersion: number }).currentVersion, 2);

      const reread = await call('GET', path, { token: sessions.editorA });
      const retry = await call('PATCH', path, {
        token: loser === first ? sessions.editorA : sessions.editor2A,
        headers: { 'if-match': reread.headers.get('etag') ?? '' },
        body: loser === first ? { nameZh: '争用' } : { categoryCode: '850760' },
      });
      assert.equal(retry.status, 200);
      const final = await call('GET', path, { token: sessions.viewerA });
      assert.deepEqual(
        [final.body.nameZh, final.body.categoryCode, final.body.version],
        ['争用', '850760', 3],
      );
    });

    it('a change authenticated by the cookie must come from this origin or an allowed one', async () => {
      const cookie = `opencfp_session=${sessions.editorA}`;
      const evil = await call('POST', `/v1/orgs/${orgA}/products`, {
        cookie,
        headers: { origin: 'https://evil.example.com' },
        body: newProduct('CSRF'),
      });
      assert.equal(evil.status, 403);
      const same = await call('POST', `/v1/orgs/${orgA}/products`, {
        cookie,
        headers: { origin: server.url },
        body: newProduct('Same origin'),
      });
      assert.equal(same.status, 201);
      const read = await call('GET', `/v1/orgs/${orgA}/products`, {
        cookie,
        headers: { origin: 'https://evil.example.com' },
      });
      assert.equal(
        read.status,
        200,
        'reads are not changes (and CORS keeps their answers from other origins)',
      );
    });

    it('sign-out ends the session and clears the cookie', async () => {
      const session = await signIn(store, people.newcomer.email, PASSWORD);
      assert.ok(session);
      const out = await call('POST', '/v1/auth/sign-out', { token: session.token });
      assert.equal(out.status, 204);
      assert.match(out.headers.getSetCookie().join('\n'), /opencfp_session=;.*Max-Age=0/i);
      assert.equal((await call('GET', '/v1/me', { token: session.token })).status, 401);
      assert.equal((await call('POST', '/v1/auth/sign-out', { token: session.token })).status, 401);
    });

    it('sign-in is rate-limited per client: 429 RATE_LIMITED with Retry-After', async () => {
      const limited = await listen(
        createApp({ store, config: testConfig({ OPENCFP_AUTH_RATE_LIMIT_MAX: '2' }), logger }),
        {
          port: 0,
          host: '127.0.0.1',
        },
      );
      try {
        const attempt = async () => {
          const res = await fetch(`${limited.url}/v1/auth/sign-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: people.viewerA.email, password: 'guessing-the-password' }),
          });
          return {
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            body: (await res.json()) as { code: string },
          };
        };
        assert.deepEqual([(await attempt()).status, (await attempt()).status], [401, 401]);
        const third = await attempt();
        assert.equal(third.status, 429);
        assert.equal(third.body.code, 'RATE_LIMITED');
        assert.match(third.retryAfter ?? '', /^\d+$/);
      } finally {
        await limited.close();
      }
    });

    it('the OpenAPI document describes every /v1 route with its security, and nothing was logged', async () => {
      const doc = (await call('GET', '/openapi.json')).body as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      };
      const routes = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/v1/'))
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
        );
      assert.deepEqual(routes.map((r) => r.route).sort(), [
        'DELETE /v1/orgs/{orgId}/products/{id}',
        'DELETE /v1/orgs/{orgId}/tokens/{tokenId}',
        'GET /v1/me',
        'GET /v1/orgs',
        'GET /v1/orgs/{orgId}',
        'GET /v1/orgs/{orgId}/products',
        'GET /v1/orgs/{orgId}/products/{id}',
        'PATCH /v1/orgs/{orgId}/products/{id}',
        'POST /v1/auth/sign-in',
        'POST /v1/auth/sign-out',
        'POST /v1/oauth/token',
        'POST /v1/orgs',
        'POST /v1/orgs/{orgId}/members',
        'POST /v1/orgs/{orgId}/products',
        'POST /v1/orgs/{orgId}/tokens',
      ]);
      for (const { route, op } of routes) {
        assert.ok(op.responses.default, `${route} documents its errors`);
        if (route !== 'POST /v1/auth/sign-in' && route !== 'POST /v1/oauth/token')
          assert.ok(op.security, `${route} documents its security`);
      }
      assert.ok(doc.components.securitySchemes.bearerAuth && doc.components.securitySchemes.sessionCookie);
      for (const schema of [
        'Product',
        'NewProduct',
        'ProductChange',
        'Organisation',
        'Session',
        'Me',
        'CreatedToken',
      ])
        assert.ok(doc.components.schemas[schema], schema);
      assert.deepEqual(logger.lines, [], 'no internal errors');
    });
  });
}
