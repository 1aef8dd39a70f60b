// End to end: a real `cfp serve` (production build of the web app, demo data) driven by Debian's Chromium.
// Screenshots go to packages/web/test-results/ (gitignored) to be looked at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

test('sign in, dashboard, database browser, a dataset, Chinese remembered across a reload', async () => {
  // a visitor who is not signed in is sent to the sign-in page
  await page.goto(`${serve.url}/databases`);
  await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await shot('01-sign-in');

  await page.getByLabel('E-mail').fill(serve.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Wrong e-mail or password.').waitFor();
  await page.getByLabel('Password').fill(serve.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // back where the visitor wanted to go; then the dashboard with the demo products and their models
  await page.getByRole('heading', { name: 'Database browser', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Demo organisation', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'LFP battery pack (demo)', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Aluminium bicycle frame (demo)', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Recent jobs', exact: true }).waitFor();
  await page.getByText('Loading…').first().waitFor({ state: 'detached' });
  await shot('02-dashboard');

  // the database browser: the starter database, searched
  await page.getByRole('link', { name: 'Database browser' }).click();
  await page.getByRole('heading', { name: 'Database browser', exact: true }).waitFor();
  await page.getByText(/^1–\d+ of [\d,]+ datasets$/).waitFor();
  const all = await page.getByRole('status').filter({ hasText: 'datasets' }).textContent();
  await page.getByLabel('Search processes').fill('electricity');
  await page.waitForURL(/[?&]q=electricity/);
  await page
    .getByRole('status')
    .filter({ hasText: 'datasets' })
    .filter({ hasNotText: all ?? '' })
    .waitFor();
  const rows = page.getByRole('row');
  expect(await rows.count()).toBeGreaterThan(1);
  const firstLink = page.getByRole('table').getByRole('link').first();
  const processName = (await firstLink.textContent()) ?? '';
  expect(processName.toLowerCase()).toContain('electricity');
  await shot('03-database-search');

  // one dataset: its facts and its footprint
  await firstLink.click();
  await page.getByRole('heading', { level: 1, name: processName }).waitFor();
  await page.getByRole('heading', { name: 'Carbon footprint', exact: true }).waitFor();
  await page
    .getByText(/kg CO₂e$/)
    .first()
    .waitFor();
  await page.getByRole('heading', { name: 'By gas', exact: true }).waitFor();
  await shot('04-dataset');

  // Chinese: the headings change; the choice survives a reload
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('heading', { name: '碳足迹', exact: true }).waitFor();
  expect(await page.getByRole('link', { name: '数据库浏览' }).count()).toBe(1);
  await page.reload();
  await page.getByRole('heading', { name: '碳足迹', exact: true }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await shot('05-dataset-zh');
  await page.getByRole('link', { name: '概览' }).click();
  await page.getByRole('heading', { name: '磷酸铁锂电池包（演示）', exact: true }).waitFor();
  await page.getByText('正在加载…').first().waitFor({ state: 'detached' });
  await shot('06-dashboard-zh');

  // a tablet in portrait: the same page, laid out for 768 px
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('link', { name: '数据库浏览' }).click();
  await page.getByText(/共 [\d,]+ 个数据集/).waitFor();
  await shot('07-database-tablet-zh');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no horizontal scrolling of the page on a tablet').toBeLessThanOrEqual(0);

  // sign out: back to the sign-in page, and the session is gone
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
  const me = await page.evaluate(async () => (await fetch('/v1/me')).status);
  expect(me).toBe(401);

  expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
});

test('keyboard: the skip link and the navigation are reachable with Tab', async () => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto(`${serve.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('opencfp.language', 'en'));
  await page.reload();
  await page.getByLabel('E-mail').fill(serve.email);
  await page.getByLabel('Password').fill(serve.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Demo organisation', exact: true }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Skip to content');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Dashboard');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Database browser');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Database browser', exact: true }).waitFor();
});
