// The browser's checks of a model, pure; the unit table they convert with is the engine's, as a real `cfp serve`
// answers it (GET /v1/reference/units).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../test-support/demo-server';
import type { EditorState, ModelInput } from './model-types';
import { unitTable, type UnitTable } from './unit-table';
import { datasetKey, hasErrors, validateState, type ValidationContext } from './validate-document';

let server: DemoServer;
let units: UnitTable;

beforeAll(async () => {
  server = await startDemoServer();
  units = unitTable((await server.client.GET('/v1/reference/units')).data);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** A model of one process with the given inputs (and a parameter, mass). */
function state(inputs: ModelInput[], change: Partial<EditorState['document']> = {}): EditorState {
  return {
    name: 'Model',
    backgroundVersionId: 'v1',
    document: {
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'p',
      parameters: [{ name: 'mass', value: 2 }],
      processes: [{ id: 'p', name: 'P', output: { amount: 1, unit: 'kg' }, inputs }],
      ...change,
    },
  };
}

/** The problems as "path: key (severity)", to read the expectations at a glance. */
const problems = (s: EditorState, context?: ValidationContext) =>
  validateState(s, context).map(
    (i) =>
      `${i.path.join('/')}: ${i.message.key ?? i.message.text}${i.severity === 'warning' ? ' (warning)' : ''}`,
  );

const aluminium = { kind: 'background', processId: 'al' } as const;
const datasets: ValidationContext['datasets'] = new Map([
  [
    datasetKey('al'),
    {
      processId: 'al',
      processName: 'Primary aluminium',
      productId: 'x',
      productName: 'aluminium',
      unit: 'kg',
      location: 'GLO',
      category: null,
    },
  ],
]);

test('a valid model has no problems', () => {
  const s = state([{ name: 'Al', amount: 'mass * 1.1', unit: 'g', source: aluminium }]);
  expect(problems(s, { datasets, units, product: { declaredUnitAmount: 1, declaredUnit: 'kg' } })).toEqual(
    [],
  );
});

test('amounts: numbers, formulas over the parameters, and their problems where they are', () => {
  const s = state([
    { name: 'A', amount: '', unit: 'kg', source: aluminium },
    { name: 'B', amount: 'mass * (2', unit: 'kg', source: aluminium },
    { name: 'C', amount: 'weight * 2', unit: 'kg', source: aluminium },
    { name: 'D', amount: Number.NaN, unit: 'kg', source: aluminium },
  ]);
  expect(problems(s)).toEqual([
    'processes/0/inputs/0/amount: required',
    'processes/0/inputs/1/amount: formula.unclosed',
    'processes/0/inputs/2/amount: formula.unknownParameter',
    'processes/0/inputs/3/amount: number',
  ]);
});

test('units: the server refuses electricity that is not energy and a transport mass that is not a mass', () => {
  const s = state([
    { name: 'E', amount: 5, unit: 'kg', source: { kind: 'electricity', region: '江苏', year: 2023 } },
    {
      name: 'T',
      amount: 1,
      unit: 'km',
      source: { kind: 'transport', mode: 'road', distance: -5, dataset: { processId: 'lorry' } },
    },
    { name: 'Al', amount: 1, unit: 'MJ', source: aluminium },
    { name: 'S', amount: 1, unit: 'kWh', source: { kind: 'supplier', pcfExcludingBiogenic: 2, unit: 'kg' } },
  ]);
  expect(problems(s, { datasets, units })).toEqual([
    'processes/0/inputs/0/unit: energyUnit',
    'processes/0/inputs/1/source/distance: atLeast',
    'processes/0/inputs/1/unit: massUnit',
    // a dataset may have a flow property in MJ: the server's validation decides
    'processes/0/inputs/3/unit: supplierUnitDimension',
  ]);
  // until the unit table has come, what needs it waits
  expect(problems(s, { datasets })).toEqual(['processes/0/inputs/1/source/distance: atLeast']);
});

test('electricity: areas, years with a factor, instruments covering at most everything', () => {
  const electricity = {
    regions: [
      {
        name: '江苏',
        nameEnglish: 'Jiangsu',
        level: 'provincial',
        years: { 'operational-co2': [2021, 2022, 2023], 'life-cycle-co2e': [] },
      },
    ],
  } as unknown as ValidationContext['electricity'];
  const instrument = {
    kind: 'green-electricity-certificate',
    factor: 0,
    factorSource: 'GEC registry',
    criteria: { uniqueClaim: true, trackedAndCancelled: true, timeMatch: true, marketMatch: true },
  } as const;
  const s = state([
    { name: 'E1', amount: 5, unit: 'kWh', source: { kind: 'electricity', region: 'Atlantis', year: 2023 } },
    {
      name: 'E2',
      amount: 5,
      unit: 'kWh',
      source: {
        kind: 'electricity',
        region: 'jiangsu',
        year: 2024,
        instruments: [
          { ...instrument, share: 0.7 },
          { ...instrument, share: 0.5 },
          { ...instrument, factorSource: ' ' },
        ],
      },
    },
  ]);
  expect(problems(s, { electricity })).toEqual([
    'processes/0/inputs/0/source/region: unknownRegion',
    'processes/0/inputs/1/source/year: noFactorForYear',
    'processes/0/inputs/1/source/instruments/2: shareOrAmount',
    'processes/0/inputs/1/source/instruments/2/factorSource: required',
    'processes/0/inputs/1/source/instruments: sharesExceed',
  ]);
});

test('links, parameters and scenarios: what the server would refuse when it calculates', () => {
  const s = state(
    [
      {
        name: 'F',
        amount: 1,
        unit: 'kg',
        stage: 'production',
        source: { kind: 'foreground', processId: 'q' },
      },
      { name: 'G', amount: 1, unit: 'kg', source: { kind: 'background', processId: '' } },
    ],
    {
      parameters: [
        { name: 'a', formula: 'b + 1' },
        { name: 'b', formula: 'a * 2' },
        { name: 'A', value: 1 },
        { name: '2x', value: 1 },
      ],
      scenarios: [{ id: 's', name: 'S', parameters: { a: 3, missing: 1 } }],
    },
  );
  const found = problems(s);
  expect(found).toContain('processes/0/inputs/0/stage: foregroundStage');
  expect(found).toContain('processes/0/inputs/0/source/processId: noProcess');
  expect(found).toContain('processes/0/inputs/1/source/processId: chooseDataset');
  expect(found).toContain('parameters/2/name: duplicateParameter');
  expect(found).toContain('parameters/3/name: parameterName');
  expect(found).toContain('parameters/0/formula: parameterCycle');
  expect(found).toContain('scenarios/0/parameters/a: calculatedInScenario');
  expect(found).toContain('scenarios/0/parameters/missing: unknownParameter');
  expect(hasErrors(validateState(s))).toBe(true);
});

test('the reference process should make the declared unit', () => {
  const s = state([]);
  expect(problems(s, { units, product: { declaredUnitAmount: 1, declaredUnit: 'kWh' } })).toEqual([
    'processes/0/output/unit: referenceUnit (warning)',
  ]);
  expect(problems(s, { units, product: { declaredUnitAmount: 1000, declaredUnit: 'g' } })).toEqual([]);
  expect(problems(s, { units, product: { declaredUnitAmount: 2, declaredUnit: 'kg' } })).toEqual([
    'processes/0/output/amount: referenceAmount (warning)',
  ]);
});

test('the declared boundary against the stages modelled', () => {
  const grave = state([], {
    processes: [{ id: 'p', name: 'P', stage: 'end-of-life', output: { amount: 1, unit: 'kg' } }],
  });
  expect(problems({ ...grave, document: { ...grave.document, boundary: 'cradle-to-gate' } })).toEqual([
    'boundary: boundaryWithGrave (warning)',
  ]);
  expect(problems({ ...grave, document: { ...grave.document, boundary: 'cradle-to-grave' } })).toEqual([]);
  expect(
    problems({ ...state([]), document: { ...state([]).document, boundary: 'cradle-to-grave' } }),
  ).toEqual(['boundary: boundaryWithoutGrave (warning)']);
  // not declared: nothing to compare
  expect(problems(grave)).toEqual([]);
});
