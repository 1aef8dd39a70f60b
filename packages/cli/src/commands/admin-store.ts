import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@opencfp/server';
import { openStore, type Store } from '@opencfp/store';
import { CliError, UsageError } from '../errors.js';
import type { OptionValues } from './command.js';

/** The options every administration command takes (the same configuration sources as `cfp serve`). */
export const ADMIN_STORE_OPTIONS = {
  'data-dir': { type: 'string' },
  config: { type: 'string' },
} as const;

/**
 * Opens the database the server of this configuration uses — `DATABASE_URL`, or else PGlite in `--data-dir` /
 * `OPENCFP_DATA_DIR` / the config file's `dataDir` (`loadConfig`, as `cfp serve`) — runs `work` on it and closes it.
 * PGlite allows one process per data directory: with a server running on it the store refuses to open
 * (DATA_DIR_IN_USE), so administer a stopped server's directory, or a PostgreSQL server while it runs. A data
 * directory without a database is refused rather than created, so that a mistyped path does not quietly make a new
 * one.
 *
 * @example await adminStore(values, async (store) => listUsers(store));
 */
export async function adminStore<T>(values: OptionValues, work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig({ file: typeof values.config === 'string' ? values.config : undefined });
  if (typeof values['data-dir'] === 'string')
    config.dataDir = values['data-dir'] === ':memory:' ? null : resolve(values['data-dir']);
  if (config.databaseUrl === undefined) {
    if (config.dataDir === null)
      throw new UsageError(
        '--data-dir :memory: keeps nothing: give the data directory of the server to administer',
      );
    if (!existsSync(join(config.dataDir, 'PG_VERSION')))
      throw new CliError(
        'NO_DATABASE',
        `there is no OpenCFP database in ${config.dataDir}: give the server's --data-dir (or OPENCFP_DATA_DIR, or ` +
          'DATABASE_URL), or start the server once (cfp serve) to create it',
      );
  }
  let store: Store;
  try {
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir ?? undefined });
  } catch (e) {
    const error = e as {
      code?: unknown;
      details?: { pid?: unknown; hostname?: unknown; startedAt?: unknown };
    };
    if (error.code === 'DATA_DIR_IN_USE') {
      const holder =
        error.details?.pid === undefined
          ? 'another OpenCFP process'
          : `another OpenCFP process (pid ${String(error.details.pid)} on ${String(error.details.hostname)}, started ${String(error.details.startedAt)})`;
      throw new CliError(
        'DATA_DIR_IN_USE',
        `the data directory ${config.dataDir ?? ''} is in use by ${holder}, probably the server: PGlite allows one ` +
          'process per data directory, so stop the server and run this again, or run the server on PostgreSQL ' +
          '(DATABASE_URL) to administer it while it runs',
      );
    }
    throw e;
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Who the audit log records for an administration command: the operating-system user who ran it. */
export function adminActor(): string {
  try {
    return `cli@${userInfo().username}`;
  } catch {
    return 'cli'; // no user name (e.g. a container's uid without a passwd entry)
  }
}
