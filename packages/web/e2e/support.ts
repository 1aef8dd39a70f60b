// Helpers of the end-to-end tests (and the web bench): a real `cfp serve` process and Debian's Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Chromium's flags here: headless without a sandbox (CI runs as root) and without any background traffic — on a
 * closed network Chromium's own connections (updates, sync, QUIC probes) make its page loads fail.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'packages/cli/bin/cfp.js');
/** The production build that `cfp serve` serves. */
export const WEB_DIST = join(root, 'packages/web/dist');
/** Where the e2e tests put their screenshots (gitignored). */
export const SCREENSHOTS = join(root, 'packages/web/test-results');

/** A running `cfp serve` with the demo data. */
export interface Serve {
  url: string;
  email: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * Starts `cfp serve --port 0` on a fresh data directory (it seeds the demo and prints the demo sign-in once) and
 * resolves once it listens. Fails loudly when the CLI or the web app is not built.
 *
 * @example const serve = await startServe(); … await serve.stop();
 */
export async function startServe(): Promise<Serve> {
  for (const [path, what] of [
    [join(root, 'packages/cli/dist/bin.js'), 'the CLI'],
    [join(WEB_DIST, 'index.html'), 'the web app'],
  ])
    if (!existsSync(path)) throw new Error(`${what} is not built (${path}): run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'opencfp-web-e2e-'));
  const env: NodeJS.ProcessEnv = {};
  // nothing of the caller's server configuration: the build under test, a data directory of its own
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('OPENCFP_') && key !== 'DATABASE_URL' && key !== 'PORT') env[key] = value;
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir], {
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
    if (!/web app at /.test(output)) throw new Error(`cfp serve does not serve the web app:\n${output}`);
    return { url, email: credentials[1], password: credentials[2], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A fresh Chromium profile, and its removal. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with a fresh user-data-dir (nothing remembered from earlier runs).
 *
 * @example const browser = await launchChromium(); const page = await browser.context.newPage();
 */
export async function launchChromium(viewport = { width: 1366, height: 800 }): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'opencfp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
