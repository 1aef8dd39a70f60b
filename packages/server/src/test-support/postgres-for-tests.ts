// A copy of packages/store/src/test-support/postgres-for-tests.ts (which @opencfp/store does not export), written
// with the store's own Kysely connection instead of `pg`, so the server needs no extra dependency. Keep the two in
// step, or export the store's one and use it here.
import { randomBytes } from 'node:crypto';
import { openStore } from '@opencfp/store';
import { sql } from 'kysely';

/** Runs one administrative statement (create/drop database) on the server of `url`. */
async function adminStatement(url: string, statement: string): Promise<void> {
  const admin = await openStore({ databaseUrl: url, migrate: false, poolSize: 1 });
  try {
    await sql.raw(statement).execute(admin.db);
  } finally {
    await admin.close();
  }
}

/**
 * A new, empty PostgreSQL database for one test file on the server of OPENCFP_TEST_DATABASE_URL (set by
 * scripts/run-tests.mjs, which starts the machine's PostgreSQL when it can), and a function that drops it.
 * Throws — the test fails loudly, never skips — when no server is configured.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.OPENCFP_TEST_DATABASE_URL;
  if (!admin)
    throw new Error(
      'OPENCFP_TEST_DATABASE_URL is not set: run the tests with `npm test` or `node scripts/run-tests.mjs server` (they start the local PostgreSQL 15 when they can) or set it to a PostgreSQL URL whose user may create databases.',
    );
  const name = `opencfp_test_${randomBytes(6).toString('hex')}`;
  await adminStatement(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminStatement(admin, `drop database if exists ${name} with (force)`),
  };
}
