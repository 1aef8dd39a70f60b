// Who saved a product model, and who saved the newer version in a conflict, on PostgreSQL.
import assert from 'node:assert/strict';
import { openStore } from './store.js';
import { freshPostgresDatabase } from './test-support/postgres-for-tests.js';
import { modelSaverCases } from './test-support/model-saver-cases.js';

modelSaverCases('PostgreSQL server', async () => {
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  assert.equal(store.kind, 'postgres');
  return { store, cleanup: drop };
});
