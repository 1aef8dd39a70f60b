import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { migrate } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import type { Store } from '../store.js';

/**
 * The real migrations upgrade a database made by the first release (001 and 002 only) with data in every table
 * later migrations touch: the data stays, new columns start empty, and running the migrations again changes
 * nothing. `open` gives a store whose schema has not been migrated (`openStore({ migrate: false })`).
 */
export function upgradeCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`schema upgrade: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    const ids = {
      org: randomUUID(),
      user: randomUUID(),
      product: randomUUID(),
      model: randomUUID(),
      result: randomUUID(),
    };

    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await store.close();
      await cleanup?.();
    });

    it('upgrades a first-release schema with data, keeps the data, and is idempotent', async () => {
      const db = store.db as unknown as Kysely<unknown>;
      const first = await migrate(db, migrations.slice(0, 2));
      assert.deepEqual(first.applied, ['001-platform', '002-access-tokens']);
      await sql`insert into organisations (id, name, slug) values (${ids.org}, 'Old org', ${`old-${ids.org.slice(0, 8)}`})`.execute(
        db,
      );
      await sql`insert into users (id, email, name) values (${ids.user}, ${`${ids.user}@example.com`}, 'Old user')`.execute(
        db,
      );
      await sql`insert into products (id, organisation_id, name_en, declared_unit_amount, declared_unit)
        values (${ids.product}, ${ids.org}, 'Old product', 1, 'kg')`.execute(db);
      await sql`insert into product_models (id, organisation_id, product_id, name, model, updated_by)
        values (${ids.model}, ${ids.org}, ${ids.product}, 'Old model', '{"kept": true}', ${ids.user})`.execute(
        db,
      );
      await sql`insert into calculation_results (id, organisation_id, model_id, model_version, inputs_hash, result, created_by)
        values (${ids.result}, ${ids.org}, ${ids.model}, 1, 'sha256:old', '{"total": 1.5}', ${ids.user})`.execute(
        db,
      );
      await sql`insert into jobs (id, organisation_id, kind, status) values (${randomUUID()}, ${ids.org}, 'database-import', 'failed')`.execute(
        db,
      );

      const upgrade = await migrate(db);
      assert.deepEqual(
        upgrade.applied,
        migrations.slice(2).map((m) => m.id),
      );
      const model = await sql<{ model: unknown; updated_by: string; updated_by_token: string | null }>`
        select model, updated_by, updated_by_token from product_models where id = ${ids.model}`.execute(db);
      assert.deepEqual(model.rows, [{ model: { kept: true }, updated_by: ids.user, updated_by_token: null }]);
      const result = await sql<{ result: unknown; created_by_token: string | null }>`
        select result, created_by_token from calculation_results where id = ${ids.result}`.execute(db);
      assert.deepEqual(result.rows, [{ result: { total: 1.5 }, created_by_token: null }]);
      const job = await sql<{
        retry_of: string | null;
      }>`select retry_of from jobs where organisation_id = ${ids.org}`.execute(db);
      assert.deepEqual(job.rows, [{ retry_of: null }]);
      assert.deepEqual((await migrate(db)).applied, [], 'nothing to do the second time');
    });
  });
}
