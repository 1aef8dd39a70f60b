// End to end, what a new user's trial of the web app found (issue 6, "the web app"), walked as that user in Debian's
// Chromium against a real `cfp serve` (production build, demo data): a product declared per 1 kg whose model makes
// 1.1 kg per run; the background database readable in its select; a new electricity input on the life-cycle basis
// with why in plain words, and a caution for operational CO₂; one press of Calculate calculates (and a reload does
// not calculate again); the results page and the dashboard show the base case, per the result's own 1.1 kg with a
// note; a scenario's result says so; the split reads "of which" under the total; the comparison names
// pre-aggregated CO₂e; the Monte Carlo panel in plain words; the starter dataset's description without "..". Then
// Chinese, and a tablet. Screenshots: packages/web/test-results/trial-NN-<step>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, SCREENSHOTS, startServe, type Browser, type Serve } from './support';

let serve: Serve;
let browser: Browser;
let page: Page;
/** Uncaught exceptions of the page. */
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

let step = 0;
/** A full-page screenshot, numbered in the order of the walk. */
const shot = (name: string) =>
  page.screenshot({
    path: join(SCREENSHOTS, `trial-${String(++step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });

/** A GET of the API with the page's session cookie. */
const api = <T>(path: string): Promise<T> =>
  page.evaluate(async (p) => {
    const response = await fetch(p);
    if (!response.ok) throw new Error(`${p}: ${response.status} ${await response.text()}`);
    return (await response.json()) as unknown;
  }, path) as Promise<T>;

/** A footprint as the page writes it (format.co2e: 4 significant digits). */
const co2e = (x: number, language = 'en') =>
  `${new Intl.NumberFormat(language, { maximumSignificantDigits: 4 }).format(x)} kg CO₂e`;

/** The card of an input or scenario (its accessible name is its name). */
const inputCard = (name: string): Locator => page.getByRole('listitem', { name, exact: true });

/**
 * Whether a select shows the whole text of its chosen option: the text's width in the select's own font against
 * the room inside it (its width less padding and the arrow).
 */
const selectShowsItsText = (select: Locator) =>
  select.evaluate((element) => {
    const s = element as HTMLSelectElement;
    const style = getComputedStyle(s);
    const context = document.createElement('canvas').getContext('2d');
    if (!context) throw new Error('no canvas');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText(s.options[s.selectedIndex].text).width;
    const arrow = 24;
    const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
    return { text: s.options[s.selectedIndex].text, fits: text <= room, width: text, room };
  });

/** The page scrolls sideways (it must not: wide tables scroll inside their cards). */
const pageOverflows = () =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

interface StoredResult {
  id: string;
  total: number;
  footprint: {
    scenario: { id: string; name: string } | null;
    declaredUnit: { amount: number; unit: string };
    byGas: { species: string; kind?: string }[];
  };
}
interface Job {
  id: string;
  status: string;
  input: Record<string, unknown>;
}

const DIFFERS =
  "The model's reference output (1.1 kg) is not the product's declared unit (1 kg); not converted.";
const DIFFERS_ZH = '模型的参考产出（1.1 kg）不是产品的声明单位（1 kg）；未作换算。';

test('the trial’s findings: base case, own unit, life-cycle electricity, one-press Calculate, plain words', async () => {
  // sign in
  await page.goto(`${serve.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('opencfp.language', 'en'));
  await page.reload();
  await page.getByLabel('E-mail').fill(serve.email);
  await page.getByLabel('Password').fill(serve.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Demo organisation', exact: true }).waitFor();
  const { organisations } = await api<{ organisations: { id: string }[] }>('/v1/orgs');
  const orgId = organisations[0].id;

  // a product declared per 1 kg, and its model on the starter database
  await page.getByRole('link', { name: '+ New product' }).click();
  await page.getByLabel('Name (English)').fill('Trial widget');
  await page.getByLabel('Name (Chinese)').fill('试用部件');
  await page.getByLabel('Declared unit: amount').fill('1');
  await page.getByLabel('Declared unit: unit').fill('kg');
  await page.getByRole('button', { name: 'Create product' }).click();
  await page.getByRole('heading', { name: 'Trial widget', exact: true, level: 1 }).waitFor();
  // the database's select on the product page shows its whole name and version
  expect(await selectShowsItsText(page.getByLabel('Background database'))).toMatchObject({ fits: true });
  await page.getByLabel('Model name').fill('Widget, trial');
  await page.getByRole('button', { name: 'Create and open the editor' }).click();
  await page.getByRole('heading', { name: 'Widget, trial', exact: true, level: 1 }).waitFor();
  const modelId = /\/models\/([\w-]+)\/edit$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  expect(modelId).not.toBe('');
  const database = page.getByLabel('Background database');
  expect(await selectShowsItsText(database)).toMatchObject({
    text: 'OpenCFP starter database (version 1)',
    fits: true,
  });

  // the reference process makes 1.1 kg per run (the product is declared per 1 kg), of 0.5 kg of aluminium
  await page.getByLabel('Output amount').fill('1.1');
  await page.getByRole('button', { name: '+ Dataset' }).click();
  await page.getByRole('combobox', { name: 'Search the background database' }).fill('aluminium');
  await page.getByRole('option', { name: /Primary aluminium, cast, global average/ }).click();
  await inputCard('primary aluminium, cast').getByLabel('Amount').fill('0.5');

  // new electricity: the national grid on the life-cycle basis, the latest year every accounting can use, with why
  await page.getByRole('button', { name: '+ Electricity' }).click();
  const power = inputCard('Grid electricity');
  const basis = power.getByLabel('Factor basis');
  expect(await power.getByLabel('Grid area').inputValue()).toBe('全国');
  expect(await basis.inputValue()).toBe('life-cycle-co2e');
  expect(await power.getByLabel('Data year').inputValue()).toBe('2023');
  await power.getByText(/^0\.6205 kg CO2e\/kWh/).waitFor();
  await power
    .getByText(/^Why life cycle: ISO 14067 counts the emissions of electricity over its whole life/)
    .waitFor();
  const caution = power.getByText(/^Caution: ISO 14067 counts the life-cycle emissions of electricity/);
  expect(await caution.count()).toBe(0);
  // operational CO2 chosen: the one-line caution
  await basis.selectOption('operational-co2');
  await caution.waitFor();
  await power.getByText(/^0\.5306 kg CO2\/kWh/).waitFor();
  await shot('electricity-operational');
  // a province has only operational factors: its basis, why, and the life-cycle option marked national only
  await power.getByLabel('Grid area').selectOption('江苏');
  expect(await basis.inputValue()).toBe('operational-co2');
  await power.getByText(/^Only operational CO₂ factors are published for Jiangsu/).waitFor();
  expect(
    await basis
      .locator('option[value="life-cycle-co2e"]')
      .evaluate((o) => [(o as HTMLOptionElement).disabled, o.textContent]),
  ).toEqual([true, 'Carbon footprint factors (life cycle) (national grid only)']);
  await caution.waitFor();
  // back to the national grid: its default, life cycle, again
  await power.getByLabel('Grid area').selectOption('全国');
  expect(await basis.inputValue()).toBe('life-cycle-co2e');
  await caution.waitFor({ state: 'detached' });
  await power.getByLabel('Energy consumed').fill('2');

  // a scenario: market-based accounting (the residual-like factor covers the default year: it calculates)
  await page.getByRole('button', { name: '+ Scenario' }).click();
  await inputCard('New scenario').getByLabel('Name').fill('Market-based');
  await inputCard('Market-based')
    .getByLabel('Electricity accounting in this scenario')
    .selectOption('market-based');
  await page
    .getByRole('toolbar')
    .getByText(/^All changes saved · version \d+/)
    .waitFor({ timeout: 20_000 });
  await shot('editor');

  // one press of Calculate: saved, then calculated (the results page starts the job on arrival)
  const jobs = () =>
    api<{ jobs: Job[] }>(`/v1/orgs/${orgId}/jobs?kind=model-calculation&modelId=${modelId}`).then(
      (j) => j.jobs,
    );
  expect(await jobs()).toHaveLength(0);
  await page.getByRole('toolbar').getByRole('button', { name: 'Calculate' }).click();
  await page.getByRole('heading', { name: 'Results: Widget, trial', exact: true }).waitFor();
  await page.locator('.job-progress').getByText('Succeeded').waitFor({ timeout: 30_000 });
  await page.waitForURL(
    (url) => url.pathname === `/models/${modelId}/results` && !url.search.includes('calculate'),
  );
  const total = page.locator('.result-total');
  await total.waitFor();
  const started = await jobs();
  expect(started).toHaveLength(1);
  expect(started[0]).toMatchObject({ status: 'succeeded' });
  expect(started[0].input).not.toHaveProperty('scenarioId');
  const list = await api<{ results: { id: string }[] }>(`/v1/orgs/${orgId}/models/${modelId}/calculations`);
  expect(list.results).toHaveLength(1);
  const base = await api<StoredResult>(`/v1/orgs/${orgId}/calculations/${list.results[0].id}`);
  expect(base.footprint.scenario).toBeNull();
  expect(base.footprint.declaredUnit).toMatchObject({ amount: 1.1, unit: 'kg' });
  expect(Number(await total.getAttribute('data-total'))).toBe(base.total);
  await shot('calculated-once');
  // a reload calculates nothing more
  await page.reload();
  await page.locator('.result-total').waitFor();
  await page.waitForLoadState('networkidle');
  expect(await jobs()).toHaveLength(1);

  // the total is per the result's own 1.1 kg, with the note; the split reads aircraft and packaging under the total
  const totalCard = page.getByRole('region', { name: 'Carbon footprint' });
  await totalCard.getByText('per 1.1 kg of Trial widget', { exact: true }).waitFor();
  await totalCard.getByText(DIFFERS).waitFor();
  const split = page.getByRole('table', { name: 'ISO 14067 split' });
  expect((await split.getByRole('rowheader').allTextContents()).slice(0, 4)).toEqual([
    'Total',
    'of which aircraft transport',
    'of which packaging',
    'Fossil GHG emissions',
  ]);
  // the gas table names pre-aggregated CO2e as what it is
  const gases = await page.getByRole('table', { name: 'By gas' }).getByRole('rowheader').allTextContents();
  expect(gases).not.toContain('CO₂e');
  expect(gases.some((name) => name.startsWith('CO₂e, pre-aggregated'))).toBe(true);

  // the scenario calculated on the results page: it is shown, and says it is not the base case
  const calculateForm = page.getByRole('form', { name: 'Calculate' });
  await calculateForm.getByLabel('Scenario').selectOption({ label: 'Market-based' });
  await calculateForm.getByRole('button', { name: 'Calculate', exact: true }).click();
  await page.getByText('Shown: the scenario “Market-based”, not the base case.').waitFor({ timeout: 30_000 });
  const newest = (
    await api<{ results: { id: string }[] }>(`/v1/orgs/${orgId}/models/${modelId}/calculations`)
  ).results[0];
  const scenario = await api<StoredResult>(`/v1/orgs/${orgId}/calculations/${newest.id}`);
  expect(scenario.footprint.scenario).toMatchObject({ name: 'Market-based' });
  expect(scenario.total).not.toBe(base.total);
  await shot('scenario-shown');
  // opened again without choosing: the base case, not the newest result
  await page.goto(`${serve.url}/models/${modelId}/results`);
  await page.locator('.result-total').waitFor();
  expect(Number(await page.locator('.result-total').getAttribute('data-total'))).toBe(base.total);
  expect(await page.getByText(/not the base case/).count()).toBe(0);

  // the dashboard: the base case, per 1.1 kg with the note (the product page says 1 kg)
  await page.goto(`${serve.url}/`);
  const latest = page.getByRole('table', { name: 'Latest footprints' });
  const row = latest.getByRole('row').filter({ has: page.getByRole('link', { name: 'Widget, trial' }) });
  await row.getByText(co2e(base.total)).waitFor();
  await row.getByText('per 1.1 kg', { exact: true }).waitFor();
  await row.getByText(DIFFERS).waitFor();
  expect(await row.textContent()).not.toContain(co2e(scenario.total));
  await shot('dashboard-en-1366');

  // the comparison: each total per its own unit; the by-gas rows name pre-aggregated CO2e, and say what it is
  await page.goto(`${serve.url}/models/${modelId}/compare?a=${base.id}&b=${scenario.id}`);
  await page.getByRole('heading', { name: 'Comparison: Widget, trial', exact: true }).waitFor();
  expect(await page.getByText('per 1.1 kg', { exact: true }).count()).toBe(2);
  const compared = await page
    .getByRole('table', { name: 'A and B in detail' })
    .getByRole('rowheader')
    .allTextContents();
  expect(compared).not.toContain('CO₂e');
  expect(compared.filter((name) => name.startsWith('CO₂e, pre-aggregated')).length).toBeGreaterThan(0);
  await page
    .getByText(/^CO₂e, pre-aggregated: greenhouse gases a source gives only as one CO₂e figure/)
    .waitFor();
  await shot('compare-en-1366');

  // Monte Carlo in plain words: no document paths, no option names, the engine's notes said in the catalogue's words
  await page.goto(`${serve.url}/models/${modelId}/results?result=${base.id}&view=quality`);
  await page.getByLabel('Iterations').fill('200');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText(/^P5–P95: /).waitFor({ timeout: 60_000 });
  const panel = page.getByRole('region', { name: 'Uncertainty (Monte Carlo)' });
  await panel
    .getByText("The background datasets' own uncertainty is not drawn: their footprints are taken as stated.")
    .waitFor();
  await panel.getByText(/^The published electricity factors have no uncertainty and stay fixed/).waitFor();
  expect(await panel.textContent()).not.toMatch(/\/processes\/\d|backgroundUncertainty/);
  expect(await panel.locator('[lang="en"]').count()).toBe(0);
  await shot('monte-carlo-en');

  // the starter dataset's description: one full stop, and no path inside the repository
  const versionId = await api<{ versions: { id: string }[] }>(`/v1/orgs/${orgId}/databases`).then(
    (d) => d.versions[0].id,
  );
  const { processes } = await api<{ processes: { processId: string }[] }>(
    `/v1/orgs/${orgId}/databases/${versionId}/processes?search=electricity+jiangsu`,
  );
  await page.goto(`${serve.url}/databases/${versionId}/processes/${processes[0].processId}`);
  const description = page.getByText(/^Average CO2 emitted in generating the electricity/);
  await description.waitFor();
  const text = (await description.textContent()) ?? '';
  expect(text).toContain('used with citation of the announcement.\n');
  expect(text).not.toContain('..');
  expect(text).not.toMatch(/shared\/|shared CSV/);
  expect(text).toContain("OpenCFP's table of China's published electricity factors");

  // Chinese: the same findings in Chinese
  await page.goto(`${serve.url}/models/${modelId}/results`);
  await page.getByLabel('Language').selectOption('zh-CN');
  await page
    .getByRole('region', { name: '碳足迹' })
    .getByText('每 1.1 kg 试用部件', { exact: true })
    .waitFor();
  await page.getByText(DIFFERS_ZH).first().waitFor();
  const splitZh = await page
    .getByRole('table', { name: 'ISO 14067 分项' })
    .getByRole('rowheader')
    .allTextContents();
  expect(splitZh.slice(0, 3)).toEqual(['合计', '其中 航空排放', '其中 包装']);
  await shot('results-zh-1366');
  await page.goto(`${serve.url}/`);
  await page.getByRole('table', { name: '最新碳足迹' }).getByText(DIFFERS_ZH).waitFor();
  await shot('dashboard-zh-1366');
  await page.goto(`${serve.url}/models/${modelId}/edit`);
  const powerZh = inputCard('Grid electricity');
  await powerZh.getByText(/^为何采用全生命周期：ISO 14067 按电力的全生命周期计算排放/).waitFor();
  await powerZh.getByLabel('因子类型').selectOption('operational-co2');
  await powerZh.getByText(/^注意：ISO 14067 按电力的全生命周期计算排放/).waitFor();
  await shot('editor-zh-1366');
  await powerZh.getByLabel('因子类型').selectOption('life-cycle-co2e');
  await page
    .getByRole('toolbar')
    .getByText(/^所有修改已保存/)
    .waitFor({ timeout: 20_000 });
  await page.goto(`${serve.url}/models/${modelId}/compare?a=${base.id}&b=${scenario.id}`);
  await page.getByText(/^CO₂e（预先汇总）：/).waitFor();
  await shot('compare-zh-1366');

  // a tablet in portrait, in both languages: the database readable, nothing wider than the page
  await page.setViewportSize({ width: 768, height: 1024 });
  for (const language of ['zh-CN', 'en'] as const) {
    await page.goto(`${serve.url}/models/${modelId}/edit`);
    await page.getByLabel(/^(Language|语言)$/).selectOption(language);
    const select = page.getByLabel(language === 'en' ? 'Background database' : '背景数据库').first();
    await select.waitFor();
    expect(await selectShowsItsText(select)).toMatchObject({ fits: true });
    expect(await pageOverflows()).toBe(false);
    await shot(`editor-${language}-768`);
    await page.goto(`${serve.url}/models/${modelId}/results`);
    await page.locator('.result-total').waitFor();
    expect(await pageOverflows()).toBe(false);
    await shot(`results-${language}-768`);
    await page.goto(`${serve.url}/`);
    await page
      .getByText(language === 'en' ? DIFFERS : DIFFERS_ZH)
      .first()
      .waitFor();
    expect(await pageOverflows()).toBe(false);
    await shot(`dashboard-${language}-768`);
    await page.goto(`${serve.url}/models/${modelId}/compare?a=${base.id}&b=${scenario.id}`);
    await page.locator('.compare-headline').waitFor();
    expect(await pageOverflows()).toBe(false);
    await shot(`compare-${language}-768`);
  }
  // and the editor at 1366 in English, the database's select as the trial saw it
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto(`${serve.url}/models/${modelId}/edit`);
  expect(await selectShowsItsText(page.getByLabel('Background database'))).toMatchObject({ fits: true });
  await shot('editor-en-1366');

  expect(problems).toEqual([]);
}, 300_000);
