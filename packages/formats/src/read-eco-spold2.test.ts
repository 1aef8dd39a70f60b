import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { Calculator, type Database, type LciResult } from '@opencfp/core';
import { FormatError } from './errors.js';
import type { ImportIssue } from './import-issue.js';
import { readEcoSpold2, readEcoSpold2Entries } from './read-eco-spold2.js';
import { unitCatalogue } from './unit-catalogue.js';
import { ZipWriter } from './zip-writer.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');

// ---------------------------------------------------------------------------------------------------------
// Fixture builder: EcoSpold 2 datasets as ecoinvent writes them, with only the fields a test needs.

type Group = 'og0' | 'og2' | 'og3' | 'ig5';

interface IntermediateSpec {
  flow: string;
  name: string;
  unit: string;
  amount?: number | string;
  group: Group;
  link?: string;
  /** [name, amount, unit] */
  props?: [string, number, string][];
  relation?: string;
  variable?: string;
  uncertainty?: string;
  extra?: string;
}

interface ElementarySpec {
  flow: string;
  name: string;
  unit: string;
  amount: number | string;
  dir: 'in' | 'out';
  compartment?: [string, string];
  cas?: string;
  uncertainty?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function ie(x: IntermediateSpec): string {
  const attrs = [
    `intermediateExchangeId="${x.flow}"`,
    x.amount === undefined ? '' : `amount="${x.amount}"`,
    x.link ? `activityLinkId="${x.link}"` : '',
    x.relation ? `mathematicalRelation="${esc(x.relation)}"` : '',
    x.variable ? `variableName="${x.variable}"` : '',
  ].join(' ');
  const props = (x.props ?? [])
    .map(
      ([n, a, u]) =>
        `<property propertyId="p-${n}" amount="${a}"><name xml:lang="en">${n}</name><unitName xml:lang="en">${u}</unitName></property>`,
    )
    .join('');
  const group = x.group.startsWith('og')
    ? `<outputGroup>${x.group.slice(2)}</outputGroup>`
    : `<inputGroup>${x.group.slice(2)}</inputGroup>`;
  return (
    `<intermediateExchange ${attrs}><name xml:lang="en">${esc(x.name)}</name>` +
    `<unitName xml:lang="en">${x.unit}</unitName>${x.uncertainty ?? ''}${props}${x.extra ?? ''}${group}</intermediateExchange>`
  );
}

function ee(x: ElementarySpec): string {
  const [c, s] = x.compartment ?? ['air', 'urban air close to ground'];
  return (
    `<elementaryExchange elementaryExchangeId="${x.flow}" amount="${x.amount}"${x.cas ? ` casNumber="${x.cas}"` : ''}>` +
    `<name xml:lang="en">${esc(x.name)}</name><unitName xml:lang="en">${x.unit}</unitName>${x.uncertainty ?? ''}` +
    `<compartment subcompartmentId="c-${c}-${s}"><compartment xml:lang="en">${c}</compartment>` +
    `<subcompartment xml:lang="en">${s}</subcompartment></compartment>` +
    `${x.dir === 'in' ? '<inputGroup>4</inputGroup>' : '<outputGroup>4</outputGroup>'}</elementaryExchange>`
  );
}

function spold(x: {
  id: string;
  name: string;
  geo?: string;
  exchanges: string[];
  parameters?: string[];
  encoding?: string;
  dataset?: string;
  extra?: string;
}): string {
  const ds = x.dataset ?? 'activityDataset';
  return (
    `<?xml version="1.0" encoding="${x.encoding ?? 'UTF-8'}"?>\n` +
    `<ecoSpold xmlns="http://www.EcoInvent.org/EcoSpold02"><${ds}><activityDescription>` +
    `<activity id="${x.id}" activityNameId="n-${x.id}" type="1"><activityName xml:lang="en">${esc(x.name)}</activityName>` +
    `<generalComment><text xml:lang="en" index="2">second line</text><text xml:lang="en" index="1">first line</text></generalComment></activity>` +
    `<classification classificationId="c1"><classificationSystem xml:lang="en">ISIC rev.4 ecoinvent</classificationSystem>` +
    `<classificationValue xml:lang="en">2410:Manufacture of basic iron and steel</classificationValue></classification>` +
    `<geography geographyId="geo-${x.geo ?? 'GLO'}"><shortname xml:lang="en">${x.geo ?? 'GLO'}</shortname></geography>` +
    `<timePeriod startDate="2020-01-01" endDate="2020-12-31" isDataValidForEntirePeriod="true"/>` +
    `</activityDescription><flowData>${x.exchanges.join('')}${(x.parameters ?? []).join('')}</flowData>` +
    `<administrativeInformation><dataEntryBy personId="person-1" personName="A. Person"/>` +
    `<dataGeneratorAndPublication personId="person-1" personName="A. Person" publishedSourceId="source-1" publishedSourceYear="2021" publishedSourceFirstAuthor="Doe"/>` +
    `<fileAttributes majorRelease="3" minorRelease="9" majorRevision="1" minorRevision="0" lastEditTimestamp="2022-05-01T10:00:00"/>` +
    `</administrativeInformation></${ds}>${x.extra ?? ''}</ecoSpold>`
  );
}

const co2 = (amount: number) =>
  ee({ flow: 'f-co2', name: 'Carbon dioxide, fossil', unit: 'kg', amount, dir: 'out', cas: '000124-38-9' });
const ch4 = (amount: number) =>
  ee({ flow: 'f-ch4', name: 'Methane, fossil', unit: 'kg', amount, dir: 'out' });

// Electricity from two activities: B (0.5 kg CO2/kWh) and C (0.1 kg CO2/kWh). C has the lower id, so without
// the activity link the calculation would choose it.
const electricityB = spold({
  id: 'b-electricity',
  name: 'electricity production, hard coal',
  exchanges: [ie({ flow: 'f-elec', name: 'electricity', unit: 'kWh', amount: 1, group: 'og0' }), co2(0.5)],
});
const electricityC = spold({
  id: 'a-electricity',
  name: 'electricity production, hydro',
  exchanges: [ie({ flow: 'f-elec', name: 'electricity', unit: 'kWh', amount: 1, group: 'og0' }), co2(0.1)],
});
// Steel: 1 kg, needs 7.2 MJ (= 2 kWh) of electricity from B, emits 1 kg CO2.
const steel = spold({
  id: 's-steel',
  name: 'steel production',
  geo: 'CH',
  exchanges: [
    ie({ flow: 'f-steel', name: 'steel', unit: 'kg', amount: 1, group: 'og0' }),
    ie({ flow: 'f-elec', name: 'electricity', unit: 'MJ', amount: 7.2, group: 'ig5', link: 'b-electricity' }),
    co2(1),
  ],
});

// ---------------------------------------------------------------------------------------------------------

const ids = (issues: ImportIssue[], severity?: string) =>
  issues.filter((i) => severity === undefined || i.severity === severity).map((i) => i.code);
const inventory = (r: LciResult, flowId: string) => r.inventory.find((e) => e.flowId === flowId)?.amount ?? 0;
const close = (actual: number, expected: number, what = '') =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-es2-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('linking, units and the model mapping', () => {
  let db: Database;
  let issues: ImportIssue[];
  before(async () => {
    ({ data: db, issues } = await readEcoSpold2Entries(
      [
        { name: 'datasets/s-steel.spold', data: steel },
        { name: 'datasets/b-electricity.spold', data: electricityB },
        { name: 'datasets/a-electricity.spold', data: Buffer.from(electricityC) },
      ],
      { name: 'fixture' },
    ));
  });

  test('reads processes, flows, units, locations, sources and actors', () => {
    assert.deepEqual(issues, []);
    assert.equal(db.name, 'fixture');
    assert.deepEqual(db.processes.map((p) => p.id).sort(), ['a-electricity', 'b-electricity', 's-steel']);
    const s = db.processes.find((p) => p.id === 's-steel');
    assert.ok(s);
    assert.equal(s.name, 'steel production');
    assert.equal(s.type, 'unit');
    assert.equal(s.category, '2410:Manufacture of basic iron and steel');
    assert.equal(s.locationId, 'geo-CH');
    assert.deepEqual(
      db.locations.find((l) => l.id === 'geo-CH'),
      { id: 'geo-CH', name: 'CH', code: 'CH' },
    );
    assert.match(s.description ?? '', /^first line\nsecond line\n\nTime period: 2020-01-01 to 2020-12-31$/);
    assert.equal(s.version, '3.9.1.0');
    assert.equal(s.lastChange, '2022-05-01T10:00:00');
    assert.deepEqual(db.sources, [{ id: 'source-1', name: 'Doe 2021', year: 2021 }]);
    assert.deepEqual(db.actors, [{ id: 'person-1', name: 'A. Person' }]);
    assert.deepEqual(
      s.exchanges.map((e) => [e.internalId, e.flowId, e.amount, e.isInput, e.isReference]),
      [
        [1, 'f-steel', 1, false, true],
        [2, 'f-elec', 7.2, true, false],
        [3, 'f-co2', 1, false, false],
      ],
    );
    const co2Flow = db.flows.find((f) => f.id === 'f-co2');
    assert.equal(co2Flow?.type, 'elementary');
    assert.equal(co2Flow?.category, 'air/urban air close to ground');
    assert.equal(co2Flow?.cas, '124-38-9');
    assert.equal(co2Flow?.nomenclature, 'ecoinvent-biosphere3');
    // A product flow takes the category of the process it is the reference product of.
    assert.equal(
      db.flows.find((f) => f.id === 'f-steel')?.category,
      '2410:Manufacture of basic iron and steel',
    );
    assert.deepEqual(db.unitGroups.map((g) => g.name).sort(), ['Units of energy', 'Units of mass']);
  });

  test('an activity link becomes the default provider, and kWh and MJ convert', () => {
    const input = db.processes.find((p) => p.id === 's-steel')?.exchanges[1];
    assert.equal(input?.defaultProviderId, 'b-electricity');
    assert.equal(input?.unitId, unitCatalogue.lookup('MJ')?.unitId);
    // The electricity flow's reference unit is that of its first exchange (MJ, energy group either way).
    const calc = new Calculator(db);
    const r = calc.calculate({ processId: 's-steel' });
    // 1 kg CO2 of its own + 7.2 MJ = 2 kWh × 0.5 kg/kWh from B (C would give 0.2).
    close(inventory(r, 'f-co2'), 2, 'CO2 of steel');
    assert.deepEqual(r.cutoff, []);
    // One unit of demand is 1 MJ, the reference unit of the energy group: 0.1 kg CO2/kWh ÷ 3.6 MJ/kWh.
    close(inventory(calc.calculate({ processId: 'a-electricity' }), 'f-co2'), 0.1 / 3.6);
  });
});

describe('co-products, allocation from properties', () => {
  // 2 kg P1 at 3 EUR/kg (6 EUR) and 4 kg P2 at 0.5 EUR/kg (2 EUR): economic 0.75 / 0.25; wet mass 2 / 4 kg:
  // physical 1/3 / 2/3. 8 kg CO2 in all. A by-product with amount 0 (as in ecoinvent's allocated datasets)
  // is dropped.
  const multi = spold({
    id: 'm-multi',
    name: 'combined production',
    exchanges: [
      ie({
        flow: 'f-p1',
        name: 'product 1',
        unit: 'kg',
        amount: 2,
        group: 'og0',
        props: [
          ['price', 3, 'EUR2005'],
          ['wet mass', 1, 'kg'],
          ['carbon content, fossil', 0.5, 'dimensionless'],
        ],
      }),
      ie({
        flow: 'f-p2',
        name: 'product 2',
        unit: 'g',
        amount: 4000,
        group: 'og2',
        props: [
          ['price', 0.0005, 'EUR2005'],
          ['wet mass', 0.001, 'kg'],
        ],
      }),
      ie({
        flow: 'f-p3',
        name: 'product 3',
        unit: 'kg',
        amount: 0,
        group: 'og2',
        props: [['price', 1, 'EUR2005']],
      }),
      co2(8),
    ],
  });
  let db: Database;
  let issues: ImportIssue[];
  before(async () => {
    ({ data: db, issues } = await readEcoSpold2Entries([{ name: 'm.spold', data: multi }]));
  });

  test('derives economic and physical factors and keeps the properties', () => {
    assert.deepEqual(issues, []);
    const p = db.processes[0];
    assert.equal(p.defaultAllocation, 'economic');
    assert.deepEqual(
      p.exchanges.map((e) => e.flowId),
      ['f-p1', 'f-p2', 'f-co2'],
    );
    const f = (method: string, productId: string) =>
      p.allocationFactors.find((x) => x.method === method && x.productId === productId)?.value ?? NaN;
    close(f('economic', 'f-p1'), 0.75);
    close(f('economic', 'f-p2'), 0.25);
    close(f('physical', 'f-p1'), 1 / 3);
    close(f('physical', 'f-p2'), 2 / 3);
    assert.deepEqual(p.exchanges[0].properties, [
      { name: 'price', amount: 3, unit: 'EUR2005' },
      { name: 'wet mass', amount: 1, unit: 'kg' },
      { name: 'carbon content, fossil', amount: 0.5, unit: 'dimensionless' },
    ]);
  });

  test('the allocated inventories are the hand-computed ones', () => {
    const economic = new Calculator(db);
    close(
      inventory(economic.calculate({ processId: 'm-multi', productId: 'f-p1' }), 'f-co2'),
      (8 * 0.75) / 2,
    );
    close(
      inventory(economic.calculate({ processId: 'm-multi', productId: 'f-p2' }), 'f-co2'),
      (8 * 0.25) / 4,
    );
    const physical = new Calculator(db, { allocation: 'physical' });
    close(inventory(physical.calculate({ processId: 'm-multi', productId: 'f-p1' }), 'f-co2'), 8 / 3 / 2);
    close(inventory(physical.calculate({ processId: 'm-multi', productId: 'f-p2' }), 'f-co2'), 16 / 3 / 4);
  });

  test('co-products without prices or masses are reported, not allocated', async () => {
    const bare = spold({
      id: 'm-bare',
      name: 'bare',
      exchanges: [
        ie({ flow: 'f-x', name: 'x', unit: 'kg', amount: 1, group: 'og0' }),
        ie({ flow: 'f-y', name: 'y', unit: 'kg', amount: 1, group: 'og2', props: [['price', 2, 'EUR2005']] }),
      ],
    });
    const { data, issues: found } = await readEcoSpold2Entries([{ name: 'bare.spold', data: bare }]);
    assert.deepEqual(ids(found), ['ALLOCATION_NOT_DERIVED']);
    assert.equal(data.processes[0].defaultAllocation, undefined);
    assert.deepEqual(data.processes[0].allocationFactors, []);
  });
});

describe('waste treatment with a negative reference product (ecoinvent convention)', () => {
  // T treats waste W: reference -1 kg W (a negative output), 0.1 kg CH4, 0.5 kWh electricity from B.
  // Q makes 1 kg Q and produces 0.3 kg W, recorded as an input of -0.3 kg linked to T.
  const treatment = spold({
    id: 't-treatment',
    name: 'treatment of waste W, landfill',
    exchanges: [
      ie({
        flow: 'f-w',
        name: 'waste W',
        unit: 'kg',
        amount: -1,
        group: 'og0',
        relation: 'share * -1',
        uncertainty: '<uncertainty><uniform minValue="-1.2" maxValue="-0.8"/></uncertainty>',
      }),
      ie({
        flow: 'f-elec',
        name: 'electricity',
        unit: 'kWh',
        amount: 0.5,
        group: 'ig5',
        link: 'b-electricity',
      }),
      ch4(0.1),
    ],
    parameters: [
      `<parameter parameterId="x" variableName="share" amount="1"><name xml:lang="en">share</name></parameter>`,
    ],
  });
  const producer = spold({
    id: 'q-producer',
    name: 'production of Q',
    exchanges: [
      ie({ flow: 'f-q', name: 'Q', unit: 'kg', amount: 1, group: 'og0' }),
      ie({ flow: 'f-w', name: 'waste W', unit: 'kg', amount: -0.3, group: 'ig5', link: 't-treatment' }),
    ],
  });
  let db: Database;
  before(async () => {
    const r = await readEcoSpold2Entries([
      { name: 't.spold', data: treatment },
      { name: 'q.spold', data: producer },
      { name: 'b.spold', data: electricityB },
    ]);
    assert.deepEqual(r.issues, []);
    db = r.data;
  });

  test('the waste flow is a waste, its exchanges turned round', () => {
    assert.equal(db.flows.find((f) => f.id === 'f-w')?.type, 'waste');
    const t = db.processes.find((p) => p.id === 't-treatment');
    const ref = t?.exchanges.find((e) => e.isReference);
    assert.deepEqual(
      ref && { isInput: ref.isInput, amount: ref.amount, formula: ref.formula, uncertainty: ref.uncertainty },
      {
        isInput: true,
        amount: 1,
        formula: '-1 * (share * -1)',
        uncertainty: { type: 'uniform', min: 0.8, max: 1.2 },
      },
    );
    const out = db.processes.find((p) => p.id === 'q-producer')?.exchanges[1];
    assert.deepEqual(out && [out.isInput, out.amount, out.defaultProviderId], [false, 0.3, 't-treatment']);
  });

  test('calculates like the ecoinvent matrix: treatment scaled by the waste produced', () => {
    const calc = new Calculator(db);
    const q = calc.calculate({ processId: 'q-producer' });
    close(inventory(q, 'f-ch4'), 0.03, 'CH4 of Q');
    close(inventory(q, 'f-co2'), 0.3 * 0.5 * 0.5, 'CO2 of Q');
    // Treating 1 kg of W (a waste-treatment column: demand −1).
    const t = calc.calculate({ processId: 't-treatment' });
    close(inventory(t, 'f-ch4'), 0.1, 'CH4 of T');
    close(inventory(t, 'f-co2'), 0.25, 'CO2 of T');
  });
});

describe('parameters and formulas', () => {
  const param = (name: string, amount: number, relation?: string) =>
    `<parameter parameterId="p-${name}" variableName="${name}" amount="${amount}"${relation ? ` mathematicalRelation="${esc(relation)}"` : ''}>` +
    `<name xml:lang="en">the ${name}</name><unitName xml:lang="en">dimensionless</unitName></parameter>`;
  const formulas = spold({
    id: 'f-formulas',
    name: 'formulas',
    exchanges: [
      ie({ flow: 'f-out', name: 'out', unit: 'kg', amount: 1, group: 'og0' }),
      ie({ flow: 'f-a', name: 'a', unit: 'kg', amount: 1.25, group: 'ig5', relation: '1/yield' }),
      ie({
        flow: 'f-b',
        name: 'b',
        unit: 'MJ',
        amount: 1.6,
        group: 'ig5',
        variable: 'heat',
        relation: '2 * YIELD',
      }),
      ie({ flow: 'f-c', name: 'c', unit: 'kg', amount: 3, group: 'ig5', relation: 'IF(yield > 0.5; 3; 4)' }),
      ie({
        flow: 'f-d',
        name: 'd',
        unit: 'kg',
        amount: 2,
        group: 'ig5',
        relation: 'LN(EXP(2)) * double / 2',
      }),
      ie({ flow: 'f-e', name: 'e', unit: 'kg', amount: 5, group: 'ig5', relation: "Ref('0a1b')" }),
      ie({ flow: 'f-f', name: 'f', unit: 'kg', amount: 6, group: 'ig5', relation: '1,5 * yield' }),
      ie({ flow: 'f-g', name: 'g', unit: 'kg', amount: 7, group: 'ig5', relation: 'foo * 2' }),
      ie({ flow: 'f-h', name: 'h', unit: 'kg', amount: 8, group: 'ig5', relation: '2 *' }),
    ],
    parameters: [param('yield', 0.8), param('double', 2, 'yield / 0.4')],
  });
  let db: Database;
  let issues: ImportIssue[];
  before(async () => {
    ({ data: db, issues } = await readEcoSpold2Entries([{ name: 'f.spold', data: formulas }]));
  });

  test('parameters and usable formulas are kept; the others reported with the stored amount kept', () => {
    const p = db.processes[0];
    assert.deepEqual(
      p.parameters.map((x) => [x.name, x.value, x.formula, x.isInput, x.scope, x.description]),
      [
        ['yield', 0.8, undefined, true, 'process', 'the yield [dimensionless]'],
        ['double', 2, 'yield / 0.4', false, 'process', 'the double [dimensionless]'],
        ['heat', 1.6, '2 * YIELD', false, 'process', 'amount of b'],
      ],
    );
    assert.deepEqual(
      p.exchanges.map((e) => [e.flowId, e.amount, e.formula]),
      [
        ['f-out', 1, undefined],
        ['f-a', 1.25, '1/yield'],
        ['f-b', 1.6, 'heat'],
        ['f-c', 3, 'IF(yield > 0.5; 3; 4)'],
        ['f-d', 2, 'LN(EXP(2)) * double / 2'],
        ['f-e', 5, undefined],
        ['f-f', 6, undefined],
        ['f-g', 7, undefined],
        ['f-h', 8, undefined],
      ],
    );
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [
        [
          'FORMULA_UNSUPPORTED',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[6]/@mathematicalRelation',
        ],
        [
          'FORMULA_UNSUPPORTED',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[7]/@mathematicalRelation',
        ],
        [
          'FORMULA_UNKNOWN_VARIABLE',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[8]/@mathematicalRelation',
        ],
        [
          'FORMULA_UNSUPPORTED',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[9]/@mathematicalRelation',
        ],
      ],
    );
    assert.ok(issues.every((i) => i.severity === 'warning'));
    assert.match(issues[0].message, /Ref\('…'\)/);
    assert.match(issues[1].message, /decimal comma/);
  });

  test('the formulas evaluate, also with another parameter value', () => {
    const amounts = (r: LciResult) => Object.fromEntries(r.cutoff.map((c) => [c.flowId, -c.amount]));
    const base = amounts(new Calculator(db).calculate({ processId: 'f-formulas' }));
    close(base['f-a'], 1.25);
    close(base['f-b'], 1.6);
    close(base['f-c'], 3);
    close(base['f-d'], 2);
    close(base['f-e'], 5);
    const changed = amounts(
      new Calculator(db, { parameters: [{ name: 'yield', value: 0.5, processId: 'f-formulas' }] }).calculate({
        processId: 'f-formulas',
      }),
    );
    close(changed['f-a'], 2);
    close(changed['f-b'], 1);
    close(changed['f-c'], 4);
    close(changed['f-d'], (2 * 1.25) / 2);
  });
});

describe('uncertainty', () => {
  const u = (inner: string, pedigree = '') =>
    `<uncertainty>${inner}${pedigree}<comment xml:lang="en"/></uncertainty>`;
  const pedigree =
    '<pedigreeMatrix reliability="1" completeness="2" temporalCorrelation="3" geographicalCorrelation="4" furtherTechnologyCorrelation="5"/>';
  const dataset = spold({
    id: 'u-uncertainty',
    name: 'uncertainty',
    exchanges: [
      ie({ flow: 'f-out', name: 'out', unit: 'kg', amount: 1, group: 'og0' }),
      ie({
        flow: 'f-ln',
        name: 'ln',
        unit: 'kg',
        amount: 2,
        group: 'ig5',
        uncertainty: u(
          '<lognormal meanValue="2" mu="0.69" variance="0.04" varianceWithPedigreeUncertainty="0.09"/>',
          pedigree,
        ),
      }),
      ie({
        flow: 'f-n',
        name: 'n',
        unit: 'kg',
        amount: 5,
        group: 'ig5',
        uncertainty: u('<normal meanValue="5" variance="4" varianceWithPedigreeUncertainty="0"/>'),
      }),
      ie({
        flow: 'f-t',
        name: 't',
        unit: 'kg',
        amount: 2,
        group: 'ig5',
        uncertainty: u('<triangular minValue="1" mostLikelyValue="2" maxValue="4"/>'),
      }),
      ie({
        flow: 'f-u',
        name: 'u',
        unit: 'kg',
        amount: 2,
        group: 'ig5',
        uncertainty: u('<uniform minValue="1" maxValue="3"/>'),
      }),
      ie({
        flow: 'f-bad',
        name: 'bad',
        unit: 'kg',
        amount: 2,
        group: 'ig5',
        uncertainty: u(
          '<lognormal meanValue="2" variance="Infinity" varianceWithPedigreeUncertainty="Infinity"/>',
        ),
      }),
      ie({
        flow: 'f-beta',
        name: 'beta',
        unit: 'kg',
        amount: 2,
        group: 'ig5',
        uncertainty: u('<beta minValue="1" mostFrequentValue="2" maxValue="3"/>'),
      }),
    ],
  });

  test('each distribution type maps, the pedigree matrix becomes a dqEntry', async () => {
    const { data, issues } = await readEcoSpold2Entries([{ name: 'u.spold', data: dataset }]);
    const e = (flowId: string) => data.processes[0].exchanges.find((x) => x.flowId === flowId);
    assert.deepEqual(e('f-ln')?.uncertainty, {
      type: 'lognormal',
      geometricMean: 2,
      geometricSd: Math.exp(Math.sqrt(0.09)),
      pedigree: '(1;2;3;4;5)',
    });
    assert.equal(e('f-ln')?.dqEntry, '(1;2;3;4;5)');
    assert.deepEqual(e('f-n')?.uncertainty, { type: 'normal', mean: 5, sd: 2 });
    assert.deepEqual(e('f-t')?.uncertainty, { type: 'triangular', min: 1, mode: 2, max: 4 });
    assert.deepEqual(e('f-u')?.uncertainty, { type: 'uniform', min: 1, max: 3 });
    assert.equal(e('f-bad')?.uncertainty, undefined);
    assert.equal(e('f-beta')?.uncertainty, undefined);
    assert.deepEqual(
      issues.map((i) => [i.severity, i.code]),
      [
        ['warning', 'INVALID_UNCERTAINTY'],
        ['info', 'UNSUPPORTED_UNCERTAINTY'],
      ],
    );
    assert.match(issues[0].message, /variance="Infinity"/);
  });
});

describe('process ids when datasets share an activity', () => {
  // ecoinvent's allocated datasets: one activity, one file per reference product (the other product listed
  // with amount 0). Each becomes its own process, '<activityId>_<productId>'.
  const part = (ref: string, other: string, co2Amount: number) =>
    spold({
      id: 'act-1',
      name: 'combined heat and power',
      exchanges: [
        ie({ flow: ref, name: ref, unit: 'MJ', amount: 1, group: 'og0' }),
        ie({ flow: other, name: other, unit: 'MJ', amount: 0, group: 'og2' }),
        co2(co2Amount),
      ],
    });
  const consumer = spold({
    id: 'consumer',
    name: 'consumer',
    exchanges: [
      ie({ flow: 'f-product', name: 'product', unit: 'kg', amount: 1, group: 'og0' }),
      ie({ flow: 'f-heat', name: 'heat', unit: 'MJ', amount: 10, group: 'ig5', link: 'act-1' }),
      ie({ flow: 'f-nothing', name: 'nothing', unit: 'kg', amount: 1, group: 'ig5', link: 'act-missing' }),
    ],
  });

  test('ids are <activityId>_<productId> and links resolve by activity and product', async () => {
    const { data, issues } = await readEcoSpold2Entries([
      { name: 'act-1_f-heat.spold', data: part('f-heat', 'f-elec', 0.05) },
      { name: 'act-1_f-elec.spold', data: part('f-elec', 'f-heat', 0.2) },
      { name: 'act-1_f-elec-copy.spold', data: part('f-elec', 'f-heat', 0.2) },
      { name: 'consumer.spold', data: consumer },
    ]);
    assert.deepEqual(ids(issues), ['DUPLICATE_DATASET', 'UNRESOLVED_ACTIVITY_LINK']);
    assert.equal(issues[0].file, 'act-1_f-elec-copy.spold');
    assert.match(issues[1].message, /'nothing' from activity act-missing/);
    assert.deepEqual(
      data.processes.map((p) => [p.id, p.name, p.exchanges.length]),
      [
        ['act-1_f-heat', 'combined heat and power | f-heat', 2],
        ['act-1_f-elec', 'combined heat and power | f-elec', 2],
        ['consumer', 'consumer', 3],
      ],
    );
    const heat = data.processes[2].exchanges[1];
    assert.equal(heat.defaultProviderId, 'act-1_f-heat');
    assert.equal(data.processes[2].exchanges[2].defaultProviderId, undefined);
    const r = new Calculator(data).calculate({ processId: 'consumer' });
    close(inventory(r, 'f-co2'), 0.5);
  });
});

describe('master data, nomenclature and child datasets', () => {
  test('MasterData files fill CAS numbers, formulas and geography names, in any order', async () => {
    const zip = new ZipWriter();
    zip.add(
      'datasets/x.spold',
      spold({
        id: 'x',
        name: 'x',
        geo: 'CH',
        dataset: 'childActivityDataset',
        exchanges: [
          ie({ flow: 'f-x', name: 'x', unit: 'kg', amount: 1, group: 'og0' }),
          ee({
            flow: 'f-nox',
            name: 'Nitrogen oxides',
            unit: 'kg',
            amount: 0.1,
            dir: 'out',
            compartment: ['air', 'unspecified'],
          }),
          ee({
            flow: 'f-water',
            name: 'Water',
            unit: 'm3',
            amount: 2,
            dir: 'in',
            compartment: ['natural resource', 'in water'],
          }),
        ],
        extra:
          '<usedUserMasterData xmlns="http://www.EcoInvent.org/UsedUserMasterData">' +
          '<source id="source-1" year="2021" firstAuthor="Doe" title="A study"/><person id="person-1" name="Ann Person"/></usedUserMasterData>',
      }),
    );
    zip.add(
      'MasterData/ElementaryExchanges.xml',
      '<?xml version="1.0"?><validElementaryExchanges xmlns="http://www.EcoInvent.org/EcoSpold02">' +
        '<elementaryExchange id="f-nox" casNumber="011104-93-1" formula="NOx"><name xml:lang="en">Nitrogen oxides</name>' +
        '<unitName xml:lang="en">kg</unitName></elementaryExchange></validElementaryExchanges>',
    );
    zip.add(
      'MasterData/Geographies.xml',
      '<?xml version="1.0"?><validGeographies xmlns="http://www.EcoInvent.org/EcoSpold02">' +
        '<geography id="geo-CH"><name xml:lang="en">Switzerland</name><shortname xml:lang="en">CH</shortname></geography></validGeographies>',
    );
    zip.add('MasterData/Persons.xml', '<validPersons/>');
    const path = join(dir, 'master.zip');
    await writeFile(path, zip.finish());
    const { data, issues } = await readEcoSpold2(path);
    assert.deepEqual(ids(issues), []);
    assert.equal(data.name, 'master');
    const nox = data.flows.find((f) => f.id === 'f-nox');
    assert.equal(nox?.cas, '11104-93-1');
    assert.equal(nox?.formula, 'NOx');
    // 'air/unspecified' exists in several nomenclatures; the dataset's other flow decides.
    assert.equal(nox?.nomenclature, 'ecoinvent-biosphere3');
    assert.deepEqual(data.locations, [{ id: 'geo-CH', name: 'Switzerland', code: 'CH' }]);
    assert.deepEqual(data.sources, [
      { id: 'source-1', name: 'A study', year: 2021, citation: 'Doe (2021) A study' },
    ]);
    assert.deepEqual(data.actors, [{ id: 'person-1', name: 'Ann Person' }]);
    assert.equal(data.processes.length, 1);
  });
});

describe('the openLCA sample dataset', () => {
  test('reads without error-level issues', async () => {
    const path = join(shared, 'data/samples/olca-io/ecospold2/input/sample_ecospold2.xml');
    const { data, issues } = await readEcoSpold2(path);
    assert.deepEqual(ids(issues, 'error'), []);
    // Its triangle has mostLikelyValue 25 above maxValue 5; its 'undefined' distribution has no counterpart.
    assert.deepEqual(ids(issues), ['INVALID_UNCERTAINTY', 'UNSUPPORTED_UNCERTAINTY']);
    const p = data.processes[0];
    assert.equal(p.id, '08a78e38-fdbe-4ea8-869f-7735b41ecf85');
    assert.equal(p.name, 'Sample');
    assert.equal(p.category, '0112:Growing of rice');
    assert.deepEqual(p.tags, ['tag1', 'tag2']);
    assert.equal(data.locations[0].code, 'AX');
    assert.match(p.description ?? '', /sample comment 1\nsample commen 2/);
    assert.match(p.description ?? '', /Technology: level current\. technology comment/);
    const ref = p.exchanges.find((e) => e.isReference);
    assert.equal(ref?.formula, 'p');
    assert.deepEqual(ref?.uncertainty, {
      type: 'lognormal',
      geometricMean: 33,
      geometricSd: Math.exp(Math.sqrt(2.21)),
      pedigree: '(5;5;5;5;5)',
    });
    assert.equal(ref?.properties?.length, 6);
    assert.deepEqual(
      p.parameters.map((x) => [x.name, x.value, x.formula ?? null]),
      [
        ['vehicle_life', 23, null],
        ['allard_mine_area_yearly_growth', 1, null],
        ['p', 33, '23 + SUM(8;2)'],
      ],
    );
    assert.equal(data.flows.find((f) => f.name === '1,1-dimethylcyclopentane')?.cas, '28729-52-4');
    const water = data.flows.find((f) => f.name === 'Volume occupied, reservoir');
    assert.equal(water?.category, 'natural resource/in water');
    assert.equal(water?.nomenclature, 'ecoinvent-biosphere3');
    const r = new Calculator(data).calculate({ processId: p.id });
    assert.ok(r.inventory.length > 0);
  });
});

describe('broken inputs', () => {
  const good = spold({
    id: 'g-good',
    name: 'good',
    exchanges: [ie({ flow: 'f-g', name: 'g', unit: 'kg', amount: 1, group: 'og0' }), co2(1)],
  });

  test('an invalid XML dataset, a missing amount and an unknown unit are skipped and reported', async () => {
    const broken = spold({
      id: 'h-broken',
      name: 'broken',
      exchanges: [
        ie({ flow: 'f-h', name: 'h', unit: 'kg', amount: 1, group: 'og0' }),
        ie({ flow: 'f-noamount', name: 'no amount', unit: 'kg', group: 'ig5' }),
        ie({ flow: 'f-nan', name: 'nan', unit: 'kg', amount: 'abc', group: 'ig5' }),
        ie({ flow: 'f-furlong', name: 'odd', unit: 'furlong*fortnight', amount: 1, group: 'ig5' }),
        ie({ flow: 'f-g', name: 'g', unit: 'MJ', amount: 1, group: 'ig5' }),
        ee({ flow: 'f-co2', name: 'x', unit: 'kg', amount: 1, dir: 'out' }).replace(
          '<outputGroup>4</outputGroup>',
          '',
        ),
      ],
    });
    const noReference = spold({
      id: 'n-noref',
      name: 'no reference',
      exchanges: [ie({ flow: 'f-n', name: 'n', unit: 'parsec', amount: 1, group: 'og0' }), co2(1)],
    });
    const { data, issues } = await readEcoSpold2Entries([
      { name: 'good.spold', data: good },
      { name: 'invalid.spold', data: good.slice(0, 400) },
      { name: 'broken.spold', data: broken },
      { name: 'noref.spold', data: noReference },
      {
        name: 'ecospold1.xml',
        data: '<ecoSpold xmlns="http://www.EcoInvent.org/EcoSpold01"><dataset number="1"/></ecoSpold>',
      },
      { name: 'other.xml', data: '<project/>' },
      { name: 'readme.txt', data: 'not read' },
    ]);
    assert.deepEqual(
      issues.map((i) => [i.file, i.code, i.severity, i.path]),
      [
        ['invalid.spold', 'INVALID_XML', 'error', ''],
        [
          'broken.spold',
          'MISSING_AMOUNT',
          'error',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[2]/@amount',
        ],
        [
          'broken.spold',
          'INVALID_AMOUNT',
          'error',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[3]/@amount',
        ],
        [
          'broken.spold',
          'UNKNOWN_UNIT',
          'error',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[4]/unitName',
        ],
        [
          'broken.spold',
          'UNIT_CONFLICT',
          'error',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[5]/unitName',
        ],
        [
          'broken.spold',
          'MISSING_GROUP',
          'error',
          '/ecoSpold/activityDataset/flowData/elementaryExchange[1]',
        ],
        [
          'noref.spold',
          'UNKNOWN_UNIT',
          'error',
          '/ecoSpold/activityDataset/flowData/intermediateExchange[1]/unitName',
        ],
        ['noref.spold', 'NO_REFERENCE_PRODUCT', 'error', '/ecoSpold/activityDataset/flowData'],
        ['ecospold1.xml', 'ECOSPOLD1_FILE', 'error', ''],
        ['other.xml', 'NOT_ECOSPOLD2', 'info', ''],
      ],
    );
    assert.match(issues[0].message, /not well-formed XML .* line \d+/);
    assert.match(issues[3].message, /'furlong\*fortnight' is not in OpenCFP's unit catalogue/);
    assert.deepEqual(
      data.processes.map((p) => [p.id, p.exchanges.map((e) => e.flowId)]),
      [
        ['g-good', ['f-g', 'f-co2']],
        ['h-broken', ['f-h']],
      ],
    );
    // Nothing of the skipped dataset is left behind.
    assert.equal(
      data.flows.find((f) => f.id === 'f-n'),
      undefined,
    );
  });

  test('an exchange without a unit name falls back to its ecoinvent unit id', async () => {
    const byId = spold({
      id: 'i-unit-id',
      name: 'unit id',
      exchanges: [
        ie({ flow: 'f-i', name: 'i', unit: 'kg', amount: 1, group: 'og0' }).replace(
          '<unitName xml:lang="en">kg</unitName>',
          '',
        ),
        ie({ flow: 'f-j', name: 'j', unit: 'kWh', amount: 2, group: 'ig5' })
          .replace('<unitName xml:lang="en">kWh</unitName>', '')
          .replace('amount=', 'unitId="77ae64fa-7e74-4252-9c3b-889c1cd20bfc" amount='),
      ],
    }).replace('amount="1"', 'unitId="487df68b-4994-4027-8fdc-a4dc298257b7" amount="1"');
    const { data, issues } = await readEcoSpold2Entries([{ name: 'i.spold', data: byId }]);
    assert.deepEqual(issues, []);
    assert.deepEqual(
      data.processes[0].exchanges.map((e) => e.unitId),
      [unitCatalogue.lookup('kg')?.unitId, unitCatalogue.lookup('kWh')?.unitId],
    );
  });

  test('strict mode stops at the first error', async () => {
    await assert.rejects(
      readEcoSpold2Entries([{ name: 'invalid.spold', data: '<ecoSpold><activityDataset>' }], {
        strict: true,
      }),
      (e: unknown) => e instanceof FormatError && e.code === 'INVALID_XML' && e.file === 'invalid.spold',
    );
  });

  test('a .spold declared GBK with Chinese names decodes', async () => {
    const chinese = spold({
      id: 'cn-1',
      name: '锂离子电池生产',
      encoding: 'GBK',
      geo: 'CN',
      exchanges: [ie({ flow: 'f-cn', name: '锂离子电池', unit: 'kg', amount: 1, group: 'og0' }), co2(2)],
    });
    const path = join(dir, 'gbk.spold');
    await writeFile(path, iconv.encode(chinese, 'gbk'));
    const { data, issues } = await readEcoSpold2(path);
    assert.deepEqual(issues, []);
    assert.equal(data.processes[0].name, '锂离子电池生产');
    assert.equal(data.flows.find((f) => f.id === 'f-cn')?.name, '锂离子电池');
    // The same bytes declared UTF-8 are refused, not turned into mojibake.
    const wrong = iconv.encode(chinese.replace('encoding="GBK"', 'encoding="UTF-8"'), 'gbk');
    const r = await readEcoSpold2Entries([{ name: 'wrong.spold', data: wrong }]);
    assert.deepEqual(ids(r.issues), ['INVALID_ENCODING']);
    assert.equal(r.data.processes.length, 0);
  });

  test('a zip-bomb entry is limited, the rest is read', async () => {
    const zip = new ZipWriter();
    zip.add('datasets/good.spold', good);
    zip.add('datasets/bomb.spold', good.replace('<flowData>', `<flowData>${' '.repeat(4 * 1024 * 1024)}`));
    const path = join(dir, 'bomb.zip');
    await writeFile(path, zip.finish());
    const { data, issues } = await readEcoSpold2(path, {
      limits: { maxRatio: 100, ratioMinBytes: 64 * 1024 },
    });
    assert.deepEqual(
      issues.map((i) => [i.file, i.code]),
      [['datasets/bomb.spold', 'SUSPICIOUS_COMPRESSION_RATIO']],
    );
    assert.equal(data.processes.length, 1);
    await assert.rejects(
      readEcoSpold2(path, { limits: { maxRatio: 100, ratioMinBytes: 64 * 1024 }, strict: true }),
      (e: unknown) => e instanceof FormatError && e.code === 'SUSPICIOUS_COMPRESSION_RATIO',
    );
  });

  test('a truncated zip, an empty file, a missing path and a non-EcoSpold file are one clear FormatError', async () => {
    const zip = new ZipWriter();
    for (let i = 0; i < 5; i++) zip.add(`datasets/${i}.spold`, good.replace('g-good', `g-${i}`));
    const bytes = zip.finish();
    const truncated = join(dir, 'truncated.zip');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const code = (c: string) => (e: unknown) => e instanceof FormatError && e.code === c;
    await assert.rejects(readEcoSpold2(truncated), code('TRUNCATED_ZIP'));
    const empty = join(dir, 'empty.spold');
    await writeFile(empty, '');
    await assert.rejects(readEcoSpold2(empty), code('EMPTY_FILE'));
    await assert.rejects(readEcoSpold2(join(dir, 'missing.zip')), code('NOT_FOUND'));
    const text = join(dir, 'notes.xml');
    await writeFile(text, 'just some text');
    await assert.rejects(readEcoSpold2(text), code('INVALID_XML'));
    const other = join(dir, 'other.xml');
    await writeFile(other, '<project><x/></project>');
    await assert.rejects(readEcoSpold2(other), code('UNKNOWN_FORMAT'));
    const noDatasets = new ZipWriter();
    noDatasets.add('readme.txt', 'hello');
    const noDatasetsPath = join(dir, 'none.zip');
    await writeFile(noDatasetsPath, noDatasets.finish());
    await assert.rejects(readEcoSpold2(noDatasetsPath), code('UNKNOWN_FORMAT'));
    await assert.rejects(readEcoSpold2Entries([]), code('UNKNOWN_FORMAT'));
  });

  test('a folder of datasets reads like the zip', async () => {
    const folder = join(dir, 'folder');
    await mkdir(join(folder, 'datasets'), { recursive: true });
    await writeFile(join(folder, 'datasets', 's.spold'), steel);
    await writeFile(join(folder, 'datasets', 'b.spold'), electricityB);
    const { data, issues } = await readEcoSpold2(folder);
    assert.deepEqual(issues, []);
    assert.equal(data.name, 'folder');
    assert.equal(
      data.processes.find((p) => p.id === 's-steel')?.exchanges[1].defaultProviderId,
      'b-electricity',
    );
  });
});
