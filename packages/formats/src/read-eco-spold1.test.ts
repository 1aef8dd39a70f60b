import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { Calculator, type Database, type Process } from '@opencfp/core';
import { ecoSpold1FlowId } from './eco-spold1-dataset.js';
import { nameBasedUuid } from './eco-spold1-ids.js';
import { ecoSpold1Nomenclature } from './eco-spold1-nomenclature.js';
import { xmlTextChunks } from './eco-spold1-text.js';
import { FormatError } from './errors.js';
import type { ImportIssue } from './import-issue.js';
import { readEcoSpold1, readEcoSpold1Entries } from './read-eco-spold1.js';
import { ZipWriter } from './zip-writer.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-es1-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTemp(name: string, data: string | Uint8Array): Promise<string> {
  const path = join(dir, `${counter++}-${name}`);
  await writeFile(path, data);
  return path;
}

// ---- fixture builders ---------------------------------------------------------------------------------------

interface Ex {
  number: number;
  name: string;
  unit: string;
  mean: number | string;
  input?: number;
  output?: number;
  category?: string;
  subCategory?: string;
  location?: string;
  attrs?: Record<string, string>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function exchange(e: Ex): string {
  const attrs: Record<string, string> = {
    number: String(e.number),
    name: e.name,
    category: e.category ?? 'products',
    subCategory: e.subCategory ?? 'misc',
    unit: e.unit,
    meanValue: String(e.mean),
    ...(e.location === undefined ? {} : { location: e.location }),
    ...e.attrs,
  };
  const a = Object.entries(attrs)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(' ');
  const group =
    e.input !== undefined
      ? `<inputGroup>${e.input}</inputGroup>`
      : e.output !== undefined
        ? `<outputGroup>${e.output}</outputGroup>`
        : '';
  return `<exchange ${a}>${group}</exchange>`;
}

interface Ds {
  number: number;
  name: string;
  unit?: string;
  location?: string;
  type?: number;
  category?: string;
  subCategory?: string;
  exchanges: Ex[];
  allocations?: string;
  extraMeta?: string;
}

function dataset(d: Ds): string {
  return `<dataset number="${d.number}" generator="test">
    <metaInformation>
      <processInformation>
        <referenceFunction name="${esc(d.name)}" unit="${d.unit ?? 'kg'}" amount="1" category="${d.category ?? 'products'}"
          subCategory="${d.subCategory ?? 'misc'}" infrastructureProcess="false" generalComment="About ${esc(d.name)}"/>
        <geography location="${d.location ?? 'GLO'}" text="somewhere"/>
        <technology text="current"/>
        <timePeriod dataValidForEntirePeriod="true"><startYear>2020</startYear><endYear>2021</endYear></timePeriod>
        <dataSetInformation type="${d.type ?? 1}" impactAssessmentResult="false" timestamp="2020-01-02T03:04:05" version="1.0" internalVersion="0.0" energyValues="0" languageCode="en" localLanguageCode="en"/>
      </processInformation>
      <modellingAndValidation>
        <source number="1" sourceType="0" firstAuthor="Doe, J." year="2019" title="Steel data" placeOfPublications="Berlin"/>
      </modellingAndValidation>
      <administrativeInformation>
        <dataEntryBy person="1"/>
        <person number="1" name="Jane Doe" address="Main St 1" companyCode="X" countryCode="DE"/>
      </administrativeInformation>${d.extraMeta ?? ''}
    </metaInformation>
    <flowData>
      ${d.exchanges.map(exchange).join('\n      ')}
      ${d.allocations ?? ''}
    </flowData>
  </dataset>`;
}

const doc = (...datasets: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ecoSpold xmlns="http://www.EcoInvent.org/EcoSpold01">\n${datasets.join('\n')}\n</ecoSpold>\n`;

const co2 = (number: number, mean: number, attrs?: Record<string, string>): Ex => ({
  number,
  name: 'Carbon dioxide',
  category: 'air',
  subCategory: 'unspecified',
  unit: 'kg',
  mean,
  output: 4,
  attrs: { CASNumber: '124-38-9', formula: 'CO2', ...attrs },
});
const electricityInput = (number: number, mean: number): Ex => ({
  number,
  name: 'electricity, at grid',
  category: 'energy',
  subCategory: 'power',
  unit: 'kWh',
  mean,
  input: 5,
});

/** Electricity (provider) and steel (consumer of 2 kWh), linked by the product 'electricity, at grid'. */
const electricity: Ds = {
  number: 10,
  name: 'electricity, at grid',
  unit: 'kWh',
  location: 'DE',
  category: 'energy',
  subCategory: 'power',
  exchanges: [
    {
      number: 1,
      name: 'electricity, at grid',
      category: 'energy',
      subCategory: 'power',
      unit: 'kWh',
      mean: 1,
      output: 0,
      location: 'DE',
    },
    co2(2, 0.5),
  ],
};
const steel: Ds = {
  number: 11,
  name: 'steel, at plant',
  location: 'DE',
  exchanges: [
    { number: 1, name: 'steel, at plant', unit: 'kg', mean: 1, output: 0, location: 'DE' },
    electricityInput(2, 2),
    co2(3, 1.5),
    {
      number: 4,
      name: 'Water, river',
      category: 'resource',
      subCategory: 'in water',
      unit: 'm3',
      mean: 3,
      input: 4,
    },
    {
      number: 5,
      name: 'scrap',
      category: 'waste',
      subCategory: 'metal',
      unit: 'kg',
      mean: 0.1,
      output: 3,
    },
  ],
};

const inventory = (db: Database, processId: string, productId?: string): Map<string, number> => {
  const result = new Calculator(db).calculate({ processId, productId });
  return new Map(result.inventory.map((e) => [e.name, e.amount]));
};
const byName = (db: Database, name: string): Process => {
  const p = db.processes.find((x) => x.name === name);
  assert.ok(p, `process ${name}`);
  return p;
};
const errors = (issues: ImportIssue[]): ImportIssue[] => issues.filter((i) => i.severity === 'error');
const code =
  (c: string) =>
  (e: unknown): boolean =>
    e instanceof FormatError && e.code === c;

// ---- tests ------------------------------------------------------------------------------------------------

describe('readEcoSpold1: datasets, flows and linking', () => {
  test('one file with two datasets linked by a product calculates as by hand', async () => {
    const path = await writeTemp('linked.xml', doc(dataset(electricity), dataset(steel)));
    const { data: db, issues } = await readEcoSpold1(path);
    assert.deepEqual(errors(issues), []);
    assert.equal(db.name, `${counter - 1}-linked`);
    assert.equal(db.processes.length, 2);

    const e = byName(db, 'electricity, at grid');
    const s = byName(db, 'steel, at plant');
    // The consumer's input and the provider's reference product are the same flow (name, category, unit).
    const provided = e.exchanges.find((x) => x.isReference);
    const input = s.exchanges.find((x) => x.isInput && x.sourceId === '2');
    assert.ok(provided && input);
    assert.equal(input.flowId, provided.flowId);
    assert.equal(
      provided.flowId,
      ecoSpold1FlowId('product', 'energy', 'power', 'electricity, at grid', 'kWh'),
    );
    // The same elementary flow in both datasets is one flow, with openLCA's key.
    const co2Id = nameBasedUuid('air', 'unspecified', 'Carbon dioxide', 'kg');
    assert.deepEqual(
      db.flows.filter((f) => f.name === 'Carbon dioxide').map((f) => f.id),
      [co2Id],
    );
    const co2Flow = db.flows.find((f) => f.id === co2Id);
    assert.equal(co2Flow?.type, 'elementary');
    assert.equal(co2Flow?.category, 'air/unspecified');
    assert.equal(co2Flow?.cas, '124-38-9');
    assert.equal(co2Flow?.formula, 'CO2');
    assert.equal(db.flows.find((f) => f.name === 'scrap')?.type, 'waste');
    assert.equal(db.flows.find((f) => f.name === 'Water, river')?.type, 'elementary');

    // Process metadata, kept as in the file.
    assert.equal(s.category, 'products/misc');
    assert.equal(s.description, 'About steel, at plant');
    assert.equal(s.type, 'unit');
    assert.equal(s.version, '1.0');
    assert.equal(s.lastChange, '2020-01-02T03:04:05');
    assert.equal(db.locations.find((l) => l.id === s.locationId)?.name, 'DE');
    assert.equal(db.locations.find((l) => l.id === s.locationId)?.code, 'DE');
    assert.deepEqual(
      s.exchanges.map((x) => x.internalId),
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(
      db.sources.map((x) => [x.name, x.year, x.citation]),
      [['Steel data', 2019, 'Doe, J. - 2019: Steel data, Berlin.']],
    );
    assert.deepEqual(
      db.actors.map((a) => a.name),
      ['Jane Doe'],
    );
    // Units come from the catalogue: kg, kWh and m3 are reference units of their groups.
    for (const x of [...e.exchanges, ...s.exchanges]) {
      const group = db.unitGroups.find((g) => g.units.some((u) => u.id === x.unitId));
      assert.ok(group, `unit of exchange ${x.sourceId}`);
      assert.ok(db.flowProperties.some((p) => p.id === x.flowPropertyId && p.unitGroupId === group.id));
    }

    // Steel: 1.5 kg CO2 directly and 2 kWh × 0.5 kg/kWh upstream; 3 m3 of water taken from nature.
    const inv = inventory(db, s.id);
    assert.ok(Math.abs((inv.get('Carbon dioxide') ?? NaN) - 2.5) < 1e-12);
    assert.ok(Math.abs((inv.get('Water, river') ?? NaN) + 3) < 1e-12);
    // The waste output has no treatment in EcoSpold 1: it is a cut-off.
    const result = new Calculator(db).calculate({ processId: s.id });
    assert.deepEqual(
      result.cutoff.map((c) => [c.name, c.amount]),
      [['scrap', 0.1]],
    );
  });

  test('a dataset without any product output gets its reference product from the reference function', async () => {
    const ds: Ds = { number: 1, name: 'service', unit: 'kg', exchanges: [co2(1, 2)] };
    const { data: db, issues } = await readEcoSpold1Entries([{ name: 'a.xml', data: doc(dataset(ds)) }]);
    assert.deepEqual(errors(issues), []);
    const p = db.processes[0];
    const ref = p.exchanges.find((x) => x.isReference);
    assert.equal(db.flows.find((f) => f.id === ref?.flowId)?.name, 'service');
    assert.equal(ref?.internalId, 2);
    assert.ok(issues.some((i) => i.code === 'REFERENCE_FROM_FUNCTION' && i.severity === 'info'));
    assert.equal(inventory(db, p.id).get('Carbon dioxide'), 2);
  });

  test('an avoided product (outputGroup 1) is a credit, linked to its provider', async () => {
    const chp: Ds = {
      number: 3,
      name: 'heat, from CHP',
      unit: 'MJ',
      exchanges: [
        { number: 1, name: 'heat, from CHP', unit: 'MJ', mean: 1, output: 0 },
        {
          number: 2,
          name: 'electricity, at grid',
          category: 'energy',
          subCategory: 'power',
          unit: 'kWh',
          mean: 0.2,
          output: 1,
        },
        co2(3, 0.3),
      ],
    };
    const { data: db } = await readEcoSpold1Entries([
      { name: 'a.xml', data: doc(dataset(electricity), dataset(chp)) },
    ]);
    const p = byName(db, 'heat, from CHP');
    const avoided = p.exchanges.find((x) => x.isAvoided);
    assert.equal(avoided?.isInput, true);
    // 0.3 − 0.2 kWh × 0.5 kg/kWh
    assert.ok(Math.abs((inventory(db, p.id).get('Carbon dioxide') ?? NaN) - 0.2) < 1e-12);
  });

  test('a product and an elementary flow with the same category, name and unit keep their roles', async () => {
    const ds: Ds = {
      number: 60,
      name: 'odd',
      exchanges: [
        { number: 1, name: 'odd', unit: 'kg', mean: 1, output: 0 },
        { ...co2(2, 1), name: 'thing' },
        { ...co2(3, 2), name: 'thing', input: 5, output: undefined },
      ],
    };
    const { data: db, issues } = await readEcoSpold1Entries([{ name: 'a.xml', data: doc(dataset(ds)) }]);
    const things = db.flows.filter((f) => f.name === 'thing');
    assert.deepEqual(
      things.map((f) => f.type),
      ['elementary', 'product'],
    );
    assert.equal(things[0].id, nameBasedUuid('air', 'unspecified', 'thing', 'kg'));
    assert.equal(things[1].id, nameBasedUuid('product', 'air', 'unspecified', 'thing', 'kg'));
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [['FLOW_TYPE_CONFLICT', '/ecoSpold/dataset[1]/flowData/exchange[3]']],
    );
  });

  test('a zip of one-dataset files with a categories.xml and other files', async () => {
    const zip = new ZipWriter();
    zip.add('EcoSpold01/electricity.XML', doc(dataset(electricity)));
    zip.add('EcoSpold01/steel.xml', doc(dataset(steel)));
    zip.add(
      'categories.xml',
      '<?xml version="1.0"?><categories xmlns="http://www.EcoInvent.org/Categories"><category name="energy"/></categories>',
    );
    zip.add('readme.txt', 'not read');
    zip.add('other.xml', '<root/>');
    const path = await writeTemp('db.zip', zip.finish());
    const { data: db, issues } = await readEcoSpold1(path);
    assert.deepEqual(errors(issues), []);
    assert.equal(db.processes.length, 2);
    assert.ok(issues.some((i) => i.code === 'IGNORED_FILES' && /readme\.txt/.test(i.message)));
    assert.ok(issues.some((i) => i.code === 'NOT_ECOSPOLD1' && i.file === 'other.xml'));
    assert.ok(
      Math.abs((inventory(db, byName(db, 'steel, at plant').id).get('Carbon dioxide') ?? NaN) - 2.5) < 1e-12,
    );

    // The same files in a folder give the same database.
    const folder = join(dir, `folder${counter++}`);
    await mkdir(join(folder, 'EcoSpold01'), { recursive: true });
    await writeFile(join(folder, 'EcoSpold01/electricity.xml'), doc(dataset(electricity)));
    await writeFile(join(folder, 'EcoSpold01/steel.xml'), doc(dataset(steel)));
    const fromFolder = await readEcoSpold1(folder);
    assert.deepEqual(fromFolder.data.processes.map((p) => p.id).sort(), db.processes.map((p) => p.id).sort());
    assert.deepEqual(fromFolder.data.flows.map((f) => f.id).sort(), db.flows.map((f) => f.id).sort());
  });

  test('datasets with the same name and location stay apart; a repeated dataset is skipped', async () => {
    const a = { ...electricity, number: 20 };
    const b = { ...electricity, number: 21, exchanges: [electricity.exchanges[0], co2(2, 0.7)] };
    const { data: db, issues } = await readEcoSpold1Entries([
      { name: 'a.xml', data: doc(dataset(a), dataset(b), dataset(a)) },
    ]);
    assert.equal(db.processes.length, 2);
    assert.notEqual(db.processes[0].id, db.processes[1].id);
    const dup = issues.filter((i) => i.code === 'DUPLICATE_DATASET');
    assert.equal(dup.length, 1);
    assert.equal(dup[0].path, '/ecoSpold/dataset[3]');
  });
});

describe('readEcoSpold1: allocation', () => {
  // P makes 2 kg of A (reference) and 3 kg of B (by-product) from 10 kWh of electricity, emitting 4 kg CO2.
  const exchanges: Ex[] = [
    { number: 1, name: 'A', unit: 'kg', mean: 2, output: 0 },
    { number: 2, name: 'B', unit: 'kg', mean: 3, output: 2 },
    electricityInput(3, 10),
    co2(4, 4),
  ];
  const allocation = (product: number, method: number, fraction: number, ...refs: number[]): string =>
    `<allocation referenceToCoProduct="${product}" allocationMethod="${method}" fraction="${fraction}">` +
    refs.map((r) => `<referenceToInputOutput>${r}</referenceToInputOutput>`).join('') +
    '</allocation>';

  test('one fraction per co-product for all exchanges: physical factors, computed as by hand', async () => {
    const p: Ds = {
      number: 30,
      name: 'A and B',
      type: 5,
      exchanges,
      allocations: allocation(1, 0, 25, 1, 2, 3, 4) + allocation(2, 0, 75, 1, 2, 3, 4),
    };
    const { data: db, issues } = await readEcoSpold1Entries([
      { name: 'a.xml', data: doc(dataset(electricity), dataset(p)) },
    ]);
    assert.deepEqual(errors(issues), []);
    const proc = byName(db, 'A and B');
    const flowOf = (n: string) => db.flows.find((f) => f.name === n)?.id ?? '';
    assert.equal(proc.defaultAllocation, 'physical');
    assert.deepEqual(
      proc.allocationFactors.filter((f) => f.method === 'physical'),
      [
        { method: 'physical', productId: flowOf('A'), value: 0.25 },
        { method: 'physical', productId: flowOf('B'), value: 0.75 },
      ],
    );
    const causal = proc.allocationFactors.filter((f) => f.method === 'causal');
    assert.equal(causal.length, 8);
    assert.deepEqual(causal[2], {
      method: 'causal',
      productId: flowOf('A'),
      value: 0.25,
      exchangeInternalId: 3,
    });
    // 1 kg A: s = 1/2; 0.25 × (4 kg CO2 + 10 kWh × 0.5 kg/kWh) / 2 = 1.125
    assert.ok(Math.abs((inventory(db, proc.id, flowOf('A')).get('Carbon dioxide') ?? NaN) - 1.125) < 1e-12);
    // 1 kg B: 0.75 × (4 + 5) / 3 = 2.25
    assert.ok(Math.abs((inventory(db, proc.id, flowOf('B')).get('Carbon dioxide') ?? NaN) - 2.25) < 1e-12);
  });

  test('exchange-specific fractions are causal factors', async () => {
    const p: Ds = {
      number: 31,
      name: 'A and B',
      type: 5,
      exchanges,
      allocations:
        allocation(1, 2, 50, 3) + allocation(1, 2, 30, 4) + allocation(2, 2, 50, 3) + allocation(2, 2, 70, 4),
    };
    const { data: db, issues } = await readEcoSpold1Entries([
      { name: 'a.xml', data: doc(dataset(electricity), dataset(p)) },
    ]);
    assert.deepEqual(errors(issues), []);
    const proc = byName(db, 'A and B');
    assert.equal(proc.defaultAllocation, 'causal');
    assert.ok(
      proc.allocationFactors.every((f) => f.method === 'causal' && f.exchangeInternalId !== undefined),
    );
    const flowOf = (n: string) => db.flows.find((f) => f.name === n)?.id ?? '';
    // 1 kg A: (0.3 × 4 + 0.5 × 10 × 0.5) / 2 = 1.85
    assert.ok(Math.abs((inventory(db, proc.id, flowOf('A')).get('Carbon dioxide') ?? NaN) - 1.85) < 1e-12);
    // 1 kg B: (0.7 × 4 + 0.5 × 5) / 3 = 1.7666…
    assert.ok(Math.abs((inventory(db, proc.id, flowOf('B')).get('Carbon dioxide') ?? NaN) - 5.3 / 3) < 1e-12);
  });

  test('allocations that point nowhere are reported', async () => {
    const p: Ds = {
      number: 32,
      name: 'A and B',
      type: 5,
      exchanges,
      allocations:
        allocation(9, 0, 25, 3) + allocation(2, 0, 75, 3, 77) + allocation(1, 0, 25, 3).replace('25', 'x'),
    };
    const { data: db, issues } = await readEcoSpold1Entries([{ name: 'a.xml', data: doc(dataset(p)) }]);
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [
        [
          'ALLOCATION_PRODUCT_NOT_IN_PROCESS',
          '/ecoSpold/dataset[1]/flowData/allocation[1]/@referenceToCoProduct',
        ],
        ['ALLOCATION_EXCHANGE_NOT_IN_PROCESS', '/ecoSpold/dataset[1]/flowData/allocation[2]'],
        ['INVALID_ALLOCATION_FACTOR', '/ecoSpold/dataset[1]/flowData/allocation[3]/@fraction'],
      ],
    );
    assert.equal(db.processes[0].allocationFactors.length, 1);
  });
});

describe('readEcoSpold1: uncertainty', () => {
  test('each EcoSpold 1 distribution type maps to the model', async () => {
    const u = (number: number, attrs: Record<string, string>, mean = 2): Ex => ({
      number,
      name: `flow ${number}`,
      category: 'air',
      subCategory: 'unspecified',
      unit: 'kg',
      mean,
      output: 4,
      attrs,
    });
    const ds: Ds = {
      number: 40,
      name: 'uncertain',
      exchanges: [
        { number: 1, name: 'uncertain', unit: 'kg', mean: 1, output: 0 },
        u(2, { uncertaintyType: '1', standardDeviation95: '4', generalComment: '(2,3,1,1,1,na) measured' }),
        u(3, { uncertaintyType: '2', standardDeviation95: '0.2' }),
        u(4, { uncertaintyType: '3', minValue: '1', maxValue: '4', mostLikelyValue: '1.5' }),
        u(5, { uncertaintyType: '3', minValue: '1', maxValue: '4' }),
        u(6, { uncertaintyType: '4', minValue: '1', maxValue: '3' }),
        u(7, { uncertaintyType: '0', standardDeviation95: '1' }),
        u(8, { uncertaintyType: '1', standardDeviation95: '0' }),
        u(9, { uncertaintyType: '4', minValue: '3', maxValue: '1' }),
        u(10, { uncertaintyType: '7' }),
      ],
    };
    const { data: db, issues } = await readEcoSpold1Entries([{ name: 'u.xml', data: doc(dataset(ds)) }]);
    const ex = db.processes[0].exchanges;
    assert.deepEqual(ex[1].uncertainty, {
      type: 'lognormal',
      geometricMean: 2,
      geometricSd: 2,
      pedigree: '(2,3,1,1,1,na)',
    });
    assert.equal(ex[1].dqEntry, '(2,3,1,1,1,na)');
    assert.equal(ex[1].description, '(2,3,1,1,1,na) measured');
    assert.deepEqual(ex[2].uncertainty, { type: 'normal', mean: 2, sd: 0.1 });
    assert.deepEqual(ex[3].uncertainty, { type: 'triangular', min: 1, mode: 1.5, max: 4 });
    // No mostLikelyValue: the mode follows from the mean, 3 × 2 − 1 − 4 = 1.
    assert.deepEqual(ex[4].uncertainty, { type: 'triangular', min: 1, mode: 1, max: 4 });
    assert.deepEqual(ex[5].uncertainty, { type: 'uniform', min: 1, max: 3 });
    assert.equal(ex[6].uncertainty, undefined);
    assert.equal(ex[7].uncertainty, undefined);
    assert.equal(ex[8].uncertainty, undefined);
    assert.equal(ex[9].uncertainty, undefined);
    const unc = issues.filter((i) => i.code === 'INVALID_UNCERTAINTY');
    assert.equal(unc.length, 1);
    assert.equal(unc[0].severity, 'warning');
    assert.equal(unc[0].path, '/ecoSpold/dataset[1]/flowData/exchange[8]');
    assert.match(unc[0].message, /^dataset number 40 \('uncertain'\): 3 uncertainty distribution/);
  });
});

describe('readEcoSpold1: encodings and streaming', () => {
  test('a GBK-declared file with Chinese names', async () => {
    const ds: Ds = {
      number: 50,
      name: '锂离子电池, 在工厂',
      location: 'CN',
      category: '电池',
      subCategory: '锂',
      exchanges: [
        {
          number: 1,
          name: '锂离子电池, 在工厂',
          category: '电池',
          subCategory: '锂',
          unit: 'kg',
          mean: 1,
          output: 0,
        },
        {
          number: 2,
          name: '电力, 中压',
          category: '能源',
          subCategory: '电',
          unit: 'kWh',
          mean: 12,
          input: 5,
        },
        { ...co2(3, 7), name: '二氧化碳' },
      ],
    };
    const text = doc(dataset(ds)).replace('encoding="UTF-8"', 'encoding="GBK"');
    const path = await writeTemp('gbk.xml', iconv.encode(text, 'gbk'));
    const { data: db, issues } = await readEcoSpold1(path);
    assert.deepEqual(errors(issues), []);
    assert.equal(db.processes[0].name, '锂离子电池, 在工厂');
    assert.equal(db.processes[0].category, '电池/锂');
    assert.deepEqual(
      db.flows.map((f) => f.name).sort(),
      ['二氧化碳', '电力, 中压', '锂离子电池, 在工厂'].sort(),
    );
    assert.equal(inventory(db, db.processes[0].id).get('二氧化碳'), 7);
  });

  test('text is decoded correctly when characters straddle the pieces', () => {
    const text = '<?xml version="1.0" encoding="GBK"?><a>' + '锂离子电池'.repeat(300) + '</a>';
    const bytes = iconv.encode(text, 'gbk');
    const pieces = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    assert.equal([...xmlTextChunks(pieces, 'x.xml')].join(''), text);
    const utf8 = Buffer.from('\ufeff<a>' + 'Größe 電 '.repeat(500) + '</a>');
    const one = Array.from({ length: utf8.length }, (_, i) => utf8.subarray(i, i + 1));
    assert.equal([...xmlTextChunks(one, 'y.xml')].join(''), '<a>' + 'Größe 電 '.repeat(500) + '</a>');
    assert.throws(
      () => [...xmlTextChunks([Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c])], 'z.xml')],
      code('INVALID_ENCODING'),
    );
  });

  test('a big file is streamed: many datasets across read pieces give the same result as in memory', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      dataset({
        number: 1000 + i,
        name: `product ${i} ä`,
        exchanges: [
          { number: 1, name: `product ${i} ä`, unit: 'kg', mean: 1, output: 0 },
          ...(i > 0 ? [{ number: 2, name: `product ${i - 1} ä`, unit: 'kg', mean: 0.5, input: 5 }] : []),
          co2(3, 1),
        ],
      }),
    );
    const text = doc(...many);
    assert.ok(Buffer.byteLength(text) > 3 * 2 ** 20, 'the fixture spans several 1 MiB read pieces');
    const path = await writeTemp('big.xml', text);
    const { data: db, issues } = await readEcoSpold1(path);
    assert.deepEqual(issues, []);
    assert.equal(db.processes.length, 3000);
    // The chain: product k needs 0.5 of product k−1, so product 10 emits Σ 0.5^i, i = 0…10.
    const p10 = byName(db, 'product 10 ä');
    assert.ok(Math.abs((inventory(db, p10.id).get('Carbon dioxide') ?? NaN) - (2 - 0.5 ** 10)) < 1e-12);
  });
});

describe('readEcoSpold1: broken input', () => {
  const good1 = dataset({
    number: 5,
    name: 'good one',
    exchanges: [{ number: 1, name: 'good one', unit: 'kg', mean: 1, output: 0 }],
  });
  const good2 = dataset({
    number: 6,
    name: 'good two',
    exchanges: [{ number: 1, name: 'good two', unit: 'kg', mean: 1, output: 0 }],
  });
  const broken = dataset({
    number: 7,
    name: 'broken',
    exchanges: [
      { number: 1, name: 'broken', unit: 'kg', mean: 1, output: 0 },
      { ...co2(2, 0), attrs: { meanValue: 'lots' } },
    ],
  });

  test('a broken dataset among good ones is skipped and reported with its number', async () => {
    const { data: db, issues } = await readEcoSpold1Entries([
      { name: 'db.xml', data: doc(good1, broken, good2) },
    ]);
    assert.deepEqual(
      db.processes.map((p) => p.name),
      ['good one', 'good two'],
    );
    // Flows made for the skipped dataset are left out too.
    assert.deepEqual(db.flows.map((f) => f.name).sort(), ['good one', 'good two']);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].severity, 'error');
    assert.equal(issues[0].code, 'INVALID_NUMBER');
    assert.equal(issues[0].file, 'db.xml');
    assert.equal(issues[0].path, '/ecoSpold/dataset[2]/flowData/exchange[2]/@meanValue');
    assert.match(issues[0].message, /dataset number 7 \('broken'\).*'lots'.*skipped/);

    await assert.rejects(
      readEcoSpold1Entries([{ name: 'db.xml', data: doc(good1, broken, good2) }], { strict: true }),
      (e: unknown) =>
        e instanceof FormatError && e.code === 'INVALID_NUMBER' && /dataset number 7/.test(e.message),
    );
  });

  test('other dataset-level problems', async () => {
    const noRef = `<dataset number="8"><metaInformation/><flowData/></dataset>`;
    const noGroup = dataset({
      number: 9,
      name: 'no group',
      exchanges: [{ number: 1, name: 'no group', unit: 'kg', mean: 1 }],
    });
    const badGroup = dataset({
      number: 10,
      name: 'bad group',
      exchanges: [{ number: 1, name: 'bad group', unit: 'kg', mean: 1, output: 9 }],
    });
    const noUnit = dataset({
      number: 11,
      name: 'no unit',
      exchanges: [{ number: 1, name: 'no unit', unit: '', mean: 1, output: 0 }],
    });
    const impactCategory = dataset({ number: 12, name: 'GWP', type: 4, exchanges: [co2(1, 1)] });
    const { data: db, issues } = await readEcoSpold1Entries([
      { name: 'db.xml', data: doc(noRef, noGroup, badGroup, noUnit, impactCategory, good1) },
    ]);
    assert.deepEqual(
      db.processes.map((p) => p.name),
      ['good one'],
    );
    assert.deepEqual(
      issues.map((i) => [i.severity, i.code, i.path]),
      [
        [
          'error',
          'MISSING_REFERENCE_FUNCTION',
          '/ecoSpold/dataset[1]/metaInformation/processInformation/referenceFunction',
        ],
        ['error', 'MISSING_GROUP', '/ecoSpold/dataset[2]/flowData/exchange[1]'],
        ['error', 'INVALID_GROUP', '/ecoSpold/dataset[3]/flowData/exchange[1]/outputGroup'],
        ['error', 'MISSING_UNIT', '/ecoSpold/dataset[4]/flowData/exchange[1]/@unit'],
        [
          'warning',
          'UNSUPPORTED_DATASET',
          '/ecoSpold/dataset[5]/metaInformation/processInformation/dataSetInformation/@type',
        ],
      ],
    );
  });

  test('invalid XML: one FormatError for a single file; reported, with the rest read, in a zip', async () => {
    const bad = doc(good1).replace('</flowData>', '</flowdata>');
    const path = await writeTemp('bad.xml', bad);
    await assert.rejects(
      readEcoSpold1(path),
      (e: unknown) => code('INVALID_XML')(e) && /line \d+/.test((e as Error).message),
    );

    // Well-formed up to the third dataset: the first two are kept, the error says what was lost.
    const partial = doc(good1, good2, good1.replace('</flowData>', '</flowdata>').replace('"5"', '"13"'));
    const partialPath = await writeTemp('partial.xml', partial);
    const { data, issues } = await readEcoSpold1(partialPath);
    assert.equal(data.processes.length, 2);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].code, 'INVALID_XML');
    assert.match(issues[0].message, /The 2 dataset\(s\) before the problem were read/);

    const zip = new ZipWriter();
    zip.add('a.xml', bad);
    zip.add('b.xml', doc(good2));
    zip.add('empty.xml', '');
    zip.add('gbk-undeclared.xml', iconv.encode('<ecoSpold><dataset name="锂"/></ecoSpold>', 'gbk'));
    const zipPath = await writeTemp('mixed.zip', zip.finish());
    const r = await readEcoSpold1(zipPath);
    assert.deepEqual(
      r.data.processes.map((p) => p.name),
      ['good two'],
    );
    assert.deepEqual(
      r.issues.map((i) => [i.file, i.code]),
      [
        ['a.xml', 'INVALID_XML'],
        ['empty.xml', 'EMPTY_FILE'],
        ['gbk-undeclared.xml', 'INVALID_ENCODING'],
      ],
    );
  });

  test('empty, missing, not XML, not EcoSpold 1, not a zip', async () => {
    await assert.rejects(readEcoSpold1(await writeTemp('empty.xml', '')), code('EMPTY_FILE'));
    await assert.rejects(readEcoSpold1(join(dir, 'missing.xml')), code('NOT_FOUND'));
    await assert.rejects(
      readEcoSpold1(await writeTemp('data.csv', 'a;b;c\n1;2;3\n')),
      code('UNKNOWN_FORMAT'),
    );
    await assert.rejects(
      readEcoSpold1(await writeTemp('other.xml', '<?xml version="1.0"?><processDataSet/>')),
      (e: unknown) => code('UNKNOWN_FORMAT')(e) && /<processDataSet>/.test((e as Error).message),
    );
    await assert.rejects(
      readEcoSpold1(
        await writeTemp(
          'es2.xml',
          '<ecoSpold xmlns="http://www.EcoInvent.org/EcoSpold02"><activityDataset/></ecoSpold>',
        ),
      ),
      (e: unknown) => code('UNKNOWN_FORMAT')(e) && /EcoSpold 2/.test((e as Error).message),
    );
    await assert.rejects(
      readEcoSpold1(await writeTemp('cut.zip', Buffer.from('PK\u0003\u0004 truncated'))),
      code('TRUNCATED_ZIP'),
    );
    const emptyZip = await writeTemp('nothing.zip', new ZipWriter().add('readme.txt', 'x').finish());
    await assert.rejects(readEcoSpold1(emptyZip), code('UNKNOWN_FORMAT'));
    await assert.rejects(readEcoSpold1Entries([]), code('UNKNOWN_FORMAT'));
  });
});

describe('EcoSpold 1 ids and nomenclature', () => {
  test('name-based UUIDs follow Java UUID.nameUUIDFromBytes over the lower-cased, trimmed key', () => {
    // java.util.UUID.nameUUIDFromBytes(new byte[0])
    assert.equal(nameBasedUuid(), 'd41d8cd9-8f00-3204-a980-0998ecf8427e');
    assert.equal(nameBasedUuid(' Air ', 'unspecified'), nameBasedUuid('air', 'UNSPECIFIED'));
    assert.notEqual(nameBasedUuid('a', 'b/c'), nameBasedUuid('a', 'b', 'd'));
    assert.match(nameBasedUuid('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(
      ecoSpold1FlowId('waste', 'waste', 'metal', 'scrap', 'kg'),
      ecoSpold1FlowId('product', 'waste', 'metal', 'scrap', 'kg'),
    );
  });

  test('FEDEFL contexts cut to two levels are recognised; ecoinvent 1 compartments stay unknown', () => {
    assert.deepEqual(
      ecoSpold1Nomenclature([
        'emission/air',
        'emission/water',
        'troposphere/rural',
        'fresh water body/river',
        'resource/biotic',
        'air/x',
      ]),
      ['fedefl', 'fedefl', 'fedefl', 'fedefl', 'fedefl', 'unknown'],
    );
    assert.deepEqual(
      ecoSpold1Nomenclature([
        'air/high population density',
        'air/unspecified',
        'air/urban air close to ground',
      ]),
      ['unknown', 'unknown', 'ecoinvent-biosphere3'],
    );
  });
});

describe('the olca-io EcoSpold 1 sample', () => {
  test('example.xml reads without error-level issues', async () => {
    const path = join(shared, 'data/samples/olca-io/ecospold1/example.xml');
    assert.ok(existsSync(path), `sample not found at ${path}; set OPENCFP_SHARED to the shared folder`);
    const { data: db, issues } = await readEcoSpold1(path);
    assert.deepEqual(errors(issues), []);
    assert.equal(db.processes.length, 1);
    const p = db.processes[0];
    assert.equal(p.name, 'community garden compost service');
    assert.equal(p.category, 'waste treatment/community composting');
    assert.equal(db.locations.find((l) => l.id === p.locationId)?.code, 'DE');
    assert.equal(p.exchanges.length, 2);
    const input = p.exchanges[1];
    assert.equal(input.isInput, true);
    assert.equal(input.amount, 0.15);
    assert.deepEqual(input.uncertainty, {
      type: 'lognormal',
      geometricMean: 0.15,
      geometricSd: Math.sqrt(1.1),
    });
    assert.equal(db.flows.find((f) => f.id === input.flowId)?.cas, '008010-00-0');
    // The allocation names only the reference product itself (100 %): one causal factor, economic method.
    assert.deepEqual(p.allocationFactors, [
      { method: 'causal', productId: p.exchanges[0].flowId, value: 1, exchangeInternalId: 1 },
    ]);
    assert.equal(p.defaultAllocation, 'causal');
    assert.deepEqual(
      db.actors.map((a) => a.name),
      ['Alex Example', 'Casey Checker'],
    );
    assert.equal(db.sources[0].name, 'Synthetic EcoSpold Example Dataset');
    assert.equal(db.sources[0].year, 2026);
    const result = new Calculator(db).calculate({ processId: p.id });
    assert.deepEqual(
      result.cutoff.map((c) => [c.name, c.amount]),
      [['wood chips, bulking agent', -0.15]],
    );
  });
});
