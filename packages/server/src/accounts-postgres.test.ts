// The account routes on a PostgreSQL server (OPENCFP_TEST_DATABASE_URL, started by scripts/run-tests.mjs).
import assert from 'node:assert/strict';
import { openStore } from '@opencfp/store';
import { accountRouteCases } from './test-support/account-route-cases.js';
import { freshPostgresDatabase } from './test-support/postgres-for-tests.js';

accountRouteCases('PostgreSQL server', async () => {
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  assert.equal(store.kind, 'postgres');
  return { store, cleanup: drop };
});
