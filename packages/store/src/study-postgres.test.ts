// Studies, their verification and signed statements (migration 008) on PostgreSQL.
import assert from 'node:assert/strict';
import { openStore } from './store.js';
import { freshPostgresDatabase } from './test-support/postgres-for-tests.js';
import { studyCases } from './test-support/study-cases.js';

studyCases('PostgreSQL server', async () => {
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  assert.equal(store.kind, 'postgres');
  return { store, cleanup: drop };
});
