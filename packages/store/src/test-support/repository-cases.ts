import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { StoreError } from '../errors.js';
import {
  authenticateToken,
  createApiToken,
  createOrganisation,
  createUser,
  issueAccessToken,
  membershipsOf,
  revokeApiToken,
  roleIn,
  sessionUser,
  setMembership,
  signIn,
  signOut,
} from '../repositories/accounts.js';
import {
  getBackgroundDatabaseVersion,
  importBackgroundDatabase,
  listBackgroundDatabaseVersions,
  loadBackgroundDatabase,
  lockBackgroundDatabase,
} from '../repositories/background-databases.js';
import { calculationResults, inputsHash, productModels } from '../repositories/product-models.js';
import { products, type ProductInput } from '../repositories/products.js';
import type { Store } from '../store.js';

const isCode = (code: string) => (e: unknown) => {
  assert.ok(e instanceof StoreError, `expected a StoreError ${code}, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  return true;
};

const battery: ProductInput = {
  nameEn: 'LFP battery pack',
  nameZh: '磷酸铁锂电池包',
  categoryScheme: 'HS',
  categoryCode: '850760',
  identifiers: [{ scheme: 'GTIN', value: '06901234567892' }],
  declaredUnitAmount: 1,
  declaredUnit: 'kWh',
};

/** Accounts, sessions, tokens and products on a store, tenant by tenant; run for every Store implementation. */
export function repositoryCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`Repository cases: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    const unique = () => randomUUID().slice(0, 8);

    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await store.close();
      await cleanup?.();
    });

    it('users sign in with their password; sessions are stored by hash and end on sign-out', async () => {
      const email = `Li.Wei+${unique()}@Example.com`;
      const user = await createUser(store, { email, name: 'Li Wei', password: 'correct horse battery' });
      assert.equal(user.email, email.toLowerCase());
      const stored = await store.db
        .selectFrom('users')
        .where('id', '=', user.id)
        .select('password_hash')
        .executeTakeFirst();
      assert.match(stored?.password_hash ?? '', /^scrypt\$32768\$8\$1\$/);
      assert.equal(await signIn(store, email, 'wrong password!'), undefined);
      assert.equal(await signIn(store, `nobody-${unique()}@example.com`, 'correct horse battery'), undefined);
      const session = await signIn(store, email.toUpperCase(), 'correct horse battery');
      assert.ok(session);
      assert.match(session.token, /^ocs_/);
      const kept = await store.db
        .selectFrom('sessions')
        .select('token_hash')
        .where('user_id', '=', user.id)
        .execute();
      assert.equal(kept.length, 1);
      assert.notEqual(kept[0].token_hash, session.token);
      assert.equal((await sessionUser(store, session.token))?.id, user.id);
      await signOut(store, session.token);
      assert.equal(await sessionUser(store, session.token), undefined);
      await assert.rejects(
        createUser(store, { email, name: 'Again', password: 'another long one' }),
        isCode('CONFLICT'),
      );
      await assert.rejects(
        createUser(store, { email: `x${unique()}@example.com`, name: 'Short', password: 'short' }),
        isCode('INVALID_VALUE'),
      );
    });

    it('organisations, memberships and roles; a token never has more rights than its user', async () => {
      const owner = await createUser(store, {
        email: `o${unique()}@example.com`,
        name: 'Owner',
        password: 'owner password',
      });
      const viewer = await createUser(store, {
        email: `v${unique()}@example.com`,
        name: 'Viewer',
        password: 'viewer password',
      });
      const org = await createOrganisation(
        store,
        { name: 'Battery Co', slug: `battery-${unique()}` },
        owner.id,
      );
      await setMembership(store, org.id, viewer.id, 'viewer', owner.id);
      assert.equal(await roleIn(store, org.id, owner.id), 'owner');
      assert.equal(await roleIn(store, org.id, viewer.id), 'viewer');
      assert.deepEqual(
        (await membershipsOf(store, viewer.id)).map((m) => [m.slug, m.role]),
        [[org.slug, 'viewer']],
      );
      await assert.rejects(
        createApiToken(store, {
          kind: 'personal',
          organisationId: org.id,
          userId: viewer.id,
          name: 'x',
          role: 'editor',
        }),
        isCode('INVALID_VALUE'),
      );
      const personal = await createApiToken(store, {
        kind: 'personal',
        organisationId: org.id,
        userId: owner.id,
        name: 'laptop',
        role: 'editor',
      });
      assert.deepEqual(await authenticateToken(store, personal.secret), {
        organisationId: org.id,
        userId: owner.id,
        role: 'editor',
        via: 'personal',
        tokenId: personal.id,
      });
      // The owner is demoted to viewer: the token follows.
      await setMembership(store, org.id, owner.id, 'viewer', owner.id);
      assert.equal((await authenticateToken(store, personal.secret))?.role, 'viewer');
      const client = await createApiToken(store, {
        kind: 'client',
        organisationId: org.id,
        name: 'PACT partner',
        role: 'viewer',
        createdBy: owner.id,
      });
      assert.ok(client.clientId);
      assert.equal((await authenticateToken(store, client.secret, client.clientId))?.via, 'client');
      assert.equal(await authenticateToken(store, client.secret, 'client_other'), undefined);
      // OAuth2 client credentials: a short-lived access token, bound to the client.
      const issued = await issueAccessToken(store, client.clientId, client.secret);
      assert.ok(issued);
      assert.match(issued.accessToken, /^oca_/);
      assert.equal(issued.expiresIn, 3600);
      assert.deepEqual(await authenticateToken(store, issued.accessToken), {
        organisationId: org.id,
        userId: null,
        role: 'viewer',
        via: 'client',
        tokenId: client.id,
      });
      assert.equal(await issueAccessToken(store, client.clientId, 'occ_wrong'), undefined);
      assert.equal(await issueAccessToken(store, 'client_other', client.secret), undefined);
      assert.equal(await issueAccessToken(store, client.clientId, issued.accessToken), undefined);
      const expired = await issueAccessToken(store, client.clientId, client.secret, -1);
      assert.ok(expired);
      assert.equal(await authenticateToken(store, expired.accessToken), undefined);
      const other = await createOrganisation(store, { name: 'Other', slug: `other-${unique()}` }, viewer.id);
      await assert.rejects(revokeApiToken(store, other.id, client.id, viewer.id), isCode('NOT_FOUND'));
      await revokeApiToken(store, org.id, client.id, owner.id);
      assert.equal(await authenticateToken(store, client.secret, client.clientId), undefined);
      assert.equal(await authenticateToken(store, issued.accessToken), undefined); // ends with its client
      const audit = await store.db
        .selectFrom('audit_log')
        .where('organisation_id', '=', org.id)
        .select(['action', 'entity'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => `${a.action} ${a.entity}`),
        [
          'create organisation',
          'set-role membership',
          'create api-token',
          'set-role membership',
          'create api-token',
          'revoke api-token',
        ],
      );
    });

    it('products are scoped by organisation: another tenant gets NOT_FOUND for everything', async () => {
      const alice = await createUser(store, {
        email: `a${unique()}@example.com`,
        name: 'A',
        password: 'alice password',
      });
      const bob = await createUser(store, {
        email: `b${unique()}@example.com`,
        name: 'B',
        password: 'bob password!!',
      });
      const a = await createOrganisation(store, { name: 'A', slug: `a-${unique()}` }, alice.id);
      const b = await createOrganisation(store, { name: 'B', slug: `b-${unique()}` }, bob.id);
      const p = await products.create(store, a.id, battery, alice.id);
      assert.deepEqual((await products.get(store, a.id, p.id)).identifiers, battery.identifiers);
      assert.equal((await products.get(store, a.id, p.id)).nameZh, '磷酸铁锂电池包');
      await assert.rejects(products.get(store, b.id, p.id), isCode('NOT_FOUND'));
      await assert.rejects(
        products.update(store, b.id, p.id, 1, { nameEn: 'stolen' }, bob.id),
        isCode('NOT_FOUND'),
      );
      await assert.rejects(products.remove(store, b.id, p.id, bob.id), isCode('NOT_FOUND'));
      assert.deepEqual(await products.list(store, b.id), []);
      assert.equal((await products.get(store, a.id, p.id)).nameEn, battery.nameEn);
    });

    it('product models save with versions; results are immutable and found again by their inputs hash', async () => {
      const user = await createUser(store, {
        email: `m${unique()}@example.com`,
        name: 'M',
        password: 'model password',
      });
      const org = await createOrganisation(store, { name: 'M', slug: `m-${unique()}` }, user.id);
      const other = await createOrganisation(store, { name: 'N', slug: `n-${unique()}` }, user.id);
      const p = await products.create(store, org.id, battery, user.id);
      await assert.rejects(
        productModels.create(
          store,
          other.id,
          { productId: p.id, name: 'x', backgroundVersionId: null, model: {} },
          user.id,
        ),
        isCode('NOT_FOUND'),
      );
      const model = {
        processes: [{ id: 'cell', stage: 'production', inputs: [{ flow: 'electricity', amount: 0.5 }] }],
      };
      const m = await productModels.create(
        store,
        org.id,
        { productId: p.id, name: 'pack v1', backgroundVersionId: null, model },
        user.id,
      );
      assert.deepEqual(m.model, model);
      const saved = await productModels.save(store, org.id, m.id, 1, { ...model, note: 'edited' }, user.id);
      assert.equal(saved.version, 2);
      const p2 = await products.create(store, org.id, { ...battery, nameEn: 'Cell' }, user.id);
      const m2 = await productModels.create(
        store,
        org.id,
        { productId: p2.id, name: 'cell v1', backgroundVersionId: null, model: {} },
        user.id,
      );
      const { model: _document, ...summary } = saved;
      assert.deepEqual(await productModels.list(store, org.id, { productId: p.id }), [summary]);
      assert.deepEqual(
        (await productModels.list(store, org.id)).map((s) => [s.name, s.version]),
        [
          ['cell v1', 1],
          ['pack v1', 2],
        ],
      );
      assert.deepEqual(
        (await productModels.list(store, org.id, { productId: p2.id })).map((s) => s.id),
        [m2.id],
      );
      assert.deepEqual(await productModels.list(store, other.id), []);
      assert.deepEqual(await productModels.list(store, other.id, { productId: p.id }), []);
      await assert.rejects(
        productModels.save(store, org.id, m.id, 1, model, user.id),
        isCode('VERSION_CONFLICT'),
      );
      await assert.rejects(productModels.get(store, other.id, m.id), isCode('NOT_FOUND'));
      // Key order does not change the identity of the inputs.
      const hash = inputsHash({ model: saved.model, method: 'ipcc-ar6-gwp100' });
      assert.equal(hash, inputsHash({ method: 'ipcc-ar6-gwp100', model: { note: 'edited', ...model } }));
      const r = await calculationResults.record(
        store,
        org.id,
        { modelId: m.id, modelVersion: 2, inputsHash: hash, result: { total: 0.1 + 0.2 } },
        user.id,
      );
      assert.deepEqual((await calculationResults.get(store, org.id, r.id)).result, {
        total: 0.30000000000000004,
      });
      assert.equal(await calculationResults.findByInputs(store, org.id, m.id, hash), r.id);
      assert.equal(await calculationResults.findByInputs(store, other.id, m.id, hash), undefined);
      await assert.rejects(calculationResults.get(store, other.id, r.id), isCode('NOT_FOUND'));
      assert.deepEqual(
        (await calculationResults.list(store, org.id, m.id)).map((x) => x.id),
        [r.id],
      );
      assert.deepEqual(await calculationResults.list(store, other.id, m.id), []);
      await assert.rejects(
        store.transaction((trx) =>
          trx.updateTable('calculation_results').set({ result: '{}' }).where('id', '=', r.id).execute(),
        ),
        isCode('IMMUTABLE'),
      );
    });

    it('two editors saving the same version: one wins, the other gets VERSION_CONFLICT, nothing is lost', async () => {
      const user = await createUser(store, {
        email: `e${unique()}@example.com`,
        name: 'E',
        password: 'editor password',
      });
      const org = await createOrganisation(store, { name: 'E', slug: `e-${unique()}` }, user.id);
      const p = await products.create(store, org.id, battery, user.id);
      const results = await Promise.allSettled([
        products.update(store, org.id, p.id, 1, { nameEn: 'first editor' }, user.id),
        products.update(store, org.id, p.id, 1, { nameEn: 'second editor' }, user.id),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      isCode('VERSION_CONFLICT')((lost[0] as PromiseRejectedResult).reason);
      const now = await products.get(store, org.id, p.id);
      assert.equal(now.version, 2);
      assert.equal(now.nameEn, (won[0] as PromiseFulfilledResult<{ nameEn: string }>).value.nameEn);
    });
  });
}

/** Importing a background database and loading it back, on a store; run for every Store implementation. */
export function backgroundDatabaseCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
  examplePath: string,
) {
  describe(`Background database cases: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await store.close();
      await cleanup?.();
    });

    it('imports a database as versions, loads it back identical, and keeps it to its organisation', async () => {
      const { readDatabase } = await import('@opencfp/formats');
      const { Calculator } = await import('@opencfp/core');
      const user = await createUser(store, {
        email: `d${randomUUID().slice(0, 8)}@example.com`,
        name: 'D',
        password: 'database password',
      });
      const org = await createOrganisation(
        store,
        { name: 'D', slug: `d-${randomUUID().slice(0, 8)}` },
        user.id,
      );
      const other = await createOrganisation(
        store,
        { name: 'O', slug: `o-${randomUUID().slice(0, 8)}` },
        user.id,
      );
      const v1 = await importBackgroundDatabase(
        store,
        { organisationId: org.id, name: 'bicycle', path: examplePath },
        user.id,
      );
      const v2 = await importBackgroundDatabase(
        store,
        { organisationId: org.id, name: 'bicycle', path: examplePath },
        user.id,
      );
      assert.deepEqual([v1.version, v2.version], [1, 2]);
      assert.equal(v1.databaseId, v2.databaseId);
      assert.equal(v1.contentHash, v2.contentHash);
      assert.equal(v1.stats.processes, 4);
      const direct = (await readDatabase(examplePath)).data;
      const loaded = await loadBackgroundDatabase(store, org.id, v1.id);
      for (const kind of ['unitGroups', 'flowProperties', 'flows', 'processes', 'impactMethods'] as const)
        assert.deepEqual(loaded[kind], direct[kind], kind);
      // Same numbers from the stored copy: 26.176571… kg CO2 eq per frame (examples/bicycle-frame/README.md).
      const h = new Calculator(loaded, { impactMethod: 'ipcc-ar6-gwp100' }).calculate({
        processId: 'p-frame',
      }).impacts;
      assert.ok(h && Math.abs(h[0].amount - 26.176571) < 1e-5, String(h?.[0].amount));
      await assert.rejects(loadBackgroundDatabase(store, other.id, v1.id), isCode('NOT_FOUND'));
      // Listed for its organisation (with shared ones), not for another; one version with its issues.
      const shared = await importBackgroundDatabase(
        store,
        { organisationId: null, name: `shared-${randomUUID().slice(0, 8)}`, path: examplePath },
        null,
      );
      const mine = await listBackgroundDatabaseVersions(store, org.id);
      const listed = mine.find((v) => v.id === v1.id);
      assert.ok(listed);
      assert.deepEqual(
        { ...listed, createdAt: undefined },
        {
          id: v1.id,
          databaseId: v1.databaseId,
          name: 'bicycle',
          organisationId: org.id,
          version: 1,
          format: v1.format,
          sourceName: 'bicycle-frame',
          contentHash: v1.contentHash,
          stats: v1.stats,
          issueCount: v1.issues.length,
          locked: false,
          createdAt: undefined,
        },
      );
      assert.ok(listed.createdAt instanceof Date);
      assert.deepEqual(
        mine.filter((v) => v.databaseId === v1.databaseId).map((v) => v.version),
        [1, 2],
      );
      assert.ok(mine.some((v) => v.id === shared.id && v.organisationId === null));
      const theirs = await listBackgroundDatabaseVersions(store, other.id);
      assert.ok(theirs.some((v) => v.id === shared.id));
      assert.ok(!theirs.some((v) => v.databaseId === v1.databaseId));
      const one = await getBackgroundDatabaseVersion(store, org.id, v1.id);
      assert.deepEqual(one.issues, v1.issues);
      assert.equal((await getBackgroundDatabaseVersion(store, other.id, shared.id)).id, shared.id);
      await assert.rejects(getBackgroundDatabaseVersion(store, other.id, v1.id), isCode('NOT_FOUND'));
      await assert.rejects(
        getBackgroundDatabaseVersion(store, org.id, 'no-such-version'),
        isCode('NOT_FOUND'),
      );
      // Only the first issues are read; issueCount counts them all.
      const issues = [0, 1, 2].map((i) => ({
        file: `f${i}`,
        path: '',
        code: 'X',
        severity: 'warning',
        message: `issue ${i}`,
      }));
      const crafted = randomUUID();
      await store.db
        .insertInto('database_versions')
        .values({
          id: crafted,
          database_id: v1.databaseId,
          version: 99,
          format: 'test',
          source_name: 'crafted',
          stats: '{}',
          content_hash: 'sha256:0',
          status: 'ready',
          issues: JSON.stringify(issues),
        })
        .execute();
      const firstTwo = await getBackgroundDatabaseVersion(store, org.id, crafted, { issueLimit: 2 });
      assert.deepEqual([firstTwo.issues, firstTwo.issueCount], [issues.slice(0, 2), 3]);
      assert.deepEqual((await getBackgroundDatabaseVersion(store, org.id, crafted)).issues, issues);
      assert.deepEqual(
        (await getBackgroundDatabaseVersion(store, org.id, crafted, { issueLimit: 0 })).issues,
        [],
      );
      // Once a study uses it, a version cannot change.
      await lockBackgroundDatabase(store, v1.id);
      await assert.rejects(
        store.transaction((trx) =>
          trx.deleteFrom('database_entities').where('version_id', '=', v1.id).execute(),
        ),
        isCode('IMMUTABLE'),
      );
    });

    it('a failed import leaves nothing behind', async () => {
      const before = await store.db.selectFrom('database_versions').select('id').execute();
      await assert.rejects(
        importBackgroundDatabase(
          store,
          { organisationId: null, name: 'missing', path: '/nonexistent/db.zip' },
          null,
        ),
      );
      const afterwards = await store.db.selectFrom('database_versions').select('id').execute();
      assert.equal(afterwards.length, before.length);
    });
  });
}
