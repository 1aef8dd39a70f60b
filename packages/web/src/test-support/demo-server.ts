// A real `cfp serve` with the demo data, for the tests that need real answers: the component tests (stored results,
// upstream trees, Sankey diagrams, the editor's saves) and the end-to-end tests (e2e/support.ts), which also need the
// web app it serves. Spawned from the built CLI on a fresh data directory; one helper for both test projects.
import { createClient, type OpenCfpClient } from '@opencfp/client';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// a path, not a URL: jsdom's URL is not the one node:url accepts
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = join(root, 'packages/cli/dist/bin.js');
/** The production build of the web app that `cfp serve` serves. */
export const WEB_DIST = join(root, 'packages/web/dist');

/** A running `cfp serve` with the demo data, and the demo sign-in it printed. */
export interface Serve {
  url: string;
  email: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * Starts `cfp serve --port 0` on a fresh data directory (it seeds the demo organisation, the starter database and
 * the demo models, and prints the demo sign-in once) and resolves once it listens. Fails loudly when the CLI — or,
 * with `webApp`, the web app — is not built, or when the server does not serve the web app.
 *
 * @example const serve = await startServe({ webApp: true }); … await serve.stop();
 */
export async function startServe({ webApp = false }: { webApp?: boolean } = {}): Promise<Serve> {
  const required: [string, string][] = [[cli, 'the CLI']];
  if (webApp) required.push([join(WEB_DIST, 'index.html'), 'the web app']);
  for (const [path, what] of required)
    if (!existsSync(path)) throw new Error(`${what} is not built (${path}): run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'opencfp-web-tests-'));
  const env: NodeJS.ProcessEnv = {};
  // nothing of the caller's server configuration: the build under test, a data directory of its own
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('OPENCFP_') && key !== 'DATABASE_URL' && key !== 'PORT') env[key] = value;
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cfp serve did not start:\n${output}`)), 90_000);
      child.stdout.on('data', () => {
        const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.on('exit', () => reject(new Error(`cfp serve exited:\n${output}`)));
    });
    const credentials = /Demo sign-in \(shown once, keep it\): (\S+) \/ (\S+)/.exec(output);
    if (!credentials) throw new Error(`cfp serve printed no demo sign-in:\n${output}`);
    if (webApp && !/web app at /.test(output))
      throw new Error(`cfp serve does not serve the web app:\n${output}`);
    return { url, email: credentials[1], password: credentials[2], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A running demo server with a signed-in client (a session token: the jsdom tests have no cookie jar). */
export interface DemoServer {
  url: string;
  client: OpenCfpClient;
  orgId: string;
  stop(): Promise<void>;
}

/**
 * Starts the demo server (startServe), signs in with the demo credentials it prints once, and answers a client of
 * that session and the demo organisation's id.
 *
 * @example const server = await startDemoServer(); … await server.stop();
 */
export async function startDemoServer(): Promise<DemoServer> {
  const serve = await startServe();
  try {
    const session = await createClient({ baseUrl: serve.url }).POST('/v1/auth/sign-in', {
      body: { email: serve.email, password: serve.password },
    });
    const client = createClient({ baseUrl: serve.url, token: session.data.token });
    const { data } = await client.GET('/v1/orgs');
    return { url: serve.url, client, orgId: data.organisations[0].id, stop: serve.stop };
  } catch (error) {
    await serve.stop();
    throw error;
  }
}
