import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A new, empty PostgreSQL database for one test file on the server of OPENCFP_TEST_DATABASE_URL (set by
 * scripts/run-tests.mjs, which starts the machine's PostgreSQL when it can), and a function that drops it.
 * Throws — the test fails loudly, never skips — when no server is configured.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.OPENCFP_TEST_DATABASE_URL;
  if (!admin)
    throw new Error(
      'OPENCFP_TEST_DATABASE_URL is not set: run the tests with `npm test` (it starts the local PostgreSQL 15 when it can) or set it to a PostgreSQL URL whose user may create databases.',
    );
  const name = `opencfp_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        // FORCE ends the database's connections, but a role that is not superuser may not end an autovacuum
        // worker's (42501, "must be a member of the role whose process is being terminated"); it finishes (on a
        // large table, such as a benchmark's, it may take a while: up to 30 s are waited for).
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (e) {
            if ((e as { code?: string }).code !== '42501' || attempt === 300) throw e;
            await new Promise((done) => setTimeout(done, 100));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
