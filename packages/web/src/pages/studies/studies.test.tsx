// The studies pages against a real `cfp serve` (demo data) with two organisations: the demo organisation (the
// practitioner) and Verify Ltd with its invited verifier. Every item path the read-only views build is one the
// server takes for a finding (and a pointer to nothing is refused); the compliance check's evidence maps onto
// items that exist; what the pages offer in each state is what the server lets each side do; the verifier raises a
// finding from the model view; a draft saved by someone else meanwhile names who saved it.
import { ApiError, createClient, ifMatch, type OpenCfpClient, type Schema } from '@opencfp/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { OrganisationProvider } from '../../api/organisation';
import { createQueryClient } from '../../app';
import { createI18n, type Language } from '../../i18n/i18n';
import { startDemoServer, type DemoServer } from '../../test-support/demo-server';
import { evidenceItemPath, itemPath, readItemPath, type Item } from './item-path';
import { readCompliance } from './read-compliance';
import { readStudyModel, readStudyResult } from './read-study-model';
import { studyControls } from './study-controls';
import StudyEditPage from './study-edit-page';
import StudyPage from './study-page';

// The server answers on a shared, sometimes loaded machine: a wait ends as soon as its text is there, and gives up
// only after 10 s; a test that raises a few dozen findings may take longer than vitest's 5 s.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 60_000 });

let server: DemoServer;
let api: OpenCfpClient;
let orgId: string;
let verifierApi: OpenCfpClient;
let verifierOrg: Schema<'Organisation'>;
let verifierUserId: string;
let practitionerOrgs: Schema<'Organisation'>[];
let frameModelId: string;
let resultId: string;

beforeAll(async () => {
  server = await startDemoServer();
  api = server.client;
  orgId = server.orgId;
  const created = await api.POST('/v1/orgs', { body: { name: 'Verify Ltd', slug: 'verify-ltd' } });
  const member = await api.POST('/v1/orgs/{orgId}/members', {
    params: { path: { orgId: created.data.id } },
    body: { email: 'wang.fang@verify.example', role: 'verifier', name: 'Wang Fang' },
  });
  if (!('initialPassword' in member.data)) throw new Error('the verifier user was not created');
  verifierUserId = member.data.user.id;
  const session = await createClient({ baseUrl: server.url }).POST('/v1/auth/sign-in', {
    body: { email: 'wang.fang@verify.example', password: member.data.initialPassword },
  });
  verifierApi = createClient({ baseUrl: server.url, token: session.data.token });
  verifierOrg = (await verifierApi.GET('/v1/orgs')).data.organisations[0];
  practitionerOrgs = (await api.GET('/v1/orgs')).data.organisations.filter((o) => o.id === orgId);
  const models = (await api.GET('/v1/orgs/{orgId}/models', { params: { path: { orgId } } })).data.models;
  const frame = models.find((m) => m.name.startsWith('Aluminium frame'));
  if (!frame) throw new Error('the demo has no frame model');
  frameModelId = frame.id;
  resultId = (
    await api.POST('/v1/orgs/{orgId}/models/{id}/calculations', {
      params: { path: { orgId, id: frame.id } },
      body: {},
    })
  ).data.id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** A draft study of the frame model's result, invited and (optionally) submitted and under verification. */
async function newStudy(title: string, until: 'draft' | 'submitted' | 'in-verification' = 'draft') {
  const path = { orgId };
  const study = (
    await api.POST('/v1/orgs/{orgId}/studies', {
      params: { path },
      body: {
        modelId: frameModelId,
        title,
        ruleSetId: 'iso-14067-2018',
        boundary: 'cradle-to-gate',
        productType: 'intermediate',
        resultId,
        declarations: { choices: { electricity: { accounting: 'location-based' } } },
      },
    })
  ).data;
  const id = study.id;
  if (until === 'draft') return study;
  await api.POST('/v1/orgs/{orgId}/studies/{id}/invite-verifier', {
    params: { path: { orgId, id } },
    body: { verifier: { organisation: 'verify-ltd', email: 'wang.fang@verify.example' } },
  });
  const submitted = (
    await api.POST('/v1/orgs/{orgId}/studies/{id}/submit', { params: { path: { orgId, id } } })
  ).data;
  if (until === 'submitted') return submitted;
  return (
    await verifierApi.POST('/v1/orgs/{orgId}/studies/{id}/start-verification', {
      params: { path: { orgId: verifierOrg.id, id } },
    })
  ).data;
}

function renderAs(
  client: OpenCfpClient,
  organisations: Schema<'Organisation'>[],
  path: string,
  language: Language = 'en',
): void {
  const ui: ReactNode = (
    <Routes>
      <Route path="/studies/:studyId" element={<StudyPage />} />
      <Route path="/studies/:studyId/edit" element={<StudyEditPage />} />
    </Routes>
  );
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ApiProvider client={client}>
        <QueryClientProvider client={createQueryClient()}>
          <MemoryRouter initialEntries={[path]}>
            <OrganisationProvider organisations={organisations}>{ui}</OrganisationProvider>
          </MemoryRouter>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
}

test('every item the views offer is one the server takes for a finding; a pointer to nothing is refused', async () => {
  const study = await newStudy('Items (component test)', 'in-verification');
  const path = { orgId: verifierOrg.id, id: study.id };
  const modelView = (await verifierApi.GET('/v1/orgs/{orgId}/studies/{id}/model', { params: { path } })).data;
  const resultView = (await verifierApi.GET('/v1/orgs/{orgId}/studies/{id}/result', { params: { path } }))
    .data;
  const model = readStudyModel(modelView.model);
  const result = readStudyResult(resultView.footprint, resultView.total);
  if (!model) throw new Error('the submitted result keeps no model document');
  const process = model.processes[0];
  const items: Item[] = [
    { kind: 'study' },
    { kind: 'process', process: 0 },
    ...process.inputs.map((input): Item => ({ kind: 'input', process: 0, input: input.index })),
    ...process.emissions.map((emission): Item => ({
      kind: 'emission',
      process: 0,
      emission: emission.index,
    })),
    ...model.parameters.map((parameter): Item => ({ kind: 'parameter', parameter: parameter.index })),
    ...result.split.map(([key]): Item => ({ kind: 'split', key })),
    ...result.stages.map((stage): Item => ({ kind: 'stage', stage: stage.index })),
    ...result.lines.map((line): Item => ({ kind: 'line', line: line.index })),
    { kind: 'field', field: 'boundary' },
    { kind: 'field', field: 'functionalUnit' },
    { kind: 'declaration', path: [] },
    { kind: 'declaration', path: ['choices', 'electricity'] },
  ];
  // the result's lines are the model's inputs and emissions, by their path in the document
  expect(result.lines.map((line) => line.path).sort()).toEqual(
    [
      ...process.inputs.map((input) => `/processes/0/inputs/${input.index}`),
      ...process.emissions.map((emission) => `/processes/0/emissions/${emission.index}`),
    ].sort(),
  );
  for (const item of items) {
    const itemPathOf = itemPath(item);
    const { data } = await verifierApi.POST('/v1/orgs/{orgId}/studies/{id}/findings', {
      params: { path },
      body: { itemPath: itemPathOf, text: `on ${itemPathOf || 'the study'}` },
    });
    expect(data.finding.itemPath).toBe(itemPathOf);
    expect(readItemPath(data.finding.itemPath)).toEqual(item);
  }
  // the compliance check's evidence lands on items the server takes too
  const compliance = readCompliance(
    (await verifierApi.GET('/v1/orgs/{orgId}/studies/{id}/compliance', { params: { path } })).data,
  );
  const roots = { study, model: modelView.model, result: resultView.footprint };
  const evidencePaths = new Set(
    compliance.rows.flatMap((row) => row.evidence.map((e) => evidenceItemPath(e.path, roots))),
  );
  expect(evidencePaths.size).toBeGreaterThan(3);
  for (const evidencePath of evidencePaths)
    await verifierApi.POST('/v1/orgs/{orgId}/studies/{id}/findings', {
      params: { path },
      body: { itemPath: evidencePath, text: 'on the evidence' },
    });
  // what the views never build: a pointer to nothing
  const refused = await verifierApi
    .POST('/v1/orgs/{orgId}/studies/{id}/findings', {
      params: { path },
      body: { itemPath: `/model/processes/0/inputs/${process.inputs.length}`, text: 'nothing there' },
    })
    .catch((error: unknown) => error);
  expect(ApiError.is(refused, 'VALIDATION_FAILED')).toBe(true);
});

test('the compliance check read: every requirement once, the blocking ones exactly the server’s unmet', async () => {
  const study = await newStudy('Compliance (component test)');
  const answer = (
    await api.GET('/v1/orgs/{orgId}/studies/{id}/compliance', { params: { path: { orgId, id: study.id } } })
  ).data;
  const report = readCompliance(answer);
  const { met, notMet, notApplicable, needsEvidence } = answer.counts;
  expect(report.rows).toHaveLength(met + notMet + notApplicable + needsEvidence);
  expect(report.rows.filter((r) => r.blocking).map((r) => r.requirementId)).toEqual(
    answer.unmet.map((u) => u.requirementId),
  );
  // every blocking row is mandatory, not met, and says how to fix it in both languages
  for (const row of report.rows.filter((r) => r.blocking)) {
    expect(row).toMatchObject({ level: 'mandatory', status: 'not-met' });
    expect(row.fix?.en).toBeTruthy();
    expect(row.fix?.zh).toMatch(/\p{Script=Han}/u);
  }
  expect(report.blocksPublication).toBe(answer.blocksPublication);

  renderAs(api, practitionerOrgs, `/studies/${study.id}?view=compliance`);
  await screen.findByRole('heading', { name: 'Compliance check', level: 2 });
  const blocked = await screen.findByText(
    `Publication is blocked: ${answer.unmet.length} mandatory requirement(s) are not met.`,
  );
  for (const unmet of answer.unmet) expect(blocked.closest('div')?.textContent).toContain(unmet.message);
  // Publish is not offered in a draft; the table has a row per requirement
  expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
  const table = screen.getByRole('table', { name: 'Every requirement of the rule set, checked' });
  expect(within(table).getAllByRole('row')).toHaveLength(report.rows.length + 1);
  cleanup();

  renderAs(api, practitionerOrgs, `/studies/${study.id}?view=compliance`, 'zh-CN');
  await screen.findByRole('heading', { name: '符合性检查', level: 2 });
  const zhBlocked = await screen.findByText(`无法发布：${answer.unmet.length} 项强制性要求未满足。`);
  expect(zhBlocked.closest('div')?.textContent).toContain(answer.unmet[0].messageZh as string);
});

test('what each side is offered in each state is what the server lets it do', async () => {
  const me = (await verifierApi.GET('/v1/me')).data;
  expect(me.user?.id).toBe(verifierUserId);
  const practitioner = { role: 'owner' as const, userId: 'demo' };
  const wang = { role: verifierOrg.role, userId: verifierUserId };
  const read = async (id: string) => ({
    ours: (await api.GET('/v1/orgs/{orgId}/studies/{id}', { params: { path: { orgId, id } } })).data,
    theirs: (
      await verifierApi.GET('/v1/orgs/{orgId}/studies/{id}', {
        params: { path: { orgId: verifierOrg.id, id } },
      })
    ).data,
  });
  const study = await newStudy('Controls (component test)', 'submitted');
  let now = await read(study.id);
  expect([...studyControls(now.ours, practitioner)].sort()).toEqual(['invite', 'withdraw']);
  expect([...studyControls(now.theirs, wang)]).toEqual(['start-verification']);
  // the practitioner's side cannot start the verification (the page does not offer it)
  const refused = await api
    .POST('/v1/orgs/{orgId}/studies/{id}/start-verification', { params: { path: { orgId, id: study.id } } })
    .catch((error: unknown) => error);
  expect(ApiError.is(refused, 'FORBIDDEN')).toBe(true);
  await verifierApi.POST('/v1/orgs/{orgId}/studies/{id}/start-verification', {
    params: { path: { orgId: verifierOrg.id, id: study.id } },
  });
  now = await read(study.id);
  expect([...studyControls(now.ours, practitioner)].sort()).toEqual(['answer-finding', 'withdraw']);
  expect([...studyControls(now.theirs, wang)].sort()).toEqual([
    'close-finding',
    'raise-finding',
    'reject',
    'verify',
  ]);
  // another user of the verifier's organisation reads but is offered nothing
  expect(studyControls(now.theirs, { role: 'owner', userId: 'someone-else' }).size).toBe(0);
  await verifierApi.POST('/v1/orgs/{orgId}/studies/{id}/verify', {
    params: { path: { orgId: verifierOrg.id, id: study.id } },
    body: {},
  });
  now = await read(study.id);
  expect([...studyControls(now.ours, practitioner)].sort()).toEqual(['publish', 'withdraw']);
  expect(studyControls(now.theirs, wang).size).toBe(0);
  expect(now.ours.frozenInputsHash).toBe(now.ours.inputsHash);
});

test('the verifier raises a finding on a model input from the model view', async () => {
  const study = await newStudy('Finding from the page (component test)', 'in-verification');
  const user = userEvent.setup();
  renderAs(verifierApi, [verifierOrg], `/studies/${study.id}?view=model`);
  await screen.findByText(/Demo organisation has invited you to verify this study/);
  const inputs = await screen.findByRole('table', { name: 'Inputs of Frame welding and finishing' });
  const row = within(inputs).getByRole('row', { name: /Powder coating/ });
  await user.click(
    within(row).getByRole('button', {
      name: 'Raise a finding on Input “Powder coating” of process “Frame welding and finishing”',
    }),
  );
  const text = screen.getByLabelText('Finding');
  expect(document.activeElement).toBe(text);
  await user.type(text, 'Which supplier declaration gives 6 kg CO2e per kg?');
  await user.click(screen.getByRole('button', { name: 'Raise the finding' }));
  await within(inputs).findByRole('link', { name: /^Findings: 1 \(1 open\), on Input “Powder coating”/ });
  const findings = (
    await api.GET('/v1/orgs/{orgId}/studies/{id}/findings', { params: { path: { orgId, id: study.id } } })
  ).data.findings;
  expect(findings.map((f) => [f.itemPath, f.text, f.state])).toEqual([
    ['/model/processes/0/inputs/2', 'Which supplier declaration gives 6 kg CO2e per kg?', 'open'],
  ]);
  // the practitioner sees where it was raised, in words
  cleanup();
  renderAs(api, practitionerOrgs, `/studies/${study.id}?view=findings`);
  await screen.findByRole('heading', {
    name: 'Input “Powder coating” of process “Frame welding and finishing”',
    level: 3,
  });
  expect(screen.queryByRole('button', { name: /Raise a finding/ })).toBeNull();
  expect(screen.getByLabelText('Your answer')).toBeTruthy();
});

test('a draft saved by someone else meanwhile: the form names who saved it, then loads theirs or saves over it', async () => {
  const study = await newStudy('Conflict (component test)');
  const user = userEvent.setup();
  renderAs(api, practitionerOrgs, `/studies/${study.id}/edit`);
  const title = await screen.findByLabelText('Title');
  await user.clear(title);
  await user.type(title, 'Mine');
  // someone saves another title in between
  await api.PATCH('/v1/orgs/{orgId}/studies/{id}', {
    params: { path: { orgId, id: study.id }, header: ifMatch(study.version) },
    body: { title: 'Theirs' },
  });
  await user.click(screen.getByRole('button', { name: 'Save' }));
  const notice = await screen.findByRole('alert');
  await waitFor(() => expect(notice.textContent).toContain('Demo user saved it'));
  expect(notice.textContent).toContain('now version 2');
  await user.click(within(notice).getByRole('button', { name: 'Load their version (drops your changes)' }));
  expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Theirs');
  // and saving on purpose over a newer version
  await user.clear(screen.getByLabelText('Title'));
  await user.type(screen.getByLabelText('Title'), 'Mine after all');
  await api.PATCH('/v1/orgs/{orgId}/studies/{id}', {
    params: { path: { orgId, id: study.id }, header: ifMatch(2) },
    body: { functionalUnit: 'one frame' },
  });
  await user.click(screen.getByRole('button', { name: 'Save' }));
  const second = await screen.findByRole('alert');
  await user.click(within(second).getByRole('button', { name: 'Save mine over theirs' }));
  await waitFor(async () => {
    const saved = (
      await api.GET('/v1/orgs/{orgId}/studies/{id}', { params: { path: { orgId, id: study.id } } })
    ).data;
    expect(saved).toMatchObject({ title: 'Mine after all', version: 4 });
  });
});
