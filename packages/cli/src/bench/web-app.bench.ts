// The web app's first load (issue 6 target: ≤ 2 s on loopback): the production build served by a real `cfp serve`,
// opened by Debian's Chromium (headless) in a fresh browser context each run (nothing cached), timed from the start
// of the navigation to the first frame that shows the sign-in form (heading and button), and Chromium's own
// largest-contentful-paint. Prints the median of several runs. Needs `npm run build` (the web app) and
// /usr/bin/chromium (`apt-get install chromium`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { median, ms, spawnServe } from './bench-support.js';

const RUNS = 9;
const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags Chromium's own connections fail on a closed network (see docs/web.md). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The page's globals that the in-page functions below use (this package is typed for node, without the DOM). */
interface PageGlobals {
  document: { querySelector(selector: string): unknown };
  PerformanceObserver: new (callback: (list: { getEntries(): { startTime: number }[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
}

/** In the page: the time since the navigation's start once the sign-in form is there (heading, button), else false. */
function formShown(): number | false {
  const { document } = globalThis as unknown as PageGlobals;
  return document.querySelector('h1') && document.querySelector('button[type=submit]')
    ? performance.now()
    : false;
}

/** In the page: Chromium's largest-contentful-paint time (NaN when it reports none within 2 s). */
function largestPaint(): Promise<number> {
  const { PerformanceObserver } = globalThis as unknown as PageGlobals;
  return new Promise((resolve) => {
    new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? Number.NaN)).observe({
      type: 'largest-contentful-paint',
      buffered: true,
    });
    setTimeout(() => resolve(Number.NaN), 2000);
  });
}

const webIndex = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

/** `cfp serve` with nothing kept and no demo data: the sign-in page needs neither. */
const startServe = () => spawnServe(['--data-dir', ':memory:', '--no-demo']);

async function main(): Promise<void> {
  if (!existsSync(webIndex)) throw new Error(`the web app is not built (${webIndex}): run \`npm run build\``);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const serve = await startServe();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const firstRender: number[] = [];
  const lcp: number[] = [];
  let transferred = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'en' });
      const page = await context.newPage();
      let bytes = 0;
      page.on('response', (response) => {
        const length = Number(response.headers()['content-length'] ?? 0);
        bytes += Number.isFinite(length) ? length : 0;
      });
      await page.goto(`${serve.url}/`, { waitUntil: 'commit' });
      // checked on every frame: the time (from the navigation's start) of the first frame with the form
      const shown = await page.waitForFunction(formShown, undefined, { polling: 'raf', timeout: 30_000 });
      firstRender.push((await shown.jsonValue()) as number);
      lcp.push(await page.evaluate(largestPaint));
      if (run === 0) transferred = bytes;
      await context.close();
    }
  } finally {
    await browser.close();
    await serve.stop();
  }
  console.log(
    `web app, sign-in page, production build on loopback, ${RUNS} cold loads (fresh browser context):`,
  );
  console.log(`  first render of the sign-in form: median ${ms(median(firstRender))} (target ≤ 2000 ms)`);
  console.log(`    runs: ${firstRender.map((x) => x.toFixed(0)).join(', ')} ms`);
  console.log(`  largest contentful paint:         median ${ms(median(lcp))}`);
  console.log(`  bytes transferred (first load, as served): ${(transferred / 1024).toFixed(0)} KiB`);
}

await main();
