// End to end, the results pages: a real `cfp serve` (production build, demo data) driven by Debian's Chromium —
// calculate the demo battery model as a job with its progress (Server-Sent Events), the total against the API's
// stored result, the Sankey diagram with a moved threshold, the upstream tree, Chinese, a tablet, two scenarios side
// by side (the demo battery model has a scenario of its own), Monte Carlo, and the CSV, JSON and PNG exports.
// Screenshots go to packages/web/test-results/results-*.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, SCREENSHOTS, startServe, type Browser, type Serve } from './support';

let serve: Serve;
let browser: Browser;
let page: Page;
const problems: string[] = [];
/** Requests the page made for job events (the calculation is followed by SSE, not by polling). */
const eventStreams: string[] = [];
/** A result without a Monte Carlo run yet is a 404 (NOT_FOUND naming the inputs hash), which Chromium logs. */
let runsNotFound = 0;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('request', (request) => {
    if (request.url().endsWith('/events')) eventStreams.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() === 404 && response.url().endsWith('/monte-carlo')) runsNotFound++;
  });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `results-${name}.png`), fullPage: true });

/** GET an API path with the page's session cookie. */
const apiGet = <T>(path: string): Promise<T> =>
  page.evaluate(async (p) => {
    const res = await fetch(p);
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return (await res.json()) as unknown;
  }, path) as Promise<T>;

/** A footprint as the English page writes it (format.co2e: 4 significant digits). */
const co2e = (x: number, language = 'en') =>
  `${new Intl.NumberFormat(language, { maximumSignificantDigits: 4 }).format(x)} kg CO₂e`;

interface StoredResult {
  id: string;
  total: number;
  footprint: { scenario: { name: string } | null };
}

test('calculate, read, trace and compare the demo battery model; export it', async () => {
  await page.goto(`${serve.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('opencfp.language', 'en'));
  await page.reload();
  await page.getByLabel('E-mail').fill(serve.email);
  await page.getByLabel('Password').fill(serve.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Demo organisation', exact: true }).waitFor();

  const { organisations } = await apiGet<{ organisations: { id: string }[] }>('/v1/orgs');
  const orgId = organisations[0].id;
  const { products } = await apiGet<{ products: { id: string; nameEn: string }[] }>(
    `/v1/orgs/${orgId}/products`,
  );
  const battery = products.find((p) => p.nameEn.includes('LFP'));
  const { models } = await apiGet<{ models: { id: string; name: string; productId: string }[] }>(
    `/v1/orgs/${orgId}/models`,
  );
  const model = models.find((m) => m.productId === battery?.id);
  if (!model) throw new Error('no demo battery model');

  // from the dashboard's model link to the model's results: nothing calculated yet
  await page.getByRole('link', { name: model.name }).first().click();
  await page.getByRole('heading', { name: `Results: ${model.name}`, exact: true }).waitFor();
  await page.getByText('This model has not been calculated yet.').waitFor();

  // calculate as a job, followed by its events: progress, then the stored result below
  await page.getByRole('button', { name: 'Calculate', exact: true }).click();
  await page.getByRole('progressbar', { name: 'Progress of the calculation' }).waitFor();
  await page.locator('.job-progress').getByText('Succeeded').waitFor();
  await shot('01-calculated');
  expect(eventStreams.length).toBeGreaterThan(0);
  const list = await apiGet<{ results: { id: string }[] }>(
    `/v1/orgs/${orgId}/models/${model.id}/calculations`,
  );
  expect(list.results).toHaveLength(1);
  const stored = await apiGet<StoredResult>(`/v1/orgs/${orgId}/calculations/${list.results[0].id}`);
  const total = page.locator('.result-total');
  await total.waitFor();
  expect(Number(await total.getAttribute('data-total'))).toBe(stored.total);
  expect(await total.textContent()).toBe(co2e(stored.total));
  await page.getByRole('heading', { name: 'ISO 14067 split', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Top contributors (Pareto)', exact: true }).waitFor();
  await shot('02-overview');

  // exports: contributors and stages as CSV (UTF-8 with BOM), the stored result as JSON, a chart as PNG
  const download = async (button: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  };
  const contributors = await download('Contributors (CSV)');
  expect(contributors.name).toMatch(/contributors\.csv$/);
  expect([...contributors.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(contributors.bytes.toString('utf8')).toContain('LFP cathode active material');
  const stages = await download('Stages (CSV)');
  expect(stages.bytes.toString('utf8')).toContain('raw-material-acquisition');
  const json = await download('Result (JSON)');
  expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(stored);
  const png = await download('Save the chart “By life-cycle stage” as a PNG image');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(5000);

  // the Sankey diagram: moving the threshold asks the server again, with fewer processes kept
  await page.getByRole('tab', { name: 'Sankey diagram' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'processes shown' });
  await shown.waitFor();
  const before = (await shown.textContent()) ?? '';
  const count = (text: string) => Number(/^(\d+) of/.exec(text)?.[1]);
  await shot('03-sankey');
  await page.getByLabel('Threshold in %').fill('10');
  await page.getByRole('status').filter({ hasText: '10% of the total' }).waitFor();
  const after = (await shown.textContent()) ?? '';
  expect(count(after)).toBeLessThan(count(before));
  await page.locator('.echart-host svg').first().waitFor();
  await shot('04-sankey-threshold');

  // the upstream tree: expand a foreground process, its inputs come from the server
  await page.getByRole('tab', { name: 'Upstream tree' }).click();
  const expand = page.getByRole('button', { name: 'Expand Cell production' });
  await expand.click();
  await page.getByRole('button', { name: 'Collapse Cell production' }).waitFor();
  await page
    .getByRole('table', { name: 'Upstream contribution tree' })
    .getByText('LFP cathode active material', { exact: false })
    .first()
    .waitFor();
  await shot('05-tree');

  // Chinese: the results page's headings and tabs change
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('heading', { name: '上游贡献树', exact: true }).waitFor();
  await page.getByRole('tab', { name: '概览' }).click();
  await page.getByRole('heading', { name: '碳足迹', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'ISO 14067 分项', exact: true }).waitFor();
  expect(await page.locator('.result-total').textContent()).toBe(co2e(stored.total, 'zh-CN'));
  await shot('06-overview-zh');
  await page.getByRole('tab', { name: '桑基图' }).click();
  await page.getByRole('status').filter({ hasText: '个过程中的' }).waitFor();
  await shot('07-sankey-zh');

  // a tablet in portrait: no sideways scrolling of the page
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('tab', { name: '概览' }).click();
  await page.getByRole('heading', { name: '碳足迹', exact: true }).waitFor();
  await shot('08-overview-tablet-zh');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow(), 'no horizontal scrolling on a tablet').toBeLessThanOrEqual(0);
  await page.getByRole('tab', { name: '上游贡献树' }).click();
  await page.getByRole('table', { name: '上游贡献树' }).waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shot('09-tree-tablet-zh');

  // Monte Carlo on the result's options, then its P5–P95 and histogram
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('tab', { name: 'Data quality and uncertainty' }).click();
  await page.getByText('No Monte Carlo run of this model version with these options yet.').waitFor();
  await page.getByLabel('Iterations').fill('2000');
  await page.getByLabel('Seed').fill('42');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('progressbar', { name: 'Progress of the Monte Carlo run' }).waitFor();
  await page.getByText(/^P5–P95: /).waitFor({ timeout: 60_000 });
  await page.getByRole('figure', { name: 'Distribution of the footprint' }).waitFor();
  await shot('10-uncertainty');

  // two scenarios side by side: the base case against the demo's own scenario
  const { model: modelDocument } = await apiGet<{ model: { scenarios: { id: string; name: string }[] } }>(
    `/v1/orgs/${orgId}/models/${model.id}`,
  );
  const solar = modelDocument.scenarios[0];
  await page.getByLabel('A', { exact: true }).selectOption({ label: 'Base case' });
  await page.getByLabel('B', { exact: true }).selectOption({ label: solar.name });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByRole('heading', { name: `Comparison: ${model.name}`, exact: true }).waitFor();
  const compared = new URL(page.url()).searchParams;
  const a = await apiGet<StoredResult>(`/v1/orgs/${orgId}/calculations/${compared.get('a') ?? ''}`);
  const b = await apiGet<StoredResult>(`/v1/orgs/${orgId}/calculations/${compared.get('b') ?? ''}`);
  expect(a.id).toBe(stored.id); // the base case was calculated before with equal inputs
  expect(b.footprint.scenario?.name).toBe(solar.name);
  await page.getByRole('heading', { name: `B · ${solar.name}`, exact: true }).waitFor();
  expect(await page.getByText(/^B − A:/).textContent()).toContain(
    new Intl.NumberFormat('en', { maximumSignificantDigits: 4 }).format(b.total - a.total),
  );
  await shot('11-compare');
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('heading', { name: `情景比较：${model.name}`, exact: true }).waitFor();
  await shot('12-compare-zh');
  await page.setViewportSize({ width: 768, height: 1024 });
  await shot('13-compare-tablet-zh');
  expect(await overflow()).toBeLessThanOrEqual(0);

  // each answer 'no run of this result yet' is one logged 404, and nothing else is
  const notFound = problems.filter((p) => p.includes('status of 404'));
  expect(notFound).toHaveLength(runsNotFound);
  expect(problems.filter((p) => !p.includes('401') && !p.includes('status of 404'))).toEqual([]);
});
