import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Database, Exchange, Process } from '@opencfp/core';
import { FormatError } from './errors.js';
import type { ImportIssue } from './import-issue.js';
import { readJsonLdEntries } from './read-json-ld-entries.js';
import { readJsonLd } from './read-json-ld.js';
import { ZipWriter } from './zip-writer.js';

type Files = { [name: string]: unknown };

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-jsonld-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 1));

async function writeFolder(files: Files): Promise<string> {
  const root = join(dir, `folder${counter++}`);
  await mkdir(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text(content));
  }
  return root;
}

async function writeZip(files: Files, prefix = ''): Promise<string> {
  const zip = new ZipWriter();
  for (const [name, content] of Object.entries(files)) zip.add(prefix + name, text(content));
  const path = join(dir, `export${counter++}.zip`);
  await writeFile(path, zip.finish());
  return path;
}

const ref = (id: string, name?: string): { '@id': string; name?: string } =>
  name ? { '@id': id, name } : { '@id': id };
const massFactor = { referenceFlowProperty: true, flowProperty: ref('fp-mass'), conversionFactor: 1 };
const energyFactorV1 = { referenceFlowProperty: true, flowProperty: ref('fp-energy'), conversionFactor: 1 };

/** An openLCA 1.x export (olca-schema v1): category references, v1 field names, no internal ids. */
function v1Files(): Files {
  return {
    'context.json': { '@vocab': 'http://openlca.org/schema/v1.0/' },
    'categories/c-root.json': {
      '@type': 'Category',
      '@id': 'c-root',
      name: 'Elementary flows',
      modelType: 'FLOW',
    },
    'categories/c-emission.json': {
      '@id': 'c-emission',
      name: 'emission',
      category: ref('c-root', 'Elementary flows'),
    },
    'categories/c-air.json': { '@id': 'c-air', name: 'air', category: ref('c-emission', 'emission') },
    'categories/c-energy.json': { '@id': 'c-energy', name: 'Energy', modelType: 'PROCESS' },
    'categories/c-elec.json': { '@id': 'c-elec', name: 'Electricity', category: ref('c-energy') },
    'unit_groups/ug-mass.json': {
      '@type': 'UnitGroup',
      '@id': 'ug-mass',
      name: 'Units of mass',
      units: [
        { '@id': 'u-kg', name: 'kg', referenceUnit: true, conversionFactor: 1, synonyms: ['kilogram'] },
        { '@id': 'u-g', name: 'g', conversionFactor: 0.001 },
      ],
      defaultFlowProperty: ref('fp-mass'),
    },
    'unit_groups/ug-energy.json': {
      '@id': 'ug-energy',
      name: 'Units of energy',
      units: [
        { '@id': 'u-mj', name: 'MJ', referenceUnit: true, conversionFactor: 1 },
        { '@id': 'u-kwh', name: 'kWh', conversionFactor: 3.6 },
      ],
    },
    'flow_properties/fp-mass.json': { '@id': 'fp-mass', name: 'Mass', unitGroup: ref('ug-mass') },
    'flow_properties/fp-energy.json': { '@id': 'fp-energy', name: 'Energy', unitGroup: ref('ug-energy') },
    'locations/loc-us.json': {
      '@id': 'loc-us',
      name: 'United States',
      code: 'US',
      latitude: 39.8,
      longitude: -98.6,
    },
    'flows/f-elec.json': {
      '@id': 'f-elec',
      name: 'Electricity',
      flowType: 'PRODUCT_FLOW',
      category: ref('c-elec', 'Electricity'),
      location: ref('loc-us'),
      flowProperties: [energyFactorV1],
    },
    'flows/f-heat.json': {
      '@id': 'f-heat',
      name: 'Heat',
      flowType: 'PRODUCT_FLOW',
      flowProperties: [energyFactorV1],
    },
    'flows/f-coal.json': {
      '@id': 'f-coal',
      name: 'Coal',
      flowType: 'PRODUCT_FLOW',
      flowProperties: [massFactor, { flowProperty: ref('fp-energy'), conversionFactor: 25 }],
    },
    'flows/f-co2.json': {
      '@id': 'f-co2',
      name: 'Carbon dioxide',
      flowType: 'ELEMENTARY_FLOW',
      category: ref('c-air', 'air'),
      cas: ' 124-38-9',
      formula: 'CO2',
      flowProperties: [massFactor],
    },
    'flows/f-ash.json': { '@id': 'f-ash', name: 'Ash', flowType: 'WASTE_FLOW', flowProperties: [massFactor] },
    'processes/p-power.json': {
      '@type': 'Process',
      '@id': 'p-power',
      name: 'Power plant',
      description: 'Coal power',
      processType: 'UNIT_PROCESS',
      category: ref('c-elec', 'Electricity'),
      location: ref('loc-us', 'US'),
      defaultAllocationMethod: 'PHYSICAL_ALLOCATION',
      version: '01.00.000',
      lastChange: '2020-01-01T00:00:00Z',
      parameters: [
        {
          '@type': 'Parameter',
          name: 'eff',
          parameterScope: 'PROCESS_SCOPE',
          inputParameter: true,
          value: 0.4,
          uncertainty: { distributionType: 'UNIFORM_DISTRIBUTION', minimum: 0.3, maximum: 0.5 },
        },
        {
          name: 'coal_in',
          parameterScope: 'PROCESS_SCOPE',
          inputParameter: false,
          formula: '3.6 / eff / 25',
          value: 0.36,
        },
      ],
      exchanges: [
        {
          '@id': 'x1',
          input: false,
          avoidedProduct: false,
          quantitativeReference: true,
          amount: 1,
          flow: ref('f-elec', 'Electricity'),
          unit: ref('u-kwh'),
          flowProperty: ref('fp-energy'),
        },
        {
          '@id': 'x2',
          input: false,
          amount: 2,
          flow: ref('f-heat'),
          unit: ref('u-mj'),
          flowProperty: ref('fp-energy'),
        },
        {
          '@id': 'x3',
          input: true,
          amount: 0.36,
          amountFormula: 'coal_in',
          flow: ref('f-coal'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
          uncertainty: { distributionType: 'LOG_NORMAL_DISTRIBUTION', geomMean: 0.36, geomSd: 1.1 },
          pedigreeUncertainty: '(1;2;3;4;5)',
          baseUncertainty: 1.0,
        },
        {
          '@id': 'x4',
          input: false,
          amount: 900,
          flow: ref('f-co2'),
          unit: ref('u-g'),
          flowProperty: ref('fp-mass'),
          description: 'stack',
          uncertainty: { distributionType: 'TRIANGLE_DISTRIBUTION', minimum: 800, mode: 900, maximum: 1000 },
        },
        {
          '@id': 'x5',
          input: false,
          amount: 0.05,
          flow: ref('f-ash'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
          uncertainty: { distributionType: 'NORMAL_DISTRIBUTION', mean: 0.05, sd: 0.01 },
        },
      ],
      allocationFactors: [
        { allocationType: 'PHYSICAL_ALLOCATION', product: ref('f-elec'), value: 0.6 },
        { allocationType: 'PHYSICAL_ALLOCATION', product: ref('f-heat'), value: 0.4 },
        { allocationType: 'PHYSICAL_ALLOCATION', value: 1 },
        {
          allocationType: 'CAUSAL_ALLOCATION',
          product: ref('f-elec'),
          value: 0.9,
          exchange: { '@type': 'Exchange', flow: ref('f-co2', 'Carbon dioxide') },
        },
        { allocationType: 'CAUSAL_ALLOCATION', value: 0.1, exchange: { flow: ref('f-co2') } },
      ],
    },
    'processes/p-coal.json': {
      '@id': 'p-coal',
      name: 'Coal mining',
      processType: 'LCI_RESULT',
      exchanges: [
        {
          input: false,
          quantitativeReference: true,
          amount: 1,
          flow: ref('f-coal'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
        },
      ],
    },
    'parameters/g1.json': {
      '@id': 'g1',
      name: 'grid_loss',
      parameterScope: 'GLOBAL_SCOPE',
      inputParameter: true,
      value: 0.05,
      description: 'Grid losses',
    },
    'sources/s1.json': {
      '@id': 's1',
      name: 'EPA 2020',
      year: 2020,
      url: 'https://example.org/epa',
      textReference: 'EPA (2020).',
    },
    'actors/a1.json': { '@id': 'a1', name: 'Jane Doe', address: 'somewhere' },
    'lcia_methods/m1.json': {
      '@id': 'm1',
      name: 'GWP',
      impactCategories: [
        {
          '@type': 'ImpactCategory',
          '@id': 'ic1',
          name: 'Climate change',
          referenceUnitName: 'kg CO2 eq',
          impactFactors: [{ flow: ref('f-co2'), value: 1, unit: ref('u-kg'), flowProperty: ref('fp-mass') }],
        },
      ],
    },
    'product_systems/ps1.json': { '@id': 'ps1', name: 'not read' },
    'bin/readme.txt': 'external files are ignored',
  };
}

/** An openLCA 2 export (olca-schema v2): category paths, is* names, internal ids, separate LCIA categories. */
function v2Files(): Files {
  const mass = { isRefFlowProperty: true, flowProperty: ref('fp-mass'), conversionFactor: 1 };
  const energy = { isRefFlowProperty: true, flowProperty: ref('fp-energy'), conversionFactor: 1 };
  return {
    'olca-schema.json': { version: 2 },
    'unit_groups/ug-mass.json': {
      '@id': 'ug-mass',
      name: 'Units of mass',
      category: 'Technical unit groups',
      units: [
        { '@id': 'u-kg', name: 'kg', isRefUnit: true, conversionFactor: 1 },
        { '@id': 'u-t', name: 't', conversionFactor: 1000, synonyms: ['tonne'] },
      ],
    },
    'unit_groups/ug-energy.json': {
      '@id': 'ug-energy',
      name: 'Units of energy',
      units: [{ '@id': 'u-mj', name: 'MJ', isRefUnit: true, conversionFactor: 1 }],
    },
    'flow_properties/fp-mass.json': { '@id': 'fp-mass', name: 'Mass', unitGroup: ref('ug-mass') },
    'flow_properties/fp-energy.json': { '@id': 'fp-energy', name: 'Energy', unitGroup: ref('ug-energy') },
    'locations/loc-de.json': { '@id': 'loc-de', name: 'Germany', code: 'DE' },
    'flows/f-heat.json': {
      '@id': 'f-heat',
      name: 'Heat',
      flowType: 'PRODUCT_FLOW',
      category: 'Energy/Heat/',
      synonyms: 'warmth; thermal energy',
      flowProperties: [energy],
    },
    'flows/f-gas.json': {
      '@id': 'f-gas',
      name: 'Natural gas',
      flowType: 'PRODUCT_FLOW',
      flowProperties: [mass],
    },
    'flows/f-ch4.json': {
      '@id': 'f-ch4',
      name: 'Methane',
      flowType: 'ELEMENTARY_FLOW',
      category: 'Elementary flows/Emission to air/unspecified',
      flowProperties: [mass],
    },
    'flows/f-scrap.json': {
      '@id': 'f-scrap',
      name: 'Scrap',
      flowType: 'PRODUCT_FLOW',
      flowProperties: [mass],
    },
    'processes/p-boiler.json': {
      '@id': 'p-boiler',
      name: 'Gas boiler',
      category: 'Energy/Heat',
      processType: 'UNIT_PROCESS',
      location: ref('loc-de'),
      defaultAllocationMethod: 'CAUSAL_ALLOCATION',
      tags: ['stage:use'],
      lastInternalId: 9,
      parameters: [
        { name: 'load', parameterScope: 'PROCESS_SCOPE', isInputParameter: true, value: 0.8 },
        { name: 'gas', parameterScope: 'PROCESS_SCOPE', isInputParameter: false, formula: 'load * 0.1' },
      ],
      exchanges: [
        {
          internalId: 5,
          isInput: false,
          isQuantitativeReference: true,
          amount: 10,
          flow: ref('f-heat'),
          unit: ref('u-mj'),
          flowProperty: ref('fp-energy'),
        },
        {
          internalId: 7,
          isInput: true,
          amount: 0.2,
          amountFormula: 'gas',
          flow: ref('f-gas'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
          defaultProvider: ref('p-gas'),
          location: ref('loc-de'),
          dqEntry: '(2;2;2;2;2)',
          uncertainty: { distributionType: 'UNIFORM_DISTRIBUTION', min: 0.1, max: 0.3 },
        },
        {
          internalId: 9,
          isInput: false,
          amount: 0.001,
          flow: ref('f-ch4'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
          uncertainty: { distributionType: 'LOG_NORMAL_DISTRIBUTION', geomMean: 0.001, geomSd: 1.5 },
        },
        {
          internalId: 11,
          isInput: false,
          amount: 0.01,
          flow: ref('f-scrap'),
          unit: ref('u-t'),
          flowProperty: ref('fp-mass'),
        },
        {
          internalId: 12,
          isInput: true,
          isAvoidedProduct: true,
          amount: 0.5,
          flow: ref('f-gas'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
        },
      ],
      allocationFactors: [
        { allocationType: 'PHYSICAL_ALLOCATION', product: ref('f-heat'), value: 0.7 },
        { allocationType: 'PHYSICAL_ALLOCATION', product: ref('f-scrap'), value: 0.3, formula: '1 - 0.7' },
        {
          allocationType: 'CAUSAL_ALLOCATION',
          product: ref('f-heat'),
          value: 1,
          exchange: { '@type': 'Exchange', internalId: 9 },
        },
        {
          allocationType: 'CAUSAL_ALLOCATION',
          product: ref('f-scrap'),
          value: 0,
          exchange: { internalId: 9 },
        },
      ],
    },
    'processes/p-gas.json': {
      '@id': 'p-gas',
      name: 'Gas supply',
      processType: 'LCI_RESULT',
      exchanges: [
        {
          internalId: 1,
          isQuantitativeReference: true,
          amount: 1,
          flow: ref('f-gas'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
        },
      ],
    },
    'lcia_methods/m2.json': { '@id': 'm2', name: 'EF', impactCategories: [ref('ic-gwp', 'Climate change')] },
    'lcia_categories/ic-gwp.json': {
      '@id': 'ic-gwp',
      name: 'Climate change',
      refUnit: 'kg CO2 eq',
      impactFactors: [
        { flow: ref('f-ch4'), value: 29.8, unit: ref('u-kg'), flowProperty: ref('fp-mass') },
        {
          flow: ref('f-ch4'),
          value: 31,
          location: ref('loc-de'),
          unit: ref('u-kg'),
          flowProperty: ref('fp-mass'),
        },
        { flow: ref('f-n2o', 'Dinitrogen monoxide'), value: 273, formula: '273' },
      ],
    },
    'lcia_categories/ic-unused.json': { '@id': 'ic-unused', name: 'Unused', refUnit: 'x', impactFactors: [] },
  };
}

const codes = (issues: ImportIssue[], severity?: string): string[] =>
  issues.filter((i) => severity === undefined || i.severity === severity).map((i) => i.code);
const getProcess = (db: Database, id: string): Process => {
  const p = db.processes.find((x) => x.id === id);
  assert.ok(p, `process ${id}`);
  return p;
};
const exchange = (p: Process, flowId: string): Exchange => {
  const e = p.exchanges.find((x) => x.flowId === flowId);
  assert.ok(e, `exchange of ${flowId}`);
  return e;
};

describe('openLCA 1.x (olca-schema v1)', () => {
  let db: Database;
  let issues: ImportIssue[];
  before(async () => {
    ({ data: db, issues } = await readJsonLd(await writeFolder(v1Files())));
  });

  test('reads everything without errors', () => {
    assert.deepEqual(codes(issues, 'error'), []);
    assert.equal(db.processes.length, 2);
    assert.equal(db.flows.length, 5);
    assert.equal(db.unitGroups.length, 2);
    assert.equal(db.flowProperties.length, 2);
    assert.match(db.name ?? '', /^folder\d+$/);
  });

  test('resolves category paths through the parent chain', () => {
    assert.equal(db.flows.find((f) => f.id === 'f-co2')?.category, 'Elementary flows/emission/air');
    assert.equal(getProcess(db, 'p-power').category, 'Energy/Electricity');
    assert.equal(db.flows.find((f) => f.id === 'f-heat')?.category, undefined);
  });

  test('maps units, flow properties and flows', () => {
    assert.deepEqual(
      db.unitGroups.find((g) => g.id === 'ug-mass'),
      {
        id: 'ug-mass',
        name: 'Units of mass',
        units: [
          { id: 'u-kg', name: 'kg', factor: 1, synonyms: ['kilogram'] },
          { id: 'u-g', name: 'g', factor: 0.001 },
        ],
        referenceUnitId: 'u-kg',
        defaultFlowPropertyId: 'fp-mass',
      },
    );
    assert.deepEqual(
      db.flowProperties.find((p) => p.id === 'fp-energy'),
      {
        id: 'fp-energy',
        name: 'Energy',
        unitGroupId: 'ug-energy',
      },
    );
    assert.deepEqual(db.flows.find((f) => f.id === 'f-coal')?.properties, [
      { flowPropertyId: 'fp-mass', factor: 1, isReference: true },
      { flowPropertyId: 'fp-energy', factor: 25, isReference: false },
    ]);
    const co2 = db.flows.find((f) => f.id === 'f-co2');
    assert.equal(co2?.type, 'elementary');
    assert.equal(co2?.cas, '124-38-9');
    assert.equal(co2?.formula, 'CO2');
    assert.equal(co2?.nomenclature, 'fedefl');
    assert.equal(db.flows.find((f) => f.id === 'f-ash')?.type, 'waste');
    assert.equal(db.flows.find((f) => f.id === 'f-elec')?.locationId, 'loc-us');
    assert.equal(db.flows.find((f) => f.id === 'f-elec')?.nomenclature, undefined);
  });

  test('maps processes and exchanges with v1 field names', () => {
    const p = getProcess(db, 'p-power');
    assert.equal(p.type, 'unit');
    assert.equal(p.locationId, 'loc-us');
    assert.equal(p.defaultAllocation, 'physical');
    assert.equal(p.description, 'Coal power');
    assert.equal(p.version, '01.00.000');
    assert.equal(getProcess(db, 'p-coal').type, 'system');
    assert.deepEqual(
      p.exchanges.map((e) => [e.internalId, e.sourceId, e.isInput, e.isReference]),
      [
        [1, 'x1', false, true],
        [2, 'x2', false, false],
        [3, 'x3', true, false],
        [4, 'x4', false, false],
        [5, 'x5', false, false],
      ],
    );
    assert.deepEqual(exchange(p, 'f-coal'), {
      internalId: 3,
      sourceId: 'x3',
      flowId: 'f-coal',
      amount: 0.36,
      formula: 'coal_in',
      unitId: 'u-kg',
      flowPropertyId: 'fp-mass',
      isInput: true,
      isAvoided: false,
      isReference: false,
      uncertainty: { type: 'lognormal', geometricMean: 0.36, geometricSd: 1.1 },
      dqEntry: '(1;2;3;4;5)',
    });
    assert.deepEqual(exchange(p, 'f-co2').uncertainty, {
      type: 'triangular',
      min: 800,
      mode: 900,
      max: 1000,
    });
    assert.equal(exchange(p, 'f-co2').description, 'stack');
    assert.equal(exchange(p, 'f-co2').unitId, 'u-g');
    assert.deepEqual(exchange(p, 'f-ash').uncertainty, { type: 'normal', mean: 0.05, sd: 0.01 });
  });

  test('maps process and global parameters', () => {
    assert.deepEqual(getProcess(db, 'p-power').parameters, [
      {
        name: 'eff',
        value: 0.4,
        isInput: true,
        scope: 'process',
        uncertainty: { type: 'uniform', min: 0.3, max: 0.5 },
      },
      { name: 'coal_in', value: 0.36, isInput: false, scope: 'process', formula: '3.6 / eff / 25' },
    ]);
    assert.deepEqual(db.parameters, [
      { name: 'grid_loss', value: 0.05, isInput: true, scope: 'global', description: 'Grid losses' },
    ]);
  });

  test('keeps allocation factors with a product and reports the others once per process', () => {
    assert.deepEqual(getProcess(db, 'p-power').allocationFactors, [
      { method: 'physical', productId: 'f-elec', value: 0.6 },
      { method: 'physical', productId: 'f-heat', value: 0.4 },
      { method: 'causal', productId: 'f-elec', value: 0.9, exchangeFlowId: 'f-co2' },
    ]);
    const w = issues.filter((i) => i.code === 'ALLOCATION_FACTOR_WITHOUT_PRODUCT');
    assert.equal(w.length, 1);
    assert.equal(w[0].file, 'processes/p-power.json');
    assert.equal(w[0].path, '/allocationFactors');
    assert.equal(w[0].severity, 'warning');
    assert.match(w[0].message, /^2 allocation factor/);
  });

  test('maps locations, sources, actors and embedded LCIA categories', () => {
    assert.deepEqual(db.locations, [
      { id: 'loc-us', name: 'United States', code: 'US', latitude: 39.8, longitude: -98.6 },
    ]);
    assert.deepEqual(db.sources, [
      { id: 's1', name: 'EPA 2020', year: 2020, url: 'https://example.org/epa', citation: 'EPA (2020).' },
    ]);
    assert.deepEqual(db.actors, [{ id: 'a1', name: 'Jane Doe' }]);
    assert.deepEqual(db.impactMethods, [
      {
        id: 'm1',
        name: 'GWP',
        categories: [
          {
            id: 'ic1',
            name: 'Climate change',
            unit: 'kg CO2 eq',
            factors: [{ flowId: 'f-co2', value: 1, unitId: 'u-kg', flowPropertyId: 'fp-mass' }],
          },
        ],
      },
    ]);
  });

  test('reports dataset folders the model does not cover', () => {
    const info = issues.filter((i) => i.code === 'UNSUPPORTED_DATASETS');
    assert.deepEqual(
      info.map((i) => [i.file, i.severity]),
      [['product_systems/', 'info']],
    );
  });

  test('a zip, a zip with a top folder, and in-memory entries give the same database', async () => {
    const files = v1Files();
    const fromZip = await readJsonLd(await writeZip(files), { name: 'x' });
    const fromNested = await readJsonLd(await writeZip(files, 'uslci-export/'), { name: 'x' });
    const fromMemory = await readJsonLdEntries(
      Object.entries(files).map(([name, v]) => ({ name, data: text(v) })),
      { name: 'x' },
    );
    // Datasets come out in the order they are read: a folder is read sorted by name, a zip in entry order.
    const byId = (d: Database): Database => {
      const sorted = <T extends { id: string }>(xs: T[]): T[] =>
        [...xs].sort((a, b) => a.id.localeCompare(b.id));
      return {
        ...d,
        unitGroups: sorted(d.unitGroups),
        flowProperties: sorted(d.flowProperties),
        flows: sorted(d.flows),
        processes: sorted(d.processes),
        locations: sorted(d.locations),
        impactMethods: sorted(d.impactMethods),
        sources: sorted(d.sources),
        actors: sorted(d.actors),
      };
    };
    const fromFolder = byId({ ...db, name: 'x' });
    assert.deepEqual(byId(fromZip.data), fromFolder);
    assert.deepEqual(byId(fromNested.data), fromFolder);
    assert.deepEqual(byId(fromMemory.data), fromFolder);
    assert.deepEqual(codes(fromZip.issues).sort(), codes(issues).sort());
  });
});

describe('openLCA 2 (olca-schema v2)', () => {
  let db: Database;
  let issues: ImportIssue[];
  before(async () => {
    ({ data: db, issues } = await readJsonLd(await writeZip(v2Files())));
  });

  test('reads everything without errors', () => {
    assert.deepEqual(codes(issues, 'error'), []);
    assert.equal(db.processes.length, 2);
    assert.equal(db.flows.length, 4);
  });

  test('takes category paths as given', () => {
    assert.equal(getProcess(db, 'p-boiler').category, 'Energy/Heat');
    assert.equal(db.flows.find((f) => f.id === 'f-heat')?.category, 'Energy/Heat');
    const ch4 = db.flows.find((f) => f.id === 'f-ch4');
    assert.equal(ch4?.category, 'Elementary flows/Emission to air/unspecified');
    assert.equal(ch4?.nomenclature, 'ilcd-ef');
    assert.deepEqual(db.flows.find((f) => f.id === 'f-heat')?.synonyms, ['warmth', 'thermal energy']);
  });

  test('maps v2 units and exchanges with their internal ids', () => {
    assert.deepEqual(db.unitGroups.find((g) => g.id === 'ug-mass')?.units, [
      { id: 'u-kg', name: 'kg', factor: 1 },
      { id: 'u-t', name: 't', factor: 1000, synonyms: ['tonne'] },
    ]);
    const p = getProcess(db, 'p-boiler');
    assert.deepEqual(p.tags, ['stage:use']);
    assert.equal(p.defaultAllocation, 'causal');
    assert.deepEqual(
      p.exchanges.map((e) => [e.internalId, e.flowId, e.isInput, e.isAvoided, e.isReference]),
      [
        [5, 'f-heat', false, false, true],
        [7, 'f-gas', true, false, false],
        [9, 'f-ch4', false, false, false],
        [11, 'f-scrap', false, false, false],
        [12, 'f-gas', true, true, false],
      ],
    );
    const gas = p.exchanges[1];
    assert.equal(gas.defaultProviderId, 'p-gas');
    assert.equal(gas.locationId, 'loc-de');
    assert.equal(gas.dqEntry, '(2;2;2;2;2)');
    assert.equal(gas.formula, 'gas');
    assert.deepEqual(gas.uncertainty, { type: 'uniform', min: 0.1, max: 0.3 });
    assert.deepEqual(p.exchanges[2].uncertainty, {
      type: 'lognormal',
      geometricMean: 0.001,
      geometricSd: 1.5,
    });
  });

  test('maps parameters and allocation factors with exchange internal ids', () => {
    const p = getProcess(db, 'p-boiler');
    assert.deepEqual(p.parameters, [
      { name: 'load', value: 0.8, isInput: true, scope: 'process' },
      { name: 'gas', value: 0, isInput: false, scope: 'process', formula: 'load * 0.1' },
    ]);
    assert.deepEqual(p.allocationFactors, [
      { method: 'physical', productId: 'f-heat', value: 0.7 },
      { method: 'physical', productId: 'f-scrap', value: 0.3, formula: '1 - 0.7' },
      { method: 'causal', productId: 'f-heat', value: 1, exchangeInternalId: 9 },
      { method: 'causal', productId: 'f-scrap', value: 0, exchangeInternalId: 9 },
    ]);
  });

  test('reads separate LCIA categories, skipping location-specific factors', () => {
    assert.deepEqual(db.impactMethods, [
      {
        id: 'm2',
        name: 'EF',
        categories: [
          {
            id: 'ic-gwp',
            name: 'Climate change',
            unit: 'kg CO2 eq',
            factors: [
              { flowId: 'f-ch4', value: 29.8, unitId: 'u-kg', flowPropertyId: 'fp-mass' },
              { flowId: 'f-n2o', value: 273, formula: '273' },
            ],
          },
        ],
      },
    ]);
    assert.deepEqual(
      issues.filter((i) => i.file.startsWith('lcia_')).map((i) => [i.file, i.path, i.code, i.severity]),
      [
        ['lcia_categories/ic-gwp.json', '/impactFactors', 'REGIONAL_FACTORS_IGNORED', 'info'],
        ['lcia_categories/ic-gwp.json', '/impactFactors', 'FACTOR_FLOW_NOT_IN_EXPORT', 'info'],
        ['lcia_categories/ic-unused.json', '', 'UNUSED_IMPACT_CATEGORY', 'info'],
      ],
    );
  });
});

/** The v1 export plus a collection of broken datasets. */
function brokenFiles(): Files {
  const ex = (flow: string, unit: string, fp: string, extra: object = {}): object => ({
    input: false,
    amount: 1,
    flow: ref(flow),
    unit: ref(unit),
    flowProperty: ref(fp),
    ...extra,
  });
  return {
    ...v1Files(),
    'processes/broken.json': '{"@id": "broken", "name": ',
    'processes/no-id.json': { name: 'No id', exchanges: [] },
    'processes/no-flow.json': {
      '@id': 'no-flow',
      exchanges: [{ amount: 1, unit: ref('u-kg'), flowProperty: ref('fp-mass') }],
    },
    'processes/no-unit.json': {
      '@id': 'no-unit',
      exchanges: [{ amount: 1, flow: ref('f-coal'), flowProperty: ref('fp-mass') }],
    },
    'processes/bad-amount.json': {
      '@id': 'bad-amount',
      exchanges: [ex('f-coal', 'u-kg', 'fp-mass', { amount: 'abc' })],
    },
    'processes/infinite.json':
      '{"@id": "infinite", "exchanges": [{"amount": 1e999, "flow": {"@id": "f-coal"}, "unit": {"@id": "u-kg"}}]}',
    'processes/dangling.json': {
      '@id': 'dangling',
      name: 'Dangling references',
      location: ref('loc-nowhere'),
      category: ref('c-missing', 'Lost'),
      exchanges: [
        ex('f-coal', 'u-kg', 'fp-mass', { quantitativeReference: true }),
        ex('f-missing', 'u-kg', 'fp-mass'),
        ex('f-co2', 'u-mj', 'fp-mass'),
        ex('f-co2', 'u-kg', 'fp-missing'),
        ex('f-co2', 'u-mj', 'fp-energy'),
        ex('f-co2', 'u-kg', 'fp-mass', { location: ref('loc-nowhere') }),
        ex('f-elec', 'u-mj', 'fp-energy', { input: true, defaultProvider: ref('p-nowhere') }),
        ex('f-co2', 'u-kg', 'fp-mass', {
          uncertainty: { distributionType: 'LOG_NORMAL_DISTRIBUTION', geomMean: 1, geomSd: 0 },
        }),
      ],
    },
    'processes/no-ref.json': { '@id': 'no-ref', exchanges: [ex('f-co2', 'u-kg', 'fp-mass')] },
    'flows/array.json': '[1, 2]',
    'flows/f-bad-fp.json': {
      '@id': 'f-bad-fp',
      name: 'Bad',
      flowType: 'PRODUCT_FLOW',
      flowProperties: [{ referenceFlowProperty: true, flowProperty: ref('fp-missing'), conversionFactor: 1 }],
    },
    'flows/f-no-type.json': { '@id': 'f-no-type', name: 'No type', flowProperties: [massFactor] },
    'unit_groups/ug-bad.json': {
      '@id': 'ug-bad',
      name: 'Bad',
      units: [{ '@id': 'u-x', name: 'x', conversionFactor: -1 }],
    },
    'lcia_methods/m-missing.json': {
      '@id': 'm-missing',
      name: 'Incomplete',
      impactCategories: [ref('ic-missing')],
    },
  };
}

describe('broken input', () => {
  let db: Database;
  let issues: ImportIssue[];
  before(async () => {
    ({ data: db, issues } = await readJsonLd(await writeZip(brokenFiles())));
  });

  const find = (file: string, code: string): ImportIssue => {
    const issue = issues.find((i) => i.file === file && i.code === code);
    assert.ok(
      issue,
      `expected ${code} in ${file}; got ${JSON.stringify(issues.filter((i) => i.file === file))}`,
    );
    return issue;
  };

  test('skips invalid datasets with file, pointer and code, and reads the rest', () => {
    assert.equal(find('processes/broken.json', 'INVALID_JSON').path, '');
    assert.equal(find('processes/no-id.json', 'MISSING_ID').path, '/@id');
    assert.equal(find('processes/no-flow.json', 'MISSING_FIELD').path, '/exchanges/0/flow');
    assert.equal(find('processes/no-unit.json', 'MISSING_FIELD').path, '/exchanges/0/unit');
    assert.equal(find('processes/bad-amount.json', 'INVALID_NUMBER').path, '/exchanges/0/amount');
    assert.equal(find('processes/infinite.json', 'INVALID_NUMBER').path, '/exchanges/0/amount');
    assert.equal(find('flows/array.json', 'INVALID_DATASET').path, '');
    assert.equal(find('flows/f-no-type.json', 'INVALID_FLOW_TYPE').path, '/flowType');
    assert.equal(find('unit_groups/ug-bad.json', 'INVALID_NUMBER').path, '/units/0/conversionFactor');
    for (const i of issues.filter((x) => x.severity === 'error')) {
      assert.ok(i.message.length > 30, `message of ${i.code} should say what to do`);
    }
    assert.deepEqual(
      db.processes.map((p) => p.id),
      ['p-power', 'p-coal', 'dangling', 'no-ref'],
    );
    assert.deepEqual(
      db.flows.map((f) => f.id),
      ['f-elec', 'f-heat', 'f-coal', 'f-co2', 'f-ash'],
    );
    assert.deepEqual(
      db.unitGroups.map((g) => g.id),
      ['ug-mass', 'ug-energy'],
    );
  });

  test('drops exchanges with dangling references and keeps the valid ones', () => {
    assert.equal(find('processes/dangling.json', 'MISSING_FLOW').path, '/exchanges/1/flow');
    assert.equal(find('processes/dangling.json', 'UNKNOWN_UNIT').path, '/exchanges/2/unit');
    assert.equal(find('processes/dangling.json', 'MISSING_FLOW_PROPERTY').path, '/exchanges/3/flowProperty');
    assert.equal(
      find('processes/dangling.json', 'FLOW_PROPERTY_NOT_IN_FLOW').path,
      '/exchanges/4/flowProperty',
    );
    const loc = issues.filter((i) => i.file === 'processes/dangling.json' && i.code === 'UNKNOWN_LOCATION');
    assert.deepEqual(
      loc.map((i) => [i.path, i.severity]),
      [
        ['/location', 'warning'],
        ['/exchanges/5/location', 'warning'],
      ],
    );
    assert.equal(find('processes/dangling.json', 'UNKNOWN_PROVIDER').severity, 'warning');
    assert.equal(find('processes/dangling.json', 'MISSING_CATEGORY').severity, 'warning');
    const unc = find('processes/dangling.json', 'INVALID_UNCERTAINTY');
    assert.equal(unc.path, '/exchanges/7/uncertainty');
    assert.equal(unc.severity, 'warning');

    const p = getProcess(db, 'dangling');
    assert.deepEqual(
      p.exchanges.map((e) => e.internalId),
      [1, 6, 7, 8],
    );
    assert.equal(p.locationId, undefined);
    assert.equal(p.category, 'Lost');
    assert.equal(p.exchanges[1].locationId, undefined);
    assert.equal(p.exchanges[2].defaultProviderId, undefined);
    assert.equal(p.exchanges[3].uncertainty, undefined);
    assert.equal(p.exchanges[3].amount, 1);
  });

  test('reports flows, processes and methods whose references do not resolve', () => {
    assert.equal(find('flows/f-bad-fp.json', 'MISSING_FLOW_PROPERTY').path, '/flowProperties/0/flowProperty');
    assert.equal(find('processes/no-ref.json', 'NO_QUANTITATIVE_REFERENCE').severity, 'error');
    assert.equal(find('lcia_methods/m-missing.json', 'MISSING_IMPACT_CATEGORY').path, '/impactCategories/0');
    assert.deepEqual(db.impactMethods.find((m) => m.id === 'm-missing')?.categories, []);
  });

  test('strict mode throws at the first error instead', async () => {
    const path = await writeFolder(brokenFiles());
    await assert.rejects(readJsonLd(path, { strict: true }), (e: unknown) => {
      assert.ok(e instanceof FormatError);
      assert.equal(e.issue?.severity, 'error');
      assert.equal(e.code, e.issue?.code);
      assert.ok(e.message.includes(e.issue?.file ?? '?'));
      return true;
    });
    // A clean export reads the same in strict mode.
    const clean = await readJsonLd(await writeFolder(v1Files()), { strict: true });
    assert.equal(clean.data.processes.length, 2);
  });
});

describe('sources that are not JSON-LD', () => {
  const rejects = async (promise: Promise<unknown>, code: string): Promise<void> => {
    await assert.rejects(promise, (e: unknown) => {
      assert.ok(e instanceof FormatError, String(e));
      assert.equal(e.code, code);
      assert.match(e.message, /\. [A-Z]/, 'the message should say what to do');
      return true;
    });
  };

  test('missing path, empty file, not a zip, truncated zip', async () => {
    await rejects(readJsonLd(join(dir, 'nope.zip')), 'NOT_FOUND');
    const empty = join(dir, 'empty.zip');
    await writeFile(empty, '');
    await rejects(readJsonLd(empty), 'EMPTY_FILE');
    const notZip = join(dir, 'process.json');
    await writeFile(notZip, JSON.stringify({ '@id': 'p' }));
    await rejects(readJsonLd(notZip), 'NOT_A_ZIP');
    const zip = new ZipWriter();
    for (const [name, v] of Object.entries(v1Files())) zip.add(name, text(v));
    const bytes = zip.finish();
    const truncated = join(dir, 'truncated.zip');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await rejects(readJsonLd(truncated), 'TRUNCATED_ZIP');
  });

  test('a folder or zip without JSON-LD datasets is UNKNOWN_FORMAT', async () => {
    await rejects(
      readJsonLd(await writeFolder({ 'readme.txt': 'hello', 'data/table.csv': 'a,b' })),
      'UNKNOWN_FORMAT',
    );
    await rejects(
      readJsonLd(await writeZip({ 'ILCD/processes/p.xml': '<processDataSet/>' })),
      'UNKNOWN_FORMAT',
    );
    await rejects(readJsonLdEntries([]), 'UNKNOWN_FORMAT');
  });
});
