// What a new-user trial found on the footprints the app shows, rendered against a real `cfp serve` (demo data, the
// starter database): a product declared per 1 kg whose model's reference output is 1.1 kg, calculated as its base
// case and then as a scenario (the newest result). The dashboard and the results page show the base case, each
// footprint per the result's own 1.1 kg with a note that it is not the declared unit; a result of a scenario says
// so; the editor's one-press Calculate (?calculate=1) starts one job and leaves the URL; the split reads "of which"
// under the total; pre-aggregated CO₂e is named as what it is; the Monte Carlo panel speaks plain words.
import type { OpenCfpClient, Schema } from '@opencfp/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { OrganisationProvider } from '../../api/organisation';
import { createQueryClient } from '../../app';
import { formatFor } from '../../i18n/format';
import { createI18n, type Language } from '../../i18n/i18n';
import { startDemoServer, type DemoServer } from '../../test-support/demo-server';
import DashboardPage from '../dashboard-page';
import { electricityDefault, findRegion } from '../model-editor/sources/electricity-basis';
import { unitMatch } from './declared-unit';
import ModelResultsPage from './model-results-page';
import { plainNote } from './monte-carlo-notes';
import { readResult, type CalculationResult } from './read-result';
import { ResultView } from './result-view';
import { shownResult } from './shown-result';

vi.setConfig({ testTimeout: 60_000 });

let server: DemoServer;
let api: OpenCfpClient;
let orgId: string;
let organisations: Schema<'Organisation'>[];
/** The trial's model: 1.1 kg of widget per run, its product declared per 1 kg. */
let model: Schema<'ProductModel'>;
/** A second model of the same product of which only a scenario was calculated. */
let scenarioOnly: Schema<'ProductModel'>;
let base: CalculationResult;
let heavier: CalculationResult;

const en = formatFor('en');

beforeAll(async () => {
  server = await startDemoServer();
  api = server.client;
  orgId = server.orgId;
  organisations = (await api.GET('/v1/orgs')).data.organisations;
  const path = { orgId };
  const { data: versions } = await api.GET('/v1/orgs/{orgId}/databases', { params: { path } });
  const versionId = versions.versions[0].id;
  const { data: found } = await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes', {
    params: { path: { orgId, versionId }, query: { search: 'primary aluminium cast' } },
  });
  const aluminium = found.processes[0];
  const { data: product } = await api.POST('/v1/orgs/{orgId}/products', {
    params: { path },
    body: { nameEn: 'Trial widget', declaredUnitAmount: 1, declaredUnit: 'kg' },
  });
  const document: Schema<'ProductModelDocument'> = {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'make',
    parameters: [
      {
        name: 'aluminium_mass',
        value: 0.5,
        uncertainty: { distribution: 'triangular', min: 0.45, mode: 0.5, max: 0.6 },
      },
    ],
    scenarios: [{ id: 'heavier', name: 'Heavier', nameZh: '加重', parameters: { aluminium_mass: 0.6 } }],
    processes: [
      {
        id: 'make',
        name: 'Making',
        nameZh: '制造',
        output: { name: 'Trial widget', amount: 1.1, unit: 'kg' },
        inputs: [
          {
            name: 'Aluminium',
            amount: 'aluminium_mass',
            unit: 'kg',
            source: { kind: 'background', processId: aluminium.processId, productId: aluminium.productId },
          },
          {
            name: 'Plant electricity',
            amount: 2,
            unit: 'kWh',
            source: { kind: 'electricity', region: '全国', factorBasis: 'life-cycle-co2e', year: 2024 },
          },
        ],
      },
    ],
  };
  const create = async (name: string) =>
    (
      await api.POST('/v1/orgs/{orgId}/models', {
        params: { path },
        body: { productId: product.id, name, backgroundVersionId: versionId, model: document },
      })
    ).data;
  model = await create('Widget, trial');
  scenarioOnly = await create('Widget, scenario only');
  const calculate = async (id: string, body: Schema<'CalculationRequest'>) => {
    const { data } = await api.POST('/v1/orgs/{orgId}/models/{id}/calculations', {
      params: { path: { orgId, id } },
      body,
    });
    return (
      await api.GET('/v1/orgs/{orgId}/calculations/{resultId}', {
        params: { path: { orgId, resultId: data.id } },
      })
    ).data;
  };
  base = await calculate(model.id, {});
  heavier = await calculate(model.id, { scenarioId: 'heavier' });
  await calculate(scenarioOnly.id, { scenarioId: 'heavier' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** Where the router is: its search, for the URL the page leaves behind. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

/** The app's providers around a part of it, on a router at `path`. */
function renderApp(
  ui: ReactNode,
  { language = 'en', path = '/' }: { language?: Language; path?: string } = {},
) {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <ApiProvider client={api}>
        <QueryClientProvider client={createQueryClient()}>
          <MemoryRouter initialEntries={[path]}>
            <OrganisationProvider organisations={organisations}>
              {ui}
              <LocationProbe />
            </OrganisationProvider>
          </MemoryRouter>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
}

const resultsRoute = (
  <Routes>
    <Route path="/models/:modelId/results" element={<ModelResultsPage />} />
  </Routes>
);

test('the stored results are what the trial needs: 1.1 kg per run, the scenario newer than the base case', () => {
  expect(base.footprint.declaredUnit).toMatchObject({ amount: 1.1, unit: 'kg' });
  expect(heavier.footprint.scenario).toMatchObject({ id: 'heavier' });
  expect(heavier.total).toBeGreaterThan(base.total);
  expect(heavier.createdAt >= base.createdAt).toBe(true);
});

test('the shown result is the newest base case, else the newest scenario; units compare amount and unit', () => {
  const scenario = { id: 's', name: 'S' };
  expect(
    shownResult([
      { id: 1, scenario },
      { id: 2, scenario: null },
      { id: 3, scenario: null },
    ])?.id,
  ).toBe(2);
  expect(
    shownResult([
      { id: 1, scenario },
      { id: 2, scenario },
    ])?.id,
  ).toBe(1);
  expect(shownResult([])).toBeNull();
  const kg = { declaredUnitAmount: 1, declaredUnit: 'kg' };
  expect(unitMatch({ amount: 1, unit: 'kg' }, kg)).toBe('same');
  expect(unitMatch({ amount: 0.1 + 0.9, unit: 'kg' }, kg)).toBe('same');
  expect(unitMatch({ amount: 1.1, unit: 'kg' }, kg)).toBe('amount');
  expect(unitMatch({ amount: 1, unit: 'item' }, kg)).toBe('unit');
});

test('the dashboard shows the base case per the result’s own 1.1 kg, noting the declared 1 kg; a scenario is named', async () => {
  renderApp(<DashboardPage />);
  const latest = await screen.findByRole('table', { name: 'Latest footprints' }, { timeout: 20_000 });
  const row = (await within(latest).findByRole('link', { name: model.name })).closest('tr') as HTMLElement;
  // the base case, not the newer scenario
  await within(row).findByText(en.co2e(base.total));
  expect(row.textContent).not.toContain(en.co2e(heavier.total));
  await within(row).findByText('per 1.1 kg');
  within(row).getByText(
    "The model's reference output (1.1 kg) is not the product's declared unit (1 kg); not converted.",
  );
  expect(row.textContent).not.toContain('per 1 kg');
  expect(row.textContent).not.toContain('Scenario');
  // of the other model only a scenario was calculated: it is named
  const other = (await within(latest).findByRole('link', { name: scenarioOnly.name })).closest(
    'tr',
  ) as HTMLElement;
  await within(other).findByText('Scenario “Heavier”: no base case calculated yet');
  // the product's list of models says the same
  const products = screen.getByRole('region', { name: 'Products' });
  const item = within(products).getByRole('link', { name: model.name }).closest('li') as HTMLElement;
  expect(item.textContent).toContain(en.co2e(base.total));
  await within(item).findByText('per 1.1 kg');
});

test('the results page opens on the base case; a scenario’s result says so; the total is per the result’s unit', async () => {
  renderApp(resultsRoute, { path: `/models/${model.id}/results` });
  const total = await screen.findByRole('region', { name: 'Carbon footprint' }, { timeout: 20_000 });
  expect(total.querySelector('[data-total]')?.getAttribute('data-total')).toBe(String(base.total));
  within(total).getByText('per 1.1 kg of Trial widget');
  within(total).getByText(
    /^The model's reference output \(1\.1 kg\) is not the product's declared unit \(1 kg\)/,
  );
  expect(screen.queryByText(/not the base case/)).toBeNull();
  cleanup();

  renderApp(resultsRoute, { path: `/models/${model.id}/results?result=${heavier.id}`, language: 'zh-CN' });
  await screen.findByText('当前显示：情景“加重”，而非基准情景。', {}, { timeout: 20_000 });
  const zhTotal = screen.getByRole('region', { name: '碳足迹' });
  expect(zhTotal.querySelector('[data-total]')?.getAttribute('data-total')).toBe(String(heavier.total));
  within(zhTotal).getByText('每 1.1 kg Trial widget');
});

test('arriving with ?calculate=1 starts one calculation of the base case and drops the parameter', async () => {
  const jobs = async () =>
    (
      await api.GET('/v1/orgs/{orgId}/jobs', {
        params: { path: { orgId }, query: { kind: 'model-calculation', modelId: model.id, limit: 50 } },
      })
    ).data.jobs;
  const before = (await jobs()).length;
  renderApp(resultsRoute, { path: `/models/${model.id}/results?calculate=1` });
  const form = await screen.findByRole('form', { name: 'Calculate' }, { timeout: 20_000 });
  // equal inputs were calculated before: the job answers the stored base case
  await within(form).findByText(
    'These inputs were calculated before: the stored result is shown.',
    {},
    {
      timeout: 30_000,
    },
  );
  // the job's result is shown, and the URL no longer asks for a calculation (a reload starts none)
  await waitFor(() =>
    expect(screen.getByTestId('location').textContent).toBe(`/models/${model.id}/results?result=${base.id}`),
  );
  const after = await jobs();
  expect(after.length).toBe(before + 1);
  expect(after[0]).toMatchObject({ status: 'succeeded', kind: 'model-calculation' });
  expect(after[0].input).not.toHaveProperty('scenarioId');
});

test('the split reads aircraft and packaging under the total; pre-aggregated CO₂e is not a total', async () => {
  const data = readResult(base);
  renderApp(<ResultView data={data} orgId={orgId} title="widget" />);
  const split = screen.getByRole('table', { name: 'ISO 14067 split' });
  const heads = within(split)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);
  expect(heads.slice(0, 4)).toEqual([
    'Total',
    'of which aircraft transport',
    'of which packaging',
    'Fossil GHG emissions',
  ]);
  expect(heads.at(-1)).toBe('Land management');

  const preaggregated = data.gases.filter((gas) => gas.species === 'CO2e');
  expect(preaggregated.length).toBeGreaterThan(0);
  const gases = screen.getByRole('table', { name: 'By gas' });
  const names = within(gases)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);
  expect(names).not.toContain('CO₂e');
  expect(names.filter((name) => name?.startsWith('CO₂e, pre-aggregated'))).toHaveLength(preaggregated.length);
  // what it is: a part of the footprint, and less than the total
  screen.getByText(/^CO₂e, pre-aggregated: greenhouse gases a source gives only as one CO₂e figure/);
  for (const gas of preaggregated) expect(gas.co2e).toBeLessThan(data.total);
});

test('the Monte Carlo panel names lines and notes in plain words, in both languages', async () => {
  const { data: started } = await api.POST('/v1/orgs/{orgId}/models/{id}/jobs', {
    params: { path: { orgId, id: model.id } },
    body: { kind: 'monte-carlo', iterations: 200, seed: 3 },
  });
  await vi.waitFor(
    async () => {
      const { data: job } = await api.GET('/v1/orgs/{orgId}/jobs/{jobId}', {
        params: { path: { orgId, jobId: started.id } },
      });
      expect(job.status).toBe('succeeded');
    },
    { timeout: 30_000, interval: 250 },
  );
  const { data: run } = await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/monte-carlo', {
    params: { path: { orgId, resultId: base.id } },
  });
  // every note this run has is one the catalogues say in plain words
  expect(run.output.notes.length).toBeGreaterThan(0);
  for (const note of run.output.notes) expect(plainNote(note), note).not.toBeNull();
  expect(run.output.sampled.lines.length + run.output.sampled.parameters.length).toBeGreaterThan(0);

  for (const [language, texts] of [
    [
      'en',
      [
        'Parameter “aluminium_mass”',
        "The background datasets' own uncertainty is not drawn: their footprints are taken as stated.",
        'Median (50th percentile)',
      ],
    ],
    [
      'zh-CN',
      [
        '参数“aluminium_mass”',
        '背景数据集自身的不确定性未参与抽样：其碳足迹按给定值计。',
        '中位数（第 50 百分位数）',
      ],
    ],
  ] as const) {
    renderApp(<ResultView data={readResult(base)} orgId={orgId} title="widget" />, {
      language,
      path: '/?view=quality',
    });
    const panel = (
      await screen.findByRole(
        'heading',
        { level: 2, name: /Monte Carlo|蒙特卡洛/ },
        {
          timeout: 20_000,
        },
      )
    ).closest('section') as HTMLElement;
    for (const text of texts) await within(panel).findByText(text, {}, { timeout: 20_000 });
    // no place in the document (JSON pointers), no option names, no engine text left untranslated
    expect(panel.textContent).not.toMatch(/\/processes\/\d|backgroundUncertainty|ln scale/);
    expect(panel.querySelector('[lang="en"]')).toBeNull();
    cleanup();
  }
});

test('a new electricity input starts on the life-cycle basis where the grid has it, operational elsewhere', async () => {
  const { data: reference } = await api.GET('/v1/reference/electricity');
  const residualYears = reference.residualMix.map((r) => r.year);
  const national = findRegion(reference.regions, '全国');
  const lifeCycleYears = national?.years['life-cycle-co2e'] ?? [];
  // the latest life-cycle year the residual-like factor also covers: market-based scenarios calculate too
  const year = Math.max(...lifeCycleYears.filter((y) => residualYears.includes(y)));
  expect(Number.isFinite(year)).toBe(true);
  expect(electricityDefault(national, residualYears)).toEqual({ factorBasis: 'life-cycle-co2e', year });
  // the published life-cycle factors are national only: a province takes its operational CO2 factor
  const jiangsu = findRegion(reference.regions, 'Jiangsu');
  expect(jiangsu?.years['life-cycle-co2e']).toEqual([]);
  expect(electricityDefault(jiangsu, residualYears)).toEqual({
    factorBasis: 'operational-co2',
    year: Math.max(...(jiangsu?.years['operational-co2'] ?? [])),
  });
  // without a residual-like factor for any of its years, the latest year
  expect(electricityDefault(national, [])).toEqual({
    factorBasis: 'life-cycle-co2e',
    year: Math.max(...lifeCycleYears),
  });
});
