// Helpers of the end-to-end tests: a real `cfp serve` process (shared with the component tests) and Debian's Chromium.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { startServe as startDemoServe, type Serve } from '../src/test-support/demo-server';

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
export { WEB_DIST, type Serve } from '../src/test-support/demo-server';
/** Where the e2e tests put their screenshots (gitignored). */
export const SCREENSHOTS = join(root, 'packages/web/test-results');

/**
 * Starts `cfp serve --port 0` with the demo data on a fresh data directory (the helper the component tests share,
 * src/test-support/demo-server.ts), requiring the built web app, and resolves once it listens.
 *
 * @example const serve = await startServe(); … await serve.stop();
 */
export const startServe = (): Promise<Serve> => startDemoServe({ webApp: true });

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
