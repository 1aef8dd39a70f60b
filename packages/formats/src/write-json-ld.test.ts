import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  Calculator,
  DatabaseBuilder,
  type AllocationFactor,
  type AllocationOption,
  type Database,
  type Process,
} from '@opencfp/core';
import { FormatError } from './errors.js';
import { guessNomenclature } from './guess-nomenclature.js';
import { readJsonLdEntries } from './read-json-ld-entries.js';
import { readJsonLd } from './read-json-ld.js';
import { writeJsonLd, writeJsonLdEntries } from './write-json-ld.js';

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-write-jsonld-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
const tempPath = (suffix: string): string => join(dir, `out${counter++}${suffix}`);

/**
 * Steel with a co-product (slag) allocated physically, economically and causally (by exchange and by flow),
 * an avoided product (heat), a waste output (scrap) treated by a waste treatment, formulas over global and
 * process parameters, every kind of uncertainty, a default provider, and an impact method.
 */
function sampleDatabase(): Database {
  const db = new DatabaseBuilder('sample')
    .product('steel', { category: 'Metals/Steel' })
    .product('slag')
    .product('electricity', { property: 'energy' })
    .product('coal')
    .product('heat', { property: 'energy' })
    .waste('scrap')
    .elementary('co2', { name: 'Carbon dioxide', category: 'Elementary flows/Emission to air/unspecified' })
    .elementary('so2', { name: 'Sulfur dioxide', category: 'Elementary flows/Emission to air/unspecified' })
    .elementary('water', {
      name: 'Water, fresh',
      category: 'Elementary flows/Resource/in water',
      factors: [{ property: 'volume', factor: 0.001 }],
    })
    .location('DE', 'Germany')
    .global('ef', 1)
    .global('ef2', 1, 'ef * 1')
    .global('tiny', 5e-324)
    .global('huge', 1.7976931348623157e308)
    .process('p-power', { name: 'Power plant', location: 'DE' })
    .output('electricity', 10)
    .input('coal', 2, { formula: 'coal_per_mj * 10' })
    .output('co2', 2, { formula: 'ef * 2' })
    .input('water', 3, { unit: 'l', property: 'volume' })
    .param('coal_per_mj', 0.2)
    .param('double_cpm', 0.4, 'coal_per_mj * 2')
    .end()
    .process('p-coal', { name: 'Coal mine' })
    .output('coal', 1)
    .output('co2', 0.1)
    .output('so2', -0)
    .end()
    .process('p-heat', { name: 'Heat' })
    .output('heat', 1)
    .output('co2', 0.07)
    .end()
    .process('p-steel', { name: 'Steel mill', defaultAllocation: 'physical', tags: ['stage:production'] })
    .output('steel', 1, { reference: true })
    .output('slag', 0.25)
    .input('electricity', 2, { unit: 'kWh', provider: 'p-power' })
    .output('scrap', 0.1)
    .output('co2', 0.30000000000000004)
    .input('heat', 0.3, { avoided: true })
    .allocation('physical', 'steel', 0.8)
    .allocation('physical', 'slag', 0.2)
    .allocation('economic', 'steel', 0.95, { formula: '0.9 + 0.05' })
    .allocation('economic', 'slag', 0.05)
    .allocation('causal', 'steel', 0.7, { exchange: 5 })
    .allocation('causal', 'slag', 0.3, { exchange: 5 })
    .allocation('causal', 'steel', 0.6, { flow: 'electricity' })
    .allocation('causal', 'slag', 0.4, { flow: 'electricity' })
    .end()
    .process('p-treat', { name: 'Scrap treatment', location: 'DE' })
    .input('scrap', 1)
    .output('co2', 0.02)
    .end()
    .method('ipcc', [
      {
        id: 'gwp',
        name: 'Climate change',
        unit: 'kg CO2 eq',
        factors: [
          ['co2', 1],
          ['so2', 0.5, 'g', 'mass'],
        ],
      },
    ])
    .build();

  const power = db.processes.find((p) => p.id === 'p-power') as Process;
  power.description = 'Hard coal power plant';
  power.category = 'Energy/Electricity';
  power.version = '01.00.000';
  power.lastChange = '2024-05-01T10:00:00Z';
  const [, coal, co2, water] = power.exchanges;
  coal.uncertainty = { type: 'normal', mean: 2, sd: 0.1 };
  co2.uncertainty = { type: 'lognormal', geometricMean: 2, geometricSd: 1.2 };
  co2.dqEntry = '(1;2;3;4;5)';
  co2.description = 'measured';
  water.uncertainty = { type: 'triangular', min: 2, mode: 3, max: 5 };
  power.parameters[0].uncertainty = { type: 'uniform', min: 0.1, max: 0.3 };
  power.parameters[0].description = 'coal per MJ';
  db.parameters[0].uncertainty = { type: 'triangular', min: 0.9, mode: 1, max: 1.2 };
  db.locations[0].latitude = 51.1;
  db.locations[0].longitude = 10.4;
  const steel = db.processes.find((p) => p.id === 'p-steel') as Process;
  steel.exchanges[2].locationId = 'DE';
  const flow = db.flows.find((f) => f.id === 'co2');
  if (flow) {
    flow.cas = '124-38-9';
    flow.formula = 'CO2';
    flow.synonyms = ['carbon dioxide', 'CO₂'];
  }
  const steelFlow = db.flows.find((f) => f.id === 'steel');
  if (steelFlow) steelFlow.locationId = 'DE';
  db.unitGroups[0].units[0].synonyms = ['kilogram'];
  db.processes
    .find((p) => p.id === 'p-treat')
    ?.exchanges.forEach((e) => {
      if (e.flowId === 'scrap') e.description = 'treated scrap';
    });
  db.sources.push({
    id: 'src-1',
    name: 'Handbook',
    year: 2020,
    url: 'https://example.org',
    citation: 'A. Author',
  });
  db.actors.push({ id: 'act-1', name: 'Steel Inc.' });
  return db;
}

/** What the round trip gives back, by the documented rules. */
function expected(db: Database): Database {
  const out = structuredClone(db);
  const elementary = out.flows.filter((f) => f.type === 'elementary');
  const nomenclatures = guessNomenclature(elementary.map((f) => f.category));
  elementary.forEach((f, i) => (f.nomenclature = nomenclatures[i]));
  for (const p of out.processes) {
    for (const e of p.exchanges) {
      delete e.sourceId;
      if (e.uncertainty?.type === 'lognormal') delete e.uncertainty.pedigree;
    }
    p.allocationFactors = p.allocationFactors.flatMap((f): AllocationFactor[] => {
      if (f.exchangeFlowId === undefined) return [f];
      const { exchangeFlowId, ...rest } = f;
      return p.exchanges
        .filter((e) => e.flowId === exchangeFlowId)
        .map((e) => ({ ...rest, exchangeInternalId: e.internalId }));
    });
  }
  for (const m of out.impactMethods)
    for (const c of m.categories)
      for (const f of c.factors) {
        if (f.unitId !== undefined) continue;
        // A factor per reference unit gets that unit and property written out.
        f.flowPropertyId = 'mass';
        f.unitId = 'kg';
      }
  return out;
}

async function readBack(db: Database): Promise<Database> {
  const { data, issues } = await readJsonLdEntries(writeJsonLdEntries(db), { name: db.name });
  assert.deepEqual(issues, []);
  return data;
}

const allocationOptions: AllocationOption[] = ['as-defined', 'physical', 'economic', 'causal', 'none'];

function assertSameResults(a: Database, b: Database): void {
  for (const allocation of allocationOptions) {
    const x = new Calculator(a, { allocation, impactMethod: 'ipcc' });
    const y = new Calculator(b, { allocation, impactMethod: 'ipcc' });
    assert.deepEqual(
      y.diagnostics.map((d) => d.code),
      x.diagnostics.map((d) => d.code),
    );
    assert.deepEqual(y.matrices.products, x.matrices.products);
    for (const p of x.matrices.products) {
      const demand = { processId: p.processId, productId: p.flowId };
      const r = x.calculate(demand);
      const s = y.calculate(demand);
      const where = `${allocation}: ${p.processName}`;
      assert.deepEqual(s.inventory, r.inventory, where);
      assert.deepEqual(s.impacts, r.impacts, where);
      assert.deepEqual(s.cutoff, r.cutoff, where);
      assert.deepEqual(s.scalingFactors(), r.scalingFactors(), where);
      assert.deepEqual(
        s.diagnostics.map((d) => d.code),
        r.diagnostics.map((d) => d.code),
        where,
      );
    }
  }
}

function entriesOf(db: Database): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const e of writeJsonLdEntries(db))
    out.set(e.name, JSON.parse(e.data as string) as Record<string, unknown>);
  return out;
}

describe('writeJsonLd: hand-made database round trip', () => {
  test('in memory: the database comes back as it was, with the documented differences', async () => {
    const db = sampleDatabase();
    const back = await readBack(db);
    assert.deepEqual(back, expected(db));
  });

  test('in memory: identical results with every allocation option, impacts included', async () => {
    const db = sampleDatabase();
    const back = await readBack(db);
    // The sample exercises what it should: a multi-output process, a waste treatment, an avoided product.
    const calc = new Calculator(db);
    assert.equal(calc.matrices.products.length, 6);
    assert.ok(calc.matrices.products.some((p) => p.isWaste));
    assertSameResults(db, back);
  });

  test('through a zip and through a folder', async () => {
    const db = sampleDatabase();
    const zip = tempPath('.zip');
    await writeJsonLd(db, zip);
    // Deflated, as openLCA writes: the first local header says method 8.
    const bytes = await readFile(zip);
    assert.equal(bytes.readUInt32LE(0), 0x04034b50);
    assert.equal(bytes.readUInt16LE(8), 8);
    const fromZip = await readJsonLd(zip, { name: db.name });
    assert.deepEqual(fromZip.issues, []);
    assert.deepEqual(fromZip.data, expected(db));
    assertSameResults(db, fromZip.data);

    const folder = tempPath('');
    await writeJsonLd(db, folder);
    assert.deepEqual((await readdir(folder)).sort(), [
      'actors',
      'flow_properties',
      'flows',
      'lcia_categories',
      'lcia_methods',
      'locations',
      'openlca.json',
      'parameters',
      'processes',
      'sources',
      'unit_groups',
    ]);
    const fromFolder = await readJsonLd(folder, { name: db.name });
    assert.deepEqual(fromFolder.issues, []);
    // A folder is read in file-name order (global parameters are named by their name-based @id), so compare
    // sorted.
    const byId = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    const want = expected(db);
    for (const key of [
      'unitGroups',
      'flowProperties',
      'flows',
      'processes',
      'locations',
      'sources',
      'actors',
    ] as const)
      assert.deepEqual(byId<{ id: string }>(fromFolder.data[key]), byId<{ id: string }>(want[key]), key);
    const byName = (xs: Database['parameters']) => [...xs].sort((a, b) => (a.name < b.name ? -1 : 1));
    assert.deepEqual(byName(fromFolder.data.parameters), byName(want.parameters));
    assert.deepEqual(fromFolder.data.impactMethods, want.impactMethods);
  });

  test('numbers come back bit for bit, −0 and the extremes included', async () => {
    const db = sampleDatabase();
    const back = await readBack(db);
    const so2 = back.processes.find((p) => p.id === 'p-coal')?.exchanges.find((e) => e.flowId === 'so2');
    assert.ok(so2 && Object.is(so2.amount, -0));
    const co2 = back.processes.find((p) => p.id === 'p-steel')?.exchanges.find((e) => e.flowId === 'co2');
    assert.equal(co2?.amount, 0.1 + 0.2);
    assert.equal(back.parameters.find((p) => p.name === 'tiny')?.value, 5e-324);
    assert.equal(back.parameters.find((p) => p.name === 'huge')?.value, Number.MAX_VALUE);
    const text = [...writeJsonLdEntries(db)].find((e) => e.name === 'processes/p-coal.json')?.data as string;
    assert.match(text, /"amount":-0[,}]/);
  });

  test('a lognormal pedigree is dropped (olca-schema v2 has no field for it; dqEntry carries the scores)', async () => {
    const db = sampleDatabase();
    const co2 = db.processes[0].exchanges[2];
    assert.equal(co2.uncertainty?.type, 'lognormal');
    if (co2.uncertainty?.type === 'lognormal') co2.uncertainty.pedigree = '(1;2;3;4;5)';
    const back = await readBack(db);
    assert.deepEqual(back.processes[0].exchanges[2].uncertainty, {
      type: 'lognormal',
      geometricMean: 2,
      geometricSd: 1.2,
    });
    assert.equal(back.processes[0].exchanges[2].dqEntry, '(1;2;3;4;5)');
  });
});

describe('writeJsonLd: olca-schema v2 as openLCA 2 writes it', () => {
  const files = entriesOf(sampleDatabase());

  test('openlca.json comes first and declares schema version 2', () => {
    const names = [...writeJsonLdEntries(sampleDatabase())].map((e) => e.name);
    assert.equal(names[0], 'openlca.json');
    assert.deepEqual(files.get('openlca.json'), { schemaVersion: 2 });
    // Every dataset file is named after its @id.
    for (const [name, json] of files)
      if (name !== 'openlca.json') assert.ok(name.endsWith(`/${String(json['@id'])}.json`), name);
  });

  test('processes: v2 exchange fields, internal ids, default providers, allocation by internalId', () => {
    const p = files.get('processes/p-steel.json');
    assert.ok(p);
    assert.equal(p['@type'], 'Process');
    assert.equal(p.processType, 'UNIT_PROCESS');
    assert.equal(p.defaultAllocationMethod, 'PHYSICAL_ALLOCATION');
    assert.equal(p.lastInternalId, 6);
    assert.deepEqual(p.tags, ['stage:production']);
    const exchanges = p.exchanges as Record<string, unknown>[];
    assert.deepEqual(exchanges[0], {
      '@type': 'Exchange',
      isAvoidedProduct: false,
      isInput: false,
      amount: 1,
      internalId: 1,
      flow: {
        '@type': 'Flow',
        '@id': 'steel',
        name: 'steel',
        category: 'Metals/Steel',
        flowType: 'PRODUCT_FLOW',
        location: 'DE',
        refUnit: 'kg',
      },
      unit: { '@type': 'Unit', '@id': 'kg', name: 'kg' },
      flowProperty: { '@type': 'FlowProperty', '@id': 'mass', name: 'Mass', refUnit: 'kg' },
      isQuantitativeReference: true,
    } as Record<string, unknown>);
    assert.deepEqual(exchanges[2].defaultProvider, {
      '@type': 'Process',
      '@id': 'p-power',
      name: 'Power plant',
      category: 'Energy/Electricity',
      processType: 'UNIT_PROCESS',
      flowType: 'PRODUCT_FLOW',
      location: 'DE',
    });
    assert.equal(exchanges[2].isQuantitativeReference, undefined);
    // Avoided products are inputs in the data model (openLCA shows them as outputs).
    assert.equal(exchanges[5].isAvoidedProduct, true);
    assert.equal(exchanges[5].isInput, true);
    for (const e of exchanges) {
      for (const v1 of ['input', 'avoidedProduct', 'quantitativeReference']) assert.ok(!(v1 in e), v1);
    }
    const factors = p.allocationFactors as Record<string, unknown>[];
    assert.deepEqual(factors[0], {
      allocationType: 'PHYSICAL_ALLOCATION',
      product: {
        '@type': 'Flow',
        '@id': 'steel',
        name: 'steel',
        category: 'Metals/Steel',
        flowType: 'PRODUCT_FLOW',
        location: 'DE',
        refUnit: 'kg',
      },
      value: 0.8,
    });
    assert.equal(factors[2].formula, '0.9 + 0.05');
    const causal = factors.filter((f) => f.allocationType === 'CAUSAL_ALLOCATION');
    assert.deepEqual(
      causal.map((f) => [
        (f.product as { '@id': string })['@id'],
        (f.exchange as { internalId: number }).internalId,
        f.value,
      ]),
      [
        ['steel', 5, 0.7],
        ['slag', 5, 0.3],
        ['steel', 3, 0.6],
        ['slag', 3, 0.4],
      ],
    );
    assert.equal(
      ((causal[2].exchange as Record<string, unknown>).flow as { '@id': string })['@id'],
      'electricity',
    );
  });

  test('parameters, formulas and uncertainty in v2 names', () => {
    const p = files.get('processes/p-power.json');
    assert.ok(p);
    assert.equal(p.description, 'Hard coal power plant');
    assert.equal(p.category, 'Energy/Electricity');
    assert.equal(p.version, '01.00.000');
    assert.equal(p.lastChange, '2024-05-01T10:00:00Z');
    const [input, calculated] = p.parameters as Record<string, unknown>[];
    assert.equal(input['@type'], 'Parameter');
    assert.match(
      input['@id'] as string,
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(input.parameterScope, 'PROCESS_SCOPE');
    assert.equal(input.isInputParameter, true);
    assert.equal(input.description, 'coal per MJ');
    assert.deepEqual(input.uncertainty, {
      '@type': 'Uncertainty',
      distributionType: 'UNIFORM_DISTRIBUTION',
      minimum: 0.1,
      maximum: 0.3,
    });
    assert.equal(calculated.isInputParameter, false);
    assert.equal(calculated.formula, 'coal_per_mj * 2');
    const exchanges = p.exchanges as Record<string, unknown>[];
    assert.equal(exchanges[1].amountFormula, 'coal_per_mj * 10');
    assert.deepEqual(exchanges[1].uncertainty, {
      '@type': 'Uncertainty',
      distributionType: 'NORMAL_DISTRIBUTION',
      mean: 2,
      sd: 0.1,
    });
    assert.deepEqual(exchanges[2].uncertainty, {
      '@type': 'Uncertainty',
      distributionType: 'LOG_NORMAL_DISTRIBUTION',
      geomMean: 2,
      geomSd: 1.2,
    });
    assert.equal(exchanges[2].dqEntry, '(1;2;3;4;5)');
    assert.deepEqual(exchanges[3].uncertainty, {
      '@type': 'Uncertainty',
      distributionType: 'TRIANGLE_DISTRIBUTION',
      minimum: 2,
      mode: 3,
      maximum: 5,
    });
    const globals = [...files].filter(([n]) => n.startsWith('parameters/')).map(([, v]) => v);
    assert.equal(globals.length, 4);
    assert.ok(globals.every((g) => g.parameterScope === 'GLOBAL_SCOPE'));
    assert.equal(globals.find((g) => g.name === 'ef2')?.formula, 'ef * 1');
  });

  test('unit groups, flow properties, flows, locations, sources, actors, methods', () => {
    const ug = files.get('unit_groups/ug-mass.json');
    assert.ok(ug);
    assert.deepEqual((ug.units as unknown[])[0], {
      '@type': 'Unit',
      '@id': 'kg',
      name: 'kg',
      conversionFactor: 1,
      synonyms: ['kilogram'],
      isRefUnit: true,
    });
    assert.deepEqual((ug.units as unknown[])[1], {
      '@type': 'Unit',
      '@id': 'g',
      name: 'g',
      conversionFactor: 0.001,
    });
    assert.deepEqual(ug.defaultFlowProperty, {
      '@type': 'FlowProperty',
      '@id': 'mass',
      name: 'Mass',
      refUnit: 'kg',
    });
    assert.deepEqual(files.get('flow_properties/volume.json'), {
      '@type': 'FlowProperty',
      '@id': 'volume',
      name: 'Volume',
      unitGroup: { '@type': 'UnitGroup', '@id': 'ug-volume', name: 'Units of volume' },
    });
    const water = files.get('flows/water.json');
    assert.ok(water);
    assert.equal(water.flowType, 'ELEMENTARY_FLOW');
    assert.equal(water.category, 'Elementary flows/Resource/in water');
    assert.deepEqual(water.flowProperties, [
      {
        '@type': 'FlowPropertyFactor',
        isRefFlowProperty: true,
        flowProperty: { '@type': 'FlowProperty', '@id': 'mass', name: 'Mass', refUnit: 'kg' },
        conversionFactor: 1,
      },
      {
        '@type': 'FlowPropertyFactor',
        flowProperty: { '@type': 'FlowProperty', '@id': 'volume', name: 'Volume', refUnit: 'm3' },
        conversionFactor: 0.001,
      },
    ]);
    const co2 = files.get('flows/co2.json');
    assert.equal(co2?.cas, '124-38-9');
    assert.equal(co2?.synonyms, 'carbon dioxide;CO₂');
    assert.equal(co2?.isInfrastructureFlow, false);
    assert.deepEqual(files.get('locations/DE.json'), {
      '@type': 'Location',
      '@id': 'DE',
      name: 'Germany',
      code: 'DE',
      latitude: 51.1,
      longitude: 10.4,
    });
    assert.deepEqual(files.get('sources/src-1.json'), {
      '@type': 'Source',
      '@id': 'src-1',
      name: 'Handbook',
      url: 'https://example.org',
      textReference: 'A. Author',
      year: 2020,
    });
    assert.deepEqual(files.get('actors/act-1.json'), {
      '@type': 'Actor',
      '@id': 'act-1',
      name: 'Steel Inc.',
    });
    assert.deepEqual(files.get('lcia_methods/ipcc.json'), {
      '@type': 'ImpactMethod',
      '@id': 'ipcc',
      name: 'ipcc',
      impactCategories: [
        { '@type': 'ImpactCategory', '@id': 'gwp', name: 'Climate change', refUnit: 'kg CO2 eq' },
      ],
    });
    const gwp = files.get('lcia_categories/gwp.json');
    assert.equal(gwp?.refUnit, 'kg CO2 eq');
    assert.deepEqual((gwp?.impactFactors as Record<string, unknown>[])[1], {
      value: 0.5,
      flow: {
        '@type': 'Flow',
        '@id': 'so2',
        name: 'Sulfur dioxide',
        category: 'Elementary flows/Emission to air/unspecified',
        flowType: 'ELEMENTARY_FLOW',
        refUnit: 'kg',
      },
      unit: { '@type': 'Unit', '@id': 'g', name: 'g' },
      flowProperty: { '@type': 'FlowProperty', '@id': 'mass', name: 'Mass', refUnit: 'kg' },
    });
  });

  test('an impact category shared by two methods is written once', () => {
    const db = sampleDatabase();
    db.impactMethods.push({ id: 'ipcc-copy', name: 'copy', categories: [db.impactMethods[0].categories[0]] });
    const names = [...writeJsonLdEntries(db)].map((e) => e.name);
    assert.equal(names.filter((n) => n === 'lcia_categories/gwp.json').length, 1);
    assert.ok(names.includes('lcia_methods/ipcc-copy.json'));
  });
});

describe('writeJsonLd: what cannot be written', () => {
  const code = (c: string) => (e: unknown) => e instanceof FormatError && e.code === c;

  test('two datasets of one kind with one id', () => {
    const db = sampleDatabase();
    db.flows.push({ ...db.flows[0], name: 'other' });
    assert.throws(() => [...writeJsonLdEntries(db)], code('DUPLICATE_ID'));
    const twice = sampleDatabase();
    twice.parameters.push({ ...twice.parameters[0] });
    assert.throws(() => [...writeJsonLdEntries(twice)], code('DUPLICATE_ID'));
  });

  test('an id that cannot be a file name', () => {
    const db = sampleDatabase();
    db.actors.push({ id: '../escape', name: 'x' });
    assert.throws(() => [...writeJsonLdEntries(db)], code('INVALID_ID'));
  });

  test('a number JSON cannot hold; a failed zip export leaves no file behind', async () => {
    const db = sampleDatabase();
    db.processes[1].exchanges[1].amount = Number.NaN;
    assert.throws(
      () => [...writeJsonLdEntries(db)],
      (e: unknown) =>
        code('INVALID_NUMBER')(e) &&
        /processes\/p-coal\.json#\/exchanges\/1\/amount/.test((e as Error).message),
    );
    const zip = tempPath('.zip');
    await assert.rejects(writeJsonLd(db, zip), code('INVALID_NUMBER'));
    assert.equal(existsSync(zip), false);
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  test('a folder that is not empty, and a schema other than v2', async () => {
    const folder = tempPath('');
    await mkdir(folder);
    await writeFile(join(folder, 'old.json'), '{}');
    await assert.rejects(writeJsonLd(sampleDatabase(), folder), code('TARGET_NOT_EMPTY'));
    assert.throws(
      () => [...writeJsonLdEntries(sampleDatabase(), { schema: 'v1' as 'v2' })],
      code('UNSUPPORTED_SCHEMA'),
    );
  });

  test('an existing zip is replaced', async () => {
    const zip = tempPath('.zip');
    await writeFile(zip, 'old');
    await writeJsonLd(sampleDatabase(), zip);
    const { data } = await readJsonLd(zip);
    assert.equal(data.processes.length, 5);
  });
});
