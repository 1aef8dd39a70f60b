// The account routes — new users as members, password changes, removing members — on a real listener, exercised
// with fetch; run once per store engine (accounts-*.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createApiToken,
  createOrganisation,
  createUser,
  resetPassword,
  roleIn,
  signIn,
  type Store,
  type User,
} from '@opencfp/store';
import type { OpenHarness, RouteHarness } from './route-harness.js';

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

/** Issues of a 400 VALIDATION_FAILED body, as `location:path` strings. */
function issuePaths(answer: Answer): string[] {
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.body.code, 'VALIDATION_FAILED');
  const issues = (answer.body.details as { issues: { location: string; path: (string | number)[] }[] })
    .issues;
  return issues.map((i) => `${i.location}:${i.path.join('.')}`).sort();
}

/**
 * `POST /v1/orgs/{orgId}/members` with a name (a new user), `POST /v1/me/password` and
 * `DELETE /v1/orgs/{orgId}/members/{userId}` on a store: happy paths, validation, 401/403/404/409, managed accounts
 * kept out of other organisations, the rate limit, and their place in the OpenAPI document.
 */
export function accountRouteCases(name: string, openHarness: OpenHarness) {
  describe(`account routes: ${name}`, () => {
    let harness: RouteHarness;
    const withStore = <T>(fn: (store: Store) => Promise<T>) => harness.withStore(fn);
    const unique = () => randomUUID().slice(0, 8);
    const email = (who: string) => `${who}-${unique()}@example.com`;

    const people: Record<'ownerA' | 'editorA' | 'ownerB', User> = {} as never;
    const sessions: Record<keyof typeof people, string> = {} as never;
    let orgA = '';
    let orgB = '';

    async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
      return callAt(harness.url, method, path, options);
    }

    async function callAt(base: string, method: string, path: string, options: CallOptions = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await res.text();
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      if (res.status >= 400) assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message']);
      return { status: res.status, headers: res.headers, body };
    }

    /** A session token of a user, by signing in through the API. */
    async function session(address: string, password = PASSWORD): Promise<string> {
      const answer = await call('POST', '/v1/auth/sign-in', { body: { email: address, password } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return String(answer.body.token);
    }

    before(async () => {
      harness = await openHarness();
      await harness.withStore(async (store) => {
        for (const key of ['ownerA', 'editorA', 'ownerB'] as const) {
          people[key] = await createUser(store, { email: email(key), name: key, password: PASSWORD });
          const opened = await signIn(store, people[key].email, PASSWORD);
          assert.ok(opened);
          sessions[key] = opened.token;
        }
        orgA = (await createOrganisation(store, { name: 'A', slug: `a-${unique()}` }, people.ownerA.id)).id;
        orgB = (await createOrganisation(store, { name: 'B', slug: `b-${unique()}` }, people.ownerB.id)).id;
      });
      const added = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: people.editorA.email, role: 'editor' },
      });
      assert.equal(added.status, 200, JSON.stringify(added.body));
    });
    after(async () => {
      await harness?.close();
    });

    it('members with a name: an unknown e-mail becomes a new user (201, initial password once); a known one is added as before', async () => {
      const address = email('Wang.Fang');
      const created = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: address.toUpperCase(), role: 'editor', name: ' Wang Fang ' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Object.keys(created.body).sort(), ['initialPassword', 'role', 'user']);
      const user = created.body.user as User;
      assert.deepEqual(
        { ...user, id: undefined },
        { id: undefined, email: address.toLowerCase(), name: 'Wang Fang' },
      );
      assert.equal(created.body.role, 'editor');
      const initialPassword = String(created.body.initialPassword);
      assert.ok(initialPassword.length >= 16, initialPassword);

      // The new user signs in with it and is an editor of A.
      const token = await session(address, initialPassword);
      const me = await call('GET', '/v1/me', { token });
      assert.deepEqual(me.body.user, user);
      assert.deepEqual(
        (me.body.memberships as { id: string; role: string }[]).map((m) => [m.id, m.role]),
        [[orgA, 'editor']],
      );

      // The same e-mail again, with a name: the user exists, so it is the old behaviour (200, name untouched).
      const again = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: address, role: 'viewer', name: 'Someone Else' },
      });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body, { user, role: 'viewer' });
      assert.equal(await withStore((store) => roleIn(store, orgA, user.id)), 'viewer');

      // Without a name an unknown e-mail is still 404, and says how to create one.
      const unknown = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: email('ghost'), role: 'viewer' },
      });
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.body.details, { field: 'email' });
      assert.match(String(unknown.body.message), /send `name` too to create one/);

      assert.deepEqual(
        issuePaths(
          await call('POST', `/v1/orgs/${orgA}/members`, {
            token: sessions.ownerA,
            body: { email: email('x'), role: 'viewer', name: '   ' },
          }),
        ),
        ['body:name'],
      );
      assert.deepEqual(
        issuePaths(
          await call('POST', `/v1/orgs/${orgA}/members`, {
            token: sessions.ownerA,
            body: { email: email('x'), role: 'viewer', name: 'x'.repeat(201), password: 'mine' },
          }),
        ),
        ['body:', 'body:name'],
      );
      const byEditor = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.editorA,
        body: { email: email('x'), role: 'viewer', name: 'Not Made' },
      });
      assert.equal(byEditor.status, 403);
      const byStranger = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerB,
        body: { email: email('x'), role: 'viewer', name: 'Not Made' },
      });
      assert.equal(byStranger.status, 404);
      assert.equal(
        (
          await withStore((store) =>
            store.db.selectFrom('users').where('name', '=', 'Not Made').select('id').execute(),
          )
        ).length,
        0,
        'refused requests create no user',
      );
    });

    it('a user an owner created cannot be taken into another organisation until an administrator resets its password', async () => {
      const address = email('planted');
      const created = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: address, role: 'viewer', name: 'Planted' },
      });
      assert.equal(created.status, 201);
      const user = created.body.user as User;

      const taken = await call('POST', `/v1/orgs/${orgB}/members`, {
        token: sessions.ownerB,
        body: { email: address, role: 'editor' },
      });
      assert.equal(taken.status, 409, JSON.stringify(taken.body));
      assert.equal(taken.body.code, 'CONFLICT');
      assert.deepEqual(taken.body.details, { field: 'email', reason: 'managed-by-another-organisation' });
      assert.match(String(taken.body.message), /administrator has reset its password/);
      assert.equal(await withStore((store) => roleIn(store, orgB, user.id)), undefined, 'not a member of B');

      // An account an administrator made joins any organisation, as before.
      const plain = await withStore((store) =>
        createUser(store, { email: email('plain'), name: 'Plain', password: PASSWORD }),
      );
      for (const [org, owner] of [
        [orgA, sessions.ownerA],
        [orgB, sessions.ownerB],
      ] as const) {
        const added = await call('POST', `/v1/orgs/${org}/members`, {
          token: owner,
          body: { email: plain.email, role: 'viewer' },
        });
        assert.deepEqual([added.status, added.body], [200, { user: plain, role: 'viewer' }]);
      }

      await withStore((store) => resetPassword(store, address, { actorId: 'cli@test' }));
      const afterReset = await call('POST', `/v1/orgs/${orgB}/members`, {
        token: sessions.ownerB,
        body: { email: address, role: 'editor' },
      });
      assert.deepEqual([afterReset.status, afterReset.body], [200, { user, role: 'editor' }]);
    });

    it('POST /v1/me/password changes the password with the current one, ends the other sessions, keeps this one', async () => {
      const address = email('changer');
      const user = await withStore((store) =>
        createUser(store, { email: address, name: 'Changer', password: PASSWORD }),
      );
      const mine = await session(address);
      const other = await session(address);
      const change = (body: unknown, options: CallOptions = { token: mine }) =>
        call('POST', '/v1/me/password', { ...options, body });

      const wrong = await change({
        currentPassword: 'not the password',
        newPassword: 'a brand new password',
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.code, 'FORBIDDEN');
      assert.deepEqual(wrong.body.details, { field: 'currentPassword' });
      assert.match(String(wrong.body.message), /current password is wrong/);
      assert.deepEqual(issuePaths(await change({ currentPassword: '', newPassword: 'short', extra: true })), [
        'body:',
        'body:currentPassword',
        'body:newPassword',
      ]);
      const same = await change({ currentPassword: PASSWORD, newPassword: PASSWORD });
      assert.equal(same.status, 400);
      assert.equal(same.body.code, 'INVALID_VALUE');
      assert.match(String(same.body.message), /differ from the current one/);
      assert.equal(
        (await call('GET', '/v1/me', { token: other })).status,
        200,
        'refused changes end nothing',
      );

      assert.equal((await change({ currentPassword: PASSWORD, newPassword: 'x' }, {})).status, 401);
      const personal = await withStore((store) =>
        createApiToken(store, {
          kind: 'personal',
          organisationId: orgA,
          userId: people.ownerA.id,
          name: 'laptop',
          role: 'owner',
        }),
      );
      const byToken = await change(
        { currentPassword: PASSWORD, newPassword: 'a brand new password' },
        { token: personal.secret },
      );
      assert.equal(byToken.status, 403);
      assert.match(String(byToken.body.message), /needs a signed-in session/);
      const crossSite = await change(
        { currentPassword: PASSWORD, newPassword: 'a brand new password' },
        { cookie: `opencfp_session=${mine}`, headers: { origin: 'https://evil.example.com' } },
      );
      assert.equal(crossSite.status, 403, 'a cookie change from another site is refused');

      const done = await change({ currentPassword: PASSWORD, newPassword: 'a brand new password' });
      assert.equal(done.status, 204, JSON.stringify(done.body));
      assert.deepEqual((await call('GET', '/v1/me', { token: mine })).body.user, user, 'this session stays');
      assert.equal((await call('GET', '/v1/me', { token: other })).status, 401, 'the other session ended');
      const old = await call('POST', '/v1/auth/sign-in', { body: { email: address, password: PASSWORD } });
      assert.equal(old.status, 401);
      await session(address, 'a brand new password');
    });

    it('POST /v1/me/password is rate-limited like sign-in: 429 with Retry-After', async () => {
      await harness.withServer({ OPENCFP_AUTH_RATE_LIMIT_MAX: '2' }, async (limited) => {
        const guess = () =>
          callAt(limited, 'POST', '/v1/me/password', {
            token: sessions.editorA,
            body: { currentPassword: 'guessing the password', newPassword: 'a brand new password' },
          });
        assert.deepEqual([(await guess()).status, (await guess()).status], [403, 403]);
        const third = await guess();
        assert.equal(third.status, 429);
        assert.equal(third.body.code, 'RATE_LIMITED');
        assert.match(third.headers.get('retry-after') ?? '', /^\d+$/);
      });
    });

    it('DELETE /v1/orgs/{orgId}/members/{userId}: the owner removes a member and their tokens; never the last owner', async () => {
      const address = email('leaver');
      const created = await call('POST', `/v1/orgs/${orgA}/members`, {
        token: sessions.ownerA,
        body: { email: address, role: 'editor', name: 'Leaver' },
      });
      const leaver = created.body.user as User;
      const leaverSession = await session(address, String(created.body.initialPassword));
      const token = await withStore((store) =>
        createApiToken(store, {
          kind: 'personal',
          organisationId: orgA,
          userId: leaver.id,
          name: 'script',
          role: 'editor',
        }),
      );
      assert.equal((await call('GET', `/v1/orgs/${orgA}/products`, { token: token.secret })).status, 200);

      const byEditor = await call('DELETE', `/v1/orgs/${orgA}/members/${leaver.id}`, {
        token: sessions.editorA,
      });
      assert.equal(byEditor.status, 403);
      const byStranger = await call('DELETE', `/v1/orgs/${orgA}/members/${leaver.id}`, {
        token: sessions.ownerB,
      });
      assert.deepEqual(byStranger.body, {
        code: 'NOT_FOUND',
        message: `no organisation '${orgA}'`,
        details: {},
      });
      assert.equal(
        await withStore((store) => roleIn(store, orgA, leaver.id)),
        'editor',
        'refused removals change nothing',
      );

      const removed = await call('DELETE', `/v1/orgs/${orgA}/members/${leaver.id}`, {
        token: sessions.ownerA,
      });
      assert.equal(removed.status, 204, JSON.stringify(removed.body));
      assert.equal(await withStore((store) => roleIn(store, orgA, leaver.id)), undefined);
      assert.equal(
        (await call('GET', `/v1/orgs/${orgA}/products`, { token: leaverSession })).status,
        404,
        'the organisation is gone for them',
      );
      assert.equal((await call('GET', `/v1/orgs/${orgA}/products`, { token: token.secret })).status, 401);
      assert.equal((await call('GET', '/v1/me', { token: leaverSession })).status, 200, 'still a user');

      const again = await call('DELETE', `/v1/orgs/${orgA}/members/${leaver.id}`, { token: sessions.ownerA });
      assert.equal(again.status, 404);
      assert.match(String(again.body.message), /no member/);
      // A member of B is not a member of A.
      const ofB = await call('DELETE', `/v1/orgs/${orgA}/members/${people.ownerB.id}`, {
        token: sessions.ownerA,
      });
      assert.equal(ofB.status, 404);
      assert.equal(await withStore((store) => roleIn(store, orgB, people.ownerB.id)), 'owner');

      const last = await call('DELETE', `/v1/orgs/${orgB}/members/${people.ownerB.id}`, {
        token: sessions.ownerB,
      });
      assert.equal(last.status, 409);
      assert.equal(last.body.code, 'CONFLICT');
      assert.match(String(last.body.message), /last owner .* make another member owner first/);
      assert.equal(await withStore((store) => roleIn(store, orgB, people.ownerB.id)), 'owner');

      // With a second owner, an owner may leave.
      const second = await call('POST', `/v1/orgs/${orgB}/members`, {
        token: sessions.ownerB,
        body: { email: email('co-owner'), role: 'owner', name: 'Co-owner' },
      });
      assert.equal(second.status, 201);
      const leave = await call('DELETE', `/v1/orgs/${orgB}/members/${people.ownerB.id}`, {
        token: sessions.ownerB,
      });
      assert.equal(leave.status, 204);
      assert.equal((await call('GET', `/v1/orgs/${orgB}`, { token: sessions.ownerB })).status, 404);
      assert.deepEqual(
        issuePaths(
          await call('DELETE', `/v1/orgs/${orgA}/members/${'x'.repeat(101)}`, {
            token: sessions.ownerA,
          }),
        ),
        ['path:userId'],
      );
    });

    it('the OpenAPI document describes the routes with their security and answers, and nothing was logged', async () => {
      const doc = (await call('GET', '/openapi.json')).body as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      };
      const members = doc.paths['/v1/orgs/{orgId}/members']?.post;
      assert.ok(members?.responses['200'] && members.responses['201'] && members.responses.default);
      for (const [path, method] of [
        ['/v1/me/password', 'post'],
        ['/v1/orgs/{orgId}/members/{userId}', 'delete'],
      ]) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `${method} ${path}`);
        assert.ok(op.security && op.responses['204'] && op.responses.default, `${method} ${path}`);
      }
      for (const schema of ['NewMember', 'Member', 'CreatedMember', 'PasswordChange'])
        assert.ok(doc.components.schemas[schema], schema);
      assert.deepEqual(harness.problems(), [], 'no internal errors');
    });
  });
}
