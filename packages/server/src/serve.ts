import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openStore } from '@opencfp/store';
import type { Hono } from 'hono';
import { createApp, jsonLogger } from './app.js';
import type { ServerConfig } from './config.js';
import type { AppEnv, ServerLogger } from './routing.js';

/** A listening server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3000 (the real port when 0 was asked for). */
  url: string;
  port: number;
  /** Stops accepting connections, lets running requests finish (for at most `graceMs`), then closes the store. */
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

/**
 * Opens the store of `config` (PostgreSQL when `databaseUrl`, else PGlite in `dataDir`, or in memory when it is
 * null), applies pending migrations, and serves the app on `config.host:config.port` (0 = a free port).
 *
 * @example
 * const server = await startServer(loadConfig());
 * console.log(`listening on ${server.url}`);
 * process.on('SIGTERM', () => void server.close());
 */
export async function startServer(
  config: ServerConfig,
  options: { logger?: ServerLogger } = {},
): Promise<RunningServer> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir ?? undefined,
  });
  try {
    const app = createApp({ store, config, logger: options.logger ?? jsonLogger });
    const server = await listen(app, { port: config.port, host: config.host });
    let closing: Promise<void> | undefined;
    return {
      url: server.url,
      port: server.port,
      close: () =>
        (closing ??= (async () => {
          try {
            await server.close();
          } finally {
            await store.close();
          }
        })()),
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
