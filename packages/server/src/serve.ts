import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openStore } from '@opencfp/store';
import type { Hono } from 'hono';
import { createApp, jsonLogger } from './app.js';
import { uploadDirOf, type ServerConfig } from './config.js';
import { JobRunner, type JobHandler } from './jobs/job-runner.js';
import { JobUpdates } from './jobs/job-updates.js';
import { CalculatorCache } from './calculator-cache.js';
import { modelJobHandlers } from './jobs/model-job-handlers.js';
import { sweepUploads } from './jobs/upload-files.js';
import type { AppEnv, ServerLogger } from './routing.js';

/** A listening server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3000 (the real port when 0 was asked for). */
  url: string;
  port: number;
  /** This instance's job runner (register more job kinds on it), or undefined when `config.jobs.run` is false. */
  jobs?: JobRunner;
  /**
   * Ends event streams, stops running jobs (rolled back, recorded as interrupted and retryable), stops accepting
   * connections, lets running requests finish (for at most `graceMs`), then closes the store.
   */
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host: string;
  /** How long close() waits for running requests before cutting their connections (default 10 000 ms). */
  graceMs?: number;
}

/**
 * Serves a Hono app on node's HTTP server; resolves once it listens (rejects if it cannot, e.g. the port is taken).
 *
 * @example const { url, close } = await listen(createApp({ store, config }), { port: 0, host: '127.0.0.1' });
 */
export function listen(
  app: Hono<AppEnv>,
  options: ListenOptions,
): Promise<Omit<RunningServer, 'close'> & { close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host =
        options.host === '0.0.0.0' || options.host === '::'
          ? 'localhost'
          : options.host.includes(':')
            ? `[${options.host}]`
            : options.host;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            const timer = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 10_000);
            timer.unref();
            server.close((error) => {
              clearTimeout(timer);
              if (error) fail(error);
              else done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}

/** How often an instance that runs jobs deletes the uploads no one needs any more (see sweepUploads). */
const SWEEP_UPLOADS_MS = 10 * 60_000;

/** What startServer takes besides the configuration. */
export interface StartServerOptions {
  logger?: ServerLogger;
  /**
   * Job handlers by kind, besides the built-in ones ('database-import' and the model jobs: 'model-calculation',
   * 'monte-carlo', 'sensitivity', 'method-choices'); they run on this instance's JobRunner when `config.jobs.run`.
   * More can be registered later on `server.jobs`.
   */
  jobHandlers?: Readonly<Record<string, JobHandler>>;
}

/**
 * Opens the store of `config` (PostgreSQL when `databaseUrl`, else PGlite in `dataDir`, or in memory when it is
 * null), applies pending migrations, starts the job runner (unless `config.jobs.run` is false: first it records
 * the jobs a crash left running as interrupted), and serves the app on `config.host:config.port` (0 = a free port).
 *
 * @example
 * const server = await startServer(loadConfig(), { jobHandlers: { 'report-export': reportExportJob } });
 * console.log(`listening on ${server.url}`);
 * process.on('SIGTERM', () => void server.close());
 */
export async function startServer(
  config: ServerConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? jsonLogger;
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir ?? undefined,
    onWarning: (message) => logger.warn(message, { dataDir: config.dataDir }),
  });
  const updates = new JobUpdates();
  // One cache for the routes and the jobs of this instance: a version is loaded and factorized once for both.
  const calculatorCache = new CalculatorCache();
  let runner: JobRunner | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  try {
    if (config.jobs.run) {
      const uploadDir = uploadDirOf(config);
      runner = new JobRunner({ store, config, logger, updates });
      for (const [kind, handler] of Object.entries(modelJobHandlers(calculatorCache)))
        runner.register(kind, handler);
      for (const [kind, handler] of Object.entries(options.jobHandlers ?? {})) runner.register(kind, handler);
      await runner.start();
      const sweep = () =>
        sweepUploads(store, uploadDir, { retentionMs: config.uploadRetentionHours * 3600_000 }).catch(
          (e: Error) => logger.warn(`deleting old uploads failed: ${e.message}`, { uploadDir }),
        );
      void sweep();
      sweeper = setInterval(() => void sweep(), SWEEP_UPLOADS_MS);
      sweeper.unref();
    }
    const app = createApp({ store, config, logger, jobUpdates: updates, calculatorCache });
    const server = await listen(app, { port: config.port, host: config.host });
    let closing: Promise<void> | undefined;
    return {
      url: server.url,
      port: server.port,
      jobs: runner,
      close: () =>
        (closing ??= (async () => {
          try {
            clearInterval(sweeper);
            updates.close(); // event streams end
            await runner?.close(); // running jobs stop, roll back, and are recorded as interrupted
            await server.close();
          } finally {
            await store.close();
          }
        })()),
    };
  } catch (e) {
    clearInterval(sweeper);
    await runner?.close();
    await store.close();
    throw e;
  }
}
