// End to end, a CFP study through its verification as two people walk it in two browsers: a real `cfp serve`
// (production build, demo data) driven by Debian's Chromium. Set up through the API: a second organisation
// (Verify Ltd) with a verifier user, and a calculation of the demo frame model. Then in the browser: the
// practitioner creates a study of that result, sees the compliance check block publication, fixes the draft,
// invites the verifier and submits; the verifier signs in, starts the verification and raises a finding on one
// input of the model; the practitioner answers; the verifier closes it and verifies (the inputs hash is frozen);
// the practitioner publishes and the signed statement resolves at its public link; the report downloads; a
// self-declared study is labelled so wherever it is shown; Chinese; a tablet. Screenshots:
// packages/web/test-results/studies-NN-*.png.
import { createClient, type OpenCfpClient, type Schema } from '@opencfp/client';
import type { AxeResults } from 'axe-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, SCREENSHOTS, startServe, type Browser, type Serve } from './support';

let serve: Serve;
let api: OpenCfpClient;
let orgId: string;
let verifierOrgId: string;
const verifier = { email: 'wang.fang@verify.example', password: '' };
let resultId: string;
let practitionerBrowser: Browser;
let verifierBrowser: Browser;
let practitioner: Page;
let inspector: Page;
/** What the pages reported as broken: console errors (CSP violations among them) and uncaught exceptions. */
const problems: string[] = [];

/** Refusals the pages expect: who is signed in before sign-in, and the runs of a result not made yet. */
const EXPECTED_REFUSALS = [
  /^401 .*\/v1\/me$/,
  /^404 .*\/v1\/orgs\/[^/]+\/calculations\/[^/]+\/(monte-carlo|sensitivity|method-choices)$/,
];

const watch = (page: Page, who: string) => {
  page.on('console', (message) => {
    // a refused request is logged by the browser too: the responses are checked below, each by its address
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`${who} console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${who} page: ${error.message}`));
  page.on('response', (response) => {
    const seen = `${response.status()} ${response.url().split('?')[0]}`;
    if (response.status() >= 400 && !EXPECTED_REFUSALS.some((expected) => expected.test(seen)))
      problems.push(`${who} response: ${seen}`);
  });
};

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe();
  const session = await createClient({ baseUrl: serve.url }).POST('/v1/auth/sign-in', {
    body: { email: serve.email, password: serve.password },
  });
  api = createClient({ baseUrl: serve.url, token: session.data.token });
  orgId = (await api.GET('/v1/orgs')).data.organisations[0].id;
  // the verifier's organisation and its verifier (the demo data has only the practitioner's organisation)
  const created = await api.POST('/v1/orgs', { body: { name: 'Verify Ltd', slug: 'verify-ltd' } });
  verifierOrgId = created.data.id;
  const member = await api.POST('/v1/orgs/{orgId}/members', {
    params: { path: { orgId: verifierOrgId } },
    body: { email: verifier.email, role: 'verifier', name: 'Wang Fang' },
  });
  if (!('initialPassword' in member.data)) throw new Error('the verifier user was not created');
  verifier.password = member.data.initialPassword;
  // a result of the demo frame model as saved now, for the study to report
  const models = (await api.GET('/v1/orgs/{orgId}/models', { params: { path: { orgId } } })).data.models;
  const frame = models.find((m) => m.name.startsWith('Aluminium frame'));
  if (!frame) throw new Error('the demo has no frame model');
  const result = await api.POST('/v1/orgs/{orgId}/models/{id}/calculations', {
    params: { path: { orgId, id: frame.id } },
    body: {},
  });
  resultId = result.data.id;

  practitionerBrowser = await launchChromium();
  practitioner = await practitionerBrowser.context.newPage();
  watch(practitioner, 'practitioner');
  verifierBrowser = await launchChromium();
  inspector = await verifierBrowser.context.newPage();
  watch(inspector, 'verifier');
}, 180_000);

afterAll(async () => {
  await practitionerBrowser?.close();
  await verifierBrowser?.close();
  await serve?.stop();
});

let step = 0;
/** A full-page screenshot, numbered in the order of the flow. */
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: join(SCREENSHOTS, `studies-${String(++step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });

const signIn = async (page: Page, email: string, password: string) => {
  await page.goto(`${serve.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('opencfp.language', 'en'));
  await page.reload();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await studiesLink(page).waitFor();
};

/** The study as the API answers it to the practitioner. */
const studyNow = async (id: string) =>
  (await api.GET('/v1/orgs/{orgId}/studies/{id}', { params: { path: { orgId, id } } })).data;

/** The main navigation's link to the studies. */
const studiesLink = (page: Page, name = 'Studies') =>
  page.getByRole('navigation', { name: /^(Main|主导航)$/ }).getByRole('link', { name, exact: true });

const view = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views of the study' }).getByRole('link', { name, exact: true });
const stateBadge = (page: Page, state: string) => page.locator('.study-title .status', { hasText: state });
/** The page does not scroll sideways (wide tables scroll inside their card); names what sticks out when it does. */
const noHorizontalScroll = async (page: Page) => {
  const wider = await page.evaluate(() =>
    document.documentElement.scrollWidth > window.innerWidth
      ? [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .filter((e) => !e.closest('.table-scroll'))
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
      : [],
  );
  expect(wider, `no horizontal scrolling of the page at ${page.viewportSize()?.width ?? 0} px`).toEqual([]);
};

/** axe-core's browser bundle, evaluated in each page (the app's CSP forbids inline scripts, not DevTools'). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The page's serious and critical axe-core violations of WCAG 2.0/2.1 A and AA and axe's best practices (as
 * e2e/accessibility.test.ts audits the other pages), with every folded part opened.
 */
async function axeViolations(page: Page, name: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const results = await page.evaluate(async () =>
    (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  expect(
    results.passes.map((p) => p.id),
    `${name}: axe checked colours`,
  ).toContain('color-contrast');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact ?? ''}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let studyId: string;

test('a study from draft to a published signed statement, practitioner and verifier in their own browsers', async () => {
  const p = practitioner;
  await signIn(p, serve.email, serve.password);

  // --- the practitioner creates the study of the calculated result
  await studiesLink(p).click();
  await p.getByRole('heading', { name: 'Studies', level: 1 }).waitFor();
  await p.getByRole('link', { name: 'New study' }).click();
  await p.getByRole('heading', { name: 'New study', level: 1 }).waitFor();
  await p
    .getByLabel('Product model')
    .selectOption({ label: 'Aluminium bicycle frame (demo) — Aluminium frame (illustrative)' });
  const resultSelect = p.getByLabel('Calculation result the study reports');
  await expect.poll(() => resultSelect.inputValue()).toBe(resultId);
  // the product's declared unit is proposed
  await expect.poll(() => p.getByLabel('Declared unit: unit').inputValue()).toBe('item');
  await p.getByLabel('Title', { exact: true }).fill('Aluminium frame B-20 (e2e)');
  await p.getByLabel('System boundary').selectOption('cradle-to-grave');
  await p.getByLabel('Product type').selectOption('intermediate');
  await p.getByLabel('Functional unit').fill('one bicycle frame for 10 years of city use');
  await p.getByLabel('Reference period: from').fill('2025-01-01');
  await p.getByLabel('Reference period: to').fill('2025-12-31');
  await p.getByLabel('Report date').fill('2026-01-15');
  await p.getByLabel('Allocation', { exact: true }).selectOption('none');
  await p.getByLabel('Electricity accounting').selectOption('location-based');
  await p.getByLabel('End-of-life approach').selectOption('cut-off');
  await p
    .getByLabel('Cut-off criteria')
    .fill('every input of at least 1 % of the mass; 95 % of the emissions in total');
  await p.getByRole('button', { name: 'Add an exclusion' }).click();
  const exclusion = p.getByRole('group', { name: 'Exclusion 1' });
  await exclusion.getByLabel('What', { exact: true }).fill('Packaging film');
  await exclusion.getByLabel('Estimate, kg CO₂e per declared unit').fill('0.01');
  await exclusion.getByLabel('Why it was left out').fill('below 0.1 % of the mass');
  await p.getByLabel('Data-quality method').fill('pedigree');
  await p.getByLabel('Statement on uncertainty').fill('±10 % from the pedigree matrix');
  await p
    .getByLabel('Goal (English)')
    .fill('The cradle-to-grave carbon footprint of frame B-20 for customers');
  await p.getByLabel('Goal (Chinese)').fill('为客户量化 B-20 车架从摇篮到坟墓的碳足迹');
  await p.getByLabel('Manufacturer').fill('Suzhou Bracket Co.');
  await p.getByLabel('Product identification').fill('Frame B-20');
  await p.getByLabel('Plant location').fill('Suzhou, Jiangsu');
  await p.getByLabel('Limitations', { exact: true }).fill('Illustrative demo data');
  await shot(p, 'new-study');
  await p.getByRole('button', { name: 'Create the study' }).click();

  // --- the compliance check: the missing sensitivity analysis blocks publication
  await p.getByRole('heading', { name: 'Compliance check', level: 2 }).waitFor();
  studyId = /\/studies\/([^/?]+)/.exec(p.url())?.[1] ?? '';
  expect(studyId).not.toBe('');
  const compliance = (
    await api.GET('/v1/orgs/{orgId}/studies/{id}/compliance', { params: { path: { orgId, id: studyId } } })
  ).data;
  expect(compliance.blocksPublication).toBe(true);
  expect(compliance.unmet.map((u) => u.requirementId)).toEqual(['iso-14067-2018.sensitivity']);
  const table = p.getByRole('table', { name: 'Every requirement of the rule set, checked' });
  await expect.poll(() => table.getByRole('row').count()).toBe(compliance.findings.length + 1);
  await p.getByText('Publication is blocked: 1 mandatory requirement(s) are not met.').waitFor();
  const sensitivityRow = table.locator('tr', { hasText: 'iso-14067-2018.sensitivity' });
  expect(await sensitivityRow.textContent()).toContain('Not met');
  expect(await sensitivityRow.textContent()).toContain('blocks publication');
  expect(await sensitivityRow.textContent()).toContain('How to fix: Run a sensitivity analysis');
  await p.getByText(`Met: ${compliance.counts.met}`, { exact: true }).waitFor();
  await p.getByText(`Needs evidence: ${compliance.counts.needsEvidence}`, { exact: true }).waitFor();
  await stateBadge(p, 'Draft').waitFor();
  await shot(p, 'compliance-blocked');

  // --- the draft fixed: a sensitivity analysis and an attestation of site data
  await p.getByRole('link', { name: 'Edit the study to fix them' }).click();
  await p.getByRole('heading', { name: 'Edit “Aluminium frame B-20 (e2e)”' }).waitFor();
  await p.getByLabel('Sensitivity method').fill('one-at-a-time');
  await p.getByRole('button', { name: 'Add an entry' }).click();
  await p.getByLabel('Input or choice 1').fill('scrap_rate ±10 %');
  await p.getByLabel('Effect 1, kg CO₂e').fill('0.42');
  await p.getByRole('button', { name: 'Add an attestation' }).click();
  const attestation = p.getByRole('group', { name: 'Attestation 1' });
  await attestation.getByLabel('Requirement id').fill('iso-14067-2018.site-specific-data');
  await attestation.getByLabel('Statement').fill('Welding and coating are metered at the plant');
  await attestation.getByLabel('By').fill('Li Wei, plant engineer');
  await p.getByRole('button', { name: 'Save' }).click();
  await p.getByText('No mandatory requirement is unmet: the check does not block publication.').waitFor();
  const after = await studyNow(studyId);
  expect(after.version).toBe(2);
  expect(after.history.at(-1)).toMatchObject({ action: 'update', actorName: 'Demo user' });
  await shot(p, 'compliance-passes');

  // --- invite the verifier and submit
  await p.getByRole('button', { name: 'Invite a verifier' }).click();
  const invite = p.getByRole('form', { name: 'Invite a verifier' });
  await invite.getByLabel("Verifier's organisation (id or short name)").fill('verify-ltd');
  await invite.getByLabel("Verifier's e-mail").fill(verifier.email);
  await invite.getByRole('button', { name: 'Invite' }).click();
  await invite.waitFor({ state: 'detached' });
  await p.getByRole('button', { name: 'Submit' }).click();
  await stateBadge(p, 'Submitted').waitFor();
  await view(p, 'Overview').click();
  await p.getByText('Wang Fang, Verify Ltd').waitFor();
  await shot(p, 'submitted');

  // --- the verifier signs in, finds the study and starts the verification
  const v = inspector;
  await signIn(v, verifier.email, verifier.password);
  await studiesLink(v).click();
  await v.getByRole('link', { name: 'Aluminium frame B-20 (e2e)' }).click();
  await v.getByText('Demo organisation has invited you to verify this study.', { exact: false }).waitFor();
  await v.getByRole('button', { name: 'Start the verification' }).click();
  await stateBadge(v, 'In verification').waitFor();

  // --- a finding on one input of the model as submitted
  await view(v, 'Model').click();
  await v.getByRole('heading', { name: 'The model as submitted' }).waitFor();
  const inputs = v.getByRole('table', { name: 'Inputs of Frame welding and finishing' });
  const electricity = inputs.getByRole('row', { name: /^Welding electricity, Jiangsu grid/ });
  expect(await electricity.textContent()).toContain('kWh');
  expect(await electricity.textContent()).toContain('Jiangsu grid, 2023, Location-based (grid average)');
  expect(await inputs.getByRole('row', { name: /^Aluminium tubes/ }).textContent()).toContain(
    'frame_mass * (1 + scrap_rate)',
  );
  await v
    .getByRole('button', {
      name: 'Raise a finding on Input “Welding electricity, Jiangsu grid” of process “Frame welding and finishing”',
    })
    .click();
  await v
    .getByLabel('Finding', { exact: true })
    .fill('Where do the 5 kWh per frame come from? Show the meter readings.');
  await shot(v, 'verifier-raises-finding');
  await v.getByRole('button', { name: 'Raise the finding' }).click();
  await inputs
    .getByRole('link', { name: /^Findings: 1 \(1 open\), on Input “Welding electricity, Jiangsu grid”/ })
    .waitFor();
  await stateBadge(v, 'Findings raised').waitFor();
  const findings = (
    await api.GET('/v1/orgs/{orgId}/studies/{id}/findings', { params: { path: { orgId, id: studyId } } })
  ).data.findings;
  expect(findings.map((f) => [f.itemPath, f.state])).toEqual([['/model/processes/0/inputs/1', 'open']]);

  // --- the practitioner answers
  await p.goto(`${serve.url}/studies/${studyId}?view=findings`);
  await p
    .getByRole('heading', {
      name: 'Input “Welding electricity, Jiangsu grid” of process “Frame welding and finishing”',
    })
    .waitFor();
  await p.getByText('Raised by Wang Fang (Verify Ltd)', { exact: false }).waitFor();
  await p
    .getByLabel('Your answer')
    .fill('Metered: 2025 electricity bills of the welding line, 5.1 kWh per frame.');
  await p.getByRole('button', { name: 'Send the answer' }).click();
  await stateBadge(p, 'Findings answered').waitFor();
  await shot(p, 'practitioner-answers');
  // the finding leads to its item in the model as submitted
  await p.getByRole('link', { name: 'Show the item' }).click();
  await p.locator('tr.item-target', { hasText: 'Welding electricity, Jiangsu grid' }).waitFor();
  expect(new URL(p.url()).hash).toBe('#item-model-processes-0-inputs-1');

  // --- the verifier closes the finding and verifies: the inputs hash is frozen
  await v.goto(`${serve.url}/studies/${studyId}?view=findings`);
  await v.getByText('Demo user answered', { exact: false }).waitFor();
  await v.getByRole('button', { name: 'Close the finding' }).click();
  await v.getByText('Closed by Wang Fang', { exact: false }).waitFor();
  await v.getByRole('button', { name: 'Verify' }).click();
  await v.getByRole('form', { name: 'Verify the study' }).getByRole('button', { name: 'Verify' }).click();
  await stateBadge(v, 'Verified').waitFor();
  const verified = await studyNow(studyId);
  expect(verified.frozenInputsHash).toBe(verified.inputsHash);
  await v.locator('.frozen', { hasText: verified.frozenInputsHash ?? 'none' }).waitFor();
  await shot(v, 'verified');

  // --- the practitioner publishes; the signed statement resolves at its public link
  await p.goto(`${serve.url}/studies/${studyId}`);
  await stateBadge(p, 'Verified').waitFor();
  await p.getByRole('button', { name: 'Publish' }).click();
  await p
    .getByRole('form', { name: 'Publish the study' })
    .getByRole('button', { name: 'Sign and publish' })
    .click();
  await stateBadge(p, 'Published').waitFor();
  await view(p, 'Signed statement').click();
  await p.getByRole('heading', { name: 'Signed statement' }).waitFor();
  const published = await studyNow(studyId);
  const statementId = published.statementId ?? '';
  await p.getByText(statementId, { exact: true }).waitFor();
  const link = p.getByRole('link', { name: /\/v1\/public\/statements\// });
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toContain(`/v1/public/statements/${statementId}`);
  const statement = (await (await fetch(href)).json()) as Schema<'PublicStatement'>;
  expect(statement).toMatchObject({ id: statementId, status: 'published', selfDeclared: false });
  expect(statement.verification.label).toBe('Verified by a third party');
  await p.getByText(`npx cfp verify ${href}`).waitFor();
  const [jwsFile] = await Promise.all([
    p.waitForEvent('download'),
    p.getByRole('button', { name: 'Download the signed statement (JWS)' }).click(),
  ]);
  expect(jwsFile.suggestedFilename()).toBe(`statement-${statementId}.jws`);
  expect(readFileSync((await jwsFile.path()) ?? '', 'utf8')).toBe(statement.jws);
  await shot(p, 'statement');

  // --- the history: who, when, from → to
  await view(p, 'History').click();
  const history = p.getByRole('table', { name: 'History' });
  expect(
    await history
      .getByRole('row', { name: /Verified/ })
      .first()
      .textContent(),
  ).toContain('Wang Fang');
  expect(
    await history
      .getByRole('row', { name: /Published/ })
      .first()
      .textContent(),
  ).toContain('Verified → Published');

  // --- the study report, in Chinese as PDF
  await view(p, 'Overview').click();
  const [report] = await Promise.all([
    p.waitForEvent('download', { timeout: 120_000 }),
    p.getByRole('button', { name: 'Chinese, PDF' }).click(),
  ]);
  expect(report.suggestedFilename()).toMatch(/\.pdf$/);
  expect(
    readFileSync((await report.path()) ?? '')
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});

test('a self-declared study is labelled so on its page, in the list and on the dashboard', async () => {
  const p = practitioner;
  await p.goto(`${serve.url}/studies/new`);
  await p
    .getByLabel('Product model')
    .selectOption({ label: 'LFP battery pack (demo) — LFP pack, 2026 design (illustrative)' });
  await p.getByLabel('Title', { exact: true }).fill('LFP pack, self-declared (e2e)');
  await p.getByLabel('Self-declared (no third-party verification)').check();
  await p.getByRole('button', { name: 'Create the study' }).click();
  await p.locator('.study-title').getByText('Self-declared: not verified by a third party').waitFor();
  const ownId = /\/studies\/([^/?]+)/.exec(p.url())?.[1] ?? '';
  const own = await studyNow(ownId);
  expect(own).toMatchObject({ title: 'LFP pack, self-declared (e2e)', selfDeclared: true, state: 'draft' });
  expect(own.verification.mode).toBe('self-declared');
  // a self-declared draft invites nobody
  expect(await p.getByRole('button', { name: 'Invite a verifier' }).count()).toBe(0);
  await studiesLink(p).click();
  await p.getByRole('heading', { name: 'Studies', level: 1 }).waitFor();
  await p.getByText('Loading…').first().waitFor({ state: 'detached' });
  await shot(p, 'list');
  const row = p.getByRole('row', { name: /^LFP pack, self-declared \(e2e\)/ });
  expect(await row.textContent()).toContain('Self-declared: not verified by a third party');
  expect(await p.getByRole('row', { name: /^Aluminium frame B-20 \(e2e\)/ }).textContent()).toContain(
    'Verified by a third party',
  );
  await p.getByRole('link', { name: 'Dashboard' }).click();
  const card = p.getByRole('region', { name: 'Studies' });
  expect(await card.getByRole('row', { name: /^LFP pack, self-declared \(e2e\)/ }).textContent()).toContain(
    'Self-declared (not verified by a third party)',
  );
});

test('the signing keys: the key that signed the statement, rotated, then revoked by the owner', async () => {
  const p = practitioner;
  await p.goto(`${serve.url}/studies`);
  await p.getByRole('link', { name: 'Signing keys' }).click();
  await p.getByRole('heading', { name: 'Signing keys', level: 1 }).waitFor();
  const keys = p.getByRole('table', { name: 'Signing keys' });
  const before = (await api.GET('/v1/orgs/{orgId}/signing-keys', { params: { path: { orgId } } })).data.keys;
  expect(before.map((k) => k.active)).toEqual([true]);
  await keys.getByRole('row', { name: new RegExp(before[0].kid) }).waitFor();
  await p.getByRole('button', { name: 'Rotate the key' }).click();
  await p.getByRole('button', { name: 'Yes, rotate now' }).click();
  const after = (await api.GET('/v1/orgs/{orgId}/signing-keys', { params: { path: { orgId } } })).data.keys;
  const active = after.find((k) => k.active);
  await p.getByText(`New key ${active?.kid ?? ''} signs from now on.`).waitFor();
  expect(await keys.getByRole('row', { name: new RegExp(before[0].kid) }).textContent()).toContain('Retired');
  await shot(p, 'signing-keys');
  expect(await axeViolations(p, 'signing keys')).toEqual([]);
  // the statement signed with the retired key still verifies
  const statementId = (await studyNow(studyId)).statementId ?? '';
  const publicStatement = async () =>
    (await (
      await fetch(`${serve.url}/v1/public/statements/${statementId}`)
    ).json()) as Schema<'PublicStatement'>;
  expect((await publicStatement()).signingKey).toMatchObject({ kid: before[0].kid, status: 'retired' });
  // revoked as compromised (with the reason), it verifies nothing: the statement says so
  await p.getByRole('button', { name: `Revoke key ${before[0].kid}` }).click();
  const form = p.getByRole('form', { name: `Revoke key ${before[0].kid}` });
  await form.getByRole('button', { name: 'Revoke the key' }).click();
  await form.getByText('Required.').waitFor();
  await form
    .getByLabel('Why (kept for your organisation, not published)')
    .fill('Laptop with a copy of the key lost');
  await form.getByRole('button', { name: 'Revoke the key' }).click();
  await p.getByText(`Key ${before[0].kid} is revoked.`).waitFor();
  expect(await keys.getByRole('row', { name: new RegExp(before[0].kid) }).textContent()).toContain(
    'Laptop with a copy of the key lost',
  );
  expect((await publicStatement()).signingKey).toMatchObject({ kid: before[0].kid, status: 'revoked' });
  await p.goto(`${serve.url}/studies/${studyId}?view=statement`);
  await p.getByRole('heading', { name: 'Signed statement', level: 2 }).waitFor();
  await p
    .getByText(/^The key that signed this statement was revoked on .*: the statement is no longer valid\.$/)
    .waitFor();
  await shot(p, 'statement-key-revoked');
  expect(await axeViolations(p, 'statement')).toEqual([]);
});

test('Chinese and a tablet: the study’s views in both languages at 1366 and 768 px', async () => {
  const violations: string[] = [];
  for (const [page, who] of [
    [practitioner, 'practitioner'],
    [inspector, 'verifier'],
  ] as const) {
    for (const language of ['en', 'zh-CN'] as const) {
      await page.goto(`${serve.url}/studies`);
      await page.evaluate((l) => localStorage.setItem('opencfp.language', l), language);
      for (const width of [1366, 768]) {
        await page.setViewportSize({ width, height: width === 768 ? 1024 : 800 });
        const views =
          who === 'practitioner'
            ? (['overview', 'compliance', 'model', 'result', 'findings', 'history'] as const)
            : (['model', 'findings'] as const);
        for (const name of views) {
          await page.goto(`${serve.url}/studies/${studyId}?view=${name}`);
          const heading = {
            en: {
              overview: 'The study',
              compliance: 'Compliance check',
              model: 'The model as submitted',
              result: 'The result reported',
              findings: 'Findings',
              history: 'History',
            },
            'zh-CN': {
              overview: '研究信息',
              compliance: '符合性检查',
              model: '提交时的模型',
              result: '研究报告的结果',
              findings: '发现项',
              history: '历史记录',
            },
          }[language][name];
          await page.getByRole('heading', { name: heading, level: 2, exact: true }).waitFor();
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          await shot(page, `${who}-${name}-${language}-${width}`);
          await noHorizontalScroll(page);
          violations.push(...(await axeViolations(page, `${who} ${name} ${language} ${width}`)));
        }
      }
    }
  }
  // the statement and the list in Chinese on a tablet
  const p = practitioner;
  await p.goto(`${serve.url}/studies/${studyId}?view=statement`);
  await p.getByRole('heading', { name: '签名声明', level: 2 }).waitFor();
  await p.getByRole('button', { name: '下载签名声明（JWS）' }).waitFor();
  await noHorizontalScroll(p);
  await shot(p, 'statement-zh-768');
  await studiesLink(p, '研究').click();
  await p.getByRole('heading', { name: '研究', level: 1 }).waitFor();
  expect(await p.getByRole('row', { name: /^LFP pack, self-declared \(e2e\)/ }).textContent()).toContain(
    '自我声明：未经第三方核查',
  );
  await noHorizontalScroll(p);
  await shot(p, 'list-zh-768');
  violations.push(...(await axeViolations(p, 'list zh-CN 768')));
  await p.goto(`${serve.url}/studies/new`);
  await p.getByRole('heading', { name: '新建研究', level: 1 }).waitFor();
  violations.push(...(await axeViolations(p, 'new study zh-CN 768')));
  expect(violations).toEqual([]);
  await p.evaluate(() => localStorage.setItem('opencfp.language', 'en'));

  expect(problems).toEqual([]);
});
