import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { StoreError } from '../errors.js';
import { migrate } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import type { Store } from '../store.js';

/** Expects `promise` to reject with a StoreError of `code`. */
async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof StoreError, `expected a StoreError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

/**
 * The case suite every Store implementation passes: migrations, constraints as StoreErrors, transactions,
 * immutability guards, JSON and float64 round trips. `open` gives a new, empty, migrated store.
 */
export function storeCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`Store cases: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;

    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await store.close();
      await cleanup?.();
    });

    const organisation = async (slug = `org-${randomUUID().slice(0, 8)}`) => {
      const id = randomUUID();
      await store.db.insertInto('organisations').values({ id, name: slug.toUpperCase(), slug }).execute();
      return id;
    };

    it('migrates once: a second run applies nothing', async () => {
      const report = await store.migrate();
      assert.deepEqual(report.applied, []);
      assert.deepEqual(
        report.alreadyApplied,
        migrations.map((m) => m.id),
      );
    });

    it('upgrades an older schema with data in it, leaving the data', async () => {
      // A schema at an older migration (here: none of the later ones), with a row, then a new migration.
      const extra = {
        id: `999-test-${randomUUID().slice(0, 8)}`,
        statements: [`alter table organisations add column if not exists test_note text`],
      };
      const id = await organisation();
      const report = await migrate(store.db as never, [...migrations, extra]);
      assert.deepEqual(report.applied, [extra.id]);
      const row = await sql<{ name: string; test_note: string | null }>`
        select name, test_note from organisations where id = ${id}`.execute(store.db);
      assert.equal(row.rows[0].test_note, null);
      assert.match(row.rows[0].name, /^ORG-/);
      await sql`alter table organisations drop column test_note`.execute(store.db);
    });

    it('turns a duplicate unique key into CONFLICT and a dangling reference into INVALID_REFERENCE', async () => {
      const slug = `dup-${randomUUID().slice(0, 8)}`;
      await organisation(slug);
      await rejectsWith(
        store.transaction((trx) =>
          trx.insertInto('organisations').values({ id: randomUUID(), name: 'Again', slug }).execute(),
        ),
        'CONFLICT',
      );
      await rejectsWith(
        store.transaction((trx) =>
          trx
            .insertInto('memberships')
            .values({ organisation_id: randomUUID(), user_id: randomUUID(), role: 'owner' })
            .execute(),
        ),
        'INVALID_REFERENCE',
      );
      await rejectsWith(
        store.transaction((trx) =>
          trx
            .insertInto('organisations')
            .values({ id: randomUUID(), name: 'Bad', slug: 'Not A Slug' })
            .execute(),
        ),
        'INVALID_VALUE',
      );
    });

    it('rolls a failed transaction back entirely', async () => {
      const slug = `tx-${randomUUID().slice(0, 8)}`;
      await assert.rejects(
        store.transaction(async (trx) => {
          await trx.insertInto('organisations').values({ id: randomUUID(), name: 'TX', slug }).execute();
          throw new Error('boom');
        }),
        /boom/,
      );
      const rows = await store.db.selectFrom('organisations').where('slug', '=', slug).selectAll().execute();
      assert.deepEqual(rows, []);
    });

    it('keeps float64 amounts and JSON documents exactly', async () => {
      const org = await organisation();
      const id = randomUUID();
      const amount = 0.1 + 0.2; // 0.30000000000000004: not representable in float32 or short decimals
      const identifiers = [{ scheme: 'GTIN', value: '04012345678901' }];
      await store.db
        .insertInto('products')
        .values({
          id,
          organisation_id: org,
          name_en: 'Battery pack',
          name_zh: '电池包',
          declared_unit_amount: amount,
          declared_unit: 'kWh',
          identifiers: JSON.stringify(identifiers),
        })
        .execute();
      const row = await store.db
        .selectFrom('products')
        .where('id', '=', id)
        .selectAll()
        .executeTakeFirstOrThrow();
      assert.equal(row.declared_unit_amount, amount);
      assert.equal(row.name_zh, '电池包');
      assert.deepEqual(row.identifiers, identifiers);
      assert.equal(row.version, 1);
      assert.ok(row.created_at instanceof Date);
    });

    it('updates with a version check: the second of two writers sees 0 rows changed', async () => {
      const org = await organisation();
      const product = randomUUID();
      await store.db
        .insertInto('products')
        .values({ id: product, organisation_id: org, name_en: 'P', declared_unit: 'kg', identifiers: '[]' })
        .execute();
      const save = (name: string, expected: number) =>
        store.db
          .updateTable('products')
          .set((eb) => ({ name_en: name, version: eb('version', '+', 1) }))
          .where('id', '=', product)
          .where('version', '=', expected)
          .executeTakeFirst();
      const first = await save('first', 1);
      const second = await save('second', 1);
      assert.equal(first.numUpdatedRows, 1n);
      assert.equal(second.numUpdatedRows, 0n);
      const row = await store.db
        .selectFrom('products')
        .where('id', '=', product)
        .selectAll()
        .executeTakeFirstOrThrow();
      assert.equal(row.name_en, 'first');
      assert.equal(row.version, 2);
    });

    it('refuses to change the audit log, a result, or a database version in use', async () => {
      const org = await organisation();
      await store.db
        .insertInto('audit_log')
        .values({
          organisation_id: org,
          action: 'create',
          entity: 'organisation',
          entity_id: org,
          details: '{}',
        })
        .execute();
      await rejectsWith(
        store.transaction((trx) => trx.updateTable('audit_log').set({ action: 'tampered' }).execute()),
        'IMMUTABLE',
      );
      await rejectsWith(
        store.transaction((trx) => trx.deleteFrom('audit_log').execute()),
        'IMMUTABLE',
      );
      const database = randomUUID();
      const version = randomUUID();
      await store.transaction(async (trx) => {
        await trx
          .insertInto('background_databases')
          .values({ id: database, organisation_id: org, name: 'db' })
          .execute();
        await trx
          .insertInto('database_versions')
          .values({
            id: version,
            database_id: database,
            version: 1,
            format: 'json-ld',
            source_name: 'x.zip',
            content_hash: 'sha256:0',
            status: 'ready',
            stats: '{}',
            issues: '[]',
          })
          .execute();
        await trx
          .insertInto('database_entities')
          .values({
            version_id: version,
            kind: 'process',
            entity_id: 'p1',
            position: 0,
            data: JSON.stringify({ name: 'p1' }),
          })
          .execute();
      });
      // Not yet used: may still change.
      await store.db
        .updateTable('database_versions')
        .set({ source_name: 'y.zip' })
        .where('id', '=', version)
        .execute();
      await store.db
        .updateTable('database_versions')
        .set({ locked_at: new Date() })
        .where('id', '=', version)
        .execute();
      await rejectsWith(
        store.transaction((trx) =>
          trx
            .updateTable('database_versions')
            .set({ source_name: 'z.zip' })
            .where('id', '=', version)
            .execute(),
        ),
        'IMMUTABLE',
      );
      await rejectsWith(
        store.transaction((trx) =>
          trx
            .updateTable('database_entities')
            .set({ data: '{}' })
            .where('version_id', '=', version)
            .execute(),
        ),
        'IMMUTABLE',
      );
      await rejectsWith(
        store.transaction((trx) => trx.deleteFrom('database_versions').where('id', '=', version).execute()),
        'IMMUTABLE',
      );
    });

    it('scopes rows by organisation: one tenant does not see another', async () => {
      const a = await organisation();
      const b = await organisation();
      for (const org of [a, b])
        await store.db
          .insertInto('products')
          .values({
            id: randomUUID(),
            organisation_id: org,
            name_en: `of ${org}`,
            declared_unit: 'kg',
            identifiers: '[]',
          })
          .execute();
      const ofA = await store.db
        .selectFrom('products')
        .where('organisation_id', '=', a)
        .select('name_en')
        .execute();
      assert.deepEqual(ofA, [{ name_en: `of ${a}` }]);
    });
  });
}
