import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { Calculator, type Database } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { FormatError } from './errors.js';
import type { ImportIssue } from './import-issue.js';
import { readIlcd, readIlcdEntries } from './read-ilcd.js';
import { ZipWriter } from './zip-writer.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const samples = join(shared, 'data/samples/olca-io/ilcd');

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-ilcd-read-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const code = (c: string) => (e: unknown) => e instanceof FormatError && e.code === c;
const errors = (issues: ImportIssue[]): ImportIssue[] => issues.filter((i) => i.severity === 'error');
const codes = (issues: ImportIssue[]): string[] => issues.map((i) => i.code);

// ---- Hand-made ILCD datasets ----------------------------------------------------------------------------

const NS = (kind: string) =>
  `xmlns="http://lca.jrc.it/ILCD/${kind}" xmlns:common="http://lca.jrc.it/ILCD/Common" version="1.1"`;
const U = {
  mass: '00000000-0000-4000-8000-0000000000a1',
  energy: '00000000-0000-4000-8000-0000000000a2',
  fpMass: '00000000-0000-4000-8000-0000000000b1',
  fpEnergy: '00000000-0000-4000-8000-0000000000b2',
  steel: '00000000-0000-4000-8000-0000000000c1',
  slag: '00000000-0000-4000-8000-0000000000c2',
  electricity: '00000000-0000-4000-8000-0000000000c3',
  co2: '00000000-0000-4000-8000-0000000000c4',
  waste: '00000000-0000-4000-8000-0000000000c5',
  missing: '00000000-0000-4000-8000-0000000000cf',
  steelMill: '00000000-0000-4000-8000-0000000000d1',
  power: '00000000-0000-4000-8000-0000000000d2',
  landfill: '00000000-0000-4000-8000-0000000000d3',
  gwp: '00000000-0000-4000-8000-0000000000e1',
};

function unitGroupXml(uuid: string, name: string, units: [string, number][], ref = 0): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<unitGroupDataSet ${NS('UnitGroup')}>
  <unitGroupInformation>
    <dataSetInformation><common:UUID>${uuid}</common:UUID><common:name xml:lang="en">${name}</common:name></dataSetInformation>
    <quantitativeReference><referenceToReferenceUnit>${ref}</referenceToReferenceUnit></quantitativeReference>
  </unitGroupInformation>
  <units>${units
    .map(([n, f], i) => `<unit dataSetInternalID="${i}"><name>${n}</name><meanValue>${f}</meanValue></unit>`)
    .join('')}</units>
</unitGroupDataSet>`;
}

function flowPropertyXml(uuid: string, name: string, group: string): string {
  return `<flowPropertyDataSet ${NS('FlowProperty')}>
  <flowPropertiesInformation>
    <dataSetInformation><common:UUID>${uuid}</common:UUID><common:name xml:lang="en">${name}</common:name></dataSetInformation>
    <quantitativeReference><referenceToReferenceUnitGroup type="unit group data set" refObjectId="${group}"/></quantitativeReference>
  </flowPropertiesInformation>
</flowPropertyDataSet>`;
}

function flowXml(
  uuid: string,
  name: string,
  type: string,
  o: { property?: string; categories?: string[]; compartments?: string[]; extra?: string } = {},
): string {
  const cls = o.compartments
    ? `<common:elementaryFlowCategorization>${o.compartments
        .map((c, i) => `<common:category level="${i}">${c}</common:category>`)
        .join('')}</common:elementaryFlowCategorization>`
    : o.categories
      ? `<common:classification>${o.categories
          .map((c, i) => `<common:class level="${i}">${c}</common:class>`)
          .join('')}</common:classification>`
      : '';
  return `<flowDataSet ${NS('Flow')}>
  <flowInformation>
    <dataSetInformation>
      <common:UUID>${uuid}</common:UUID>
      <name><baseName xml:lang="en">${name}</baseName></name>
      ${cls ? `<classificationInformation>${cls}</classificationInformation>` : ''}
      ${o.extra ?? ''}
    </dataSetInformation>
    <quantitativeReference><referenceToReferenceFlowProperty>0</referenceToReferenceFlowProperty></quantitativeReference>
  </flowInformation>
  <modellingAndValidation><LCIMethod><typeOfDataSet>${type}</typeOfDataSet></LCIMethod></modellingAndValidation>
  <flowProperties>
    <flowProperty dataSetInternalID="0">
      <referenceToFlowPropertyDataSet type="flow property data set" refObjectId="${o.property ?? U.fpMass}"/>
      <meanValue>1</meanValue>
    </flowProperty>
  </flowProperties>
</flowDataSet>`;
}

interface Ex {
  id: number;
  flow: string;
  dir: 'Input' | 'Output';
  mean: number | string;
  resulting?: number;
  variable?: string;
  allocations?: [number, number | string][];
  extra?: string;
  attrs?: string;
}

function processXml(
  uuid: string,
  name: string,
  exchanges: Ex[],
  o: { ref?: number[]; params?: string; approach?: string; location?: string; type?: string } = {},
): string {
  const ex = exchanges
    .map(
      (e) => `<exchange dataSetInternalID="${e.id}"${e.attrs ?? ''}>
      <referenceToFlowDataSet type="flow data set" refObjectId="${e.flow}"><common:shortDescription xml:lang="en">flow ${e.id}</common:shortDescription></referenceToFlowDataSet>
      <exchangeDirection>${e.dir}</exchangeDirection>
      ${e.variable ? `<referenceToVariable>${e.variable}</referenceToVariable>` : ''}
      <meanAmount>${e.mean}</meanAmount>
      ${e.resulting !== undefined ? `<resultingAmount>${e.resulting}</resultingAmount>` : ''}
      ${e.extra ?? ''}
      ${
        e.allocations
          ? `<allocations>${e.allocations
              .map(([p, f]) => `<allocation internalReferenceToCoProduct="${p}" allocatedFraction="${f}"/>`)
              .join('')}</allocations>`
          : ''
      }
    </exchange>`,
    )
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<processDataSet ${NS('Process')}>
  <processInformation>
    <dataSetInformation>
      <common:UUID>${uuid}</common:UUID>
      <name><baseName xml:lang="en">${name}</baseName><mixAndLocationTypes xml:lang="en">at plant</mixAndLocationTypes></name>
      <classificationInformation><common:classification><common:class level="1">Metals</common:class><common:class level="0">Materials</common:class></common:classification></classificationInformation>
    </dataSetInformation>
    <quantitativeReference type="Reference flow(s)">${(o.ref ?? [1])
      .map((r) => `<referenceToReferenceFlow>${r}</referenceToReferenceFlow>`)
      .join('')}</quantitativeReference>
    ${o.location ? `<geography><locationOfOperationSupplyOrProduction location="${o.location}"/></geography>` : ''}
    ${o.params ? `<mathematicalRelations>${o.params}</mathematicalRelations>` : ''}
  </processInformation>
  <modellingAndValidation><LCIMethodAndAllocation>
    <typeOfDataSet>${o.type ?? 'Unit process, single operation'}</typeOfDataSet>
    ${o.approach ? `<LCIMethodApproaches>${o.approach}</LCIMethodApproaches>` : ''}
  </LCIMethodAndAllocation></modellingAndValidation>
  <exchanges>
    ${ex}
  </exchanges>
</processDataSet>`;
}

/** Unit groups, flow properties and flows every hand-made process below uses. */
function basics(): Record<string, string> {
  return {
    'ILCD/unitgroups/mass.xml': unitGroupXml(U.mass, 'Units of mass', [
      ['kg', 1],
      ['g', 0.001],
    ]),
    'ILCD/unitgroups/energy.xml': unitGroupXml(U.energy, 'Units of energy', [
      ['MJ', 1],
      ['kWh', 3.6],
    ]),
    'ILCD/flowproperties/mass.xml': flowPropertyXml(U.fpMass, 'Mass', U.mass),
    'ILCD/flowproperties/energy.xml': flowPropertyXml(U.fpEnergy, 'Net calorific value', U.energy),
    'ILCD/flows/steel.xml': flowXml(U.steel, 'Steel', 'Product flow', {
      categories: ['Materials', 'Metals'],
    }),
    'ILCD/flows/slag.xml': flowXml(U.slag, 'Slag', 'Product flow'),
    'ILCD/flows/electricity.xml': flowXml(U.electricity, 'Electricity', 'Product flow', {
      property: U.fpEnergy,
    }),
    'ILCD/flows/co2.xml': flowXml(U.co2, 'carbon dioxide', 'Elementary flow', {
      compartments: ['Emissions', 'Emissions to air', 'Emissions to air, unspecified'],
      extra: '<CASNumber>000124-38-9</CASNumber>',
    }),
    'ILCD/flows/waste.xml': flowXml(U.waste, 'Mixed waste', 'Waste flow'),
  };
}

const power = (): string =>
  processXml(
    U.power,
    'Electricity',
    [
      { id: 1, flow: U.electricity, dir: 'Output', mean: 1 },
      { id: 2, flow: U.co2, dir: 'Output', mean: 0.2 },
    ],
    { location: 'DE' },
  );

const entries = (files: Record<string, string | Uint8Array>): ArchiveEntry[] =>
  Object.entries(files).map(([name, data]) => ({ name, data }));

async function writeZip(files: Record<string, string | Uint8Array>): Promise<string> {
  const zip = new ZipWriter();
  for (const [name, data] of Object.entries(files)) zip.add(name, data);
  const path = join(dir, `package${counter++}.zip`);
  await writeFile(path, zip.finish());
  return path;
}

function processOf(db: Database, id: string) {
  const p = db.processes.find((x) => x.id === id);
  assert.ok(p, `process ${id}`);
  return p;
}

// ---- Tests ----------------------------------------------------------------------------------------------

describe('openLCA test samples (shared/data/samples/olca-io/ilcd)', () => {
  const sample = (name: string) => join(samples, name);
  before(() => {
    // Fail, not skip: these are the reference samples for the reader.
    assert.ok(existsSync(samples), `ILCD samples not found at ${samples}. Set OPENCFP_SHARED.`);
  });

  test('all six read together (in a folder layout) without error-level issues', async () => {
    const root = join(dir, 'samples');
    const layout: [string, string][] = [
      ['process.xml', 'ILCD/processes/76d6aaa4-37e2-40b2-994c-03292b600074.xml'],
      ['flow.xml', 'ILCD/flows/0d7a3ad1-6556-11dd-ad8b-0800200c9a66.xml'],
      ['flowproperty.xml', 'ILCD/flowproperties/93a60a56-a3c8-11da-a746-0800200b9a66.xml'],
      ['unit.xml', 'ILCD/unitgroups/93a60a57-a4c8-11da-a746-0800200c9a66.xml'],
      ['source.xml', 'ILCD/sources/2c699413-f88b-4cb5-a56d-98cb4068472f.xml'],
      ['contact.xml', 'ILCD/contacts/177ca340-ffa2-11da-92e3-0800200c9a66.xml'],
    ];
    for (const [from, to] of layout) {
      await mkdir(dirname(join(root, to)), { recursive: true });
      await copyFile(sample(from), join(root, to));
    }
    const { data, issues } = await readIlcd(root);
    assert.deepEqual(errors(issues), []);
    // The sample process was modified for openLCA's tests: its reference flow is an elementary flow.
    assert.deepEqual(codes(issues), ['REFERENCE_NOT_PROVIDED']);

    const [group] = data.unitGroups;
    assert.equal(group.name, 'Units of mass');
    assert.equal(group.units.length, 25);
    assert.equal(group.units.find((u) => u.id === group.referenceUnitId)?.name, 'kg');
    assert.equal(group.units.find((u) => u.name === 'cwt')?.factor, 45.359237);
    // openLCA's unit ids (olca:unitId) are kept.
    assert.equal(group.units.find((u) => u.name === 'g')?.id, 'e1317ffc-7f83-4a85-bc65-4fb229a25cf8');
    assert.deepEqual(data.flowProperties, [
      { id: '93a60a56-a3c8-11da-a746-0800200b9a66', name: 'Mass', unitGroupId: group.id },
    ]);

    const [flow] = data.flows;
    assert.equal(flow.name, 'glycidol');
    assert.equal(flow.type, 'elementary');
    assert.equal(
      flow.category,
      'Emissions/Emissions to air/Emissions to lower stratosphere and upper troposphere',
    );
    assert.equal(flow.cas, '000556-52-5');
    assert.equal(flow.formula, 'C3H6O2');
    assert.equal(flow.nomenclature, 'ilcd-ef');
    assert.deepEqual(flow.synonyms, ['1,2-epoxy-3-Hydroxy Propane']);

    const p = processOf(data, '76d6aaa4-37e2-40b2-994c-03292b600074');
    assert.equal(p.name, 'Acrylonitrile-Butadiene-Styrene granulate (ABS), production mix, at plant');
    assert.equal(p.type, 'system'); // 'Partly terminated system'
    assert.equal(p.category, 'Materials production/Plastics');
    assert.equal(p.version, '02.01.000');
    assert.equal(data.locations.find((l) => l.id === p.locationId)?.code, 'RER');
    assert.deepEqual(
      p.exchanges.map((e) => [e.internalId, e.flowId, e.amount, e.isInput, e.isReference, e.unitId]),
      [[0, flow.id, 1, false, true, group.referenceUnitId]],
    );
    assert.deepEqual(data.sources, [
      {
        id: '2c699413-f88b-4cb5-a56d-98cb4068472f',
        name: 'IMA-Europe_Plastic_Clay_diagramme_2c699413-f88b-4cb5-a56d-98cb4068472f.jpg',
        citation: 'GaBi database',
      },
    ]);
    assert.deepEqual(data.actors, [
      { id: '177ca340-ffa2-11da-92e3-0800200c9a66', name: 'B. P. Weidema, A. Inaba, G. A. Keoleian' },
    ]);
  });

  test('each reads on its own as a single data set file; missing references are named', async () => {
    for (const name of ['unit.xml', 'source.xml', 'contact.xml']) {
      const { issues } = await readIlcd(sample(name));
      assert.deepEqual(issues, [], name);
    }
    const flow = await readIlcd(sample('flow.xml'));
    assert.deepEqual(codes(flow.issues), ['MISSING_FLOW_PROPERTY']);
    assert.equal(flow.data.flows.length, 0);
    const fp = await readIlcd(sample('flowproperty.xml'));
    assert.deepEqual(codes(fp.issues), ['MISSING_UNIT_GROUP']);
    const p = await readIlcd(sample('process.xml'));
    assert.deepEqual(codes(p.issues), ['MISSING_FLOW', 'NO_QUANTITATIVE_REFERENCE']);
    assert.equal(
      p.issues[0].path,
      '/processDataSet/exchanges/exchange[1]/referenceToFlowDataSet/@refObjectId',
    );
    assert.match(p.issues[0].message, /0d7a3ad1-6556-11dd-ad8b-0800200c9a66 \('carcass meal'\)/);
  });

  test('a zip with the samples under ILCD/ reads like the folder', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const [name, folder] of [
      ['process.xml', 'processes'],
      ['flow.xml', 'flows'],
      ['flowproperty.xml', 'flowproperties'],
      ['unit.xml', 'unitgroups'],
    ])
      files[`ILCD/${folder}/${name}`] = await readFile(sample(name));
    const { data, issues } = await readIlcd(await writeZip(files));
    assert.deepEqual(errors(issues), []);
    assert.equal(data.processes[0].exchanges.length, 1);
  });
});

describe('hand-made ILCD packages', () => {
  test('reads units, flows and a process; resultingAmount wins over meanAmount; results calculate', async () => {
    const files = {
      ...basics(),
      'ILCD/processes/steel.xml': processXml(
        U.steelMill,
        'Steel',
        [
          { id: 1, flow: U.steel, dir: 'Output', mean: 1 },
          // meanAmount 99 is a stale value: resultingAmount is the final amount.
          { id: 2, flow: U.electricity, dir: 'Input', mean: 99, resulting: 7.2 },
          { id: 3, flow: U.co2, dir: 'Output', mean: '1.5E0' },
        ],
        { location: 'DE' },
      ),
      'ILCD/processes/power.xml': power(),
      'ILCD/ILCDLocations.xml':
        '<ILCDLocations xmlns="http://lca.jrc.it/ILCD/Locations"><location value="DE">Germany</location></ILCDLocations>',
    };
    const { data, issues } = await readIlcdEntries(entries(files), { name: 'hand-made' });
    assert.deepEqual(issues, []);
    assert.equal(data.name, 'hand-made');
    const steel = processOf(data, U.steelMill);
    assert.equal(steel.name, 'Steel, at plant');
    assert.equal(steel.category, 'Materials/Metals');
    assert.deepEqual(data.locations, [{ id: steel.locationId, name: 'Germany', code: 'DE' }]);
    assert.deepEqual(
      steel.exchanges.map((e) => [e.internalId, e.amount, e.isInput, e.isReference]),
      [
        [1, 1, false, true],
        [2, 7.2, true, false],
        [3, 1.5, false, false],
      ],
    );
    const mj = data.unitGroups.find((g) => g.id === U.energy)?.referenceUnitId;
    assert.equal(steel.exchanges[1].unitId, mj);
    assert.equal(steel.exchanges[1].flowPropertyId, U.fpEnergy);
    assert.equal(data.flows.find((f) => f.id === U.co2)?.nomenclature, 'ilcd-ef');
    assert.equal(data.flows.find((f) => f.id === U.steel)?.category, 'Materials/Metals');
    const r = new Calculator(data).calculate({ processId: U.steelMill });
    // 1.5 kg directly + 7.2 MJ × 0.2 kg/MJ from power.
    assert.ok(
      Math.abs((r.inventory.find((e) => e.flowId === U.co2)?.amount ?? 0) - (1.5 + 7.2 * 0.2)) < 1e-12,
    );
  });

  test('parameters, formulas (referenceToVariable) and uncertainty distributions', async () => {
    const params = `
      <variableParameter name="eff"><meanValue>0.8</meanValue><uncertaintyDistributionType>uniform</uncertaintyDistributionType><minimumValue>0.7</minimumValue><maximumValue>0.9</maximumValue></variableParameter>
      <variableParameter name="need"><formula>6 / eff</formula><meanValue>7.5</meanValue><comment xml:lang="en">MJ per kg</comment></variableParameter>
      <variableParameter name="plain"><formula>2.5</formula></variableParameter>`;
    const files = {
      ...basics(),
      'ILCD/processes/steel.xml': processXml(
        U.steelMill,
        'Steel',
        [
          { id: 1, flow: U.steel, dir: 'Output', mean: 1 },
          { id: 2, flow: U.electricity, dir: 'Input', mean: 1, resulting: 7.5, variable: 'need' },
          {
            id: 3,
            flow: U.co2,
            dir: 'Output',
            mean: 2,
            resulting: 5,
            variable: 'plain',
            extra:
              '<uncertaintyDistributionType>log-normal</uncertaintyDistributionType><relativeStandardDeviation95In>1.5</relativeStandardDeviation95In>',
          },
          {
            id: 4,
            flow: U.co2,
            dir: 'Output',
            mean: 0.1,
            extra:
              '<minimumAmount>0.05</minimumAmount><maximumAmount>0.2</maximumAmount><uncertaintyDistributionType>triangular</uncertaintyDistributionType>',
          },
          {
            id: 5,
            flow: U.co2,
            dir: 'Output',
            mean: 0.3,
            extra:
              '<uncertaintyDistributionType>normal</uncertaintyDistributionType><relativeStandardDeviation95In>0.05</relativeStandardDeviation95In>',
          },
          { id: 6, flow: U.co2, dir: 'Output', mean: 1, variable: 'nope' },
        ],
        { params },
      ),
      'ILCD/processes/power.xml': power(),
    };
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [['UNKNOWN_VARIABLE', '/processDataSet/exchanges/exchange[6]/referenceToVariable']],
    );
    const p = processOf(data, U.steelMill);
    assert.deepEqual(p.parameters, [
      {
        name: 'eff',
        value: 0.8,
        isInput: true,
        scope: 'process',
        uncertainty: { type: 'uniform', min: 0.7, max: 0.9 },
      },
      {
        name: 'need',
        value: 7.5,
        isInput: false,
        scope: 'process',
        formula: '6 / eff',
        description: 'MJ per kg',
      },
      // A "formula" that is a number is a value, as in openLCA.
      { name: 'plain', value: 2.5, isInput: true, scope: 'process' },
    ]);
    const [, electricity, co2, tri, normal] = p.exchanges;
    // resultingAmount = meanAmount × variable: the formula keeps that relation.
    assert.equal(electricity.formula, 'need');
    assert.equal(electricity.amount, 7.5);
    assert.equal(co2.formula, 'plain * 2');
    assert.equal(co2.amount, 5);
    // openLCA's convention: relativeStandardDeviation95In is the geometric SD of a log-normal distribution.
    assert.deepEqual(co2.uncertainty, { type: 'lognormal', geometricMean: 5, geometricSd: 1.5 });
    assert.deepEqual(tri.uncertainty, { type: 'triangular', min: 0.05, mode: 0.1, max: 0.2 });
    assert.deepEqual(normal.uncertainty, { type: 'normal', mean: 0.3, sd: 0.05 });
    const r = new Calculator(data).calculate({ processId: U.steelMill });
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  test('openLCA extensions: exchange unit and formula, default provider, avoided product', async () => {
    const olca = 'xmlns:olca="http://openlca.org/ilcd-extensions"';
    const files: Record<string, string> = {
      ...basics(),
      'ILCD/processes/steel.xml': processXml(U.steelMill, 'Steel', [
        { id: 1, flow: U.steel, dir: 'Output', mean: 1 },
        {
          id: 2,
          flow: U.electricity,
          dir: 'Input',
          mean: 7.2,
          resulting: 7.2,
          attrs: ` ${olca} olca:amount="2" olca:unitId="kwh-id" olca:propertyId="${U.fpEnergy}" olca:formula="1 + 1" olca:defaultProvider="${U.power}"`,
        },
        // An avoided output, written by openLCA as an input.
        { id: 3, flow: U.slag, dir: 'Input', mean: 0.1, attrs: ` ${olca} olca:avoidedProduct="true"` },
        // An extension naming a unit the flow does not have: the ILCD amount is used.
        {
          id: 4,
          flow: U.co2,
          dir: 'Output',
          mean: 0.5,
          attrs: ` ${olca} olca:amount="500" olca:unitId="nope" olca:propertyId="${U.fpMass}"`,
        },
      ]),
      'ILCD/processes/power.xml': power(),
    };
    files['ILCD/unitgroups/energy.xml'] = files['ILCD/unitgroups/energy.xml'].replace(
      '<unit dataSetInternalID="1">',
      `<unit dataSetInternalID="1" ${olca} olca:unitId="kwh-id">`,
    );
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [['INVALID_EXCHANGE_EXTENSION', '/processDataSet/exchanges/exchange[4]']],
    );
    const [, electricity, slag, co2] = processOf(data, U.steelMill).exchanges;
    assert.deepEqual(
      [electricity.amount, electricity.unitId, electricity.formula, electricity.defaultProviderId],
      [2, 'kwh-id', '1 + 1', U.power],
    );
    assert.deepEqual([slag.isInput, slag.isAvoided], [false, true]);
    assert.equal(co2.amount, 0.5);
  });

  test('allocation: same fractions everywhere are physical shares, differing ones causal factors', async () => {
    const ex = (allocs: [number, number][][]): Ex[] => [
      { id: 1, flow: U.steel, dir: 'Output', mean: 1, allocations: allocs[0] },
      { id: 2, flow: U.slag, dir: 'Output', mean: 0.5, allocations: allocs[1] },
      { id: 3, flow: U.electricity, dir: 'Input', mean: 2, allocations: allocs[2] },
      { id: 4, flow: U.co2, dir: 'Output', mean: 1, allocations: allocs[3] },
    ];
    const read = async (exchanges: Ex[], approach?: string) => {
      const files = {
        ...basics(),
        'ILCD/processes/steel.xml': processXml(U.steelMill, 'Steel', exchanges, { approach }),
      };
      const { data, issues } = await readIlcdEntries(entries(files));
      return { p: processOf(data, U.steelMill), issues };
    };
    // Shares on the co-products themselves (as openLCA writes physical factors).
    const first = await read(ex([[[1, 80]], [[2, 20]], [], []]));
    let p = first.p;
    assert.deepEqual(first.issues, []);
    assert.equal(p.defaultAllocation, 'physical');
    assert.deepEqual(p.allocationFactors, [
      { method: 'physical', productId: U.steel, value: 0.8 },
      { method: 'physical', productId: U.slag, value: 0.2 },
    ]);
    // The same fractions on every exchange, with the market-value approach: economic shares.
    const same: [number, number][] = [
      [1, 90],
      [2, 10],
    ];
    ({ p } = await read(ex([[], [], same, same]), 'Allocation - market value'));
    assert.equal(p.defaultAllocation, 'economic');
    assert.deepEqual(p.allocationFactors, [
      { method: 'economic', productId: U.steel, value: 0.9 },
      { method: 'economic', productId: U.slag, value: 0.1 },
    ]);
    // Fractions that differ per exchange: causal factors, and causal is the default.
    ({ p } = await read(
      ex([
        [[1, 80]],
        [[2, 20]],
        same,
        [
          [1, 50],
          [2, 50],
        ],
      ]),
    ));
    assert.equal(p.defaultAllocation, 'causal');
    assert.deepEqual(
      p.allocationFactors.map((f) => [f.method, f.productId, f.value, f.exchangeInternalId]),
      [
        ['physical', U.steel, 0.8, undefined],
        ['physical', U.slag, 0.2, undefined],
        ['causal', U.steel, 0.9, 3],
        ['causal', U.slag, 0.1, 3],
        ['causal', U.steel, 0.5, 4],
        ['causal', U.slag, 0.5, 4],
      ],
    );
    // Fractions on only some exchanges are causal factors for those.
    ({ p } = await read(ex([[], [], same, []])));
    assert.equal(p.defaultAllocation, 'causal');
    assert.equal(p.allocationFactors.filter((f) => f.method === 'causal').length, 2);
  });

  test('a waste treatment (reference: a waste input) provides treatment; Other flows are products', async () => {
    const files = {
      ...basics(),
      'ILCD/flows/other.xml': flowXml('00000000-0000-4000-8000-0000000000c9', 'Land use thing', 'Other flow'),
      'ILCD/processes/landfill.xml': processXml(
        U.landfill,
        'Landfill',
        [
          { id: 7, flow: U.waste, dir: 'Input', mean: 1 },
          { id: 8, flow: U.co2, dir: 'Output', mean: 0.05 },
        ],
        { ref: [7], type: 'LCI result' },
      ),
      'ILCD/processes/steel.xml': processXml(U.steelMill, 'Steel', [
        { id: 1, flow: U.steel, dir: 'Output', mean: 1 },
        { id: 2, flow: U.waste, dir: 'Output', mean: 0.3 },
      ]),
    };
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(codes(issues), ['OTHER_FLOWS_AS_PRODUCTS']);
    assert.equal(data.flows.find((f) => f.name === 'Land use thing')?.type, 'product');
    const landfill = processOf(data, U.landfill);
    assert.equal(landfill.type, 'system');
    assert.equal(landfill.exchanges.find((e) => e.isReference)?.flowId, U.waste);
    const r = new Calculator(data).calculate({ processId: U.steelMill });
    assert.ok(Math.abs((r.inventory.find((e) => e.flowId === U.co2)?.amount ?? 0) - 0.3 * 0.05) < 1e-15);
  });

  test('LCIA methods: indicators grouped by methodology; direction is not a sign', async () => {
    const lcia = `<LCIAMethodDataSet xmlns="http://lca.jrc.it/ILCD/LCIAMethod" xmlns:common="http://lca.jrc.it/ILCD/Common" version="1.1">
      <LCIAMethodInformation>
        <dataSetInformation>
          <common:UUID>${U.gwp}</common:UUID>
          <common:name xml:lang="en">Climate change</common:name>
          <methodology>EF 3.1</methodology>
        </dataSetInformation>
        <quantitativeReference><referenceQuantity type="flow property data set"><common:shortDescription xml:lang="en">kg CO2 eq</common:shortDescription></referenceQuantity></quantitativeReference>
        <geography/>
      </LCIAMethodInformation>
      <modellingAndValidation/>
      <characterisationFactors>
        <factor><referenceToFlowDataSet type="flow data set" refObjectId="${U.co2}"/><exchangeDirection>Output</exchangeDirection><meanValue>1</meanValue></factor>
        <factor><referenceToFlowDataSet type="flow data set" refObjectId="${U.missing}"/><exchangeDirection>Input</exchangeDirection><meanValue>-1</meanValue></factor>
        <factor><referenceToFlowDataSet type="flow data set" refObjectId="${U.co2}"/><location>DE</location><exchangeDirection>Output</exchangeDirection><meanValue>2</meanValue></factor>
      </characterisationFactors>
    </LCIAMethodDataSet>`;
    const files = { ...basics(), 'ILCD/lciamethods/gwp.xml': lcia, 'ILCD/processes/power.xml': power() };
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(codes(issues), ['REGIONAL_FACTORS_IGNORED', 'FACTOR_FLOW_NOT_IN_EXPORT']);
    assert.equal(data.impactMethods.length, 1);
    const [method] = data.impactMethods;
    assert.equal(method.name, 'EF 3.1');
    assert.deepEqual(method.categories, [
      {
        id: U.gwp,
        name: 'Climate change',
        unit: 'kg CO2 eq',
        factors: [
          { flowId: U.co2, value: 1 },
          { flowId: U.missing, value: -1 },
        ],
      },
    ]);
    const r = new Calculator(data, { impactMethod: method.id }).calculate({ processId: U.power });
    assert.ok(Math.abs((r.impacts?.[0].amount ?? 0) - 0.2) < 1e-15);
  });

  test('GBK and UTF-16 encoded data sets are decoded', async () => {
    const files: Record<string, string | Uint8Array> = basics();
    files['ILCD/flows/steel.xml'] = iconv.encode(
      flowXml(U.steel, '钢材', 'Product flow').replace(
        '<flowDataSet',
        '<?xml version="1.0" encoding="GBK"?><flowDataSet',
      ),
      'gbk',
    );
    files['ILCD/flows/slag.xml'] = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(flowXml(U.slag, 'Schlacke ä', 'Product flow'), 'utf16le'),
    ]);
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(issues, []);
    assert.equal(data.flows.find((f) => f.id === U.steel)?.name, '钢材');
    assert.equal(data.flows.find((f) => f.id === U.slag)?.name, 'Schlacke ä');
  });
});

describe('broken input', () => {
  test('a missing flow file: MISSING_FLOW on the exchange, the exchange is dropped, the rest is read', async () => {
    const files = {
      ...basics(),
      'ILCD/processes/steel.xml': processXml(U.steelMill, 'Steel', [
        { id: 1, flow: U.steel, dir: 'Output', mean: 1 },
        { id: 2, flow: U.co2, dir: 'Output', mean: 1 },
        { id: 3, flow: U.missing, dir: 'Input', mean: 2 },
      ]),
    };
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(
      issues.map((i) => [i.file, i.path, i.code, i.severity]),
      [
        [
          'ILCD/processes/steel.xml',
          '/processDataSet/exchanges/exchange[3]/referenceToFlowDataSet/@refObjectId',
          'MISSING_FLOW',
          'error',
        ],
      ],
    );
    assert.match(issues[0].message, /00000000-0000-4000-8000-0000000000cf \('flow 3'\)/);
    assert.deepEqual(
      processOf(data, U.steelMill).exchanges.map((e) => e.internalId),
      [1, 2],
    );
    await assert.rejects(readIlcdEntries(entries(files), { strict: true }), code('MISSING_FLOW'));
  });

  test('invalid XML: the data set is skipped with INVALID_XML, the rest is read', async () => {
    const files = { ...basics(), 'ILCD/flows/slag.xml': '<flowDataSet><flowInformation></flowDataSet>' };
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(
      issues.map((i) => [i.file, i.code, i.severity]),
      [['ILCD/flows/slag.xml', 'INVALID_XML', 'error']],
    );
    assert.match(issues[0].message, /line 1/);
    assert.equal(data.flows.length, 4);
    await assert.rejects(readIlcdEntries(entries(files), { strict: true }), code('INVALID_XML'));
  });

  test('allocation fractions above 100 % are rejected, the rest of the process is read', async () => {
    const files = {
      ...basics(),
      'ILCD/processes/steel.xml': processXml(U.steelMill, 'Steel', [
        { id: 1, flow: U.steel, dir: 'Output', mean: 1, allocations: [[1, 150]] },
        { id: 2, flow: U.slag, dir: 'Output', mean: 1, allocations: [[2, 30]] },
        {
          id: 3,
          flow: U.co2,
          dir: 'Output',
          mean: 1,
          allocations: [
            [9, 50],
            [1, 'x'],
          ],
        },
      ]),
    };
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [
        [
          'ALLOCATION_FRACTION_OUT_OF_RANGE',
          '/processDataSet/exchanges/exchange[1]/allocations/allocation[1]/@allocatedFraction',
        ],
        ['INVALID_ALLOCATION_FACTOR', '/processDataSet/exchanges/exchange[3]/allocations/allocation[2]'],
        ['ALLOCATION_PRODUCT_NOT_IN_PROCESS', '/processDataSet/exchanges'],
      ],
    );
    assert.deepEqual(processOf(data, U.steelMill).allocationFactors, [
      { method: 'physical', productId: U.slag, value: 0.3 },
    ]);
  });

  test('unknown unit references: a unit group without its reference unit, a flow property without its group', async () => {
    const files = {
      ...basics(),
      'ILCD/unitgroups/mass.xml': unitGroupXml(
        U.mass,
        'Units of mass',
        [
          ['kg', 1],
          ['g', 0.001],
        ],
        7,
      ),
      'ILCD/unitgroups/energy.xml': unitGroupXml(
        U.energy,
        'Units of energy',
        [
          ['MJ', 2],
          ['kWh', 3.6],
        ],
        7,
      ),
    };
    const { data, issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(
      issues.map((i) => [i.file, i.code, i.severity]),
      [
        // The only unit with meanValue 1 is taken as reference.
        ['ILCD/unitgroups/mass.xml', 'NO_REFERENCE_UNIT', 'warning'],
        ['ILCD/unitgroups/energy.xml', 'NO_REFERENCE_UNIT', 'error'],
        ['ILCD/flowproperties/energy.xml', 'MISSING_UNIT_GROUP', 'error'],
        ['ILCD/flows/electricity.xml', 'MISSING_FLOW_PROPERTY', 'error'],
      ],
    );
    assert.equal(
      issues[3].path,
      '/flowDataSet/flowProperties/flowProperty[1]/referenceToFlowPropertyDataSet/@refObjectId',
    );
    assert.equal(data.unitGroups.length, 1);
    assert.equal(data.flows.length, 4);
  });

  test('a data set without UUID and one of an unknown kind', async () => {
    const files = {
      ...basics(),
      'ILCD/flows/slag.xml': flowXml('', 'Slag', 'Product flow'),
      'ILCD/lifecyclemodels/m.xml': '<lifeCycleModelDataSet xmlns="http://lca.jrc.it/ILCD/LifeCycleModel"/>',
      'ILCD/processes/x.xml': '<foo xmlns="urn:other"/>',
      'META-INF/other.xml': '<bar/>',
    };
    const { issues } = await readIlcdEntries(entries(files));
    assert.deepEqual(
      issues.map((i) => [i.file, i.code, i.path]),
      [
        [
          'ILCD/flows/slag.xml',
          'MISSING_UUID',
          '/flowDataSet/flowInformation/dataSetInformation/common:UUID',
        ],
        ['ILCD/processes/x.xml', 'UNKNOWN_DATASET', ''],
        ['ILCD/lifecyclemodels/m.xml', 'UNSUPPORTED_DATASETS', ''],
      ],
    );
  });

  test('not a zip, empty, missing, or no ILCD inside: one clear FormatError', async () => {
    const notZip = join(dir, 'not-a-zip.zip');
    await writeFile(notZip, 'this is not a zip');
    await assert.rejects(readIlcd(notZip), code('NOT_A_ZIP'));
    const empty = join(dir, 'empty.zip');
    await writeFile(empty, '');
    await assert.rejects(readIlcd(empty), code('EMPTY_FILE'));
    const emptyXml = join(dir, 'empty.xml');
    await writeFile(emptyXml, '');
    await assert.rejects(readIlcd(emptyXml), code('EMPTY_FILE'));
    await assert.rejects(readIlcd(join(dir, 'nope.zip')), code('NOT_FOUND'));
    await assert.rejects(
      readIlcd(await writeZip({ 'readme.txt': 'hello', 'x.xml': '<a/>' })),
      code('UNKNOWN_FORMAT'),
    );
    await assert.rejects(readIlcdEntries([]), code('UNKNOWN_FORMAT'));
    const truncated = join(dir, 'truncated.zip');
    const whole = await readFile(await writeZip(basics()));
    await writeFile(truncated, whole.subarray(0, whole.length - 30));
    await assert.rejects(readIlcd(truncated), code('TRUNCATED_ZIP'));
  });
});
