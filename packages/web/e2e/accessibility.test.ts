// The accessibility audit of the web app's main pages: a real `cfp serve` (production build, demo data) driven by
// Debian's Chromium, axe-core injected into each page — sign-in, dashboard, the database browser's processes and
// flows, a dataset, a product, the model editor, a result's overview, upstream tree and Sankey diagram, and a
// comparison — in English and Chinese, at a laptop's width and a tablet's (768 px). Any violation of impact
// 'serious' or 'critical' of the WCAG 2.1 A/AA rules (and axe's best practices: landmarks, heading order …) fails.
// Then the main path by keyboard alone: the sign-in form, the dashboard, a model's results and their tabs.
// Screenshots go to packages/web/test-results/a11y-*.png.
import type { AxeResults, ImpactValue } from 'axe-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import en from '../src/i18n/en.json';
import zh from '../src/i18n/zh-CN.json';
import { launchChromium, SCREENSHOTS, startServe, type Browser, type Serve } from './support';

/** axe-core's browser bundle, evaluated in each page (the app's CSP forbids inline scripts, not DevTools'). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The rules run: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** What fails the audit. */
const FAILING: readonly ImpactValue[] = ['serious', 'critical'];

let serve: Serve;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** What the pages show: ids found through the API once, before the audit. */
interface Fixture {
  orgId: string;
  modelId: string;
  modelName: string;
  productId: string;
  versionId: string;
  processId: string;
  baseResultId: string;
  scenarioResultId: string;
}
let fixture: Fixture;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  // the editor asks before leaving with changes it could not save (the audit leaves one on purpose)
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${serve.url}/sign-in`);
  await signIn();
  const orgId = (await api<{ organisations: { id: string }[] }>('/v1/orgs')).organisations[0].id;
  const { products } = await api<{ products: { id: string; nameEn: string }[] }>(
    `/v1/orgs/${orgId}/products`,
  );
  const battery = products.find((p) => p.nameEn.includes('LFP'));
  const { models } = await api<{ models: { id: string; name: string; productId: string }[] }>(
    `/v1/orgs/${orgId}/models`,
  );
  const model = models.find((m) => m.productId === battery?.id);
  if (!battery || !model) throw new Error('no demo battery model');
  const { model: document } = await api<{ model: { scenarios: { id: string }[] } }>(
    `/v1/orgs/${orgId}/models/${model.id}`,
  );
  const calculate = (body: object) =>
    api<{ id: string }>(`/v1/orgs/${orgId}/models/${model.id}/calculations`, body);
  const baseResult = await calculate({});
  const scenarioResult = await calculate({ scenarioId: document.scenarios[0].id });
  const { versions } = await api<{ versions: { id: string; name: string }[] }>(`/v1/orgs/${orgId}/databases`);
  const versionId = versions.find((v) => v.name === 'OpenCFP starter database')?.id ?? '';
  const { processes } = await api<{ processes: { processId: string }[] }>(
    `/v1/orgs/${orgId}/databases/${versionId}/processes?search=electricity+jiangsu`,
  );
  fixture = {
    orgId,
    modelId: model.id,
    modelName: model.name,
    productId: battery.id,
    versionId,
    processId: processes[0].processId,
    baseResultId: baseResult.id,
    scenarioResultId: scenarioResult.id,
  };
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

/** A call of the API with the page's session cookie (POST when there is a body). */
const api = <T>(path: string, body?: object): Promise<T> =>
  page.evaluate(
    async ({ path, body }) => {
      const response = await fetch(
        path,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : ((await response.json()) as unknown);
    },
    { path, body },
  ) as Promise<T>;

/** Signs in as the demo user (the server sets the session cookie on this page's origin). */
const signIn = () => api('/v1/auth/sign-in', { email: serve.email, password: serve.password });
const signOut = () => api('/v1/auth/sign-out', {});

/** The catalogue of a language (the audit finds controls by what they say). */
type Messages = typeof en;
const MESSAGES: Record<string, Messages> = { en, 'zh-CN': zh };

/** One page of the audit: where it is, what shows that it has loaded, and what is done on it before the audit. */
interface AuditedPage {
  name: string;
  path: (f: Fixture) => string;
  ready: string;
  signedOut?: boolean;
  prepare?: (messages: Messages) => Promise<void>;
}

const PAGES: readonly AuditedPage[] = [
  { name: 'sign-in', path: () => '/sign-in', ready: 'form input[type=password]', signedOut: true },
  { name: 'dashboard', path: () => '/', ready: 'main table' },
  { name: 'processes', path: (f) => `/databases?version=${f.versionId}`, ready: 'main table tbody tr' },
  {
    name: 'flows',
    path: (f) => `/databases?version=${f.versionId}&view=flows`,
    ready: 'main table tbody tr',
  },
  {
    name: 'dataset',
    path: (f) => `/databases/${f.versionId}/processes/${f.processId}`,
    ready: 'main .echart-host svg',
  },
  { name: 'product', path: (f) => `/products/${f.productId}`, ready: 'main form' },
  { name: 'editor', path: (f) => `/models/${f.modelId}/edit`, ready: 'main [role=toolbar]' },
  {
    // a new dataset input, its search open with options, and the problem it has until one is chosen
    name: 'editor-search',
    path: (f) => `/models/${f.modelId}/edit`,
    ready: 'main [role=toolbar]',
    prepare: async (messages) => {
      await page.getByRole('button', { name: messages.editor.add.background, exact: true }).first().click();
      await page.getByRole('combobox', { name: messages.editor.background.search }).fill('aluminium');
      await page.getByRole('listbox').getByRole('option').first().waitFor();
    },
  },
  {
    name: 'results-overview',
    path: (f) => `/models/${f.modelId}/results?result=${f.baseResultId}`,
    ready: 'main .result-total',
  },
  {
    name: 'results-tree',
    path: (f) => `/models/${f.modelId}/results?result=${f.baseResultId}&view=tree`,
    ready: 'main [role=tabpanel] table tbody tr',
  },
  {
    name: 'results-sankey',
    path: (f) => `/models/${f.modelId}/results?result=${f.baseResultId}&view=sankey`,
    ready: 'main [role=tabpanel] .echart-host svg',
  },
  {
    name: 'compare',
    path: (f) => `/models/${f.modelId}/compare?a=${f.baseResultId}&b=${f.scenarioResultId}`,
    ready: 'main table tbody tr',
  },
];

/** A violation as the report lists it: the rule, its impact, and where. */
interface Finding {
  page: string;
  rule: string;
  impact: ImpactValue | null | undefined;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page, with every folded part (`<details>`) opened so that what it holds is audited too, and
 * answers its violations. Fails when the contrast rule found nothing to check (the audit did not see the page).
 */
async function audit(name: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const results = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: object): Promise<AxeResults> };
    };
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, AXE_TAGS);
  expect(
    results.passes.map((p) => p.id),
    `${name}: axe checked colours`,
  ).toContain('color-contrast');
  return results.violations.map((v) => ({
    page: name,
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
}

const VARIANTS = [
  { language: 'en', width: 1366 },
  { language: 'zh-CN', width: 1366 },
  { language: 'en', width: 768 },
  { language: 'zh-CN', width: 768 },
] as const;

for (const { language, width } of VARIANTS)
  test(`no serious or critical axe violation on the main pages, ${language} at ${width} px`, async () => {
    await page.setViewportSize({ width, height: width === 768 ? 1024 : 800 });
    await page.evaluate((l) => localStorage.setItem('opencfp.language', l), language);
    const findings: Finding[] = [];
    for (const audited of PAGES) {
      if (audited.signedOut) await signOut();
      // no draft left by the search above: each visit sees the model as stored
      await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('opencfp.model-draft.'))
          .forEach((key) => localStorage.removeItem(key)),
      );
      await page.goto(`${serve.url}${audited.path(fixture)}`);
      await page.locator(audited.ready).first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await audited.prepare?.(MESSAGES[language]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.screenshot({
        path: join(SCREENSHOTS, `a11y-${language}-${width}-${audited.name}.png`),
        fullPage: true,
      });
      findings.push(...(await audit(audited.name)));
      if (audited.signedOut) await signIn();
    }
    const failing = findings.filter((f) => FAILING.includes(f.impact ?? 'minor'));
    // the lesser ones are listed for whoever reads the run, without failing it
    for (const f of findings.filter((f) => !failing.includes(f)))
      console.info(
        `axe (${f.impact ?? '?'}), ${language} ${width} px, ${f.page}: ${f.rule} — ${f.help}\n  ${f.nodes.join('\n  ')}`,
      );
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  });

/** What has the keyboard focus: its tag, role, accessible text, and whether its focus can be seen. */
const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const visible =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type'),
      role: element.getAttribute('role'),
      text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
      href: element.getAttribute('href'),
      label: element.id
        ? (document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent ?? '')
        : '',
      visible,
    };
  });
type Focused = NonNullable<Awaited<ReturnType<typeof focused>>>;

/** Presses Tab until `found` holds for the focused element (at most `limit` times); each stop shows its focus. */
async function tabTo(found: (f: Focused) => boolean, limit = 60): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (!f) continue;
    seen.push(`${f.tag}${f.role ? `[${f.role}]` : ''} ${f.label || f.text}`.slice(0, 60));
    expect(f.visible, `focus visible on ${seen.at(-1)}`).toBe(true);
    if (found(f)) return f;
  }
  throw new Error(`not reached by Tab in ${limit} presses; focus went: ${seen.join(' | ')}`);
}

test('the main path by keyboard alone: sign in, the dashboard, a model’s results and its tabs', async () => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.evaluate(() => localStorage.setItem('opencfp.language', 'en'));
  await signOut();
  await page.goto(`${serve.url}/sign-in`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();

  // the sign-in form: e-mail, password, the button (Enter on it submits)
  await tabTo((f) => f.label === 'E-mail');
  await page.keyboard.type(serve.email);
  await tabTo((f) => f.label === 'Password', 1);
  await page.keyboard.type(serve.password);
  await tabTo((f) => f.tag === 'button' && f.text === 'Sign in', 1);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Demo organisation', exact: true }).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'a11y-keyboard-01-dashboard.png'), fullPage: true });

  // the skip link comes first and moves to the page's main content
  const skip = await tabTo(() => true, 1);
  expect(skip).toMatchObject({ tag: 'a', href: '#main' });
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

  // from there to the model's link to its results, and Enter opens them
  await tabTo((f) => f.tag === 'a' && f.text === fixture.modelName && (f.href ?? '').endsWith('/results'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Results: ${fixture.modelName}`, exact: true }).waitFor();
  await page.locator('.result-total').waitFor();

  // the result's views: Tab into the tab list, the arrow keys move through it
  const tab = await tabTo((f) => f.role === 'tab');
  expect(tab.text).toBe('Overview');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  expect(await focused()).toMatchObject({ role: 'tab', text: 'Sankey diagram' });
  expect(new URL(page.url()).searchParams.get('view')).toBe('sankey');
  await page.locator('[role=tabpanel] .echart-host svg').first().waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'a11y-keyboard-02-sankey.png'), fullPage: true });

  expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
});
