// What the route suites (route-cases.ts, account-route-cases.ts, database-route-cases.ts) run against: a server
// they call over HTTP, and the store behind it for fixtures and checks. In this package the server runs in the
// test process (inProcessHarness); @opencfp/cli runs the same suites against separate `cfp serve` processes on
// PGlite and on PostgreSQL (packages/cli/src/test-support/serve-process-harness.ts).
import type { Store } from '@opencfp/store';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { ServerLogger } from '../routing.js';
import { listen } from '../serve.js';

/**
 * A server under test and its store. `url` may change between calls of `withStore` and `withServer` (a PGlite data
 * directory belongs to one process, so a process harness stops its server while the suite holds the store):
 * read it at each request, never keep it.
 */
export interface RouteHarness {
  /** Base URL of the main server, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Runs `fn` with the store the server uses (for fixtures made outside the API and for checks in the tables). */
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` against a server on the same store with extra settings, given as the environment variables of
   * loadConfig (e.g. `{ OPENCFP_BODY_LIMIT: '4mb' }`); the server is stopped afterwards.
   */
  withServer<T>(env: Record<string, string>, fn: (url: string) => Promise<T>): Promise<T>;
  /** What the servers logged as errors or warnings so far: a suite ends by expecting none. */
  problems(): string[];
  /** Stops the servers, closes the store and deletes what the harness made. */
  close(): Promise<void>;
}

/** Opens a harness; called once per suite. */
export type OpenHarness = () => Promise<RouteHarness>;

/**
 * The settings every suite's servers start with: any port, no data directory, no job runner (jobs a suite makes
 * stay queued), and a sign-in rate limit high enough for the suites' many sign-ins (the limit has its own case).
 */
export const HARNESS_ENV: Readonly<Record<string, string>> = Object.freeze({
  PORT: '0',
  OPENCFP_DATA_DIR: ':memory:',
  OPENCFP_AUTH_RATE_LIMIT_MAX: '1000',
  OPENCFP_JOBS_RUN: 'false',
});

/**
 * A harness whose servers run in this process (createApp + listen) on the store `open` gives.
 *
 * @example
 * routeCases('PGlite', inProcessHarness(async () => ({ store: await openStore({}) })));
 */
export function inProcessHarness(
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
): OpenHarness {
  return async () => {
    const { store, cleanup } = await open();
    const logged: string[] = [];
    const logger: ServerLogger = { error: (m) => logged.push(m), warn: (m) => logged.push(m) };
    const start = (env: Record<string, string>) =>
      listen(createApp({ store, config: loadConfig({ env: { ...HARNESS_ENV, ...env } }), logger }), {
        port: 0,
        host: '127.0.0.1',
      });
    const main = await start({});
    return {
      url: main.url,
      withStore: (fn) => fn(store),
      async withServer(env, fn) {
        const other = await start(env);
        try {
          return await fn(other.url);
        } finally {
          await other.close();
        }
      },
      problems: () => [...logged],
      async close() {
        try {
          await main.close();
        } finally {
          await store.close();
          await cleanup?.();
        }
      },
    };
  };
}
