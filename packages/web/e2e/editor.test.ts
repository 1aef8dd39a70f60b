// End to end, the product and model editor: a real `cfp serve` (production build, demo data) driven by Debian's
// Chromium — create a product and its model on the starter database, add inputs found by searching the database, a
// transport leg and grid electricity, see problems in place (the browser's and the server's validation), the
// functional unit and declared boundary, undo, autosave, reload, and a conflict with a save made elsewhere (both ways
// out of it). Screenshots go to packages/web/test-results/editor-*.png.
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

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  // the editor asks before leaving with unsaved changes; the test leaves on purpose
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `editor-${name}.png`), fullPage: true });

/** A model as the API returns it (what the test reads of it). */
interface StoredModel {
  version: number;
  name: string;
  model: {
    boundary?: string;
    functionalUnit?: { en?: string; zh?: string };
    processes: {
      name: string;
      inputs?: { name: string; amount: number | string; unit: string; source: Record<string, unknown> }[];
    }[];
  };
}

/** The model with the page's session cookie (GET …/models/{id}). */
const readModel = (orgId: string, modelId: string): Promise<StoredModel> =>
  page.evaluate(async (path) => {
    const response = await fetch(path);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as StoredModel;
  }, `/v1/orgs/${orgId}/models/${modelId}`);

/** Someone else's save: the model as stored, with a process renamed, PUT with its version (as another client). */
const saveElsewhere = (orgId: string, modelId: string, processName: string) =>
  page.evaluate(
    async ({ path, processName }) => {
      const current = (await (await fetch(path)).json()) as StoredModel;
      current.model.processes[0].name = processName;
      const response = await fetch(path, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': `"${current.version}"` },
        body: JSON.stringify({ model: current.model }),
      });
      if (!response.ok) throw new Error(`PUT ${path}: ${response.status}`);
      return ((await response.json()) as StoredModel).version;
    },
    { path: `/v1/orgs/${orgId}/models/${modelId}`, processName },
  );

/** The card of an input (its accessible name is the input's name). */
const inputCard = (name: string): Locator => page.getByRole('listitem', { name, exact: true });

/** Waits until the toolbar says that everything is saved, and returns the version it names. */
async function savedVersion(): Promise<number> {
  const status = page.getByRole('toolbar').getByText(/^All changes saved · version \d+/);
  await status.waitFor({ timeout: 20_000 });
  return Number(/version (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
}

test('create a product and its model, add inputs from the database, transport and electricity; undo, autosave, reload, conflict', async () => {
  await page.goto(`${serve.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('opencfp.language', 'en'));
  await page.reload();
  await page.getByLabel('E-mail').fill(serve.email);
  await page.getByLabel('Password').fill(serve.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Demo organisation', exact: true }).waitFor();
  const orgId = await page.evaluate(
    async () =>
      ((await (await fetch('/v1/me')).json()) as { memberships: { id: string }[] }).memberships[0].id,
  );

  // a new product: names in both languages, its declared unit, category and a GTIN (a wrong check digit warns)
  await page.getByRole('link', { name: '+ New product' }).click();
  await page.getByRole('heading', { name: 'New product', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Create product' }).click();
  await page.getByLabel('Name (English)').waitFor();
  expect(await page.getByText('Required.').count()).toBeGreaterThan(0);
  await page.getByLabel('Name (English)').fill('Aluminium water bottle');
  await page.getByLabel('Name (Chinese)').fill('铝制水瓶');
  await page.getByLabel('Declared unit: amount').fill('1');
  await page.getByLabel('Declared unit: unit').fill('item');
  await page.getByLabel('Category scheme').selectOption('HS');
  await page.getByLabel('Category code').fill('761290');
  await page.getByRole('button', { name: '+ Identifier' }).click();
  await page.getByLabel('Identifier 1: value').fill('4006381333932');
  await page.getByText("This GTIN's check digit is wrong: check the number.").waitFor();
  await page.getByLabel('Identifier 1: value').fill('4006381333931');
  await page.getByText("This GTIN's check digit is wrong: check the number.").waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Create product' }).click();
  await page.getByRole('heading', { name: 'Aluminium water bottle', exact: true, level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/products\/[\w-]+$/);
  await shot('01-product');

  // its model, cradle to gate, on the starter database
  await page.getByLabel('Model name').fill('Bottle, 2026');
  await page.getByRole('button', { name: 'Create and open the editor' }).click();
  await page.getByRole('heading', { name: 'Bottle, 2026', exact: true, level: 1 }).waitFor();
  const modelId = /\/models\/([\w-]+)\/edit$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  expect(modelId).not.toBe('');
  expect(await page.getByLabel('Background database').inputValue()).not.toBe('');
  // the boundary it was created with is declared in the document, and the stages say the same
  expect(await page.getByLabel('Declared boundary').inputValue()).toBe('cradle-to-gate');
  await page.locator('strong', { hasText: 'Cradle to gate' }).waitFor();
  await page.getByLabel('Functional unit (English)').fill('One 750 ml aluminium water bottle');

  // a dataset found by searching the starter database: aluminium, picked with the keyboard
  await page.getByRole('button', { name: '+ Dataset' }).click();
  const search = page.getByRole('combobox', { name: 'Search the background database' });
  await search.fill('aluminium');
  await page.getByRole('option', { name: /Primary aluminium, cast, global average/ }).waitFor();
  await shot('02-dataset-search');
  await search.press('Enter');
  const aluminium = inputCard('primary aluminium, cast');
  await aluminium.getByRole('link', { name: 'Primary aluminium, cast, global average' }).waitFor();
  await aluminium.getByLabel('Amount').fill('0.25');
  expect(await aluminium.getByLabel('Unit').inputValue()).toBe('kg');
  // a unit the dataset cannot be given in: the browser cannot tell, the server's validation says it in place
  await aluminium.getByLabel('Unit').selectOption({ label: 'Other unit…' });
  await aluminium.getByLabel('Unit').fill('kWh');
  const mismatch = aluminium.getByText(/This unit cannot be converted to the unit of what it links to\./);
  await mismatch.waitFor({ timeout: 20_000 });
  await shot('03-validation-in-place');
  await aluminium.getByRole('button', { name: 'Choose from the list' }).click();
  await aluminium.getByLabel('Unit').selectOption('kg');
  await mismatch.waitFor({ state: 'detached', timeout: 20_000 });

  // electricity as a dataset, in kWh of a dataset measured in MJ: the editor shows what the server converts to
  await page.getByRole('button', { name: '+ Dataset' }).click();
  await page.getByRole('combobox', { name: 'Search the background database' }).fill('electricity jiangsu');
  await page.getByRole('option', { name: /Electricity, grid average, Jiangsu/ }).click();
  const jiangsu = inputCard('electricity, grid average, Jiangsu');
  await jiangsu.getByLabel('Unit').selectOption('kWh');
  await jiangsu.getByLabel('Amount').fill('1.5');
  await jiangsu.getByText('= 5.4 MJ in the unit it links to').waitFor();

  // a transport leg by lorry (the starter dataset of the mode), its t·km shown
  await page.getByRole('button', { name: '+ Transport leg' }).click();
  const leg = inputCard('Transport leg');
  await leg.getByLabel('Input name').fill('To the customer, lorry');
  const lorry = inputCard('To the customer, lorry');
  await lorry.getByLabel('Mass moved').fill('0.3');
  await lorry.getByLabel('Unit', { exact: true }).selectOption('kg');
  expect(await lorry.getByLabel('Transport dataset', { exact: true }).inputValue()).not.toBe('');
  // a bad value says so in place, and autosave waits for it
  await lorry.getByLabel('Distance', { exact: true }).fill('-500');
  const distanceProblem = lorry.getByText('Must be at least 0.');
  await distanceProblem.waitFor();
  expect(await lorry.getByLabel('Distance', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await page.getByRole('toolbar').getByText('Not saved: fix 1 problem(s) first').waitFor();
  await shot('04-problem-in-place');
  await lorry.getByLabel('Distance', { exact: true }).fill('500');
  await distanceProblem.waitFor({ state: 'detached' });
  await lorry.getByText('= 0.15 t·km').waitFor();

  // grid electricity of Jiangsu, location-based, with the published factor shown
  await page.getByRole('button', { name: '+ Electricity' }).click();
  const power = inputCard('Grid electricity');
  await power.getByLabel('Grid area').selectOption('江苏');
  await power.getByLabel('Energy consumed').fill('2');
  await power.getByText(/^0\.5827 kg CO2\/kWh/).waitFor();

  // a formula with a typo says where, in place
  await aluminium.getByLabel('Amount').fill('0.25 * (1 + scrap');
  await aluminium.getByText('A parenthesis opened at column 8 is not closed.').waitFor();
  await aluminium.getByLabel('Amount').fill('0.25');

  // undo: a renamed process comes back (Ctrl+Z), and redo takes the new name again
  const processName = page.getByLabel('Process name');
  await processName.fill('Bottle forming');
  await page.keyboard.press('Control+z');
  expect(await processName.inputValue()).toBe('Production');
  await page.keyboard.press('Control+Shift+z');
  expect(await processName.inputValue()).toBe('Bottle forming');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  expect(await processName.inputValue()).toBe('Production');

  // autosave: the toolbar says when; the server holds the inputs
  const version = await savedVersion();
  expect(version).toBeGreaterThan(1);
  await shot('05-editor-en');
  const stored = await readModel(orgId, modelId);
  expect(stored.version).toBe(version);
  const inputs = stored.model.processes[0].inputs ?? [];
  expect(inputs.map((i) => i.source.kind)).toEqual(['background', 'background', 'transport', 'electricity']);
  expect(inputs[0]).toMatchObject({ amount: 0.25, unit: 'kg' });
  expect(inputs[1]).toMatchObject({ amount: 1.5, unit: 'kWh' });
  expect(inputs[2]).toMatchObject({ amount: 0.3, unit: 'kg' });
  expect(inputs[2].source).toMatchObject({ kind: 'transport', mode: 'road', distance: 500 });
  expect(inputs[3].source).toMatchObject({ kind: 'electricity', region: '江苏' });
  expect(stored.model.processes[0].name).toBe('Production');
  expect(stored.model.functionalUnit).toEqual({ en: 'One 750 ml aluminium water bottle' });
  expect(stored.model.boundary).toBe('cradle-to-gate');

  // reload: the model as saved
  await page.reload();
  await page.getByRole('heading', { name: 'Bottle, 2026', exact: true, level: 1 }).waitFor();
  await inputCard('To the customer, lorry').waitFor();
  expect(await inputCard('primary aluminium, cast').getByLabel('Amount').inputValue()).toBe('0.25');
  expect(await savedVersion()).toBe(version);

  // a conflict: someone else saves (another client, with the version they read), then this editor saves
  await saveElsewhere(orgId, modelId, 'Renamed elsewhere');
  await inputCard('primary aluminium, cast').getByLabel('Amount').fill('0.3');
  const banner = page
    .getByRole('alert')
    .filter({ hasText: 'Someone else saved this model while you were editing' });
  await banner.waitFor({ timeout: 20_000 });
  await page.getByRole('toolbar').getByText('Not saved: someone else saved a newer version').waitFor();
  await shot('06-conflict');
  // nothing of theirs was overwritten, and my change is still on screen
  expect((await readModel(orgId, modelId)).model.processes[0].name).toBe('Renamed elsewhere');
  expect(await inputCard('primary aluminium, cast').getByLabel('Amount').inputValue()).toBe('0.3');
  // keep mine: saved over theirs on purpose, with their version
  await banner.getByRole('button', { name: 'Keep mine (save over theirs)' }).click();
  await banner.waitFor({ state: 'detached' });
  const afterMine = await savedVersion();
  const mine = await readModel(orgId, modelId);
  expect(mine.version).toBe(afterMine);
  expect(mine.model.processes[0].name).toBe('Production');
  expect(mine.model.processes[0].inputs?.[0].amount).toBe(0.3);

  // another conflict, resolved the other way: their version is loaded, and undo would bring mine back
  await saveElsewhere(orgId, modelId, 'Their forming');
  await inputCard('primary aluminium, cast').getByLabel('Amount').fill('0.35');
  await banner.waitFor({ timeout: 20_000 });
  await banner.getByRole('button', { name: 'Load their version' }).click();
  await banner.waitFor({ state: 'detached' });
  expect(await page.getByLabel('Process name').inputValue()).toBe('Their forming');
  expect(await inputCard('primary aluminium, cast').getByLabel('Amount').inputValue()).toBe('0.3');
  await page
    .getByRole('toolbar')
    .getByText(/^All changes saved/)
    .waitFor();

  // Calculate goes to the results of this model
  await page.getByRole('button', { name: 'Calculate' }).click();
  await page.waitForURL(`**/models/${modelId}/results`);

  // Chinese, then a tablet in portrait: the page fits its width
  await page.goto(`${serve.url}/models/${modelId}/edit`);
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('heading', { name: '过程', exact: true }).waitFor();
  await page
    .getByRole('toolbar')
    .getByText(/^所有修改已保存/)
    .waitFor();
  await inputCard('To the customer, lorry').waitFor();
  await shot('07-editor-zh');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('heading', { name: '过程', exact: true }).waitFor();
  await shot('08-editor-tablet-zh');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no horizontal scrolling of the page on a tablet').toBeLessThanOrEqual(0);

  // the browser logs each refused request: the two conflicts' 409s are expected, nothing else
  expect(problems.filter((p) => p.includes('409'))).toHaveLength(2);
  expect(problems.filter((p) => !p.includes('401') && !p.includes('409'))).toEqual([]);
});
