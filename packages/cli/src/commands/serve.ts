import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, seedDemo, startServer } from '@opencfp/server';
import { openStore } from '@opencfp/store';
import { UsageError } from '../errors.js';
import type { Command } from './command.js';
import { integerOption } from './options.js';

/**
 * `cfp serve [--port 3000] [--host 127.0.0.1] [--data-dir ./data] [--config file.json] [--no-demo]`: the OpenCFP
 * server with its embedded database (or DATABASE_URL). On an empty database it first creates the demo user and
 * organisation, loads the starter database and demo products, and prints the demo credentials once. Runs until
 * SIGINT or SIGTERM, then finishes running requests and closes the database.
 */
export const serve: Command = {
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    config: { type: 'string' },
    'no-demo': { type: 'boolean' },
  },
  async run(positionals, values, out) {
    if (positionals.length > 0)
      throw new UsageError('usage: cfp serve [--port <n>] [--host <address>] [--data-dir <dir>]');
    const config = loadConfig({ file: typeof values.config === 'string' ? values.config : undefined });
    if (values.port !== undefined) config.port = integerOption(values, 'port', 3000, 0);
    if (typeof values.host === 'string') config.host = values.host;
    if (typeof values['data-dir'] === 'string')
      config.dataDir = values['data-dir'] === ':memory:' ? null : resolve(values['data-dir']);
    if (values['no-demo'] !== true) {
      // Seed before serving, on a store of its own: PGlite allows one process per data directory at a time.
      const store = await openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir ?? undefined,
        onWarning: (message) => out.stderr(`cfp: ${message}\n`),
      });
      try {
        if (config.dataDir === null && config.databaseUrl === undefined)
          out.stderr('cfp: --data-dir :memory: keeps nothing; the demo data is not seeded into it\n');
        else {
          const seed = await seedDemo(store);
          if (seed.created)
            out.stdout(
              `Demo data created: organisation '${seed.organisationSlug}', the starter database, two products.\n` +
                `Demo sign-in (shown once, keep it): ${seed.email} / ${seed.password}\n`,
            );
        }
      } finally {
        await store.close();
      }
    }
    if (config.webDir === null) {
      config.webDir = builtWebApp();
      if (config.webDir === null)
        out.stderr('cfp: the web app is not built (run `npm run build`); serving the API only\n');
    }
    // The signal handlers are in place before the server says it listens: a supervisor (or a test) that stops
    // the server as soon as it reads that line must get a clean shutdown, not node's default exit on SIGTERM.
    let stopRequested!: () => void;
    const stopping = new Promise<void>((done) => (stopRequested = done));
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stopRequested();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    let server;
    try {
      server = await startServer(config);
    } catch (e) {
      stop();
      throw e;
    }
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : (config.dataDir ?? 'memory');
    out.stdout(
      `OpenCFP listening on ${server.url} (database: ${where}); ` +
        `${config.webDir === null ? '' : `web app at ${server.url}/, `}API docs at ${server.url}/docs\n`,
    );
    await stopping;
    out.stdout('OpenCFP stopping: finishing running requests…\n');
    await server.close();
  },
};

/**
 * The folder of @opencfp/web's production build (its dist/ with index.html), or null when it is not built or not
 * installed: `cfp serve` then serves the API only.
 *
 * @example builtWebApp() // '/work/opencfp/packages/web/dist'
 */
export function builtWebApp(): string | null {
  let packageJson: string;
  try {
    packageJson = fileURLToPath(import.meta.resolve('@opencfp/web/package.json'));
  } catch {
    return null;
  }
  const dir = join(dirname(packageJson), 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
