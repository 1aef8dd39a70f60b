// The dashboard's studies and the results' data quality from real answers: a `cfp serve` with the demo data is
// started, studies are created through the API, and the demo battery model is given data quality and calculated.
import type { OpenCfpClient, Schema } from '@opencfp/client';
import { ifMatch } from '@opencfp/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { ApiProvider } from '../api/api-context';
import { OrganisationProvider } from '../api/organisation';
import { createQueryClient } from '../app';
import { formatFor } from '../i18n/format';
import { createI18n, type Language } from '../i18n/i18n';
import { startDemoServer, type DemoServer } from '../test-support/demo-server';
import DashboardPage from './dashboard-page';
import { readDataQuality } from './results/read-data-quality';
import { readResult, type CalculationResult } from './results/read-result';
import { QualitySection } from './results/quality-section';
import { studyRows, studyStatusClass } from './study-rows';

vi.setConfig({ testTimeout: 30_000 });

let server: DemoServer;
let api: OpenCfpClient;
let orgId: string;
let organisations: Schema<'Organisation'>[];
let model: Schema<'ProductModelSummary'>;
let product: Schema<'Product'>;
/** The demo battery model calculated as the demo has it (no data quality) and with data quality stated. */
let plain: CalculationResult;
let rated: CalculationResult;

beforeAll(async () => {
  server = await startDemoServer();
  api = server.client;
  orgId = server.orgId;
  organisations = (await api.GET('/v1/orgs')).data.organisations;
  const path = { orgId };
  const products = (await api.GET('/v1/orgs/{orgId}/products', { params: { path } })).data.products;
  const battery = products.find((p) => p.nameEn.includes('LFP'));
  const found = (await api.GET('/v1/orgs/{orgId}/models', { params: { path } })).data.models.find(
    (m) => m.productId === battery?.id,
  );
  if (!battery || !found) throw new Error('the demo has no battery model');
  product = battery;
  model = found;
  const calculate = async () => {
    const { data } = await api.POST('/v1/orgs/{orgId}/models/{id}/calculations', {
      params: { path: { orgId, id: model.id } },
      body: {},
    });
    return (
      await api.GET('/v1/orgs/{orgId}/calculations/{resultId}', {
        params: { path: { orgId, resultId: data.id } },
      })
    ).data;
  };
  plain = await calculate();
  // the largest line of the model gets PEF, PACT and pedigree scores and is primary data
  const { data: stored } = await api.GET('/v1/orgs/{orgId}/models/{id}', {
    params: { path: { orgId, id: model.id } },
  });
  const document = structuredClone(stored.model);
  const largest = [...plain.footprint.contributions].sort((a, b) => b.co2e - a.co2e)[0];
  if (!largest) throw new Error('the demo battery result has no lines');
  const m = /^\/processes\/(\d+)\/inputs\/(\d+)$/.exec(largest.path);
  if (!m) throw new Error(`the largest line is not an input: ${largest.path}`);
  const input = document.processes[Number(m[1])]?.inputs?.[Number(m[2])];
  if (!input) throw new Error(`the model has no line ${largest.path}`);
  document.dataQuality = { pactVersion: '2' };
  input.dataQuality = {
    pedigree: [2, 3, 1, 2, 4],
    pef: { TeR: 2, GR: 1, TiR: 3, P: 2 },
    pact: { technological: 1, temporal: 2, geographical: 1, completeness: 1, reliability: 2 },
    primary: true,
    source: 'Supplier measurement 2025',
  };
  await api.PUT('/v1/orgs/{orgId}/models/{id}', {
    params: { path: { orgId, id: model.id }, header: ifMatch(stored.version) },
    body: { model: document },
  });
  rated = await calculate();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  cleanup();
});

function renderApp(ui: ReactNode, language: Language = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <ApiProvider client={api}>
        <QueryClientProvider client={createQueryClient()}>
          <MemoryRouter>
            <OrganisationProvider organisations={organisations}>{ui}</OrganisationProvider>
          </MemoryRouter>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
}

test('the dashboard lists studies with their state, product, model and a self-declared label', async () => {
  renderApp(<DashboardPage />);
  const empty = await screen.findByRole('region', { name: 'Studies' });
  expect(await within(empty).findByText('No studies yet.')).toBeTruthy();
  cleanup();

  const create = async (title: string, selfDeclared: boolean) =>
    (
      await api.POST('/v1/orgs/{orgId}/studies', {
        params: { path: { orgId } },
        body: {
          modelId: model.id,
          title,
          ruleSetId: 'iso-14067-2018',
          boundary: 'cradle-to-gate',
          productType: 'intermediate',
          selfDeclared,
          resultId: plain.id,
        },
      })
    ).data;
  const own = await create('Battery pack, self-declared', true);
  const verified = await create('Battery pack, for verification', false);
  expect(own.verification.mode).toBe('self-declared');
  expect(verified.verification.mode).toBe('third-party');

  const { data } = await api.GET('/v1/orgs/{orgId}/studies', { params: { path: { orgId } } });
  const rows = studyRows(data.studies, [product], [model], (p) => p.nameEn);
  expect(rows.map((r) => r.id).sort()).toEqual([own.id, verified.id].sort());
  expect(rows.find((r) => r.id === own.id)).toMatchObject({
    productName: product.nameEn,
    modelName: model.name,
    selfDeclared: true,
    state: 'draft',
  });

  renderApp(<DashboardPage />);
  const card = await screen.findByRole('region', { name: 'Studies' });
  const selfRow = (
    await within(card).findByRole('rowheader', { name: /^Battery pack, self-declared/ })
  ).closest('tr');
  expect(selfRow?.textContent).toContain(`${product.nameEn} · ${model.name}`);
  expect(selfRow?.textContent).toContain('Draft');
  expect(selfRow?.textContent).toContain('Self-declared (not verified by a third party)');
  expect(selfRow?.textContent).toContain(formatFor('en').dateTime(own.updatedAt));
  const otherRow = within(card)
    .getByRole('rowheader', { name: /^Battery pack, for verification/ })
    .closest('tr');
  expect(otherRow?.textContent).toContain('Third-party verification');
  expect(otherRow?.textContent).not.toContain('Self-declared');
  cleanup();

  renderApp(<DashboardPage />, 'zh-CN');
  const zh = await screen.findByRole('region', { name: '研究' });
  const zhRow = (await within(zh).findByRole('rowheader', { name: /^Battery pack, self-declared/ })).closest(
    'tr',
  );
  expect(zhRow?.textContent).toContain('草稿');
  expect(zhRow?.textContent).toContain('自我声明（未经第三方核查）');
});

test('every study state of the schema has a status class and a name in both catalogues', () => {
  const states: Schema<'StudyState'>[] = [
    'draft',
    'submitted',
    'in-verification',
    'findings-raised',
    'findings-answered',
    'verified',
    'rejected',
    'certified',
    'published',
    'superseded',
    'withdrawn',
  ];
  for (const language of ['en', 'zh-CN'] as const) {
    const i18n = createI18n(language);
    for (const state of states) expect(i18n.exists(`dashboard.studies.states.${state}`)).toBe(true);
  }
  expect(states.map(studyStatusClass)).toEqual([
    'queued',
    'queued',
    'queued',
    'queued',
    'queued',
    'succeeded',
    'failed',
    'succeeded',
    'succeeded',
    'failed',
    'failed',
  ]);
});

test('a result without data quality says so; with it, the PEF DQR, PACT DQRs and the rated lines show', () => {
  expect(readDataQuality(plain)).toBeNull();
  renderApp(<QualitySection data={readResult(plain)} />);
  expect(screen.getByText(/This result carries no data-quality indicators/)).toBeTruthy();
  cleanup();

  const quality = readDataQuality(rated);
  if (!quality) throw new Error('the rated result carries no data quality');
  expect(quality.pef.dqr).not.toBeNull();
  expect(quality.pef.level).not.toBeNull();
  expect(quality.pact.version).toBe('2');
  expect(quality.pact.dqrs.map(([key]) => key)).toEqual([
    'technologicalDQR',
    'temporalDQR',
    'geographicalDQR',
    'completenessDQR',
    'reliabilityDQR',
  ]);
  expect(quality.pact.primaryDataShare).toBeGreaterThan(0);
  const line = quality.lines.find((l) => l.source === 'Supplier measurement 2025');
  expect(line).toMatchObject({ primary: true, pedigree: [2, 3, 1, 2, 4], pedigreeFrom: 'model' });

  const en = formatFor('en');
  renderApp(<QualitySection data={readResult(rated)} />);
  expect(screen.queryByText(/This result carries no data-quality indicators/)).toBeNull();
  const dqr = en.number(quality.pef.dqr ?? Number.NaN, 1);
  expect(screen.getByText(`${dqr} — ${quality.pef.level ?? ''}`)).toBeTruthy();
  expect(screen.getByText('PACT 2 technological DQR')).toBeTruthy();
  expect(screen.getByText('Primary data share').nextElementSibling?.textContent).toBe(
    en.percent(quality.pact.primaryDataShare ?? Number.NaN),
  );
  const table = screen.getByRole('table', { name: 'Data quality of each line, largest contribution first' });
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows).toHaveLength(quality.lines.length);
  const rated_ = rows.find((r) => r.textContent?.includes('Supplier measurement 2025'));
  expect(rated_?.textContent).toContain('(2;3;1;2;4)');
  expect(rated_?.textContent).toContain(en.percent(line?.share ?? Number.NaN));
  expect(rated_?.textContent).toContain('primary');
  cleanup();

  renderApp(<QualitySection data={readResult(rated)} />, 'zh-CN');
  expect(screen.getByText('PEF 数据质量评级（DQR）')).toBeTruthy();
  expect(screen.getByText('初级数据占比')).toBeTruthy();
  expect(screen.getByText('PACT 2 技术代表性 DQR')).toBeTruthy();
});
