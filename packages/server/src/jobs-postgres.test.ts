// Jobs and database uploads on a PostgreSQL server (OPENCFP_TEST_DATABASE_URL, started by scripts/run-tests.mjs).
import assert from 'node:assert/strict';
import { openStore } from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';
import { jobRouteCases } from './test-support/job-route-cases.js';

jobRouteCases(
  'PostgreSQL server',
  async () => {
    const { url, drop } = await freshPostgresDatabase();
    const store = await openStore({ databaseUrl: url });
    assert.equal(store.kind, 'postgres');
    return { store, cleanup: drop };
  },
  { concurrentTransactions: true },
);
