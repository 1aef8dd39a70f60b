// The jobs of one model and the Monte Carlo runs of one calculation's inputs (migration 007) on PostgreSQL.
import assert from 'node:assert/strict';
import { openStore } from './store.js';
import { freshPostgresDatabase } from './test-support/postgres-for-tests.js';
import { jobLookupCases } from './test-support/job-lookup-cases.js';

jobLookupCases('PostgreSQL server', async () => {
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  assert.equal(store.kind, 'postgres');
  return { store, cleanup: drop };
});
