import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { StoreError } from '../errors.js';
import { createApiToken, createOrganisation, createUser } from '../repositories/accounts.js';
import { productModels, type ProductModel } from '../repositories/product-models.js';
import { products } from '../repositories/products.js';
import type { Store } from '../store.js';

/**
 * Who saved a product model (`updatedBy`, from `updated_by` and `updated_by_token` with the user's or token's
 * name): a person, a person through their personal token, a machine client's token, or nobody known; the same in
 * get, list and the answers of create, save and update; and in a VERSION_CONFLICT, who saved the newer version and
 * when. Run for every Store implementation.
 */
export function modelSaverCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`who saved a product model: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    const unique = randomUUID().slice(0, 8);
    let org = '';
    let productId = '';
    const people = { ada: { id: '', name: 'Ada Lovelace' }, li: { id: '', name: '李伟' } };
    const tokens = { personal: '', client: '' };

    before(async () => {
      ({ store, cleanup } = await open());
      for (const [key, person] of Object.entries(people))
        person.id = (
          await createUser(store, {
            email: `${key}-${unique}@example.com`,
            name: person.name,
            password: 'correct horse battery',
          })
        ).id;
      org = (await createOrganisation(store, { name: 'Savers', slug: `savers-${unique}` }, people.ada.id)).id;
      await store.db
        .insertInto('memberships')
        .values({ organisation_id: org, user_id: people.li.id, role: 'editor' })
        .execute();
      tokens.personal = (
        await createApiToken(store, {
          kind: 'personal',
          organisationId: org,
          userId: people.li.id,
          name: 'Li laptop',
          role: 'editor',
        })
      ).id;
      tokens.client = (
        await createApiToken(store, {
          kind: 'client',
          organisationId: org,
          name: 'PACT connector',
          role: 'editor',
          createdBy: people.ada.id,
        })
      ).id;
      productId = (
        await products.create(
          store,
          org,
          {
            nameEn: 'Pack',
            nameZh: null,
            categoryScheme: null,
            categoryCode: null,
            identifiers: [],
            declaredUnit: 'kWh',
            declaredUnitAmount: 1,
          },
          people.ada.id,
        )
      ).id;
    });
    after(async () => {
      await store?.close();
      await cleanup?.();
    });

    /** The model as get and list answer it: both must agree with what the write answered. */
    async function reread(written: ProductModel): Promise<void> {
      assert.deepEqual(await productModels.get(store, org, written.id), written);
      const { model: _document, ...summary } = written;
      const listed = (await productModels.list(store, org, { productId })).find((m) => m.id === written.id);
      assert.deepEqual(listed, summary);
    }

    it('names the person, the person behind a personal token, the machine client, or nobody', async () => {
      const created = await productModels.create(
        store,
        org,
        { productId, name: 'by Ada', backgroundVersionId: null, model: { a: 1 } },
        people.ada.id,
      );
      assert.deepEqual(created.updatedBy, { userId: people.ada.id, name: 'Ada Lovelace' });
      await reread(created);

      const personal = await productModels.save(
        store,
        org,
        created.id,
        1,
        { a: 2 },
        {
          userId: people.li.id,
          tokenId: tokens.personal,
          actorId: people.li.id,
        },
      );
      assert.deepEqual(personal.updatedBy, { userId: people.li.id, name: '李伟' });
      await reread(personal);

      const client = await productModels.update(
        store,
        org,
        created.id,
        2,
        { name: 'by the client' },
        {
          userId: null,
          tokenId: tokens.client,
          actorId: `client@${org}`,
        },
      );
      assert.deepEqual(client.updatedBy, { tokenId: tokens.client, name: 'PACT connector' });
      await reread(client);

      const unknown = await productModels.create(
        store,
        org,
        { productId, name: 'seeded', backgroundVersionId: null, model: {} },
        { userId: null, actorId: 'seed' },
      );
      assert.equal(unknown.updatedBy, null);
      await reread(unknown);
    });

    it('a VERSION_CONFLICT says who saved the newer version and when', async () => {
      const created = await productModels.create(
        store,
        org,
        { productId, name: 'contended', backgroundVersionId: null, model: {} },
        people.ada.id,
      );
      const theirs = await productModels.save(store, org, created.id, 1, { b: 1 }, people.li.id);
      const conflict = await productModels.save(store, org, created.id, 1, { b: 2 }, people.ada.id).then(
        () => assert.fail('saved over a newer version'),
        (e: unknown) => e,
      );
      assert.ok(conflict instanceof StoreError && conflict.code === 'VERSION_CONFLICT');
      assert.deepEqual(conflict.details, {
        currentVersion: 2,
        expectedVersion: 1,
        updatedAt: theirs.updatedAt.toISOString(),
        updatedBy: { userId: people.li.id, name: '李伟' },
      });
      assert.match(conflict.message, /saved by 李伟 at \d{4}-\d\d-\d\dT/);
      // by a machine client: its token's name
      await productModels.update(
        store,
        org,
        created.id,
        2,
        { name: 'renamed' },
        {
          userId: null,
          tokenId: tokens.client,
          actorId: `client@${org}`,
        },
      );
      const second = await productModels
        .update(store, org, created.id, 2, { name: 'mine' }, people.ada.id)
        .then(
          () => assert.fail('saved over a newer version'),
          (e: unknown) => e as StoreError,
        );
      assert.deepEqual(
        [second.details?.currentVersion, second.details?.updatedBy],
        [3, { tokenId: tokens.client, name: 'PACT connector' }],
      );
    });
  });
}
