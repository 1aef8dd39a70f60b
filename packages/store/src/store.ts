import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DataDirLock } from './data-dir-lock.js';
import { StoreError, toStoreError } from './errors.js';
import { migrate, type MigrationReport } from './migrate.js';
import { PgliteDialect } from './pglite-dialect.js';
import type { Schema } from './schema.js';

/** Which engine a store runs on. */
export type StoreKind = 'pglite' | 'postgres';

/**
 * The persistence seam: one schema, two engines. `db` is a Kysely query builder over the schema; `transaction`
 * runs a function atomically (all of it or nothing) and turns constraint violations into StoreErrors.
 */
export interface Store {
  readonly kind: StoreKind;
  readonly db: Kysely<Schema>;
  /** Runs `work` in one transaction; a thrown error rolls everything back. Use `trx`, not `db`, inside. */
  transaction<T>(work: (trx: Kysely<Schema>) => Promise<T>): Promise<T>;
  /** Applies pending migrations (also done by openStore unless `migrate: false`). */
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * A PostgreSQL URL (postgres://user:password@host:5432/db) — use a PostgreSQL server; otherwise the embedded
   * PGlite, with its data in `dataDir`.
   */
  databaseUrl?: string;
  /**
   * PGlite data directory (created if missing); default: in memory (nothing kept). The store locks it
   * (`<dataDir>/opencfp.lock`) until closed: a second store on it, in any process, fails with DATA_DIR_IN_USE.
   */
  dataDir?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** node-postgres pool size (default 10). */
  poolSize?: number;
  /** Told when the store takes over the lock of a data directory whose holder is gone (a crash, SIGKILL). */
  onWarning?: (message: string) => void;
}

/**
 * Opens the store: PostgreSQL when `databaseUrl` is given (e.g. from DATABASE_URL), else embedded PGlite.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: './data' });
 * await store.transaction((trx) => trx.insertInto('organisations').values({ id, name, slug }).execute());
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  let kind: StoreKind;
  let db: Kysely<Schema>;
  let lock: DataDirLock | undefined;
  let pglite: PGlite | undefined;
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl))
      throw new StoreError(
        'INVALID_DATABASE_URL',
        `DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@localhost:5432/opencfp, got '${options.databaseUrl.replace(/:[^:@/]*@/, ':***@')}'`,
      );
    kind = 'postgres';
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection that the server ends (a restart, a fail-over, pg_terminate_backend) is an 'error' event on
    // the pool; without a listener node ends the whole process. pg drops that connection and opens a new one for the
    // next query, so a warning is all it takes.
    pool.on('error', (e) =>
      options.onWarning?.(`a PostgreSQL connection was closed by the server: ${e.message}`),
    );
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    try {
      await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    } catch (e) {
      await db.destroy();
      throw new StoreError(
        'CONNECTION_FAILED',
        `cannot connect to the PostgreSQL server of DATABASE_URL: ${(e as Error).message}. Check that it runs and that the URL, user and password are right.`,
        { cause: e },
      );
    }
  } else {
    kind = 'pglite';
    if (options.dataDir !== undefined) {
      mkdirSync(options.dataDir, { recursive: true });
      // Before PGlite opens it: two processes on one data directory each see only their own writes (data is lost).
      lock = DataDirLock.acquire(options.dataDir, { onWarning: options.onWarning });
    }
    try {
      pglite = await PGlite.create(options.dataDir === undefined ? undefined : options.dataDir);
    } catch (e) {
      lock?.release();
      throw e;
    }
    db = new Kysely<Schema>({ dialect: new PgliteDialect(pglite) });
  }
  const store: Store = {
    kind,
    db,
    async transaction(work) {
      try {
        return await db.transaction().execute(work);
      } catch (e) {
        throw toStoreError(e);
      }
    },
    migrate: () => migrate(db as unknown as Kysely<unknown>),
    async close() {
      try {
        await db.destroy();
        // Kysely destroys only a driver it has used: a store closed before its first query closes PGlite here.
        if (pglite !== undefined && !pglite.closed) await pglite.close();
      } finally {
        lock?.release(); // only once PGlite has closed its files
      }
    },
  };
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}
