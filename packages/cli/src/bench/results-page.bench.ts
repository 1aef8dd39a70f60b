// The web app's results pages in the browser (issue 6 targets: the results page of a USLCI-based model renders
// within 1 s after its data arrives; the Sankey of a 20,000-process system within 2 s, pruned on the server).
// A real `cfp serve` (production build of the web app, a fresh PGlite data directory) is driven by Debian's Chromium
// (headless). Both databases are imported through the API (POST …/databases, the import job): the USLCI JSON-LD
// release from ../shared/data, and the synthetic 20,000-process database (generated once into os.tmpdir(), as in
// large-database.bench.ts). For each, a product model linking some of their datasets is created and calculated
// through the API, then its result page is opened again and again. The times are what the page measured itself
// (performance marks, src/pages/results/render-timing.ts):
// - opencfp:result-render — from the stored result's answer (read) to the first paint of the overview (total,
//   ISO 14067 split, stages, gases, Pareto: three ECharts charts and their tables);
// - opencfp:sankey-render — from the pruned Sankey answer to the first paint of the diagram and its tables;
//   opencfp:sankey-total — from the Sankey request (server pruning and transfer included) to that paint.
// Prints medians. Needs `npm run build` and /usr/bin/chromium. Size: OPENCFP_SYNTHETIC_ACTIVITIES (20000).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSyntheticDatabase, writeJsonLd } from '@opencfp/formats';
import { chromium, type Page } from 'playwright-core';
import { uslciJsonLd } from '../test-support/shared-data.js';
import { median, ms, seconds, spawnServe, uploadThroughApi } from './bench-support.js';

const RUNS = 9;
const activities = Number(process.env.OPENCFP_SYNTHETIC_ACTIVITIES ?? 20000);
const seed = 42;
const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags Chromium's own connections fail on a closed network (docs/web.md). */
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

const webIndex = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

interface Serve {
  url: string;
  email: string;
  password: string;
  stop(): Promise<void>;
}

/** `cfp serve` on a fresh data directory, with the demo (for its sign-in). */
async function startServe(dataDir: string): Promise<Serve> {
  const serve = await spawnServe(['--data-dir', dataDir]);
  const credentials = /Demo sign-in \(shown once, keep it\): (\S+) \/ (\S+)/.exec(serve.output);
  if (!credentials) throw new Error(`cfp serve printed no demo sign-in:\n${serve.output}`);
  return { url: serve.url, email: credentials[1], password: credentials[2], stop: serve.stop };
}

/** The API of one organisation with a session token. */
function apiOf(url: string, orgId: string, token: string) {
  return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/v1/orgs/${orgId}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as T;
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
}

interface Listed {
  processId: string;
  productId: string;
  processName: string;
  unit: string;
  isWaste?: true;
}

/** A model of two foreground processes: an assembly taking a part made in the model and some datasets each. */
function modelOf(datasets: Listed[]): object {
  const input = (d: Listed, i: number) => ({
    name: `${d.processName} (${i + 1})`,
    amount: 1 + (i % 3),
    unit: d.unit,
    source: { kind: 'background', processId: d.processId, productId: d.productId },
  });
  const half = Math.ceil(datasets.length / 2);
  return {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'assembly',
    processes: [
      {
        id: 'assembly',
        name: 'Assembly',
        stage: 'production',
        output: { amount: 1, unit: 'item' },
        inputs: [
          { name: 'part', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'part' } },
          ...datasets.slice(0, half).map(input),
        ],
        emissions: [{ gas: 'CO2', amount: 0.3 }],
      },
      {
        id: 'part',
        name: 'Part',
        stage: 'raw-material-acquisition',
        output: { amount: 1, unit: 'item' },
        inputs: datasets.slice(half).map((d, i) => input(d, i + half)),
      },
    ],
  };
}

/** In the page: the duration of the latest measure of that name whose detail is `key`, once there is a new one. */
function measured([name, key, seen]: [string, string, number]): number | false {
  const entries = performance
    .getEntriesByName(name, 'measure')
    .filter((e) => (e as { detail?: unknown }).detail === key);
  return entries.length > seen ? (entries.at(-1)?.duration ?? false) : false;
}

async function waitForMeasure(page: Page, name: string, key: string, seen = 0): Promise<number> {
  const handle = await page.waitForFunction(measured, [name, key, seen] as [string, string, number], {
    polling: 50,
    timeout: 120_000,
  });
  return (await handle.jsonValue()) as number;
}

async function syntheticZip(): Promise<string> {
  const path = join(tmpdir(), 'opencfp-synthetic', `api-${activities}-${seed}.zip`);
  if (!existsSync(path))
    await writeJsonLd(
      generateSyntheticDatabase({ activities, exchangesPerActivity: 30, biosphere: 4000, seed }),
      path,
    );
  return path;
}

async function main(): Promise<void> {
  if (!existsSync(webIndex)) throw new Error(`the web app is not built (${webIndex}): run \`npm run build\``);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const dataDir = await mkdtemp(join(tmpdir(), 'opencfp-results-bench-'));
  const serve = await startServe(join(dataDir, 'pglite'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const signIn = await fetch(`${serve.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: serve.email, password: serve.password }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const orgs = (await (
      await fetch(`${serve.url}/v1/orgs`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { organisations: { id: string }[] };
    const orgId = orgs.organisations[0].id;
    const api = apiOf(serve.url, orgId, token);
    const product = await api<{ id: string }>('POST', '/products', {
      nameEn: 'Bench product',
      declaredUnit: 'item',
    });

    /** A model on a version, calculated: its result id and its number of lines. */
    const calculated = async (versionId: string, name: string, datasets: Listed[]) => {
      const model = await api<{ id: string }>('POST', '/models', {
        productId: product.id,
        name,
        backgroundVersionId: versionId,
        model: modelOf(datasets),
      });
      const result = await api<{ id: string; total: number }>('POST', `/models/${model.id}/calculations`, {});
      return result;
    };

    // (a) USLCI: datasets whose footprint the engine calculates (some of USLCI's loops are singular)
    const uslci = await uploadThroughApi(serve.url, orgId, token, uslciJsonLd(), 'USLCI');
    const listed = (
      await api<{ processes: Listed[] }>('GET', `/databases/${uslci.versionId}/processes?limit=500`)
    ).processes.filter((p) => !p.isWaste);
    const usable: Listed[] = [];
    for (const p of listed) {
      if (usable.length === 12) break;
      try {
        const fp = await api<{ split: { total: number } }>(
          'POST',
          `/databases/${uslci.versionId}/footprint`,
          {
            processId: p.processId,
            productId: p.productId,
          },
        );
        if (fp.split.total > 0) usable.push(p);
      } catch {
        // not calculable on its own (singular part of USLCI): not for this model
      }
    }
    const uslciResult = await calculated(uslci.versionId, 'USLCI bench model', usable);

    // (b) the 20,000-process synthetic database: a model of five of its datasets
    const synthetic = await uploadThroughApi(serve.url, orgId, token, await syntheticZip(), 'synthetic');
    const kg = (
      await api<{ processes: Listed[] }>('GET', `/databases/${synthetic.versionId}/processes?limit=500`)
    ).processes.filter((p) => !p.isWaste && p.unit === 'kg');
    const largeResult = await calculated(synthetic.versionId, 'Synthetic bench model', kg.slice(0, 5));

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en' });
    // the session cookie, as the sign-in page would set it
    const cookie = await context.request.post(`${serve.url}/v1/auth/sign-in`, {
      data: { email: serve.email, password: serve.password },
    });
    if (!cookie.ok()) throw new Error(`sign-in: ${cookie.status()}`);
    const page = await context.newPage();

    const resultRender: number[] = [];
    const resultTotal: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${serve.url}/calculations/${uslciResult.id}`);
      resultRender.push(await waitForMeasure(page, 'opencfp:result-render', uslciResult.id));
      resultTotal.push(await waitForMeasure(page, 'opencfp:result-total', uslciResult.id));
    }

    /** The Sankey view of the large result opened afresh with the default threshold (1 %, 100 nodes). */
    const sankeyKey = (threshold: number, maxNodes: number) => `${largeResult.id}|${threshold}|${maxNodes}`;
    const sankeyRender: number[] = [];
    const sankeyTotal: number[] = [];
    const first = { render: 0, total: 0 };
    for (let run = 0; run <= RUNS; run++) {
      await page.goto(`${serve.url}/calculations/${largeResult.id}?view=sankey`);
      const render = await waitForMeasure(page, 'opencfp:sankey-render', sankeyKey(0.01, 100));
      const total = await waitForMeasure(page, 'opencfp:sankey-total', sankeyKey(0.01, 100));
      // the first request of a result builds its analysis on the server (kept afterwards): reported apart
      if (run === 0) Object.assign(first, { render, total });
      else {
        sankeyRender.push(render);
        sankeyTotal.push(total);
      }
    }
    const shown = await page.getByRole('status').filter({ hasText: 'processes shown' }).textContent();

    /** Everything above 0 % kept, at most `maxNodes`: the largest diagrams the view draws. */
    const larger = async (maxNodes: number) => {
      const render: number[] = [];
      const total: number[] = [];
      let text = '';
      for (let run = 0; run < RUNS; run++) {
        await page.goto(`${serve.url}/calculations/${largeResult.id}?view=sankey`);
        await waitForMeasure(page, 'opencfp:sankey-render', sankeyKey(0.01, 100));
        await page.getByLabel('At most processes').selectOption(String(maxNodes));
        await page.getByLabel('Threshold in %').fill('0');
        const key = sankeyKey(0, maxNodes);
        render.push(await waitForMeasure(page, 'opencfp:sankey-render', key));
        total.push(await waitForMeasure(page, 'opencfp:sankey-total', key));
        text = (await page.getByRole('status').filter({ hasText: 'processes shown' }).textContent()) ?? '';
      }
      return { render, total, text };
    };
    const nodes200 = await larger(200);
    const nodes500 = await larger(500);
    await context.close();

    console.log(
      `results pages in Chromium (headless, production build, cfp serve on loopback, PGlite), ${RUNS} page loads each:`,
    );
    console.log(
      `(a) USLCI (${uslci.versionId.slice(0, 8)}…, imported through the API in ${seconds(uslci.importMs)}), ` +
        `a model of ${usable.length} USLCI datasets (${uslciResult.total.toPrecision(4)} kg CO2e):`,
    );
    console.log(
      `    overview painted after the result arrived: median ${ms(median(resultRender))} (target ≤ 1000 ms); ` +
        `from its request: median ${ms(median(resultTotal))}`,
    );
    console.log(`    runs: ${resultRender.map((x) => x.toFixed(0)).join(', ')} ms`);
    console.log(
      `(b) ${activities}-process synthetic database (imported through the API in ${seconds(synthetic.importMs)}), ` +
        `a model of 5 of its datasets:`,
    );
    console.log(`    default view (threshold 1 %, at most 100 nodes): ${shown ?? ''}`);
    console.log(
      `    Sankey painted after its answer arrived: median ${ms(median(sankeyRender))}; from its request ` +
        `(server pruning included): median ${ms(median(sankeyTotal))} (target ≤ 2000 ms)`,
    );
    console.log(
      `    the result's very first Sankey (its analysis built on the server): ${ms(first.render)} after the answer, ` +
        `${ms(first.total)} from the request`,
    );
    for (const [label, x] of [
      ['threshold 0, at most 200 nodes', nodes200],
      ['threshold 0, at most 500 nodes', nodes500],
    ] as const)
      console.log(
        `    ${label} (${x.text}): painted after the answer median ${ms(median(x.render))}, ` +
          `from the request median ${ms(median(x.total))}`,
      );
  } finally {
    await browser.close();
    await serve.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
