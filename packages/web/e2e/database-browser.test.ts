// End to end, the database browser on a tablet in portrait (768 px): a real `cfp serve` (production build, demo data
// with the starter database) driven by Debian's Chromium. The starter database has no linked inputs, so the provider
// link is followed in USLCI (the shared folder's openLCA JSON-LD release, uploaded through the API as a user would
// import it). Screenshots go to packages/web/test-results/ (gitignored) to be looked at.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, SCREENSHOTS, startServe, type Browser, type Serve } from './support';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** USLCI as openLCA JSON-LD (766 processes, linked inputs, uncertainties), from the shared data folder. */
const USLCI = resolve(
  process.env.OPENCFP_SHARED ?? join(root, '../shared'),
  'data/uslci/uslci-jsonld-olca1.5.zip',
);
const JIANGSU = 'Electricity, grid average, Jiangsu, CO2 emission factor 2023';
const MOLDING = 'Injection molding, rigid polypropylene part, at plant';

let serve: Serve;
let browser: Browser;
let page: Page;
/** What the page reported as broken: console errors (CSP violations among them) and uncaught exceptions. */
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe();
  browser = await launchChromium({ width: 768, height: 1024 });
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `database-browser-${name}.png`), fullPage: true });
/** How far the page scrolls sideways: wide tables must scroll inside their card, never the page. */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** The count the list announces (its live region). */
const count = () => page.getByRole('status').filter({ hasText: /datasets|flow|matches|数据集|流|匹配/ });

test('search, a dataset with its exchanges and provenance, a provider, flows, in English and Chinese', async () => {
  await page.goto(`${serve.url}/databases`);
  await page.getByLabel('E-mail').fill(serve.email);
  await page.getByLabel('Password').fill(serve.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Database browser', exact: true }).waitFor();

  // the starter database, searched: the search waits for a pause, lands in the URL, the count is announced
  await count()
    .filter({ hasText: /^1–50 of 100 datasets$/ })
    .waitFor();
  await page.getByLabel('Search processes').fill('electricity jiangsu');
  await page.waitForURL(/[?&]q=electricity\+jiangsu/);
  await count()
    .filter({ hasText: /^1–1 of 1 datasets$/ })
    .waitFor();
  await shot('01-processes');
  await page.getByRole('link', { name: JIANGSU }).click();

  // the dataset: facts, its two exchanges, provenance
  await page.getByRole('heading', { level: 1, name: JIANGSU }).waitFor();
  await page.getByRole('heading', { name: 'Inputs and outputs', exact: true }).waitFor();
  const outputs = page.getByRole('table', { name: 'Outputs' });
  const co2 = outputs.getByRole('row').filter({ hasText: 'Carbon dioxide, fossil' });
  expect(await co2.textContent()).toContain('0.5827 kg');
  expect(await co2.textContent()).toContain('Elementary flows/Emission to air/unspecified');
  const reference = outputs.getByRole('row').filter({ hasText: 'reference' });
  expect(await reference.textContent()).toContain('electricity, grid average, Jiangsu');
  expect(await reference.textContent()).toContain('1 kWh');
  expect(await page.getByText('No inputs.').count()).toBe(1);
  await page.getByText(/^0\.1619 kg CO₂e$/).waitFor(); // 0.5827 kg per kWh = 0.1619 per MJ, the reference unit
  const provenance = page.getByRole('region', { name: 'Provenance' });
  const fact = (name: string) =>
    provenance.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
  expect(await fact('Data year').textContent()).toBe('2023');
  expect(await fact('Last change').textContent()).toBe('not given in the database');
  expect(await fact('Licence').textContent()).toContain(
    'Official announcement of Chinese government departments',
  );
  expect(await fact('Database').textContent()).toBe('OpenCFP starter database, version 1');
  expect(await provenance.getByRole('link', { name: /www\.mee\.gov\.cn/ }).count()).toBe(1);
  // the filter narrows the tables in the browser
  await page.getByLabel('Filter inputs and outputs').fill('carbon');
  await page.getByRole('status').filter({ hasText: '1 of 2 exchanges shown' }).waitFor();
  expect(await outputs.getByRole('row').filter({ hasText: 'reference' }).count()).toBe(0);
  await page.getByLabel('Filter inputs and outputs').fill('');
  await page.getByRole('status').filter({ hasText: '2 of 2 exchanges shown' }).waitFor();
  await shot('02-dataset');
  expect(await overflow(), 'no sideways scrolling of the dataset page').toBeLessThanOrEqual(0);

  // flows: the four carbon dioxide flows of the starter database, with how many processes use them
  await page.getByRole('link', { name: '← Back to the database' }).click();
  await page.getByRole('navigation', { name: 'What to browse' }).getByRole('link', { name: 'Flows' }).click();
  await page.getByLabel('Search flows').fill('carbon dioxide');
  await count()
    .filter({ hasText: /^1–4 of 4 flows$/ })
    .waitFor();
  const fossil = page.getByRole('row').filter({ hasText: 'Carbon dioxide, fossil' });
  // every cell, the CAS number's too (hidden on a tablet)
  expect(await fossil.locator('td').allTextContents()).toEqual([
    'Carbon dioxide, fossilElementary flows/Emission to air/unspecified',
    'Elementary flow',
    'kg',
    '124-38-9',
    '63',
    '',
  ]);
  await page.getByLabel('Flow type').selectOption('product');
  await count()
    .filter({ hasText: /^No flow matches\.$/ })
    .waitFor();
  await page.getByLabel('Search flows').fill('jiangsu');
  await count()
    .filter({ hasText: /^1–1 of 1 flows$/ })
    .waitFor();
  expect(new URL(page.url()).searchParams.get('type')).toBe('product');
  await shot('03-flows');
  // a product's providers: the datasets that make it
  await page
    .getByRole('link', { name: 'Providers: datasets that make electricity, grid average, Jiangsu' })
    .click();
  await count()
    .filter({ hasText: /^1–1 of 1 datasets$/ })
    .waitFor();
  expect(await page.getByRole('link', { name: JIANGSU }).count()).toBe(1);

  // USLCI, imported by the demo user: a dataset with linked providers and uncertainty distributions
  const orgId = (
    (await (await page.request.get(`${serve.url}/v1/orgs`)).json()) as { organisations: { id: string }[] }
  ).organisations[0].id;
  const upload = await page.request.post(
    `${serve.url}/v1/orgs/${orgId}/databases?name=USLCI&sourceName=uslci-jsonld-olca1.5.zip`,
    { data: readFileSync(USLCI), headers: { 'content-type': 'application/zip', origin: serve.url } },
  );
  expect(upload.status()).toBe(202);
  const jobId = ((await upload.json()) as { id: string }).id;
  await expect
    .poll(
      async () =>
        (
          (await (await page.request.get(`${serve.url}/v1/orgs/${orgId}/jobs/${jobId}`)).json()) as {
            status: string;
          }
        ).status,
      { timeout: 60_000, interval: 500 },
    )
    .toBe('succeeded');
  await page.goto(`${serve.url}/databases`);
  await page.getByLabel('Database', { exact: true }).selectOption({ label: 'USLCI (version 1)' });
  await page.getByLabel('Search processes').fill('injection molding polypropylene');
  await page.waitForURL(/[?&]q=injection/);
  await page.getByRole('link', { name: MOLDING }).first().click();
  await page.getByRole('heading', { level: 1, name: MOLDING }).waitFor();
  const inputs = page.getByRole('table', { name: 'Inputs' });
  const resin = inputs.getByRole('row').filter({ hasText: 'Polypropylene resin, at plant' });
  expect(await resin.textContent()).toContain('1.034 kg');
  expect(await resin.textContent()).toContain('lognormal: geometric mean 1.034, geometric SD 1');
  const cutOff = inputs.getByRole('row').filter({ hasText: 'CUTOFF Colorant, at plant' });
  expect(await cutOff.textContent()).toContain('none in the database');
  // a multi-output process: the first row listed is a co-product; its reference product is one link away
  await page.getByRole('heading', { name: 'Products', exact: true }).waitFor();
  await page.getByRole('region', { name: 'Dataset' }).getByRole('link', { name: MOLDING }).click();
  await page.waitForURL(/product=/);
  await page.getByRole('region', { name: 'Dataset' }).getByText(MOLDING, { exact: true }).waitFor(); // now bold
  await page.getByText(/^3\.015 kg CO₂e$/).waitFor(); // per kg of molded part, the reference product
  await shot('04-dataset-uslci');
  expect(await overflow(), 'wide exchange tables scroll inside their card').toBeLessThanOrEqual(0);
  await resin.getByRole('link', { name: 'Polypropylene, resin, at plant' }).click();
  await page.getByRole('heading', { level: 1, name: 'Polypropylene, resin, at plant' }).waitFor();
  await page.getByRole('heading', { name: 'Inputs and outputs', exact: true }).waitFor();

  // Chinese: the dataset page's headings, then the flows of the starter database
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('heading', { name: '输入与输出', exact: true }).waitFor();
  await page.getByRole('heading', { name: '数据来源信息', exact: true }).waitFor();
  await page.getByRole('heading', { name: '数据质量', exact: true }).waitFor();
  await page.getByRole('heading', { name: '碳足迹', exact: true }).waitFor();
  expect(await page.getByRole('table', { name: '输入' }).count()).toBe(1);
  await page.getByText('正在加载…').first().waitFor({ state: 'detached' });
  await shot('05-dataset-zh');
  await page.getByRole('link', { name: '← 返回数据库' }).click();
  await page.getByRole('heading', { name: '数据库浏览', exact: true }).waitFor();
  await page
    .getByLabel('数据库', { exact: true })
    .selectOption({ label: 'OpenCFP starter database（第 1 版）' });
  await page.getByRole('navigation', { name: '浏览内容' }).getByRole('link', { name: '流' }).click();
  await page.getByLabel('搜索流').fill('二氧化碳');
  await count()
    .filter({ hasText: /^第 1–5 条，共 5 个流$/ })
    .waitFor();
  expect(await page.getByRole('columnheader', { name: '使用过程数' }).count()).toBe(1);
  expect(await page.getByRole('table').getByText('基本流', { exact: true }).count()).toBe(5);
  await shot('06-flows-zh');
  expect(await overflow()).toBeLessThanOrEqual(0);

  // the signed-out check of the first load is the only failed request
  expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
});
