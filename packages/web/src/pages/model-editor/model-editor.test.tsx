// The model editor and its dataset search, rendered in jsdom against a real `cfp serve` (demo data, the starter
// database): checks in place, autosave with PATCH and PUT, a value the server refuses shown where it points, the
// server's validation (what a calculation would raise) in place, a dataset's own units offered, the functional
// unit, boundary and scenario kinds written to the document, a conflict naming who saved, and the keyboard in the
// search.
import { ApiError, ifMatch, type OpenCfpClient, type Schema } from '@opencfp/client';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { createQueryClient } from '../../app';
import { createI18n } from '../../i18n/i18n';
import { startDemoServer, type DemoServer } from '../../test-support/demo-server';
import { DatasetSearch } from './dataset-search';
import { placeId } from './editor-context';
import { ModelEditor } from './model-editor';
import { stateOf } from './use-autosave';

// The server answers on a shared, sometimes loaded machine: a wait for a text ends as soon as it is there, and
// gives up only after 10 s (not testing-library's 1 s).
configure({ asyncUtilTimeout: 10_000 });

let server: DemoServer;
let api: OpenCfpClient;
let orgId: string;
let versions: Schema<'DatabaseVersion'>[];
/** The demo frame model as first seeded (tests change it later). */
let seededFrame: Schema<'ProductModel'>;

beforeAll(async () => {
  server = await startDemoServer();
  api = server.client;
  orgId = server.orgId;
  versions = (await api.GET('/v1/orgs/{orgId}/databases', { params: { path: { orgId } } })).data.versions;
  seededFrame = await demoModel('Aluminium frame');
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** A demo model by the start of its name, read afresh. */
async function demoModel(name: string): Promise<Schema<'ProductModel'>> {
  const { data } = await api.GET('/v1/orgs/{orgId}/models', { params: { path: { orgId } } });
  const summary = data.models.find((m) => m.name.startsWith(name));
  if (!summary) throw new Error(`no demo model '${name}'`);
  return (await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id: summary.id } } }))
    .data;
}

/** A new model of the product of `model`, with a copy of its document changed by `change`. */
async function copyOf(
  model: Schema<'ProductModel'>,
  copyName: string,
  change: (document: Schema<'ProductModelDocument'>) => void = () => undefined,
): Promise<Schema<'ProductModel'>> {
  const document = structuredClone(model.model);
  change(document);
  return (
    await api.POST('/v1/orgs/{orgId}/models', {
      params: { path: { orgId } },
      body: {
        productId: model.productId,
        name: copyName,
        backgroundVersionId: model.backgroundVersionId,
        model: document,
      },
    })
  ).data;
}

/** A model as the server holds it now. */
const stored = async (id: string) =>
  (await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id } } })).data;

async function renderEditor(model: Schema<'ProductModel'>) {
  const product = (
    await api.GET('/v1/orgs/{orgId}/products/{id}', { params: { path: { orgId, id: model.productId } } })
  ).data;
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <ApiProvider client={api}>
        <QueryClientProvider client={createQueryClient()}>
          <MemoryRouter>
            <ModelEditor
              orgId={orgId}
              model={model}
              product={product}
              versions={versions}
              readOnly={false}
              autosaveDelayMs={100}
            />
          </MemoryRouter>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
}

const toolbar = () => screen.getByRole('toolbar');
/** The control of a place of the document by its id (testing-library's label queries are slow on a whole model). */
const control = (path: (string | number)[]) => document.getElementById(placeId(path)) as HTMLInputElement;
/** The issues read out with a control (its aria-describedby). */
const describedBy = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

test('checks in place, autosave (PATCH then PUT), and a value the server refuses, shown where it points', async () => {
  const user = userEvent.setup({ delay: null });
  const model = await demoModel('Aluminium frame');
  await renderEditor(model);
  // the electricity input shows the published factor it will take
  await screen.findByText(/^0\.5827 kg CO2\/kWh/);
  await within(toolbar()).findByText(`All changes saved · version ${model.version}`, { exact: false });

  // an empty name: said at the field, and nothing is saved
  const name = screen.getByLabelText('Model name');
  await user.clear(name);
  expect(name.getAttribute('aria-invalid')).toBe('true');
  expect(describedBy(name)).toContain('Required.');
  await within(toolbar()).findByText('Not saved: fix 1 problem(s) first');
  await user.type(name, 'Frame, 2027');
  await within(toolbar()).findByText(`All changes saved · version ${model.version + 1}`, { exact: false });
  expect((await demoModel('Frame, 2027')).name).toBe('Frame, 2027');

  // a unit of 60 characters: unknown to the browser's table (a warning), refused by the server's schema (50 at most)
  const tubes = screen.getByRole('listitem', { name: 'Aluminium tubes' });
  await user.selectOptions(within(tubes).getByLabelText('Unit'), 'Other unit…');
  const unit = within(tubes).getByLabelText('Unit');
  await user.clear(unit);
  await user.paste('u'.repeat(60));
  await within(toolbar()).findByText('Not saved: the server refused some values (marked below)');
  await waitFor(() => expect(describedBy(unit)).toContain('The value is too large or too long.'));
  expect(unit.getAttribute('aria-invalid')).toBe('true');
  // what the user typed is still there; a fix is saved
  expect((unit as HTMLInputElement).value).toHaveLength(60);
  await user.clear(unit);
  await user.type(unit, 'g');
  await within(toolbar()).findByText(`All changes saved · version ${model.version + 2}`, { exact: false });
  const saved = await demoModel('Frame, 2027');
  expect(saved.model.processes[0].inputs?.[0].unit).toBe('g');
}, 60_000);

test('a conflict: nothing is saved over theirs; loading theirs can be undone, and mine is then saved on purpose', async () => {
  const user = userEvent.setup({ delay: null });
  const model = await demoModel('LFP pack');
  await renderEditor(model);
  await within(toolbar()).findByText(`All changes saved · version ${model.version}`, { exact: false });

  // someone else saves, with the version they read
  const theirs = structuredClone(model.model);
  theirs.processes[0].name = 'Pack assembly (their name)';
  await api.PUT('/v1/orgs/{orgId}/models/{id}', {
    params: { path: { orgId, id: model.id }, header: ifMatch(model.version) },
    body: { model: theirs },
  });
  // then this editor changes something: its save is refused, and the banner says so
  const processName = control(['processes', 0, 'name']);
  expect(document.querySelector(`label[for="${processName.id}"]`)?.textContent).toBe('Process name');
  await user.clear(processName);
  await user.paste('Pack assembly (my name)');
  const banner = (await screen.findByText('Someone else saved this model while you were editing')).closest(
    '[role=alert]',
  );
  expect(banner).not.toBeNull();
  await within(toolbar()).findByText('Not saved: someone else saved a newer version');
  const stored = (
    await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id: model.id } } })
  ).data;
  expect(stored.model.processes[0].name).toBe('Pack assembly (their name)');
  // the banner says who saved theirs, and where mine differs
  const me = (await api.GET('/v1/me')).data.user;
  expect(banner?.textContent).toContain(`${me?.name ?? '?'} saved version ${stored.version} at`);
  expect(within(banner as HTMLElement).getByText('process “Pack assembly (my name)”')).toBeTruthy();

  await user.click(within(banner as HTMLElement).getByRole('button', { name: 'Load their version' }));
  expect(control(['processes', 0, 'name']).value).toBe('Pack assembly (their name)');
  await within(toolbar()).findByText(`All changes saved · version ${stored.version}`, { exact: false });
  // undo brings mine back, which is then saved over theirs (the user's own choice)
  await user.click(screen.getByRole('button', { name: 'Undo' }));
  expect(control(['processes', 0, 'name']).value).toBe('Pack assembly (my name)');
  await within(toolbar()).findByText(`All changes saved · version ${stored.version + 1}`, { exact: false });
  const after = (await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id: model.id } } }))
    .data;
  expect(after.model.processes[0].name).toBe('Pack assembly (my name)');
  // and a stale version is refused by the server as the editor expects
  await expect(
    api.PUT('/v1/orgs/{orgId}/models/{id}', {
      params: { path: { orgId, id: model.id }, header: ifMatch(stored.version) },
      body: { model: theirs },
    }),
  ).rejects.toSatisfy((e) => ApiError.is(e, 'VERSION_CONFLICT'));
}, 60_000);

test("the server's validation shows in place what a calculation would raise; a dataset offers its own units", async () => {
  const user = userEvent.setup({ delay: null });
  const model = await copyOf(seededFrame, 'Frame, validated');
  await renderEditor(model);
  await within(toolbar()).findByText(`All changes saved · version ${model.version}`, { exact: false });

  // the tubes' unit: exactly the units the dataset's product can be given in, as the server converts them
  const tubes = screen.getByRole('listitem', { name: 'Aluminium tubes' });
  const source = model.model.processes[0].inputs?.[0].source;
  if (source?.kind !== 'background') throw new Error('the tubes link a dataset');
  const detail = (
    await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes/{processId}', {
      params: {
        path: { orgId, versionId: model.backgroundVersionId ?? '', processId: source.processId },
      },
    })
  ).data;
  const offered = () =>
    [...(within(tubes).getByLabelText('Unit') as HTMLSelectElement).options].map((o) => o.value);
  await waitFor(() =>
    expect(offered()).toEqual([...(detail.referenceProduct?.units.map((u) => u.name) ?? []), '\u0000other']),
  );
  expect(detail.referenceProduct?.units.slice(0, 2).map((u) => [u.name, u.factor])).toEqual([
    ['kg', 1],
    ['g', 0.001],
  ]);

  // a unit the dataset cannot be given in: the browser cannot tell, the server's validation says it in place
  await user.selectOptions(within(tubes).getByLabelText('Unit'), 'Other unit…');
  const unit = within(tubes).getByLabelText('Unit');
  await user.clear(unit);
  await user.type(unit, 'kWh');
  const changed = structuredClone(model.model);
  (changed.processes[0].inputs ?? [])[0].unit = 'kWh';
  const expected = (
    await api.POST('/v1/orgs/{orgId}/models/validate', {
      params: { path: { orgId } },
      body: { model: changed, backgroundVersionId: model.backgroundVersionId },
    })
  ).data.issues;
  expect(expected.map((i) => [i.path, i.code])).toEqual([['/processes/0/inputs/0/unit', 'UNIT_MISMATCH']]);
  await waitFor(() =>
    expect(describedBy(unit)).toBe(
      `Error:This unit cannot be converted to the unit of what it links to. (${expected[0].message})`,
    ),
  );
  expect(unit.getAttribute('aria-invalid')).toBe('true');
  expect(screen.getByText('1 error(s), 0 warning(s)')).toBeTruthy();
  // a calculation would stop there, but the model can be saved as it is
  await within(toolbar()).findByText(`All changes saved · version ${model.version + 1}`, { exact: false });
  expect((await stored(model.id)).model.processes[0].inputs?.[0].unit).toBe('kWh');

  // fixed, the problem goes
  await user.clear(unit);
  await user.type(unit, 'g');
  await waitFor(() => expect(unit.getAttribute('aria-invalid')).toBeNull());
  await waitFor(() => expect(screen.queryByText(/error\(s\)/)).toBeNull());
}, 60_000);

test('the functional unit, the declared boundary and scenario kinds are written to the document', async () => {
  const user = userEvent.setup({ delay: null });
  const model = await copyOf(seededFrame, 'Frame, described', (document) => {
    // a scenario of a model written before the document had kinds: its id prefix says it
    document.scenarios = [...(document.scenarios ?? []), { id: 'eol-landfill', name: 'Landfill' }];
  });
  await renderEditor(model);
  await within(toolbar()).findByText(`All changes saved · version ${model.version}`, { exact: false });

  await user.type(screen.getByLabelText('Functional unit (English)'), 'One bicycle frame');
  await user.type(screen.getByLabelText('Functional unit (Chinese)'), '一个自行车车架');
  const boundary = screen.getByLabelText('Declared boundary');
  await user.selectOptions(boundary, 'Cradle to grave');
  // the stages modelled end at the gate: said at the field, and saved all the same
  await waitFor(() =>
    expect(describedBy(boundary)).toContain(
      'The model declares cradle to grave, but nothing in it is in the use or end-of-life stage.',
    ),
  );
  const landfill = screen.getByRole('listitem', { name: 'Landfill' });
  const kind = within(landfill).getByLabelText('Kind') as HTMLSelectElement;
  expect(kind.selectedOptions[0].textContent).toBe('End-of-life scenario');
  const lean = screen.getByRole('listitem', { name: 'Scrap rate 10 %' });
  await user.selectOptions(within(lean).getByLabelText('Kind'), 'Use scenario');
  await within(toolbar()).findByText('All changes saved', { exact: false });
  await waitFor(async () => {
    const saved = (await stored(model.id)).model;
    expect(saved.functionalUnit).toEqual({ en: 'One bicycle frame', zh: '一个自行车车架' });
    expect(saved.boundary).toBe('cradle-to-grave');
    expect(saved.scenarios?.map((s) => [s.id, s.kind])).toEqual([
      ['lean', 'use'],
      [model.model.scenarios?.[1].id, undefined],
      ['eol-landfill', undefined],
    ]);
  });
  // blank words are no words: the field is removed from the document
  await user.clear(screen.getByLabelText('Functional unit (Chinese)'));
  await waitFor(async () =>
    expect((await stored(model.id)).model.functionalUnit).toEqual({ en: 'One bicycle frame' }),
  );
}, 60_000);

test('unsaved changes kept in this browser are offered again, and restored they are saved', async () => {
  const user = userEvent.setup({ delay: null });
  const model = await demoModel('LFP pack');
  const draft = { ...stateOf(model), name: 'LFP pack, changed offline' };
  localStorage.setItem(
    `opencfp.model-draft.${model.id}`,
    JSON.stringify({ version: model.version, at: '2026-01-31T08:00:00.000Z', state: draft }),
  );
  await renderEditor(model);
  const offer = await screen.findByRole('region', { name: 'Unsaved changes' });
  expect(offer.textContent).toContain('This browser kept changes to this model that were not saved');
  expect(control(['$name']).value).toBe(model.name);
  await user.click(within(offer).getByRole('button', { name: 'Restore my changes' }));
  expect(control(['$name']).value).toBe('LFP pack, changed offline');
  await within(toolbar()).findByText(`All changes saved · version ${model.version + 1}`, { exact: false });
  expect((await demoModel('LFP pack, changed offline')).version).toBe(model.version + 1);
  // once saved, the draft is gone
  await waitFor(() => expect(localStorage.getItem(`opencfp.model-draft.${model.id}`)).toBeNull());
}, 60_000);

test('the dataset search: the server searches, the arrow keys choose, Enter picks; a unit limits the list', async () => {
  const user = userEvent.setup({ delay: null });
  const picked = vi.fn();
  const versionId = versions[0].id;
  const view = render(
    <I18nextProvider i18n={createI18n('en')}>
      <ApiProvider client={api}>
        <QueryClientProvider client={createQueryClient()}>
          <DatasetSearch orgId={orgId} versionId={versionId} label="Search" onPick={picked} />
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
  const box = screen.getByRole('combobox', { name: 'Search' });
  await user.type(box, 'aluminium');
  const options = await screen.findAllByRole('option');
  expect(options.map((o) => o.querySelector('.option-name')?.textContent)).toEqual([
    'Primary aluminium, cast, global average',
    'Secondary (recycled) aluminium ingot, North American average',
  ]);
  expect(box.getAttribute('aria-expanded')).toBe('true');
  expect(box.getAttribute('aria-activedescendant')).toBe(options[0].id);
  await user.keyboard('{ArrowDown}');
  expect(box.getAttribute('aria-activedescendant')).toBe(options[1].id);
  await user.keyboard('{Enter}');
  expect(picked).toHaveBeenCalledWith(
    expect.objectContaining({ productName: 'secondary aluminium ingot', unit: 'kg', location: 'RNA' }),
  );
  expect(box.getAttribute('aria-expanded')).toBe('false');
  view.unmount();

  render(
    <I18nextProvider i18n={createI18n('en')}>
      <ApiProvider client={api}>
        <QueryClientProvider client={createQueryClient()}>
          <DatasetSearch orgId={orgId} versionId={versionId} label="Transport" unit="t*km" onPick={picked} />
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
  await user.type(screen.getByRole('combobox', { name: 'Transport' }), 'freight');
  const legs = await screen.findAllByRole('option');
  expect(legs.length).toBeGreaterThanOrEqual(5);
  for (const leg of legs) expect(leg.querySelector('.badge-unit')?.textContent).toBe('t*km');
}, 60_000);
