// The /v1 routes on a real listener, exercised with fetch; run once per store engine (routes-*.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { starterDatabasePath } from '@opencfp/refdata';
import {
  createApiToken,
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  jobs,
  signIn,
  signingKeys,
  type DatabaseVersion,
  type Store,
  type User,
} from '@opencfp/store';
import type { OpenHarness, RouteHarness } from './route-harness.js';

const PASSWORD = 'correct horse battery';
/** A small openLCA database (4 processes) to import as an organisation's own. */
const BICYCLE = fileURLToPath(new URL('../../../../examples/bicycle-frame', import.meta.url));

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
export function routeCases(name: string, openHarness: OpenHarness) {
  describe(`/v1 routes: ${name}`, () => {
    let harness: RouteHarness;
    const withStore = <T>(fn: (store: Store) => Promise<T>) => harness.withStore(fn);
    const unique = () => randomUUID().slice(0, 8);

    // people and their session tokens; organisation A is made through the API, B through the store
    const people: Record<'ownerA' | 'editorA' | 'editor2A' | 'viewerA' | 'ownerB' | 'newcomer', User> =
      {} as never;
    const sessions: Record<keyof typeof people, string> = {} as never;
    let orgA = '';
    let orgB = '';
    // background database versions: shared with everyone, A's own and B's own (set by the databases test)
    const versions: Record<'shared' | 'ownA' | 'ownB', DatabaseVersion> = {} as never;

    async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${harness.url}${path}`, {
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

    /** A product of organisation A made through the API; its id. */
    const productOfA = async (nameEn: string) => {
      const made = await call('POST', `/v1/orgs/${orgA}/products`, {
        token: sessions.editorA,
        body: newProduct(nameEn),
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return String(made.body.id);
    };

    const aModel = (label: string, comment = '', lines = 1) => ({
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'pack',
      processes: [
        {
          id: 'pack',
          name: label,
          output: { amount: 1, unit: 'item' },
          inputs: Array.from({ length: lines }, () => ({
            name: 'electricity',
            amount: 12.5,
            unit: 'kWh',
            source: { kind: 'supplier', pcfExcludingBiogenic: 0.5, unit: 'kWh' },
            ...(comment ? { comment } : {}),
          })),
          emissions: [],
          tags: [],
        },
      ],
      parameters: [],
      scenarios: [],
    });

    before(async () => {
      harness = await openHarness();
      await withStore(async (store) => {
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
    });
    after(async () => {
      await harness?.close();
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
      await harness.withServer({ OPENCFP_TRUST_PROXY: 'true' }, async (proxied) => {
        const res = await fetch(`${proxied}/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
          body: JSON.stringify({ email: people.viewerA.email, password: PASSWORD }),
        });
        assert.equal(res.status, 200);
        await res.arrayBuffer();
        assert.match(res.headers.getSetCookie().join('\n'), /opencfp_session=.*Secure/i);
      });
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
        fetch(`${harness.url}/v1/oauth/token`, {
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

    it('databases: an organisation lists its own versions and the shared ones; one version with its first 1000 issues; another’s is 404', async () => {
      await withStore(async (store) => {
        versions.shared = await importBackgroundDatabase(
          store,
          {
            organisationId: null,
            name: 'OpenCFP starter database',
            path: starterDatabasePath(),
            sourceName: 'starter',
          },
          null,
        );
        versions.ownA = await importBackgroundDatabase(
          store,
          { organisationId: orgA, name: 'bicycle', path: BICYCLE },
          people.ownerA.id,
        );
        versions.ownB = await importBackgroundDatabase(
          store,
          { organisationId: orgB, name: 'bicycle', path: BICYCLE },
          people.ownerB.id,
        );
      });

      const listed = await call('GET', `/v1/orgs/${orgA}/databases`, { token: sessions.viewerA });
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      const list = listed.body.versions as Record<string, unknown>[];
      const ids = list.map((v) => v.id);
      assert.ok(ids.includes(versions.shared.id) && ids.includes(versions.ownA.id));
      assert.ok(!ids.includes(versions.ownB.id), 'not another organisation’s own');
      const own = list.find((v) => v.id === versions.ownA.id);
      assert.deepEqual(
        { ...own, createdAt: undefined },
        {
          id: versions.ownA.id,
          databaseId: versions.ownA.databaseId,
          name: 'bicycle',
          organisationId: orgA,
          version: 1,
          format: versions.ownA.format,
          sourceName: 'bicycle-frame',
          contentHash: versions.ownA.contentHash,
          stats: versions.ownA.stats,
          issueCount: versions.ownA.issues.length,
          locked: false,
          createdAt: undefined,
        },
      );
      assert.ok(Date.parse(String(own?.createdAt)) > 0);
      const shared = list.find((v) => v.id === versions.shared.id);
      assert.deepEqual([shared?.organisationId, shared?.sourceName], [null, 'starter']);
      const forB = await call('GET', `/v1/orgs/${orgB}/databases`, { token: sessions.ownerB });
      assert.deepEqual(
        (forB.body.versions as { id: string }[]).map((v) => v.id).sort(),
        [versions.shared.id, versions.ownB.id].sort(),
      );

      const one = await call('GET', `/v1/orgs/${orgA}/databases/${versions.ownA.id}`, {
        token: sessions.viewerA,
      });
      assert.equal(one.status, 200, JSON.stringify(one.body));
      assert.deepEqual(one.body.issues, versions.ownA.issues);
      assert.equal(one.body.issueCount, versions.ownA.issues.length);
      const sharedForB = await call('GET', `/v1/orgs/${orgB}/databases/${versions.shared.id}`, {
        token: sessions.ownerB,
      });
      assert.equal(sharedForB.status, 200);
      for (const versionId of [versions.ownB.id, 'no-such-version']) {
        const hidden = await call('GET', `/v1/orgs/${orgA}/databases/${versionId}`, {
          token: sessions.ownerA,
        });
        assert.equal(hidden.status, 404);
        assert.deepEqual(hidden.body, {
          code: 'NOT_FOUND',
          message: `no background database version '${versionId}' visible here`,
          details: {},
        });
      }

      // a version with more issues than one answer shows: the first 1000, and the count of all
      const issues = Array.from({ length: 1001 }, (_, i) => ({
        file: `processes/p${i}.json`,
        path: '/exchanges/0/unit',
        code: 'UNKNOWN_UNIT',
        severity: 'warning',
        message: `issue ${i}`,
      }));
      const many = randomUUID();
      await withStore((store) =>
        store.db
          .insertInto('database_versions')
          .values({
            id: many,
            database_id: versions.ownA.databaseId,
            version: 50,
            format: 'openlca-jsonld',
            source_name: 'many-issues.zip',
            content_hash: 'sha256:0',
            status: 'ready',
            stats: '{}',
            issues: JSON.stringify(issues),
          })
          .execute(),
      );
      const capped = await call('GET', `/v1/orgs/${orgA}/databases/${many}`, { token: sessions.viewerA });
      assert.equal(capped.status, 200);
      assert.equal(capped.body.issueCount, 1001);
      assert.deepEqual(capped.body.issues, issues.slice(0, 1000));
      const inList = (
        (await call('GET', `/v1/orgs/${orgA}/databases`, { token: sessions.viewerA })).body.versions as {
          id: string;
          issueCount: number;
          issues?: unknown;
        }[]
      ).find((v) => v.id === many);
      assert.deepEqual([inList?.issueCount, inList?.issues], [1001, undefined], 'the list carries no issues');

      assert.deepEqual(
        issuePaths(
          await call('GET', `/v1/orgs/${orgA}/databases/${'x'.repeat(101)}`, { token: sessions.viewerA }),
        ),
        ['path:versionId'],
      );
    });

    it('footprint of a background dataset: one solve on a cached version; unknown process 404; another tenant 404', async () => {
      // examples/bicycle-frame/README.md: 35.2 kWh · (0.6 + 29.8 · 0.0015) / 0.98 + 2 · 1.5 + 0.4 · 0.05 = 26.176571… kg CO2e.
      const expected = (35.2 * (0.6 + 29.8 * 0.0015)) / 0.98 + 3.02;
      const path = `/v1/orgs/${orgA}/databases/${versions.ownA.id}/footprint`;
      const first = await call('POST', path, { token: sessions.viewerA, body: { processId: 'p-frame' } });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const split = first.body.split as Record<string, number>;
      assert.ok(Math.abs(split.total - expected) < 1e-9 * expected, String(split.total));
      assert.equal((first.body.gwpSet as { id: string }).id, 'ipcc-ar6-gwp100');
      const stages = first.body.byStage as { id: string; amount: number }[];
      assert.ok(Math.abs(stages.reduce((a, s) => a + s.amount, 0) - expected) < 1e-9 * expected);
      const ar5 = await call('POST', path, {
        token: sessions.viewerA,
        body: { processId: 'p-frame', amount: 2, method: 'ipcc-ar5-gwp100', biogenicApproach: '0/0' },
      });
      assert.equal(ar5.status, 200);
      // AR5 CH4 28: 2 · (35.2 · (0.6 + 28 · 0.0015) / 0.98 + 3.02)
      const ar5Total = (ar5.body.split as Record<string, number>).total;
      assert.ok(Math.abs(ar5Total - 2 * ((35.2 * (0.6 + 28 * 0.0015)) / 0.98 + 3.02)) < 1e-9 * ar5Total);
      const unknown = await call('POST', path, {
        token: sessions.viewerA,
        body: { processId: 'no-such-process' },
      });
      assert.equal(unknown.status, 404);
      assert.equal((unknown.body.details as { code: string }).code, 'UNKNOWN_PROCESS');
      const bad = await call('POST', path, {
        token: sessions.viewerA,
        body: { processId: 'p-frame', method: 'ipcc-ar7' },
      });
      assert.equal(bad.status, 400);
      // B's private version, asked in A's name, and A's version asked by B: both 404.
      assert.equal(
        (
          await call('POST', `/v1/orgs/${orgA}/databases/${versions.ownB.id}/footprint`, {
            token: sessions.viewerA,
            body: { processId: 'p-frame' },
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await call('POST', `/v1/orgs/${orgB}/databases/${versions.ownA.id}/footprint`, {
            token: sessions.ownerB,
            body: { processId: 'p-frame' },
          })
        ).status,
        404,
      );
      // The shared starter database: Jiangsu grid electricity, 0.5827 kg CO2/kWh = 3.6 MJ.
      const starter = await call('POST', `/v1/orgs/${orgA}/databases/${versions.shared.id}/footprint`, {
        token: sessions.viewerA,
        body: { processId: '74598a7b-cb71-5f37-b2a6-e36d1f608b8b', amount: 3.6 },
      });
      assert.equal(starter.status, 200, JSON.stringify(starter.body));
      assert.ok(Math.abs((starter.body.split as Record<string, number>).total - 0.5827) < 1e-12);
    });

    it('calculations: a model on a cached background version, stored with its inputs hash and reused; scenarios; bad models 422 with a path', async () => {
      // examples/bicycle-frame: one frame is 35.2 kWh · (0.6 + 29.8 · 0.0015) / 0.98 + 3.02 kg CO2e (see above).
      const frameFootprint = (35.2 * (0.6 + 29.8 * 0.0015)) / 0.98 + 3.02;
      const productId = await productOfA('Bicycle');
      const bike = {
        schema: 'opencfp/product-model@1',
        referenceProcessId: 'bike',
        parameters: [{ name: 'frames', value: 2 }],
        scenarios: [{ id: 'three', name: 'Three frames', parameters: { frames: 3 } }],
        processes: [
          {
            id: 'bike',
            name: 'Bicycle assembly',
            stage: 'production',
            output: { amount: 1, unit: 'item' },
            inputs: [
              {
                name: 'frame',
                amount: 'frames',
                unit: 'item',
                source: { kind: 'background', processId: 'p-frame' },
              },
              {
                name: 'saddle',
                amount: 1,
                unit: 'item',
                source: {
                  kind: 'supplier',
                  pcfExcludingBiogenic: 1.25,
                  unit: 'item',
                  supplier: 'Saddle Co.',
                },
              },
            ],
            emissions: [{ gas: 'CO2', amount: 500, unit: 'g' }],
          },
        ],
      };
      const created = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: { productId, name: 'Bicycle 2026', backgroundVersionId: versions.ownA.id, model: bike },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const modelPath = `/v1/orgs/${orgA}/models/${String(created.body.id)}`;
      const first = await call('POST', `${modelPath}/calculations`, { token: sessions.editorA, body: {} });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const footprint = first.body.footprint as {
        split: { total: number };
        byStage: { id: string; amount: number }[];
      };
      // 2 frames + a 1.25 kg CO2e saddle + 0.5 kg CO2.
      const expected = 2 * frameFootprint + 1.25 + 0.5;
      assert.ok(Math.abs(footprint.split.total - expected) < 1e-9 * expected, String(footprint.split.total));
      assert.ok(Math.abs((first.body.total as number) - expected) < 1e-9 * expected);
      assert.ok(
        Math.abs((footprint.byStage.find((s) => s.id === 'production')?.amount ?? 0) - expected) <
          1e-9 * expected,
      );
      assert.equal(first.body.reused, false);
      assert.match(String(first.body.inputsHash), /^sha256:[0-9a-f]{64}$/);
      assert.equal(first.headers.get('location'), `/v1/orgs/${orgA}/calculations/${String(first.body.id)}`);
      const again = await call('POST', `${modelPath}/calculations`, {
        token: sessions.editorA,
        body: { method: 'ipcc-ar6-gwp100' },
      });
      assert.equal(again.status, 200);
      assert.equal(again.body.reused, true);
      assert.equal(again.body.id, first.body.id);
      const three = await call('POST', `${modelPath}/calculations`, {
        token: sessions.editorA,
        body: { scenarioId: 'three' },
      });
      assert.equal(three.status, 201);
      const threeTotal = (three.body.footprint as { split: { total: number } }).split.total;
      assert.ok(Math.abs(threeTotal - (3 * frameFootprint + 1.75)) < 1e-9 * threeTotal);
      const listed = await call('GET', `${modelPath}/calculations`, { token: sessions.viewerA });
      assert.equal(listed.status, 200);
      assert.deepEqual(
        (listed.body.results as { id: string }[]).map((r) => r.id).sort(),
        [String(first.body.id), String(three.body.id)].sort(),
      );
      const read = await call('GET', `/v1/orgs/${orgA}/calculations/${String(first.body.id)}`, {
        token: sessions.viewerA,
      });
      assert.equal(read.status, 200);
      assert.deepEqual(read.body.footprint, first.body.footprint);
      // A viewer reads but does not calculate; another organisation sees nothing.
      assert.equal(
        (await call('POST', `${modelPath}/calculations`, { token: sessions.viewerA, body: {} })).status,
        403,
      );
      assert.equal(
        (
          await call('GET', `/v1/orgs/${orgB}/calculations/${String(first.body.id)}`, {
            token: sessions.ownerB,
          })
        ).status,
        404,
      );
      // Options are validated; a model that cannot be calculated names the place in the document.
      assert.deepEqual(
        issuePaths(
          await call('POST', `${modelPath}/calculations`, {
            token: sessions.editorA,
            body: { method: 'x', y: 1 },
          }),
        ),
        ['body:', 'body:method'],
      );
      const broken = structuredClone(bike);
      broken.processes[0].inputs[0].source = { kind: 'background', processId: 'no-such-process' };
      const saved = await call('PUT', modelPath, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { model: broken },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const refused = await call('POST', `${modelPath}/calculations`, { token: sessions.editorA, body: {} });
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'MODEL_INVALID');
      assert.deepEqual(
        [(refused.body.details as { code: string }).code, (refused.body.details as { path: string }).path],
        ['UNKNOWN_DATASET', '/processes/0/inputs/0/source'],
      );
    });

    it('models: rename and relink with If-Match (PATCH), unlink; delete with their results', async () => {
      const productId = await productOfA('Relinked');
      const made = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: { productId, name: 'first name', backgroundVersionId: versions.ownA.id, model: aModel('x') },
      });
      const path = `/v1/orgs/${orgA}/models/${String(made.body.id)}`;
      assert.equal((await call('PATCH', path, { token: sessions.editorA, body: { name: 'x' } })).status, 428);
      const renamed = await call('PATCH', path, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { name: ' Renamed ', backgroundVersionId: versions.shared.id },
      });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.deepEqual(
        [
          renamed.body.name,
          renamed.body.backgroundVersionId,
          renamed.body.version,
          renamed.headers.get('etag'),
        ],
        ['Renamed', versions.shared.id, 2, '"2"'],
      );
      assert.deepEqual(renamed.body.model, aModel('x'), 'the document stays');
      const stale = await call('PATCH', path, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { name: 'late' },
      });
      assert.equal(stale.status, 409);
      const foreign = await call('PATCH', path, {
        token: sessions.editorA,
        headers: { 'if-match': '"2"' },
        body: { backgroundVersionId: versions.ownB.id },
      });
      assert.deepEqual([foreign.status, foreign.body.details], [404, { field: 'backgroundVersionId' }]);
      assert.deepEqual(
        issuePaths(
          await call('PATCH', path, { token: sessions.editorA, headers: { 'if-match': '"2"' }, body: {} }),
        ),
        ['body:'],
      );
      const unlinked = await call('PATCH', path, {
        token: sessions.editorA,
        headers: { 'if-match': '"2"' },
        body: { backgroundVersionId: null },
      });
      assert.deepEqual([unlinked.status, unlinked.body.backgroundVersionId], [200, null]);
      const result = await call('POST', `${path}/calculations`, { token: sessions.editorA, body: {} });
      assert.equal(result.status, 201, JSON.stringify(result.body));
      assert.equal((await call('DELETE', path, { token: sessions.viewerA })).status, 403);
      assert.equal((await call('DELETE', path, { token: sessions.editorA })).status, 204);
      assert.equal((await call('GET', path, { token: sessions.viewerA })).status, 404);
      assert.equal(
        (
          await call('GET', `/v1/orgs/${orgA}/calculations/${String(result.body.id)}`, {
            token: sessions.viewerA,
          })
        ).status,
        404,
      );
      assert.equal((await call('DELETE', path, { token: sessions.editorA })).status, 404);
    });

    it('models: create (ETag, Location), list by product, read, replace with If-Match or version; references must be visible', async () => {
      const productId = await productOfA('Modelled pack');
      const created = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: { productId, name: ' Pack v1 ', backgroundVersionId: versions.ownA.id, model: aModel('v1') },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.headers.get('etag'), '"1"');
      const id = String(created.body.id);
      assert.equal(created.headers.get('location'), `/v1/orgs/${orgA}/models/${id}`);
      assert.deepEqual(
        { ...created.body, id: undefined, updatedAt: undefined },
        {
          id: undefined,
          organisationId: orgA,
          productId,
          name: 'Pack v1',
          backgroundVersionId: versions.ownA.id,
          model: aModel('v1'),
          version: 1,
          updatedAt: undefined,
          updatedBy: { userId: people.editorA.id, name: people.editorA.name },
        },
      );
      const onShared = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: {
          productId,
          name: 'On the starter database',
          backgroundVersionId: versions.shared.id,
          model: aModel('draft'),
        },
      });
      assert.equal(onShared.status, 201, JSON.stringify(onShared.body));
      const otherProduct = await productOfA('Unmodelled');
      const unlinked = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: { productId: otherProduct, name: 'Draft', model: aModel('draft') },
      });
      assert.equal(unlinked.status, 201);
      assert.equal(unlinked.body.backgroundVersionId, null);

      // references the organisation cannot see: 404 naming the field, as for ones that do not exist
      const productB = await call('POST', `/v1/orgs/${orgB}/products`, {
        token: sessions.ownerB,
        body: newProduct('B product for models'),
      });
      for (const [field, body] of [
        [
          'backgroundVersionId',
          { productId, name: 'x', backgroundVersionId: versions.ownB.id, model: aModel('draft') },
        ],
        [
          'backgroundVersionId',
          { productId, name: 'x', backgroundVersionId: 'no-such-version', model: aModel('draft') },
        ],
        ['productId', { productId: String(productB.body.id), name: 'x', model: aModel('draft') }],
        ['productId', { productId: 'no-such-product', name: 'x', model: aModel('draft') }],
      ] as const) {
        const refused = await call('POST', `/v1/orgs/${orgA}/models`, { token: sessions.editorA, body });
        assert.equal(refused.status, 404, `${field}: ${JSON.stringify(refused.body)}`);
        assert.equal(refused.body.code, 'NOT_FOUND');
        assert.deepEqual(refused.body.details, { field });
      }

      const all = await call('GET', `/v1/orgs/${orgA}/models`, { token: sessions.viewerA });
      assert.equal(all.status, 200);
      const summaries = all.body.models as Record<string, unknown>[];
      assert.ok(
        [id, String(onShared.body.id), String(unlinked.body.id)].every((m) =>
          summaries.some((s) => s.id === m),
        ),
      );
      assert.ok(
        summaries.every((s) => !('model' in s)),
        'the list carries no documents',
      );
      const ofProduct = await call('GET', `/v1/orgs/${orgA}/models?productId=${productId}`, {
        token: sessions.viewerA,
      });
      assert.deepEqual(
        (ofProduct.body.models as { name: string }[]).map((m) => m.name),
        ['On the starter database', 'Pack v1'],
      );
      const ofB = await call('GET', `/v1/orgs/${orgA}/models?productId=${String(productB.body.id)}`, {
        token: sessions.viewerA,
      });
      assert.deepEqual(ofB.body.models, []);

      const read = await call('GET', `/v1/orgs/${orgA}/models/${id}`, { token: sessions.viewerA });
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('etag'), '"1"');
      assert.deepEqual(read.body.model, aModel('v1'));

      const path = `/v1/orgs/${orgA}/models/${id}`;
      const byHeader = await call('PUT', path, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { model: aModel('v2') },
      });
      assert.equal(byHeader.status, 200, JSON.stringify(byHeader.body));
      assert.equal(byHeader.headers.get('etag'), '"2"');
      assert.deepEqual(
        [byHeader.body.model, byHeader.body.version, byHeader.body.name],
        [aModel('v2'), 2, 'Pack v1'],
      );
      const byBody = await call('PUT', path, {
        token: sessions.editorA,
        body: { version: 2, model: aModel('v3') },
      });
      assert.equal(byBody.status, 200);
      assert.equal(byBody.body.version, 3);
      const unconditional = await call('PUT', path, {
        token: sessions.editorA,
        body: { model: aModel('draft') },
      });
      assert.equal(unconditional.status, 428);
      assert.equal(unconditional.body.code, 'PRECONDITION_REQUIRED');
      const stale = await call('PUT', path, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { model: aModel('draft') },
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, 'VERSION_CONFLICT');
      assert.equal((stale.body.details as { currentVersion: number }).currentVersion, 3);
      assert.deepEqual(
        issuePaths(
          await call('PUT', path, {
            token: sessions.editorA,
            headers: { 'if-match': '"3"' },
            body: { version: 2, model: aModel('draft') },
          }),
        ),
        ['body:version'],
      );
      const missing = await call('PUT', `/v1/orgs/${orgA}/models/no-such-model`, {
        token: sessions.editorA,
        headers: { 'if-match': '"1"' },
        body: { model: aModel('draft') },
      });
      assert.equal(missing.status, 404);
      assert.equal(
        (await call('GET', `/v1/orgs/${orgA}/models/no-such-model`, { token: sessions.viewerA })).status,
        404,
      );
      assert.deepEqual((await call('GET', path, { token: sessions.viewerA })).body.model, aModel('v3'));
    });

    it('an invalid model is 400 VALIDATION_FAILED per field; a document over 1 MB is refused whatever the body limit', async () => {
      assert.deepEqual(
        issuePaths(
          await call('POST', `/v1/orgs/${orgA}/models`, {
            token: sessions.editorA,
            body: { productId: '', name: ' ', backgroundVersionId: 7, model: [1, 2], stage: 'A1' },
          }),
        ),
        ['body:', 'body:backgroundVersionId', 'body:model', 'body:name', 'body:productId'],
      );
      assert.deepEqual(
        issuePaths(
          await call('POST', `/v1/orgs/${orgA}/models`, { token: sessions.editorA, body: { name: 'x' } }),
        ),
        ['body:model', 'body:productId'],
      );
      const productId = await productOfA('Big model');
      const made = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: { productId, name: 'big', model: aModel('draft') },
      });
      const path = `/v1/orgs/${orgA}/models/${String(made.body.id)}`;
      for (const body of [
        { model: 'a string' },
        { model: null },
        {},
        { model: aModel('draft'), name: 'renamed' },
      ])
        assert.ok(
          issuePaths(
            await call('PUT', path, { token: sessions.editorA, headers: { 'if-match': '"1"' }, body }),
          ).length > 0,
          JSON.stringify(body),
        );
      assert.deepEqual(
        issuePaths(await call('GET', `/v1/orgs/${orgA}/models?productId=`, { token: sessions.viewerA })),
        ['query:productId'],
      );

      const big = aModel('big', 'x'.repeat(1100), 1000); // a little over 1 MB as JSON
      // the default body limit (1 MB) comes first (on a listener of its own: the server answers 413 before
      // reading the body and closes that connection)
      await harness.withServer({}, async (strict) => {
        const res = await fetch(`${strict}${path}`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${sessions.editorA}`,
            'content-type': 'application/json',
            'if-match': '"1"',
          },
          body: JSON.stringify({ model: big }),
        });
        assert.equal(res.status, 413);
        assert.equal(((await res.json()) as { code: string }).code, 'PAYLOAD_TOO_LARGE');
      });
      await harness.withServer({ OPENCFP_BODY_LIMIT: '4mb' }, async (roomy) => {
        const res = await fetch(`${roomy}${path}`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${sessions.editorA}`,
            'content-type': 'application/json',
            'if-match': '"1"',
          },
          body: JSON.stringify({ model: big }),
        });
        const answer = {
          status: res.status,
          headers: res.headers,
          body: (await res.json()) as Record<string, unknown>,
        };
        assert.deepEqual(issuePaths(answer), ['body:model']);
        assert.match(String(answer.body.message), /larger than 1048576 bytes/);
        const fits = await fetch(`${roomy}${path}`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${sessions.editorA}`,
            'content-type': 'application/json',
            'if-match': '"1"',
          },
          body: JSON.stringify({ model: aModel('fits', 'x'.repeat(700), 1000) }),
        });
        assert.equal(fits.status, 200, 'just under 1 MB is kept');
        await fits.arrayBuffer();
      });
    });

    it('models: viewers read but do not write (403, nothing written); machine clients save models as their token', async () => {
      const productId = await productOfA('Guarded');
      const made = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: { productId, name: 'guarded', model: aModel('kept') },
      });
      const path = `/v1/orgs/${orgA}/models/${String(made.body.id)}`;
      const denied = [
        await call('POST', `/v1/orgs/${orgA}/models`, {
          token: sessions.viewerA,
          body: { productId, name: 'no', model: aModel('draft') },
        }),
        await call('PUT', path, {
          token: sessions.viewerA,
          headers: { 'if-match': '"1"' },
          body: { model: aModel('draft') },
        }),
      ];
      for (const answer of denied) {
        assert.equal(answer.status, 403, JSON.stringify(answer.body));
        assert.equal(answer.body.code, 'FORBIDDEN');
      }
      assert.deepEqual(denied[0].body.details, { required: 'editor', role: 'viewer' });
      const still = await call('GET', path, { token: sessions.viewerA });
      assert.deepEqual([still.body.model, still.body.version], [aModel('kept'), 1]);

      // A machine client (e.g. a supplier's PACT integration) with the editor role creates and saves models; the
      // store records its token where a user would be, and the audit log names it.
      const client = await withStore((store) =>
        createApiToken(store, {
          kind: 'client',
          organisationId: orgA,
          name: 'modeller',
          role: 'editor',
          createdBy: people.ownerA.id,
        }),
      );
      const byClient = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: client.secret,
        body: { productId, name: 'from the ERP', model: aModel('erp') },
      });
      assert.equal(byClient.status, 201, JSON.stringify(byClient.body));
      const saved = await call('PUT', path, {
        token: client.secret,
        headers: { 'if-match': '"1"' },
        body: { model: aModel('saved by the ERP') },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const rows = await withStore((store) =>
        store.db
          .selectFrom('product_models')
          .where('id', 'in', [String(byClient.body.id), String(made.body.id)])
          .select(['updated_by', 'updated_by_token'])
          .execute(),
      );
      assert.deepEqual(
        rows.map((r) => [r.updated_by, r.updated_by_token]),
        [
          [null, client.id],
          [null, client.id],
        ],
      );
      const calculated = await call('POST', `${path}/calculations`, { token: client.secret, body: {} });
      assert.equal(calculated.status, 201, JSON.stringify(calculated.body));
      const result = await withStore((store) =>
        store.db
          .selectFrom('calculation_results')
          .where('id', '=', String(calculated.body.id))
          .select(['created_by', 'created_by_token'])
          .executeTakeFirstOrThrow(),
      );
      assert.deepEqual([result.created_by, result.created_by_token], [null, client.id]);
      const listed = await call('GET', `/v1/orgs/${orgA}/models?productId=${productId}`, {
        token: sessions.viewerA,
      });
      assert.equal((listed.body.models as unknown[]).length, 2);
    });

    it('members: every member reads who belongs to the organisation, with roles; another tenant sees nothing', async () => {
      const listed = await call('GET', `/v1/orgs/${orgA}/members`, { token: sessions.viewerA });
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      const members = listed.body.members as { user: { id: string; email: string }; role: string }[];
      const byId = new Map(members.map((m) => [m.user.id, m.role]));
      assert.equal(byId.get(people.ownerA.id), 'owner');
      assert.equal(byId.get(people.editorA.id), 'editor');
      assert.equal(byId.get(people.viewerA.id), 'viewer');
      assert.ok(!byId.has(people.ownerB.id), 'not another organisation’s owner');
      assert.deepEqual(
        members.map((m) => m.user.email),
        [...members.map((m) => m.user.email)].sort(),
        'by e-mail',
      );
      assert.equal((await call('GET', `/v1/orgs/${orgA}/members`, { token: sessions.ownerB })).status, 404);
    });

    it('a JSON route sent another body type is 415 saying how to send it', async () => {
      const res = await fetch(`${harness.url}/v1/orgs/${orgA}/products`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sessions.editorA}`, 'content-type': 'text/plain' },
        body: JSON.stringify(newProduct('Typed')),
      });
      assert.equal(res.status, 415);
      const body = (await res.json()) as { code: string; message: string };
      assert.equal(body.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(body.message, /Content-Type: application\/json \(got text\/plain\)/);
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
      const malformed = await fetch(`${harness.url}/v1/orgs/${orgA}/products`, {
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
        for (const path of [
          '/v1/me',
          '/v1/orgs',
          `/v1/orgs/${orgA}/products`,
          `/v1/orgs/${orgA}/databases`,
          `/v1/orgs/${orgA}/models`,
        ]) {
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
      const model = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: {
          productId: String(product.body.id),
          name: 'Secret model',
          backgroundVersionId: versions.ownA.id,
          model: aModel('secret'),
        },
      });
      assert.equal(model.status, 201);
      const result = await call('POST', `/v1/orgs/${orgA}/models/${String(model.body.id)}/calculations`, {
        token: sessions.editorA,
        body: {},
      });
      assert.equal(result.status, 201, JSON.stringify(result.body));
      const study = await call('POST', `/v1/orgs/${orgA}/studies`, {
        token: sessions.editorA,
        body: {
          modelId: String(model.body.id),
          title: 'tenant walk',
          ruleSetId: 'iso-14067-2018',
          boundary: 'cradle-to-gate',
          productType: 'final',
        },
      });
      assert.equal(study.status, 201, JSON.stringify(study.body));
      // queued, and stays so: no job runner runs here
      const job = await withStore((store) =>
        jobs.enqueue(
          store,
          { organisationId: orgA, kind: 'database-import', input: {} },
          { userId: people.editorA.id, actorId: people.editorA.id },
        ),
      );
      // A's signing key (made with a secret of the test's own: only its id and its revocation matter here)
      const key = await withStore((store) =>
        signingKeys.rotate(store, orgA, 'a key secret of the tenant isolation walk', people.ownerA.id),
      );
      // a path parameter's value, by name or by the collection before it (`products/{id}`, `models/{id}`)
      const ids: Record<string, string> = {
        orgId: orgA,
        jobId: job.id,
        resultId: String(result.body.id),
        'products/id': String(product.body.id),
        'models/id': String(model.body.id),
        'studies/id': String(study.body.id),
        findingId: 'no-such-finding',
        'signing-keys/kid': key.key.id,
        'databases/versionId': versions.ownA.id,
        processId: 'p-frame',
        tokenId: String(token.body.id),
        userId: people.viewerA.id,
      };
      const clientB = await withStore((store) =>
        createApiToken(store, {
          kind: 'client',
          organisationId: orgB,
          name: 'b',
          role: 'owner',
          createdBy: people.ownerB.id,
        }),
      );
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
      assert.ok(routes.length >= 15, `found ${routes.length} organisation-scoped routes`);
      for (const { method, path } of routes) {
        const concrete = path.replace(/([\w-]+)\/\{(\w+)\}/g, (_, collection: string, param: string) => {
          const value = ids[`${collection}/${param}`] ?? ids[param];
          assert.ok(
            value,
            `the tenant isolation test has no value for {${param}} of ${method} ${path}: add one`,
          );
          return `${collection}/${value}`;
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
      const keptJob = await withStore((store) => jobs.get(store, orgA, job.id));
      assert.deepEqual([keptJob.status, keptJob.cancelRequested], ['queued', false], 'not cancelled');
      assert.deepEqual(
        await withStore((store) => jobs.list(store, orgA, { kind: 'database-import' })),
        [keptJob],
        'nor retried, nor uploaded',
      );
      const kept = await call('GET', `/v1/orgs/${orgA}/products/${ids['products/id']}`, {
        token: String(token.body.secret),
      });
      assert.equal(kept.status, 200, 'the product is still there and the token still works');
      assert.deepEqual([kept.body.nameEn, kept.body.version], ['Secret product', 1]);
      const keptModel = await call('GET', `/v1/orgs/${orgA}/models/${ids['models/id']}`, {
        token: String(token.body.secret),
      });
      assert.deepEqual([keptModel.body.model, keptModel.body.version], [aModel('secret'), 1]);
      assert.deepEqual(
        (await withStore((store) => signingKeys.list(store, orgA))).map((k) => [k.id, k.revokedAt]),
        [[key.key.id, null]],
        'the key is not revoked',
      );
      const members = await withStore((store) =>
        store.db.selectFrom('memberships').where('organisation_id', '=', orgA).select('user_id').execute(),
      );
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
      const modelB = await call('POST', `/v1/orgs/${orgB}/models`, {
        token: sessions.ownerB,
        body: { productId: String(productB.body.id), name: 'B model', model: aModel('draft') },
      });
      assert.equal(modelB.status, 201);
      for (const path of [`models/${String(modelB.body.id)}`, `databases/${versions.ownB.id}`])
        assert.equal(
          (await call('GET', `/v1/orgs/${orgA}/${path}`, { token: sessions.ownerA })).status,
          404,
          path,
        );
      assert.equal(
        (
          await call('PUT', `/v1/orgs/${orgA}/models/${String(modelB.body.id)}`, {
            token: sessions.ownerA,
            headers: { 'if-match': '"1"' },
            body: { model: aModel('taken') },
          })
        ).status,
        404,
      );
      assert.deepEqual(
        (await call('GET', `/v1/orgs/${orgB}/models/${String(modelB.body.id)}`, { token: sessions.ownerB }))
          .body.model,
        aModel('draft'),
      );
    });

    it('two editors saving the same model version: one 200, one 409, and after a reload nothing is lost', async () => {
      const productId = await productOfA('Contended model');
      const created = await call('POST', `/v1/orgs/${orgA}/models`, {
        token: sessions.editorA,
        body: {
          productId,
          name: 'contended',
          backgroundVersionId: versions.shared.id,
          model: aModel('contended'),
        },
      });
      const path = `/v1/orgs/${orgA}/models/${String(created.body.id)}`;
      const edits = {
        first: { ...aModel('contended'), description: 'first editor' },
        second: aModel('second editor'),
      };
      const [first, second] = await Promise.all([
        call('PUT', path, {
          token: sessions.editorA,
          headers: { 'if-match': '"1"' },
          body: { model: edits.first },
        }),
        call('PUT', path, { token: sessions.editor2A, body: { version: 1, model: edits.second } }),
      ]);
      assert.deepEqual([first.status, second.status].sort(), [200, 409]);
      const loser = first.status === 409 ? first : second;
      assert.equal(loser.body.code, 'VERSION_CONFLICT');
      assert.equal((loser.body.details as { currentVersion: number }).currentVersion, 2);

      // the loser reloads, merges its change into what is there now, and saves with the new version
      const reread = await call('GET', path, { token: sessions.editorA });
      const merged = { ...(reread.body.model as object), ...(loser === first ? edits.first : edits.second) };
      const retry = await call('PUT', path, {
        token: loser === first ? sessions.editorA : sessions.editor2A,
        headers: { 'if-match': reread.headers.get('etag') ?? '' },
        body: { model: merged },
      });
      assert.equal(retry.status, 200);
      const final = await call('GET', path, { token: sessions.viewerA });
      assert.equal(final.body.version, 3);
      assert.deepEqual(final.body.model, merged);
      assert.equal((final.body.model as { description?: string }).description, 'first editor');
      const audit = await withStore((store) =>
        store.db
          .selectFrom('audit_log')
          .where('entity_id', '=', String(created.body.id))
          .select('action')
          .execute(),
      );
      assert.deepEqual(audit.map((a) => a.action).sort(), ['create', 'update', 'update']);
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
        headers: { origin: harness.url },
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
      const session = await withStore((store) => signIn(store, people.newcomer.email, PASSWORD));
      assert.ok(session);
      const out = await call('POST', '/v1/auth/sign-out', { token: session.token });
      assert.equal(out.status, 204);
      assert.match(out.headers.getSetCookie().join('\n'), /opencfp_session=;.*Max-Age=0/i);
      assert.equal((await call('GET', '/v1/me', { token: session.token })).status, 401);
      assert.equal((await call('POST', '/v1/auth/sign-out', { token: session.token })).status, 401);
    });

    it('sign-in is rate-limited per client: 429 RATE_LIMITED with Retry-After', async () => {
      await harness.withServer({ OPENCFP_AUTH_RATE_LIMIT_MAX: '2' }, async (limited) => {
        const attempt = async () => {
          const res = await fetch(`${limited}/v1/auth/sign-in`, {
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
      });
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
      assert.deepEqual(
        routes.map((r) => r.route).sort(),
        [
          'DELETE /v1/orgs/{orgId}/members/{userId}',
          'DELETE /v1/orgs/{orgId}/models/{id}',
          'DELETE /v1/orgs/{orgId}/products/{id}',
          'DELETE /v1/orgs/{orgId}/tokens/{tokenId}',
          'GET /v1/me',
          'GET /v1/orgs',
          'GET /v1/orgs/{orgId}',
          'GET /v1/orgs/{orgId}/calculations/{resultId}',
          'GET /v1/orgs/{orgId}/calculations/{resultId}/monte-carlo',
          'GET /v1/orgs/{orgId}/calculations/{resultId}/sensitivity',
          'GET /v1/orgs/{orgId}/calculations/{resultId}/method-choices',
          'GET /v1/orgs/{orgId}/calculations/{resultId}/sankey',
          'GET /v1/orgs/{orgId}/calculations/{resultId}/upstream',
          'GET /v1/orgs/{orgId}/databases',
          'GET /v1/orgs/{orgId}/databases/{versionId}',
          'GET /v1/orgs/{orgId}/databases/{versionId}/flows',
          'GET /v1/orgs/{orgId}/databases/{versionId}/processes',
          'GET /v1/orgs/{orgId}/databases/{versionId}/processes/{processId}',
          'GET /v1/orgs/{orgId}/jobs',
          'GET /v1/orgs/{orgId}/jobs/{jobId}',
          'GET /v1/orgs/{orgId}/jobs/{jobId}/events',
          'GET /v1/orgs/{orgId}/members',
          'GET /v1/orgs/{orgId}/models',
          'GET /v1/orgs/{orgId}/models/{id}',
          'GET /v1/orgs/{orgId}/models/{id}/calculations',
          'GET /v1/orgs/{orgId}/products',
          'GET /v1/orgs/{orgId}/products/{id}',
          'PATCH /v1/orgs/{orgId}/models/{id}',
          'PATCH /v1/orgs/{orgId}/products/{id}',
          'POST /v1/auth/sign-in',
          'POST /v1/auth/sign-out',
          'POST /v1/me/password',
          'POST /v1/oauth/token',
          'POST /v1/orgs',
          'POST /v1/orgs/{orgId}/databases',
          'POST /v1/orgs/{orgId}/databases/{versionId}/footprint',
          'POST /v1/orgs/{orgId}/jobs/{jobId}/cancel',
          'POST /v1/orgs/{orgId}/jobs/{jobId}/retry',
          'POST /v1/orgs/{orgId}/members',
          'POST /v1/orgs/{orgId}/models',
          'POST /v1/orgs/{orgId}/models/{id}/calculations',
          'POST /v1/orgs/{orgId}/models/{id}/jobs',
          'POST /v1/orgs/{orgId}/products',
          'POST /v1/orgs/{orgId}/tokens',
          'PUT /v1/orgs/{orgId}/models/{id}',
          'POST /v1/orgs/{orgId}/models/validate',
          'GET /v1/reference/units',
          'POST /v1/orgs/{orgId}/studies',
          'GET /v1/orgs/{orgId}/studies',
          'GET /v1/orgs/{orgId}/studies/{id}',
          'PATCH /v1/orgs/{orgId}/studies/{id}',
          'POST /v1/orgs/{orgId}/studies/{id}/submit',
          'POST /v1/orgs/{orgId}/studies/{id}/invite-verifier',
          'POST /v1/orgs/{orgId}/studies/{id}/start-verification',
          'POST /v1/orgs/{orgId}/studies/{id}/verify',
          'POST /v1/orgs/{orgId}/studies/{id}/reject',
          'POST /v1/orgs/{orgId}/studies/{id}/certify',
          'POST /v1/orgs/{orgId}/studies/{id}/publish',
          'POST /v1/orgs/{orgId}/studies/{id}/withdraw',
          'POST /v1/orgs/{orgId}/studies/{id}/supersede',
          'GET /v1/orgs/{orgId}/studies/{id}/findings',
          'POST /v1/orgs/{orgId}/studies/{id}/findings',
          'POST /v1/orgs/{orgId}/studies/{id}/findings/{findingId}/answers',
          'POST /v1/orgs/{orgId}/studies/{id}/findings/{findingId}/close',
          'GET /v1/orgs/{orgId}/studies/{id}/model',
          'GET /v1/orgs/{orgId}/studies/{id}/result',
          'GET /v1/orgs/{orgId}/studies/{id}/compliance',
          'GET /v1/orgs/{orgId}/studies/{id}/report',
          'GET /v1/public/statements/{statementId}',
          'GET /v1/public/organisations/{orgId}',
          'GET /v1/orgs/{orgId}/signing-keys',
          'POST /v1/orgs/{orgId}/signing-keys',
          'POST /v1/orgs/{orgId}/signing-keys/{kid}/revoke',
          'GET /v1/public/signing-keys/{kid}',
          'GET /v1/public/registry/entries',
          'GET /v1/public/registry/entries/{statementId}',
          'GET /v1/public/registry/products/{productKey}',
          'GET /v1/public/registry/compare',
          'GET /v1/public/registry/statistics',
          'GET /v1/public/registry/download',
          'GET /v1/reference/electricity',
          'GET /v1/reference/transport',
        ].sort(),
      );
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
        'DatabaseVersion',
        'DatabaseVersionDetail',
        'ImportIssue',
        'ProductModel',
        'ProductModelSummary',
        'NewProductModel',
        'ProductModelReplacement',
        'ProductModelDocument',
        'CalculationRequest',
        'CalculationResult',
        'ProductModelFootprint',
        'Job',
        'JobList',
        'JobError',
      ])
        assert.ok(doc.components.schemas[schema], schema);
      assert.deepEqual(harness.problems(), [], 'no internal errors');
    });
  });
}
