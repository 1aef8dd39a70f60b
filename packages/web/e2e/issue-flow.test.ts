// End to end, the whole path of the web app's issue in one go, as a user walks it: a real `cfp serve` (production
// build, demo data) driven by Debian's Chromium — sign in; create a product; create its model on the starter
// database with inputs found by searching it (primary aluminium and Jiangsu grid electricity, with amounts and
// units) and plant electricity covered by a green certificate; add a "green electricity" scenario (market-based
// accounting); calculate with progress; check the total on the page against the API's stored result and against a
// hand calculation from the starter database's own per-unit footprints; the Sankey diagram; Chinese; the two
// scenarios side by side. Screenshots go to packages/web/test-results/issue-flow-NN-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, SCREENSHOTS, startServe, type Browser, type Serve } from './support';

let serve: Serve;
let browser: Browser;
let page: Page;
/** What the page reported as broken: console errors (CSP violations among them) and uncaught exceptions. */
const problems: string[] = [];
/** Requests the page made for job events (the calculation is followed by Server-Sent Events). */
const eventStreams: string[] = [];

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
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

let step = 0;
/** A full-page screenshot, numbered in the order of the flow. */
const shot = (name: string) =>
  page.screenshot({
    path: join(SCREENSHOTS, `issue-flow-${String(++step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });

/** An API call with the page's session cookie (the app's own origin). */
const api = <T>(path: string, body?: unknown): Promise<T> =>
  page.evaluate(
    async ({ path, body }) => {
      const response = await fetch(
        path,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as unknown;
    },
    { path, body },
  ) as Promise<T>;

/** A footprint as the page writes it (format.co2e: 4 significant digits). */
const co2e = (x: number, language = 'en') =>
  `${new Intl.NumberFormat(language, { maximumSignificantDigits: 4 }).format(x)} kg CO₂e`;

/** The card of an input (its accessible name is the input's name). */
const inputCard = (name: string): Locator => page.getByRole('listitem', { name, exact: true });

interface StoredResult {
  id: string;
  total: number;
  footprint: { scenario: { id: string; name: string } | null };
}
interface DatasetHit {
  processId: string;
  productId: string;
  processName: string;
  unit: string;
}

/** kWh in MJ: the energy units' definition, not a number the engine gives. */
const MJ_PER_KWH = 3.6;

test('sign in, product, model from the starter database, scenario, calculate, check by hand, Sankey, Chinese, compare', async () => {
  // 1. sign in
  await page.goto(`${serve.url}/`);
  await page.evaluate(() => localStorage.setItem('opencfp.language', 'en'));
  await page.goto(`${serve.url}/sign-in`);
  await page.getByLabel('E-mail').fill(serve.email);
  await page.getByLabel('Password').fill(serve.password);
  await shot('sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Demo organisation', exact: true }).waitFor();
  await shot('dashboard');
  const { organisations } = await api<{ organisations: { id: string }[] }>('/v1/orgs');
  const orgId = organisations[0].id;

  // 2. a product, through its form
  await page.getByRole('link', { name: '+ New product' }).click();
  await page.getByRole('heading', { name: 'New product', exact: true }).waitFor();
  await page.getByLabel('Name (English)').fill('Aluminium bicycle bell');
  await page.getByLabel('Name (Chinese)').fill('铝制自行车铃');
  await page.getByLabel('Declared unit: amount').fill('1');
  await page.getByLabel('Declared unit: unit').fill('item');
  await shot('new-product');
  await page.getByRole('button', { name: 'Create product' }).click();
  await page.getByRole('heading', { name: 'Aluminium bicycle bell', exact: true, level: 1 }).waitFor();

  // 3. its model, on the starter database
  await page.getByLabel('Model name').fill('Bell, Jiangsu plant');
  await shot('product');
  await page.getByRole('button', { name: 'Create and open the editor' }).click();
  await page.getByRole('heading', { name: 'Bell, Jiangsu plant', exact: true, level: 1 }).waitFor();
  const modelId = /\/models\/([\w-]+)\/edit$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  expect(modelId).not.toBe('');
  const versionId = await page.getByLabel('Background database').inputValue();
  const { versions } = await api<{ versions: { id: string; name: string }[] }>(`/v1/orgs/${orgId}/databases`);
  expect(versions.find((v) => v.id === versionId)?.name).toBe('OpenCFP starter database');

  // 4. inputs found by searching the starter database: 0.25 kg of primary aluminium, 1.5 kWh of Jiangsu grid
  // electricity (a dataset measured in MJ)
  await page.getByRole('button', { name: '+ Dataset' }).click();
  await page.getByRole('combobox', { name: 'Search the background database' }).fill('aluminium');
  await page.getByRole('option', { name: /Primary aluminium, cast, global average/ }).waitFor();
  await shot('dataset-search');
  await page.getByRole('option', { name: /Primary aluminium, cast, global average/ }).click();
  const aluminium = inputCard('primary aluminium, cast');
  await aluminium.getByLabel('Amount').fill('0.25');
  expect(await aluminium.getByLabel('Unit').inputValue()).toBe('kg');

  await page.getByRole('button', { name: '+ Dataset' }).click();
  await page.getByRole('combobox', { name: 'Search the background database' }).fill('electricity jiangsu');
  await page.getByRole('option', { name: /Electricity, grid average, Jiangsu/ }).click();
  const grid = inputCard('electricity, grid average, Jiangsu');
  await grid.getByLabel('Unit').selectOption('kWh');
  await grid.getByLabel('Amount').fill('1.5');
  await grid.getByText('= 5.4 MJ in the unit it links to').waitFor();

  // plant electricity from the Jiangsu grid, 2 kWh, fully covered by a green electricity certificate (factor 0,
  // every quality criterion met): unused in the base case (location-based), used by the scenario (market-based)
  await page.getByRole('button', { name: '+ Electricity' }).click();
  const plant = inputCard('Grid electricity');
  await plant.getByLabel('Grid area').selectOption('江苏');
  await plant.getByLabel('Energy consumed').fill('2');
  await plant.getByText(/^0\.5827 kg CO2\/kWh/).waitFor();
  expect(await plant.getByLabel('Data year').inputValue()).toBe('2023');
  await plant.getByRole('button', { name: '+ Instrument' }).click();
  await plant.getByLabel('Share (0 to 1)').fill('1');
  await plant
    .getByLabel('Source of the factor')
    .fill('GEC registry, wind, 2023 (zero by the market-based convention)');
  for (const criterion of [
    'Claimed only by us (no double counting)',
    'Tracked and cancelled in a registry (or metered)',
    'Generated in the same year as consumed',
    'Generated in the same grid or market',
  ])
    await plant.getByLabel(criterion).check();
  await shot('inputs');

  // 5. a scenario: the same model with green electricity (market-based accounting takes the certificate)
  await page.getByRole('button', { name: '+ Scenario' }).click();
  const scenario = inputCard('New scenario');
  await scenario.getByLabel('Name').fill('Green electricity');
  await inputCard('Green electricity')
    .getByLabel('Electricity accounting in this scenario')
    .selectOption('market-based');
  await page
    .getByRole('toolbar')
    .getByText(/^All changes saved · version \d+/)
    .waitFor({ timeout: 20_000 });
  await shot('scenario');
  const stored = await api<{
    model: {
      scenarios: { id: string; name: string; electricity?: { accounting: string } }[];
      processes: { inputs: { amount: number; unit: string; source: Record<string, unknown> }[] }[];
    };
  }>(`/v1/orgs/${orgId}/models/${modelId}`);
  const green = stored.model.scenarios[0];
  expect(green).toMatchObject({ name: 'Green electricity', electricity: { accounting: 'market-based' } });
  expect(stored.model.processes[0].inputs.map((i) => [i.source.kind, i.amount, i.unit])).toEqual([
    ['background', 0.25, 'kg'],
    ['background', 1.5, 'kWh'],
    ['electricity', 2, 'kWh'],
  ]);

  // 6. calculate, with progress
  await page.getByRole('button', { name: 'Calculate' }).click();
  await page.waitForURL(`**/models/${modelId}/results`);
  await page.getByRole('heading', { name: 'Results: Bell, Jiangsu plant', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Calculate', exact: true }).click();
  await page.getByRole('progressbar', { name: 'Progress of the calculation' }).waitFor();
  await page.locator('.job-progress').getByText('Succeeded').waitFor();
  expect(eventStreams.length).toBeGreaterThan(0);
  const total = page.locator('.result-total');
  await total.waitFor();
  await shot('calculated');

  // 7. the total on the page = the API's stored result = Σ amount × the starter database's footprint per unit
  const { results } = await api<{ results: { id: string }[] }>(
    `/v1/orgs/${orgId}/models/${modelId}/calculations`,
  );
  expect(results).toHaveLength(1);
  const base = await api<StoredResult>(`/v1/orgs/${orgId}/calculations/${results[0].id}`);
  expect(base.footprint.scenario).toBeNull();
  expect(Number(await total.getAttribute('data-total'))).toBe(base.total);
  expect(await total.textContent()).toBe(co2e(base.total));

  /** The footprint of one reference unit of the dataset a search finds first, and that unit. */
  const perUnit = async (search: string) => {
    const { processes } = await api<{ processes: DatasetHit[] }>(
      `/v1/orgs/${orgId}/databases/${versionId}/processes?search=${encodeURIComponent(search)}`,
    );
    const hit = processes[0];
    const footprint = await api<{ split: { total: number }; declaredUnit: { amount: number; unit: string } }>(
      `/v1/orgs/${orgId}/databases/${versionId}/footprint`,
      { processId: hit.processId, productId: hit.productId },
    );
    expect(footprint.declaredUnit.amount).toBe(1);
    return { name: hit.processName, unit: footprint.declaredUnit.unit, factor: footprint.split.total };
  };
  const aluminiumFactor = await perUnit('primary aluminium cast');
  const jiangsuFactor = await perUnit('electricity jiangsu');
  expect(aluminiumFactor).toMatchObject({ name: 'Primary aluminium, cast, global average', unit: 'kg' });
  // the same published factor (MEE/NBS, Jiangsu 2023) as the plant electricity's grid factor on the editor
  expect(jiangsuFactor).toMatchObject({
    name: 'Electricity, grid average, Jiangsu, CO2 emission factor 2023',
    unit: 'MJ',
  });
  const jiangsuPerKwh = jiangsuFactor.factor * MJ_PER_KWH;
  expect(jiangsuPerKwh).toBeCloseTo(0.5827, 10);
  const aluminiumKg = 0.25 * aluminiumFactor.factor;
  const gridKg = 1.5 * jiangsuPerKwh;
  const byHand = {
    base: aluminiumKg + gridKg + 2 * jiangsuPerKwh, // location-based: the certificate is not used
    green: aluminiumKg + gridKg + 2 * 0, // market-based: all 2 kWh covered by the accepted certificate at 0
  };
  expect(Math.abs(base.total - byHand.base)).toBeLessThan(1e-9 * byHand.base);
  expect(await total.textContent()).toBe(co2e(byHand.base));
  await page.getByRole('heading', { name: 'ISO 14067 split', exact: true }).waitFor();
  await shot('overview');

  // 8. the Sankey diagram: nodes of the supply chain, drawn
  await page.getByRole('tab', { name: 'Sankey diagram' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'processes shown' });
  await shown.waitFor();
  expect(Number(/^(\d+) of/.exec((await shown.textContent()) ?? '')?.[1])).toBeGreaterThan(1);
  const sankey = page.locator('.echart-host svg').first();
  await sankey.waitFor();
  await sankey
    .getByText(/Production/)
    .first()
    .waitFor();
  await sankey
    .getByText(/aluminium/i)
    .first()
    .waitFor();
  await shot('sankey');

  // 9. Chinese: the results page's headings change
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('tab', { name: '概览' }).click();
  await page.getByRole('heading', { name: '碳足迹', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'ISO 14067 分项', exact: true }).waitFor();
  expect(await total.textContent()).toBe(co2e(base.total, 'zh-CN'));
  await shot('overview-zh');
  await page.getByLabel('语言').selectOption('en');

  // 10. the two scenarios side by side: the difference shown is the difference of the two stored results
  await page.getByLabel('A', { exact: true }).selectOption({ label: 'Base case' });
  await page.getByLabel('B', { exact: true }).selectOption({ label: 'Green electricity' });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByRole('heading', { name: 'Comparison: Bell, Jiangsu plant', exact: true }).waitFor();
  const compared = new URL(page.url()).searchParams;
  const a = await api<StoredResult>(`/v1/orgs/${orgId}/calculations/${compared.get('a') ?? ''}`);
  const b = await api<StoredResult>(`/v1/orgs/${orgId}/calculations/${compared.get('b') ?? ''}`);
  expect(a.id).toBe(base.id); // the base case with equal inputs is the stored result, reused
  expect(b.footprint.scenario).toMatchObject({ id: green.id, name: 'Green electricity' });
  expect(Math.abs(b.total - byHand.green)).toBeLessThan(1e-9 * byHand.green);
  const difference = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 }).format(b.total - a.total);
  expect(await page.getByText(/^B − A:/).textContent()).toContain(difference);
  // and by hand: the certificate takes 2 kWh × 0.5827 off
  expect(difference).toBe(
    new Intl.NumberFormat('en', { maximumSignificantDigits: 4 }).format(-2 * jiangsuPerKwh),
  );
  await shot('compare');

  expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
});
