// The public registry (migration 011) on PostgreSQL.
import assert from 'node:assert/strict';
import { openStore } from './store.js';
import { freshPostgresDatabase } from './test-support/postgres-for-tests.js';
import { registryCases } from './test-support/registry-cases.js';

registryCases('PostgreSQL server', async () => {
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  assert.equal(store.kind, 'postgres');
  return { store, cleanup: drop };
});
