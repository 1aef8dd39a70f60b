// The studies pages' pure parts: item paths (JSON pointers) built from what the verifier clicks and read back,
// evidence of the compliance check mapped onto what a finding can be raised on, what a reader may do in each state,
// and the study form's values in and out. (Real answers of a `cfp serve` go through them in studies.test.tsx.)
import type { Schema } from '@opencfp/client';
import { expect, test } from 'vitest';
import { dataQualityValues, sensitivityValues, uncertaintyValues } from './declarations-from-runs';
import { itemLabel, type ItemNames } from './item-label';
import {
  escapeToken,
  evidenceItemPath,
  itemPath,
  jsonPointer,
  pointerTokens,
  readItemPath,
  type Item,
} from './item-path';
import { readStudyModel, readStudyResult } from './read-study-model';
import { studyControls, verificationKey, type Study, type StudyState } from './study-controls';
import {
  emptyStudyValues,
  readStudyForm,
  studyChange,
  studyValues,
  type StudyFormValues,
} from './study-form-values';

test('JSON pointers escape ~ and / and read back to the same tokens', () => {
  expect(escapeToken('a/b~c')).toBe('a~1b~0c');
  expect(jsonPointer(['result', 'split', 'a/b~c'])).toBe('/result/split/a~1b~0c');
  expect(pointerTokens('/result/split/a~1b~0c')).toEqual(['result', 'split', 'a/b~c']);
  // '~01' is '~' then '1', not '/': ~1 is undone before ~0
  expect(pointerTokens('/x/~01')).toEqual(['x', '~1']);
  expect(pointerTokens('')).toEqual([]);
});

test('every item the pages offer has a path the API takes, and the path reads back to the item', () => {
  const items: [Item, string][] = [
    [{ kind: 'study' }, ''],
    [{ kind: 'process', process: 2 }, '/model/processes/2'],
    [{ kind: 'input', process: 0, input: 2 }, '/model/processes/0/inputs/2'],
    [{ kind: 'emission', process: 1, emission: 0 }, '/model/processes/1/emissions/0'],
    [{ kind: 'parameter', parameter: 3 }, '/model/parameters/3'],
    [{ kind: 'split', key: 'fossilEmissions' }, '/result/split/fossilEmissions'],
    [{ kind: 'stage', stage: 4 }, '/result/byStage/4'],
    [{ kind: 'line', line: 10 }, '/result/contributions/10'],
    [{ kind: 'field', field: 'boundary' }, '/study/boundary'],
    [{ kind: 'declaration', path: ['choices', 'cutOff'] }, '/study/declarations/choices/cutOff'],
    [{ kind: 'declaration', path: [] }, '/study/declarations'],
  ];
  // the pattern of NewStudyFinding.itemPath in the OpenAPI document
  const pattern = /^(|\/(model|result|study)(\/([^/~]|~[01])*)*)$/;
  for (const [item, path] of items) {
    expect(itemPath(item)).toBe(path);
    expect(path).toMatch(pattern);
    expect(readItemPath(path)).toEqual(item);
  }
  // pointers the pages do not build are shown as they are
  for (const path of [
    '/model/processes/x',
    '/model/processes/0/inputs',
    '/result/byProcess/0',
    '/model/processes/01',
  ])
    expect(readItemPath(path)).toEqual({ kind: 'other', path });
});

test('compliance evidence maps to the deepest item that exists: /document → /model, flat statements → declarations', () => {
  const roots = {
    study: {
      boundary: 'cradle-to-gate',
      declarations: { choices: { electricity: { accounting: 'location-based' } } },
    },
    model: { processes: [{ inputs: [{ name: 'a' }] }] },
    result: { split: { total: 3 }, byStage: [{ amount: 1 }] },
  };
  expect(evidenceItemPath('/study/choices/cutOff/criteria', roots)).toBe('/study/declarations/choices');
  expect(evidenceItemPath('/study/choices/electricity/accounting', roots)).toBe(
    '/study/declarations/choices/electricity/accounting',
  );
  expect(evidenceItemPath('/study/referencePeriod/start', roots)).toBe('/study/declarations');
  expect(evidenceItemPath('/study/boundary', roots)).toBe('/study/boundary');
  expect(evidenceItemPath('/document/processes/0/inputs/0/unit', roots)).toBe('/model/processes/0/inputs/0');
  expect(evidenceItemPath('/result/byStage/0/amount', roots)).toBe('/result/byStage/0/amount');
  expect(evidenceItemPath('/result/byStage/7/amount', roots)).toBe('/result/byStage');
  // nothing of it exists, or no evidence: the study as a whole
  expect(evidenceItemPath('/result/nothing', roots)).toBe('');
  expect(evidenceItemPath('', roots)).toBe('');
});

const names: ItemNames = {
  local: (name, nameZh) => nameZh ?? name,
  split: (key) => `split:${key}`,
  field: (field) => `field:${field}`,
  declaration: (path) => `declaration:${path.join('/')}`,
};

test('items in words, from the model as submitted and its result; an item they do not hold by its path', () => {
  const model = readStudyModel({
    processes: [
      {
        id: 'frame',
        name: 'Frame welding',
        nameZh: '车架焊接',
        inputs: [
          {
            name: 'Aluminium tubes',
            amount: 'frame_mass * 1.25',
            unit: 'kg',
            source: { kind: 'background' },
          },
        ],
        emissions: [{ gas: 'CO2', amount: 0.12, unit: 'kg' }],
      },
    ],
    parameters: [{ name: 'frame_mass', value: 1.6 }],
  });
  const result = readStudyResult(
    {
      byStage: [{ id: 'production', name: 'Production', nameZh: '生产', amount: 2, share: 0.5 }],
      contributions: [
        { path: '/processes/0/inputs/0', name: 'Aluminium tubes', processName: 'Frame welding', co2e: 9 },
      ],
    },
    4,
  );
  const label = (path: string) => itemLabel(readItemPath(path), model, result, names);
  expect(label('/model/processes/0/inputs/0')).toEqual({
    key: 'studies.items.input',
    values: { name: 'Aluminium tubes', process: '车架焊接' },
  });
  expect(label('/model/processes/0/emissions/0').values).toEqual({ gas: 'CO2', process: '车架焊接' });
  expect(label('/model/parameters/0')).toEqual({
    key: 'studies.items.parameter',
    values: { name: 'frame_mass' },
  });
  expect(label('/result/byStage/0')).toEqual({ key: 'studies.items.stage', values: { name: '生产' } });
  expect(label('/result/contributions/0').values).toEqual({
    name: 'Aluminium tubes',
    process: 'Frame welding',
  });
  expect(label('/result/split/dLuc').values).toEqual({ name: 'split:dLuc' });
  expect(label('/study/declarations/choices/cutOff').values).toEqual({ name: 'declaration:choices/cutOff' });
  expect(label('').key).toBe('studies.items.study');
  expect(label('/model/processes/0/inputs/5')).toEqual({
    key: 'studies.items.path',
    values: { path: '/model/processes/0/inputs/5' },
  });
  // before the model has loaded
  expect(itemLabel(readItemPath('/model/processes/0'), null, null, names).key).toBe('studies.items.path');
});

test('the read-only model: amounts as numbers or formulas, the reference process, sources in parts', () => {
  const model = readStudyModel({
    referenceProcessId: 'assembly',
    processes: [
      {
        id: 'cells',
        name: 'Cells',
        inputs: [
          {
            name: 'power',
            amount: 5,
            unit: 'kWh',
            source: {
              kind: 'electricity',
              region: 'Jiangsu',
              year: 2023,
              accounting: 'market-based',
              instruments: [{}],
            },
          },
        ],
      },
      {
        id: 'assembly',
        name: 'Assembly',
        inputs: [
          { name: 'cells', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'cells' } },
        ],
      },
    ],
  });
  expect(model?.processes.map((p) => p.reference)).toEqual([false, true]);
  expect(model?.processes[0].inputs[0].source).toMatchObject({
    kind: 'electricity',
    region: 'Jiangsu',
    year: 2023,
    accounting: 'market-based',
    instruments: 1,
  });
  expect(model?.processes[1].inputs[0].source.processId).toBe('cells');
  // without a reference named the engine takes the first process
  expect(
    readStudyModel({ processes: [{ id: 'a' }, { id: 'b' }] })?.processes.map((p) => p.reference),
  ).toEqual([true, false]);
  expect(readStudyModel(null)).toBeNull();
  expect(readStudyModel({ schema: 'x' })).toBeNull();
});

const study = (
  state: StudyState,
  relation: Study['relation'],
  actions: Study['actions'],
  extra: Partial<Study> = {},
) =>
  ({
    state,
    relation,
    actions,
    selfDeclared: false,
    verifier: { organisationId: 'v', organisationName: 'Verify Ltd', userId: 'wang', userName: 'Wang Fang' },
    certificationBody: null,
    ...extra,
  }) as Pick<Study, 'state' | 'relation' | 'actions' | 'selfDeclared' | 'verifier' | 'certificationBody'>;

test('what a reader may do: the server’s actions for their side, narrowed to their role and to the invited user', () => {
  const sorted = (set: Set<string>) => [...set].sort();
  const editor = { role: 'editor' as const, userId: 'li' };
  expect(sorted(studyControls(study('draft', 'practitioner', ['submit', 'withdraw']), editor))).toEqual([
    'edit',
    'invite',
    'submit',
    'withdraw',
  ]);
  // viewers of the practitioner's organisation only read
  expect(
    studyControls(study('draft', 'practitioner', ['submit', 'withdraw']), { role: 'viewer', userId: 'x' })
      .size,
  ).toBe(0);
  // a self-declared draft invites nobody
  expect(
    studyControls(
      study('draft', 'practitioner', ['submit'], { selfDeclared: true, verifier: null }),
      editor,
    ).has('invite'),
  ).toBe(false);
  expect(sorted(studyControls(study('findings-raised', 'practitioner', ['withdraw']), editor))).toEqual([
    'answer-finding',
    'withdraw',
  ]);
  expect(
    sorted(studyControls(study('published', 'practitioner', ['withdraw', 'supersede']), editor)),
  ).toEqual(['supersede', 'withdraw']);
  // the invited verifier, and nobody else of its organisation
  const wang = { role: 'verifier' as const, userId: 'wang' };
  expect(sorted(studyControls(study('submitted', 'verifier', ['start-verification']), wang))).toEqual([
    'start-verification',
  ]);
  expect(
    sorted(
      studyControls(study('findings-answered', 'verifier', ['raise-finding', 'verify', 'reject']), wang),
    ),
  ).toEqual(['close-finding', 'raise-finding', 'reject', 'verify']);
  expect(
    studyControls(study('in-verification', 'verifier', ['raise-finding', 'verify', 'reject']), {
      role: 'owner',
      userId: 'someone-else',
    }).size,
  ).toBe(0);
  expect(studyControls(study('verified', 'verifier', []), wang).size).toBe(0);
  // a certification body's invited user certifies
  const body = { organisationId: 'c', organisationName: 'Cert', userId: 'zhao', userName: 'Zhao' };
  expect(
    sorted(
      studyControls(study('verified', 'certification-body', ['certify'], { certificationBody: body }), {
        role: 'verifier',
        userId: 'zhao',
      }),
    ),
  ).toEqual(['certify']);
});

test('the server’s verification labels have names in the catalogues; an unknown one is shown as it is', () => {
  expect(verificationKey('Self-declared: not verified by a third party')).toBe('selfDeclared');
  expect(verificationKey('Verified by a third party and certified')).toBe('certified');
  expect(verificationKey('Something new')).toBeNull();
});

const filled = (): StudyFormValues => ({
  ...emptyStudyValues(),
  title: 'Frame',
  modelId: 'm',
  resultId: 'r',
  declaredAmount: '1',
  declaredUnit: 'item',
  referenceStart: '2025-01-01',
  referenceEnd: '2025-12-31',
  allocationMethod: 'none',
  electricityAccounting: 'location-based',
  cutOffCriteria: '1 % of mass',
  exclusions: [
    { name: 'packaging', co2e: '', sharePercent: '0,5', reason: 'small', coversBackground: false },
  ],
  dataQualityMethod: 'pedigree',
  primaryDataSharePercent: '42',
  sensitivityMethod: 'one-at-a-time',
  sensitivityEntries: [
    { name: 'scrap rate', effect: '0.1' },
    { name: '', effect: '' },
  ],
  goal: { ...emptyStudyValues().goal, goal: { en: 'Know the footprint', zh: '' } },
  scopeLimitationsEn: 'one\n\nthree',
  scopeLimitationsZh: '一\n二',
});

test('the form reads into declarations; every problem is named by its field', () => {
  const read = readStudyForm(filled());
  // '0,5' is not guessed as 0.5
  expect(read.issues).toEqual([{ field: 'exclusions.0.sharePercent', key: 'number' }]);
  const ok = readStudyForm({ ...filled(), exclusions: [{ ...filled().exclusions[0], sharePercent: '0.5' }] });
  expect(ok.issues).toEqual([]);
  expect(ok.declarations).toEqual({
    referencePeriod: { start: '2025-01-01', end: '2025-12-31' },
    dataQuality: { method: 'pedigree', primaryDataShare: 0.42 },
    sensitivity: { method: 'one-at-a-time', entries: [{ name: 'scrap rate', effect: 0.1 }] },
    choices: {
      allocation: { method: 'none' },
      electricity: { accounting: 'location-based' },
      cutOff: { criteria: '1 % of mass', exclusions: [{ name: 'packaging', reason: 'small', share: 0.005 }] },
    },
    goalAndScope: {
      goal: { en: 'Know the footprint' },
      limitations: [{ en: 'one', zh: '一' }, { zh: '二' }, { en: 'three' }],
    },
  });
  const wrong = readStudyForm({
    ...emptyStudyValues(),
    declaredAmount: '0',
    referenceStart: '2025-06-01',
    referenceEnd: '2025-01-01',
    coveragePercent: '120',
    iterations: '2.5',
    publicStudyUrl: 'example.org/study',
    attestations: [{ requirementId: 'iso.x', statement: '', by: '', reference: '' }],
  });
  expect(wrong.issues).toEqual([
    { field: 'title', key: 'required' },
    { field: 'declaredAmount', key: 'positive' },
    { field: 'declaredUnit', key: 'required' },
    { field: 'referenceEnd', key: 'endBeforeStart' },
    { field: 'coveragePercent', key: 'percent' },
    { field: 'dataQualityMethod', key: 'methodRequired' },
    { field: 'iterations', key: 'count' },
    { field: 'uncertaintyMethod', key: 'methodRequired' },
    { field: 'publicStudyUrl', key: 'url' },
    { field: 'attestations.0.statement', key: 'required' },
  ]);
});

test('a study read into the form and back changes nothing; a change sends only its fields', () => {
  const ok = readStudyForm({ ...filled(), exclusions: [{ ...filled().exclusions[0], sharePercent: '0.5' }] });
  const stored = {
    title: 'Frame',
    modelId: 'm',
    resultId: 'r',
    ruleSetId: 'iso-14067-2018',
    declaredUnit: { amount: 1, unit: 'item' },
    functionalUnit: null,
    boundary: 'cradle-to-gate',
    productType: 'intermediate',
    selfDeclared: false,
    declarations: ok.declarations,
  } as unknown as Schema<'Study'>;
  const values = studyValues(stored);
  expect(values.primaryDataSharePercent).toBe('42');
  expect(values.exclusions[0].sharePercent).toBe('0.5');
  expect(studyChange(stored, values)).toEqual({});
  expect(
    studyChange(stored, { ...values, boundary: 'cradle-to-grave', functionalUnit: ' one frame ' }),
  ).toEqual({
    boundary: 'cradle-to-grave',
    functionalUnit: 'one frame',
  });
  expect(Object.keys(studyChange(stored, { ...values, reportDate: '2026-01-15' }))).toEqual(['declarations']);
});

test('statements from the runs of a result: PACT DQRs first, the Monte Carlo run, the tornado and method choices', () => {
  const quality = {
    pef: {
      dqr: 2,
      level: 'very good',
      criteria: { TeR: 2, GR: 1, TiR: 3, P: 2 },
      mostRelevant: 1,
      missing: [],
      ratedShare: 0.8,
      source: null,
    },
    pact: {
      version: '2',
      dqrs: [
        ['technologicalDQR', 1.2],
        ['temporalDQR', 2],
        ['geographicalDQR', null],
      ],
      primaryDataShare: 0.305,
      coverage: 0.9,
      missing: [],
      unflagged: [],
      source: null,
    },
    lines: [],
    notes: [],
  } as unknown as Parameters<typeof dataQualityValues>[0];
  expect(dataQualityValues(quality)).toMatchObject({
    dataQualityMethod: 'pact-dqr (PACT 2)',
    primaryDataSharePercent: '30.5',
    coveragePercent: '90',
    ratings: { technological: '1.2', temporal: '2', geographical: '' },
  });
  const pefOnly = { ...quality!, pact: { ...quality!.pact, dqrs: [], primaryDataShare: null } };
  expect(dataQualityValues(pefOnly)).toMatchObject({
    dataQualityMethod: 'pef-dqr',
    coveragePercent: '80',
    ratings: { technological: '2', geographical: '1', temporal: '3', precision: '2' },
  });
  expect(dataQualityValues(null)).toBeNull();

  const run = { seed: 7, iterations: 1000, mean: 10.5, sd: 0.75, percentiles: { p2_5: 9, p97_5: 12 } };
  expect(uncertaintyValues(run as unknown as Schema<'MonteCarloOutput'>)).toEqual({
    uncertaintyMethod: 'monte-carlo (seed 7)',
    iterations: '1000',
    mean: '10.5',
    standardDeviation: '0.75',
    percentiles: { p2_5: 9, p97_5: 12 },
  });

  const sensitivity = {
    relativeChange: 0.1,
    parameters: [
      { parameter: 'frame_mass', swing: 2.5 },
      { parameter: 'broken', swing: null },
    ],
  } as unknown as Schema<'SensitivityOutput'>;
  const choices = {
    rows: [
      { aspect: 'electricity-accounting', label: 'location-based', base: true, difference: 0 },
      { aspect: 'electricity-accounting', label: 'market-based', base: false, difference: -1.25 },
      { aspect: 'allocation', label: 'economic', base: false, difference: null },
    ],
  } as unknown as Schema<'MethodChoicesOutput'>;
  expect(sensitivityValues(sensitivity, choices)).toEqual({
    sensitivityMethod: 'one-at-a-time (±10 %) + method-choices',
    sensitivityEntries: [
      { name: 'frame_mass', effect: '2.5' },
      { name: 'electricity-accounting: market-based', effect: '-1.25' },
    ],
  });
  expect(sensitivityValues(null, null)).toBeNull();
});
