// The results views rendered from real answers: a `cfp serve` with the demo data is started, the demo battery model
// is calculated through the API (base case and its solar scenario), and the stored results, upstream tree, Sankey
// diagram and Monte Carlo run the views show are the server's own.
import { ApiError, type OpenCfpClient, type Schema } from '@opencfp/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { OrganisationProvider } from '../../api/organisation';
import { createQueryClient } from '../../app';
import { formatFor } from '../../i18n/format';
import { createI18n, type Language } from '../../i18n/i18n';
import { startDemoServer, type DemoServer } from '../../test-support/demo-server';
import ComparePage from './compare-page';
import { compareResults } from './comparison';
import ModelResultsPage from './model-results-page';
import { monteCarloRun } from './monte-carlo';
import { paretoRows } from './pareto';
import { readResult, type CalculationResult, type ResultData } from './read-result';
import { contributorsCsv, stagesCsv, type CsvHeadings } from './result-csv';
import { ResultView } from './result-view';
import { sankeyOption } from './sankey-option';
import { splitRows } from './split-rows';

// each test waits for real answers of the server (and the Sankey for its threshold to settle)
vi.setConfig({ testTimeout: 30_000 });

let server: DemoServer;
let api: OpenCfpClient;
let orgId: string;
let organisations: Schema<'Organisation'>[];
let modelId: string;
/** The demo battery model's base case and its first scenario, as the server stored them. */
let base: CalculationResult;
let scenario: CalculationResult;

beforeAll(async () => {
  server = await startDemoServer();
  api = server.client;
  orgId = server.orgId;
  organisations = (await api.GET('/v1/orgs')).data.organisations;
  const { data: products } = await api.GET('/v1/orgs/{orgId}/products', { params: { path: { orgId } } });
  const battery = products.products.find((p) => p.nameEn.includes('LFP'));
  const { data: models } = await api.GET('/v1/orgs/{orgId}/models', { params: { path: { orgId } } });
  const model = models.models.find((m) => m.productId === battery?.id);
  if (!model) throw new Error('the demo has no battery model');
  modelId = model.id;
  const { data: document } = await api.GET('/v1/orgs/{orgId}/models/{id}', {
    params: { path: { orgId, id: modelId } },
  });
  const scenarioId = document.model.scenarios?.[0]?.id;
  if (!scenarioId) throw new Error('the demo battery model has no scenario');
  const calculate = async (body: Schema<'CalculationRequest'>) => {
    const { data } = await api.POST('/v1/orgs/{orgId}/models/{id}/calculations', {
      params: { path: { orgId, id: modelId } },
      body,
    });
    return (
      await api.GET('/v1/orgs/{orgId}/calculations/{resultId}', {
        params: { path: { orgId, resultId: data.id } },
      })
    ).data;
  };
  base = await calculate({});
  scenario = await calculate({ scenarioId });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** The app's providers around a part of it, on a router at `path`. */
function renderApp(
  ui: ReactNode,
  { language = 'en', path = '/' }: { language?: Language; path?: string } = {},
) {
  const i18n = createI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={api}>
        <QueryClientProvider client={createQueryClient()}>
          <MemoryRouter initialEntries={[path]}>
            <OrganisationProvider organisations={organisations}>{ui}</OrganisationProvider>
          </MemoryRouter>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
}

const en = formatFor('en');

test('the overview shows the stored total, every split entry, the stages, the gases and the Pareto rows', () => {
  const data = readResult(base);
  renderApp(<ResultView data={data} orgId={orgId} title="battery" />);
  const total = screen.getByRole('region', { name: 'Carbon footprint' });
  expect(within(total).getByText(en.co2e(base.total))).toBeTruthy();
  expect(total.querySelector('[data-total]')?.getAttribute('data-total')).toBe(String(base.total));

  const split = screen.getByRole('table', { name: 'ISO 14067 split' });
  const rows = within(split).getAllByRole('row').slice(1);
  expect(rows).toHaveLength(Object.keys(base.footprint.split).length);
  for (const row of splitRows(data.split))
    expect(rows.some((r) => r.textContent?.endsWith(en.number(row.value)))).toBe(true);
  expect(within(split).getByText('Direct land-use change (dLUC)')).toBeTruthy();

  const stages = screen.getByRole('table', { name: 'By life-cycle stage' });
  for (const stage of base.footprint.byStage)
    expect(
      within(stages)
        .getByRole('rowheader', { name: String(stage.name) })
        .closest('tr')?.textContent,
    ).toContain(en.number(stage.amount));
  const gases = within(screen.getByRole('table', { name: 'By gas' })).getAllByRole('row');
  expect(gases).toHaveLength(base.footprint.byGas.length + 1);

  const pareto = within(screen.getByRole('table', { name: 'Top contributors (Pareto)' })).getAllByRole('row');
  const expected = paretoRows(data.lines, data.total, 10);
  expect(pareto).toHaveLength(expected.length + 1);
  expect(pareto[1].textContent).toContain(expected[0].name);
  // the lines add up to the total: the running share ends at 100 %
  expect(expected.at(-1)?.cumulative).toBeCloseTo(1, 9);
  expect(pareto.at(-1)?.textContent).toContain('100%');
  // a chart per view: stages, gases, Pareto
  expect(screen.getAllByRole('figure')).toHaveLength(3);
});

test('in Chinese the headings are Chinese and the stages take their Chinese names', () => {
  renderApp(<ResultView data={readResult(base)} orgId={orgId} title="battery" />, { language: 'zh-CN' });
  expect(screen.getByRole('heading', { name: '碳足迹' })).toBeTruthy();
  expect(screen.getByRole('heading', { name: 'ISO 14067 分项' })).toBeTruthy();
  expect(screen.getByRole('tab', { name: '桑基图' })).toBeTruthy();
  const stages = screen.getByRole('table', { name: '按生命周期阶段' });
  for (const stage of base.footprint.byStage)
    expect(within(stages).getByText(String(stage.nameZh))).toBeTruthy();
});

test('the upstream tree expands a node with the children the server answers, and collapses it from the keyboard', async () => {
  const user = userEvent.setup();
  renderApp(<ResultView data={readResult(base)} orgId={orgId} title="battery" />);
  await user.click(screen.getByRole('tab', { name: 'Upstream tree' }));
  const root = (
    await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/upstream', {
      params: { path: { orgId, resultId: base.id }, query: { limit: 25 } },
    })
  ).data.node;
  const table = await screen.findByRole('table', { name: 'Upstream contribution tree' }, { timeout: 10_000 });
  expect(within(table).getAllByRole('row')).toHaveLength(1 + 1 + (root.children?.length ?? 0));
  const child = root.children?.find((c) => c.expandable);
  if (!child) throw new Error('the root has no expandable child');
  const below =
    (
      await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/upstream', {
        params: { path: { orgId, resultId: base.id }, query: { node: child.id, limit: 25 } },
      })
    ).data.node.children ?? [];
  expect(below.length).toBeGreaterThan(0);
  const expand = within(table).getByRole('button', { name: `Expand ${child.label}` });
  await user.click(expand);
  for (const grandchild of below) await within(table).findByText(grandchild.label, {}, { timeout: 10_000 });
  expect(within(table).getAllByRole('row')).toHaveLength(2 + (root.children?.length ?? 0) + below.length);
  const collapse = within(table).getByRole('button', { name: `Collapse ${child.label}` });
  collapse.focus();
  await user.keyboard('{ArrowLeft}');
  expect(within(table).queryByText(below[0].label)).toBeNull();
  expect(
    within(table)
      .getByRole('button', { name: `Expand ${child.label}` })
      .getAttribute('aria-expanded'),
  ).toBe('false');
});

test('the Sankey diagram follows the threshold: the server prunes, the view shows its nodes', async () => {
  const user = userEvent.setup();
  renderApp(<ResultView data={readResult(base)} orgId={orgId} title="battery" />);
  await user.click(screen.getByRole('tab', { name: 'Sankey diagram' }));
  const at = async (threshold: number) =>
    (
      await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/sankey', {
        params: { path: { orgId, resultId: base.id }, query: { threshold, maxNodes: 100 } },
      })
    ).data;
  const wide = await at(0.01);
  const narrow = await at(0.1);
  expect(narrow.nodes.length).toBeLessThan(wide.nodes.length);
  const shown = (n: number, of: number, threshold: string) =>
    `${n} of ${of} processes shown (threshold ${threshold} of the total)`;
  await screen.findByText(shown(wide.nodes.length, wide.candidates, '1%'), {}, { timeout: 10_000 });
  const field = screen.getByLabelText('Threshold in %');
  await user.clear(field);
  await user.type(field, '10');
  await screen.findByText(shown(narrow.nodes.length, narrow.candidates, '10%'), {}, { timeout: 10_000 });
  // the drawing: every node with a drawable link, the pruned rest as 'Other processes'
  const drawing = sankeyOption(
    narrow,
    { other: 'Other processes', ofTotal: 'of the total', direct: 'Direct' },
    en,
  );
  const series = (drawing.option.series as { data: unknown[] }[])[0];
  expect(series.data.length).toBe(narrow.nodes.length);
  await user.click(screen.getByText('Show the diagram as tables', { selector: 'summary' }));
  const nodes = screen.getByRole('table', { name: 'Processes of the diagram' });
  expect(within(nodes).getAllByRole('row')).toHaveLength(narrow.nodes.length + 1);
  expect(within(nodes).getByText('Other processes (below the threshold)')).toBeTruthy();
});

test('data quality lists the notes the result carries and the datasets every kilogram comes from', async () => {
  const user = userEvent.setup();
  const data = readResult(base);
  renderApp(<ResultView data={data} orgId={orgId} title="battery" />);
  await user.click(screen.getByRole('tab', { name: 'Data quality and uncertainty' }));
  for (const note of base.footprint.notes) expect(screen.getByText(note.message)).toBeTruthy();
  const datasets = new Set(data.lines.flatMap((line) => (line.dataset ? [line.dataset.name] : [])));
  for (const name of datasets) expect(screen.getByRole('link', { name })).toBeTruthy();
  expect(
    await screen.findByText(
      'No Monte Carlo run of this model version with these options yet.',
      {},
      { timeout: 10_000 },
    ),
  ).toBeTruthy();
});

/** A job as the server answers it once it has ended. */
async function ended(job: Schema<'Job'>): Promise<Schema<'Job'>> {
  let current = job;
  while (current.status === 'queued' || current.status === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    current = (
      await api.GET('/v1/orgs/{orgId}/jobs/{jobId}', { params: { path: { orgId, jobId: current.id } } })
    ).data;
  }
  return current;
}

/** The server's latest Monte Carlo run of a result, or the error it answers. */
const latestRun = (resultId: string) =>
  api.GET('/v1/orgs/{orgId}/calculations/{resultId}/monte-carlo', { params: { path: { orgId, resultId } } });

test('a Monte Carlo run of the result shows its P5–P95 and histogram', async () => {
  // none yet: the server says which inputs it looked for
  const none = await latestRun(base.id).catch((error: unknown) => error);
  expect(ApiError.is(none, 'NOT_FOUND') && none.details.inputsHash).toBe(base.inputsHash);
  const { data: started } = await api.POST('/v1/orgs/{orgId}/models/{id}/jobs', {
    params: { path: { orgId, id: modelId } },
    body: { kind: 'monte-carlo', iterations: 500, seed: 7 },
  });
  const job = await ended(started);
  expect(job.status).toBe('succeeded');
  const { data: latest } = await latestRun(base.id);
  expect(latest.id).toBe(job.id);
  const run = monteCarloRun(latest);
  // the run names the result it describes; the scenario's result has none of its own
  expect([run.jobId, run.resultId, run.inputsHash, run.iterations, run.seed]).toEqual([
    job.id,
    base.id,
    base.inputsHash,
    500,
    7,
  ]);
  expect(run.deterministic).toBeCloseTo(base.total, 9);
  const other = await latestRun(scenario.id).catch((error: unknown) => error);
  expect(ApiError.is(other, 'NOT_FOUND')).toBe(true);
  const data = readResult(base);
  const user = userEvent.setup();
  renderApp(<ResultView data={data} orgId={orgId} title="battery" />);
  await user.click(screen.getByRole('tab', { name: 'Data quality and uncertainty' }));
  await screen.findByText(
    `P5–P95: ${en.number(run.percentiles.p5)} – ${en.number(run.percentiles.p95)} kg CO₂e`,
    {},
    { timeout: 10_000 },
  );
  expect(
    screen.getByText(`500 iterations, seed 7, run ${en.dateTime(String(run.finishedAt))}.`),
  ).toBeTruthy();
  expect(screen.getByRole('figure', { name: 'Distribution of the footprint' })).toBeTruthy();
  await user.click(screen.getByText('Show the histogram as a table', { selector: 'summary' }));
  const bins = within(screen.getByRole('table', { name: 'Show the histogram as a table' })).getAllByRole(
    'row',
  );
  expect(bins).toHaveLength(run.histogram.counts.length + 1);
});

test('a Monte Carlo run of the model still under way is followed, and can be cancelled from the page', async () => {
  const start = async (iterations: number, seed: number) =>
    (
      await api.POST('/v1/orgs/{orgId}/models/{id}/jobs', {
        params: { path: { orgId, id: modelId } },
        body: { kind: 'monte-carlo', iterations, seed },
      })
    ).data;
  // The server runs one job at a time: three of the longest runs (100,000 iterations, seconds each) keep the fourth
  // queued for far longer than the page needs to find it and cancel it.
  const long = [await start(100_000, 11), await start(100_000, 12), await start(100_000, 13)];
  const waiting = await start(10, 14);
  try {
    const user = userEvent.setup();
    renderApp(<ResultView data={readResult(base)} orgId={orgId} title="battery" />);
    await user.click(screen.getByRole('tab', { name: 'Data quality and uncertainty' }));
    const progress = await screen.findByRole(
      'progressbar',
      { name: 'Progress of the Monte Carlo run' },
      { timeout: 10_000 },
    );
    const bar = progress.closest('.job-progress') as HTMLElement;
    expect(within(bar).getByRole('status').textContent).toContain('Queued');
    expect(screen.getByRole('button', { name: 'Run' }).hasAttribute('disabled')).toBe(true);
    await user.click(within(bar).getByRole('button', { name: 'Cancel' }));
    await within(bar).findByText('Cancelled', {}, { timeout: 10_000 });
    expect(
      (await api.GET('/v1/orgs/{orgId}/jobs/{jobId}', { params: { path: { orgId, jobId: waiting.id } } }))
        .data.status,
    ).toBe('cancelled');
  } finally {
    for (const job of [...long, waiting])
      await api
        .POST('/v1/orgs/{orgId}/jobs/{jobId}/cancel', { params: { path: { orgId, jobId: job.id } } })
        .catch(() => undefined);
    for (const job of long) await ended(job);
  }
});

test('in Chinese, the result names its scenario and its processes as its model document did', async () => {
  const user = userEvent.setup();
  const data = readResult(scenario);
  const chinese = String(scenario.scenario?.nameZh);
  expect(chinese).toBe('电芯厂一半电力来自屋顶光伏');
  renderApp(<ResultView data={data} orgId={orgId} title="battery" />, { language: 'zh-CN' });
  const total = screen.getByRole('region', { name: '碳足迹' });
  expect(within(total).getByText(chinese)).toBeTruthy();
  await user.click(screen.getByRole('tab', { name: '贡献明细' }));
  const named = scenario.footprint.byProcess.filter((p) => p.nameZh);
  expect(named.length).toBeGreaterThan(0);
  const processes = screen.getByRole('table', { name: '前景过程' });
  for (const process of scenario.footprint.byProcess)
    expect(
      within(processes).getByRole('rowheader', {
        name: new RegExp(`^${process.nameZh ?? String(process.name)}`),
      }),
    ).toBeTruthy();
  const lines = screen.getByRole('table', { name: '模型的全部输入与排放' });
  for (const line of scenario.footprint.contributions.filter((c) => c.processNameZh))
    expect(within(lines).getAllByText(new RegExp(`^${String(line.processNameZh)} ·`)).length).toBeGreaterThan(
      0,
    );
  await user.click(screen.getByRole('tab', { name: '上游贡献树' }));
  const tree = await screen.findByRole('table', { name: '上游贡献树' }, { timeout: 10_000 });
  const reference = scenario.footprint.byProcess.find(
    (p) => p.processId === scenario.footprint.declaredUnit.processId,
  );
  expect(reference?.nameZh).toBeTruthy();
  expect(within(tree).getByText(String(reference?.nameZh))).toBeTruthy();
});

test('the CSV exports hold every line and stage of the result, with a byte order mark and Chinese headings', () => {
  const data = readResult(base);
  const headings = (zh: boolean): CsvHeadings => ({
    contributors: {
      rank: '#',
      line: zh ? '项目' : 'Line',
      process: 'p',
      kind: 'k',
      stage: 's',
      quantity: 'q',
      unit: 'u',
      dataset: 'd',
      datasetId: 'id',
      co2e: 'kg CO₂e',
      share: 'share',
      path: 'path',
    },
    stages: { stage: 'code', name: zh ? '阶段' : 'Stage', co2e: 'kg CO₂e', share: 'share' },
    gases: { gas: 'g', origin: 'o', mass: 'm', factor: 'f', co2e: 'c', counted: 'n' },
  });
  const csv = contributorsCsv(data, headings(true));
  expect(csv.startsWith('\uFEFF#,项目,')).toBe(true);
  const lines = csv.slice(1).trimEnd().split('\r\n');
  expect(lines).toHaveLength(data.lines.length + 1);
  // the kg CO2e column (10th) in full precision adds up to the total
  const sum = data.lines.reduce((s, line) => s + line.co2e, 0);
  expect(sum).toBeCloseTo(base.total, 9);
  for (const line of data.lines) expect(csv).toContain(String(line.co2e));
  const stages = stagesCsv(data, headings(true), 'zh-CN');
  for (const stage of base.footprint.byStage)
    expect(stages).toContain(`${stage.id},${String(stage.nameZh)},${stage.amount}`);
});

test('comparing two scenarios: totals, stages and lines side by side with their difference', async () => {
  const a = readResult(base);
  const b = readResult(scenario);
  const comparison = compareResults(a, b);
  expect(comparison.total.delta).toBeCloseTo(scenario.total - base.total, 12);
  expect(comparison.total.relative).toBeCloseTo((scenario.total - base.total) / base.total, 12);
  expect(comparison.stages.reduce((s, r) => s + r.delta, 0)).toBeCloseTo(comparison.total.delta, 9);
  // the scenario changes the cell plant's electricity: its lines change most
  expect(Math.abs(comparison.lines[0].delta)).toBeGreaterThan(0);
  expect(comparison.lines[0].item.name).toMatch(/electricity/i);

  renderApp(
    <Routes>
      <Route path="/models/:modelId/compare" element={<ComparePage />} />
    </Routes>,
    { path: `/models/${modelId}/compare?a=${base.id}&b=${scenario.id}` },
  );
  const headline = await screen.findByText(/^B − A:/, {}, { timeout: 10_000 });
  expect(headline.textContent).toContain(en.number(scenario.total - base.total));
  expect(
    screen.getByRole('heading', { name: `B · ${String(scenario.footprint.scenario?.name)}` }),
  ).toBeTruthy();
  const table = screen.getByRole('table', { name: 'A and B in detail' });
  const totalRow = within(table).getByRole('rowheader', { name: 'Carbon footprint' }).closest('tr');
  expect(totalRow?.textContent).toContain(en.number(base.total));
  expect(totalRow?.textContent).toContain(en.number(scenario.total));
});

test('calculating from the model page follows the job and shows the stored result', async () => {
  const user = userEvent.setup();
  renderApp(
    <Routes>
      <Route path="/models/:modelId/results" element={<ModelResultsPage />} />
    </Routes>,
    { path: `/models/${modelId}/results` },
  );
  const form = await screen.findByRole('form', { name: 'Calculate' }, { timeout: 10_000 });
  await user.selectOptions(within(form).getByLabelText('Scenario'), String(scenario.request.scenarioId));
  await user.click(within(form).getByRole('button', { name: 'Calculate' }));
  // equal inputs were calculated in beforeAll: the job answers that stored result
  await within(form).findByText(
    'These inputs were calculated before: the stored result is shown.',
    {},
    { timeout: 20_000 },
  );
  await waitFor(
    () => {
      const total = screen.getByRole('region', { name: 'Carbon footprint' });
      expect(within(total).getByText(en.co2e(scenario.total))).toBeTruthy();
    },
    { timeout: 10_000 },
  );
  const history = screen.getByRole('table', { name: 'Earlier results' });
  expect(within(history).getAllByRole('row')).toHaveLength(3);
});

// reading a result keeps every number the server sent
test('readResult keeps the stored numbers as they are', () => {
  const data: ResultData = readResult(base);
  expect(data.total).toBe(base.total);
  expect(data.split).toEqual(Object.entries(base.footprint.split));
  expect(data.lines.map((l) => l.co2e)).toEqual(base.footprint.contributions.map((c) => c.co2e));
  expect(data.stored).toBe(base);
});
