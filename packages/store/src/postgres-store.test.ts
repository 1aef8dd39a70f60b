import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { StoreError } from './errors.js';
import { openStore } from './store.js';
import { freshPostgresDatabase } from './test-support/postgres-for-tests.js';
import { fileURLToPath } from 'node:url';
import { backgroundDatabaseCases, repositoryCases } from './test-support/repository-cases.js';
import { accountCases } from './test-support/account-cases.js';
import { jobCases } from './test-support/job-cases.js';
import { storeCases } from './test-support/store-cases.js';
import { upgradeCases } from './test-support/upgrade-cases.js';

const example = fileURLToPath(new URL('../../../examples/bicycle-frame', import.meta.url));

async function openPostgres() {
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  assert.equal(store.kind, 'postgres');
  return { store, cleanup: drop };
}

storeCases('PostgreSQL server', openPostgres);
repositoryCases('PostgreSQL server', openPostgres);
backgroundDatabaseCases('PostgreSQL server', openPostgres, example);
accountCases('PostgreSQL server', openPostgres);
jobCases('PostgreSQL server', openPostgres, { examplePath: example, concurrentTransactions: true });
upgradeCases('PostgreSQL server', async () => {
  const { url, drop } = await freshPostgresDatabase();
  return { store: await openStore({ databaseUrl: url, migrate: false }), cleanup: drop };
});

test('a bad DATABASE_URL is a clear error, with the password hidden', async () => {
  await assert.rejects(openStore({ databaseUrl: 'mysql://u:secret@h/db' }), (e: unknown) => {
    assert.ok(e instanceof StoreError && e.code === 'INVALID_DATABASE_URL');
    assert.doesNotMatch(e.message, /secret/);
    return true;
  });
  await assert.rejects(
    openStore({ databaseUrl: 'postgres://nobody:pw@127.0.0.1:1/none' }),
    (e: unknown) => e instanceof StoreError && e.code === 'CONNECTION_FAILED',
  );
});

test('a connection the server ends while idle is a warning, not the end of the process; the next query works', async () => {
  const { url, drop } = await freshPostgresDatabase();
  const warnings: string[] = [];
  const store = await openStore({ databaseUrl: url, onWarning: (m) => warnings.push(m) });
  const admin = await openStore({ databaseUrl: url, migrate: false, poolSize: 1 });
  try {
    const own = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
    const pid = own.rows[0].pid;
    await sql`select pg_terminate_backend(${pid})`.execute(admin.db);
    // the idle connection learns of its end asynchronously
    for (let waited = 0; warnings.length === 0 && waited < 5000; waited += 20)
      await new Promise((done) => setTimeout(done, 20));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /a PostgreSQL connection was closed by the server: terminating connection/);
    const again = await sql<{ one: number }>`select 1 as one`.execute(store.db);
    assert.equal(again.rows[0].one, 1);
  } finally {
    await admin.close();
    await store.close();
    await drop();
  }
});
