import { sql, type Kysely } from 'kysely';
import { StoreError } from './errors.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

/** What `migrate` did. */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Brings the schema up to date: applies, in order, each migration not yet recorded in `schema_migrations`, each in
 * its own transaction (all of it or none of it), under an advisory lock so that two servers starting together do
 * not both apply it. Running it again does nothing.
 *
 * @example await migrate(store.db) // { applied: ['001-platform'], alreadyApplied: [] }
 */
export async function migrate(
  db: Kysely<unknown>,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrationReport> {
  await sql`create table if not exists schema_migrations (
    id text primary key,
    applied_at timestamptz not null default now()
  )`.execute(db);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    await db.transaction().execute(async (trx) => {
      // 0x0C_FD_0001: OpenCFP's migration lock, held until this transaction ends.
      await sql`select pg_advisory_xact_lock(218038273)`.execute(trx);
      const done = await sql<{
        id: string;
      }>`select id from schema_migrations where id = ${migration.id}`.execute(trx);
      if (done.rows.length > 0) {
        report.alreadyApplied.push(migration.id);
        return;
      }
      for (const [index, statement] of migration.statements.entries()) {
        try {
          await sql.raw(statement).execute(trx);
        } catch (e) {
          throw new StoreError(
            'MIGRATION_FAILED',
            `migration ${migration.id}, statement ${index + 1} failed: ${(e as Error).message}. Nothing of this migration was applied; fix the database or the migration and start again.`,
            { cause: e },
          );
        }
      }
      await sql`insert into schema_migrations (id) values (${migration.id})`.execute(trx);
      report.applied.push(migration.id);
    });
  }
  return report;
}
