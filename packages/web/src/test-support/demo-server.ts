// A real `cfp serve` with the demo data for component tests that need real answers (stored results, upstream
// trees, Sankey diagrams): spawned from the built CLI on a fresh data directory, signed in as the demo user.
import { createClient, type OpenCfpClient } from '@opencfp/client';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// a path, not a URL: jsdom's URL is not the one node:url accepts
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = join(root, 'packages/cli/dist/bin.js');

/** A running demo server with a signed-in client (a session token: the jsdom tests have no cookie jar). */
export interface DemoServer {
  url: string;
  client: OpenCfpClient;
  orgId: string;
  stop(): Promise<void>;
}

/**
 * Starts `cfp serve --port 0` on a fresh data directory (it seeds the demo organisation, the starter database and
 * the demo models), signs in with the demo credentials it prints once, and answers a client of that session. Fails
 * loudly when the CLI is not built.
 *
 * @example const server = await startDemoServer(); … await server.stop();
 */
export async function startDemoServer(): Promise<DemoServer> {
  if (!existsSync(cli)) throw new Error(`the CLI is not built (${cli}): run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'opencfp-web-components-'));
  const env: NodeJS.ProcessEnv = {};
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
    const session = await createClient({ baseUrl: url }).POST('/v1/auth/sign-in', {
      body: { email: credentials[1], password: credentials[2] },
    });
    const client = createClient({ baseUrl: url, token: session.data.token });
    const { data } = await client.GET('/v1/orgs');
    return { url, client, orgId: data.organisations[0].id, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
