// The server's route suites against real `cfp serve` processes: the product's own entry point, started as a
// separate process on a PGlite data directory or on a PostgreSQL database, called over loopback HTTP.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HARNESS_ENV, type OpenHarness, type RouteHarness } from '@opencfp/server/test-support';
import { openStore, type Store } from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';

const bin = fileURLToPath(new URL('../../bin/cfp.js', import.meta.url));

/** What `cfp serve` prints when the web app's build is missing: about the checkout, not the server under test. */
const WEB_HINT = /the web app is not built/;

/** One `cfp serve` process. */
interface ServeProcess {
  url: string;
  /** SIGTERM, then its exit code once it has closed its store (or the signal that ended it). */
  stop(): Promise<number | string | null>;
}

/** The environment of a child: this one's, without anything that would configure the server behind our back. */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('OPENCFP_') && key !== 'DATABASE_URL' && key !== 'PORT') env[key] = value;
  const { PORT: _port, OPENCFP_DATA_DIR: _dataDir, ...settings } = HARNESS_ENV;
  return { ...env, ...settings, ...extra };
}

/**
 * Starts `cfp serve --no-demo` on a free loopback port; what it prints goes to `output` (stderr lines are kept as
 * problems: a clean server prints nothing there).
 */
function startServe(dataDir: string, env: Record<string, string>, problems: string[]): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--no-demo', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'], env: childEnvironment(env) },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const lines = stderr.split('\n');
    stderr = lines.pop() ?? '';
    problems.push(...lines.filter((l) => l.trim() !== '' && !WEB_HINT.test(l)));
  });
  const exited = new Promise<number | string | null>((done) =>
    child.on('exit', (code, signal) => done(code ?? signal)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cfp serve did not start within 60 s:\n${stdout}\n${problems.join('\n')}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cfp serve exited with ${code} before listening:\n${stdout}\n${problems.join('\n')}`));
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url,
        async stop() {
          child.kill('SIGTERM');
          const code = await exited;
          if (stderr.trim() !== '' && !WEB_HINT.test(stderr)) problems.push(stderr);
          stderr = '';
          return code;
        },
      });
    });
  });
}

/**
 * A harness whose servers are `cfp serve` processes: on a PGlite data directory of its own (`'pglite'`) or on a
 * fresh database of the PostgreSQL server of OPENCFP_TEST_DATABASE_URL (`'postgres'`). A PGlite directory belongs
 * to one process at a time, so there `withStore` and `withServer` stop the main server, do their work, and start it
 * again on the same directory (a new port: suites read `url` at each request). On PostgreSQL the suite's store
 * and any other servers share the database with the main server while it runs.
 *
 * @example
 * routeCases('cfp serve process, PostgreSQL', serveProcessHarness('postgres'));
 */
export function serveProcessHarness(engine: 'pglite' | 'postgres'): OpenHarness {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencfp-serve-harness-'));
    const dataDir = join(dir, 'data');
    const problems: string[] = [];
    let database: { url: string; drop: () => Promise<void> } | undefined;
    let store: Store | undefined;
    const stopped = async (server: ServeProcess) => {
      const code = await server.stop();
      if (code !== 0) problems.push(`cfp serve exited with ${code}`);
    };
    try {
      let env: Record<string, string> = {};
      if (engine === 'postgres') {
        database = await freshPostgresDatabase();
        env = { DATABASE_URL: database.url };
        store = await openStore({ databaseUrl: database.url });
        assert.equal(store.kind, 'postgres');
      }
      const start = (extra: Record<string, string>) => startServe(dataDir, { ...env, ...extra }, problems);
      let main = await start({});
      /** Runs `work` with the main server stopped (PGlite), then starts it again. */
      async function withoutMain<T>(work: () => Promise<T>): Promise<T> {
        await stopped(main);
        try {
          return await work();
        } finally {
          main = await start({});
        }
      }
      const harness: RouteHarness = {
        get url() {
          return main.url;
        },
        async withStore(fn) {
          if (store) return fn(store);
          return withoutMain(async () => {
            const own = await openStore({ dataDir });
            try {
              return await fn(own);
            } finally {
              await own.close();
            }
          });
        },
        async withServer(extra, fn) {
          const run = async () => {
            const other = await start(extra);
            try {
              return await fn(other.url);
            } finally {
              await stopped(other);
            }
          };
          return store ? run() : withoutMain(run);
        },
        problems: () => [...problems],
        async close() {
          try {
            await stopped(main);
          } finally {
            await store?.close();
            await database?.drop();
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
      return harness;
    } catch (e) {
      await store?.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  };
}
