import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Calculator, DatabaseBuilder, type Database, type Process } from '@opencfp/core';
import { FormatError } from './errors.js';
import { IssueLog } from './issue-log.js';
import { readEcoSpold2, readEcoSpold2Entries } from './read-eco-spold2.js';
import { writeEcoSpold2, writeEcoSpold2Entries } from './write-eco-spold2.js';
import { parseXml } from './xml/parse-xml.js';
import { attr, children } from './xml/xml-element.js';

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-write-es2-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
const tempPath = (suffix: string): string => join(dir, `out${counter++}${suffix}`);

/**
 * A steel mill with a co-product (slag, allocated economically by default and physically), electricity in kWh
 * from a power plant that uses a process parameter and a global one in formulas, an avoided product (heat), a
 * waste output (scrap) treated by a waste treatment, water taken in litres of a flow measured in kg, and
 * distributions of every kind.
 */
function sampleDatabase(): Database {
  const db = new DatabaseBuilder('sample')
    .product('steel', {
      name: 'steel, low-alloyed & "hot rolled" <coil>',
      category: '2410:Manufacture of basic iron and steel',
    })
    .product('slag')
    .product('electricity', { property: 'energy' })
    .product('coal')
    .product('heat', { property: 'energy' })
    .waste('scrap')
    .elementary('co2', {
      name: 'Carbon dioxide, fossil',
      category: 'Elementary flows/air/urban air close to ground',
    })
    .elementary('water', {
      name: 'Water, river',
      category: 'Elementary flows/natural resource/in water',
      factors: [{ property: 'volume', factor: 0.001 }],
    })
    .location('DE', 'Germany')
    .global('ef', 1.5)
    .process('p-power', { name: 'electricity production, hard coal', location: 'DE' })
    .output('electricity', 10)
    .input('coal', 2, { formula: 'coal_per_mj * 10' })
    .output('co2', 3, { formula: 'ef * 2' })
    .param('coal_per_mj', 0.2)
    .param('double_cpm', 0.4, 'coal_per_mj * 2')
    .end()
    .process('p-coal', { name: 'hard coal mine operation' })
    .output('coal', 1)
    .output('co2', 0.1)
    .end()
    .process('p-heat', { name: 'heat production, natural gas' })
    .output('heat', 1)
    .output('co2', 0.07)
    .end()
    .process('p-steel', { name: 'steel production', defaultAllocation: 'economic', location: 'DE' })
    .output('steel', 1, { reference: true })
    .output('slag', 0.25)
    .input('electricity', 2, { unit: 'kWh', provider: 'p-power' })
    .output('scrap', 0.1, { provider: 'p-treat' })
    .input('heat', 0.3, { avoided: true })
    .output('co2', 0.3)
    .input('water', 40, { unit: 'l', property: 'volume' })
    .allocation('economic', 'steel', 0.9)
    .allocation('economic', 'slag', 0.1)
    .allocation('physical', 'steel', 0.8)
    .allocation('physical', 'slag', 0.2)
    .end()
    .process('p-treat', { name: 'treatment of scrap steel, inert material landfill' })
    .input('scrap', 1)
    .output('co2', 0.02)
    .end()
    .build();
  const steel = db.processes.find((p) => p.id === 'p-steel') as Process;
  steel.description = 'Steel from the blast furnace.\n\nSlag is sold to cement plants.';
  steel.category = '2410:Manufacture of basic iron and steel';
  const [, , electricity, scrap, , co2, water] = steel.exchanges;
  electricity.uncertainty = { type: 'lognormal', geometricMean: 2, geometricSd: 1.2 };
  electricity.dqEntry = '(2;3;1;1;4)';
  scrap.uncertainty = { type: 'triangular', min: 0.08, mode: 0.1, max: 0.15 };
  co2.uncertainty = { type: 'normal', mean: 0.3, sd: 0.03 };
  water.uncertainty = { type: 'uniform', min: 30, max: 50 };
  electricity.description = 'metered';
  const co2Flow = db.flows.find((f) => f.id === 'co2');
  if (co2Flow) {
    co2Flow.cas = '124-38-9';
    co2Flow.formula = 'CO2';
  }
  return db;
}

function inventories(d: Database, reference: Database): Map<string, number>[] {
  const products = new Calculator(reference).matrices.products;
  return new Calculator(d)
    .calculateAll(products.map((p) => ({ processId: p.processId, productId: p.flowId })))
    .map((r) => new Map(r.inventory.map((x) => [x.flowId, x.amount])));
}

function assertSameResults(actual: Database, expected: Database): void {
  const a = inventories(actual, expected);
  const e = inventories(expected, expected);
  for (let k = 0; k < e.length; k++) {
    assert.equal(a[k].size, e[k].size);
    for (const [flowId, want] of e[k]) {
      const got = a[k].get(flowId) ?? NaN;
      assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `demand ${k}, ${flowId}: ${got} ≠ ${want}`);
    }
  }
}

describe('writeEcoSpold2', () => {
  test('round-trips through readEcoSpold2 with the same results', async () => {
    const db = sampleDatabase();
    const path = tempPath('.zip');
    const { datasets, issues } = await writeEcoSpold2(db, path);
    assert.equal(datasets, 5);
    assert.deepEqual(issues, []);
    const back = await readEcoSpold2(path);
    assert.deepEqual(
      back.issues.filter((i) => i.severity !== 'info'),
      [],
    );
    const { data } = back;
    assert.deepEqual(data.processes.map((p) => p.id).sort(), db.processes.map((p) => p.id).sort());
    assertSameResults(data, db);

    const steel = data.processes.find((p) => p.id === 'p-steel') as Process;
    assert.equal(steel.category, '2410:Manufacture of basic iron and steel');
    assert.ok(
      steel.description?.startsWith('Steel from the blast furnace.\n\nSlag is sold to cement plants.'),
    );
    assert.equal(steel.defaultAllocation, 'economic');
    const factors = Object.fromEntries(
      steel.allocationFactors.map((f) => [`${f.method}:${f.productId}`, f.value]),
    );
    assert.ok(Math.abs(factors['economic:steel'] - 0.9) < 1e-12);
    assert.ok(Math.abs(factors['physical:slag'] - 0.2) < 1e-12);
    const flows = new Map(data.flows.map((f) => [f.id, f]));
    assert.equal(flows.get('steel')?.name, 'steel, low-alloyed & "hot rolled" <coil>');
    assert.equal(flows.get('scrap')?.type, 'waste');
    assert.equal(flows.get('co2')?.cas, '124-38-9');
    assert.equal(flows.get('co2')?.category, 'air/urban air close to ground');
    const electricity = steel.exchanges.find((e) => e.flowId === 'electricity');
    assert.equal(electricity?.defaultProviderId, 'p-power');
    assert.equal(electricity?.description, 'metered');
    assert.equal(electricity?.dqEntry, '(2;3;1;1;4)');
    assert.equal(electricity?.uncertainty?.type, 'lognormal');
    if (electricity?.uncertainty?.type === 'lognormal')
      assert.ok(Math.abs(electricity.uncertainty.geometricSd - 1.2) < 1e-12);
    const scrap = steel.exchanges.find((e) => e.flowId === 'scrap');
    assert.deepEqual(
      [scrap?.isInput, scrap?.amount, scrap?.defaultProviderId, scrap?.uncertainty],
      [false, 0.1, 'p-treat', { type: 'triangular', min: 0.08, mode: 0.1, max: 0.15 }],
    );
    // Water was taken in litres of volume; EcoSpold 2 knows one unit per flow, so it is written in kg.
    const water = steel.exchanges.find((e) => e.flowId === 'water');
    assert.ok(Math.abs((water?.amount ?? 0) - 40) < 1e-9);
    assert.deepEqual(water?.uncertainty, { type: 'uniform', min: 30, max: 50 });
    const power = data.processes.find((p) => p.id === 'p-power') as Process;
    assert.deepEqual(
      power.exchanges.map((e) => e.formula).filter((f) => f !== undefined),
      ['coal_per_mj * 10', 'ef * 2'],
    );
    assert.deepEqual(
      power.parameters.map((p) => [p.name, p.value, p.formula]),
      [
        ['coal_per_mj', 0.2, undefined],
        ['double_cpm', 0.4, 'coal_per_mj * 2'],
      ],
    );
    assert.deepEqual(
      data.parameters.map((p) => [p.name, p.value]),
      [['ef', 1.5]],
    );
    assert.equal(data.locations.find((l) => l.id === 'DE')?.name, 'Germany');
  });

  test('writes ecoinvent sign conventions for wastes and avoided products', () => {
    const db = sampleDatabase();
    const entries = [...writeEcoSpold2Entries(db, new IssueLog(), { masterData: false })];
    assert.deepEqual(
      entries.map((e) => e.name),
      ['p-power_electricity', 'p-coal_coal', 'p-heat_heat', 'p-steel_steel', 'p-treat_scrap'].map(
        (n) => `datasets/${n}.spold`,
      ),
    );
    const exchanges = (name: string) => {
      const entry = entries.find((e) => e.name === `datasets/${name}.spold`);
      const root = parseXml(String(entry?.data), name);
      const flowData = children(children(root, 'activityDataset')[0], 'flowData')[0];
      return children(flowData, 'intermediateExchange').map((e) => {
        const group = children(e, 'inputGroup')[0] ?? children(e, 'outputGroup')[0];
        return `${attr(e, 'intermediateExchangeId')} ${group.name}=${group.text} ${attr(e, 'amount')}`;
      });
    };
    // The treatment's reference is a negative output; the scrap output of the mill a negative input.
    assert.deepEqual(exchanges('p-treat_scrap'), ['scrap outputGroup=0 -1']);
    assert.deepEqual(exchanges('p-steel_steel'), [
      'steel outputGroup=0 1',
      'slag outputGroup=2 0.25',
      'electricity inputGroup=5 2',
      'scrap inputGroup=5 -0.1',
      'heat inputGroup=5 -0.3',
    ]);
  });

  test('reports what EcoSpold 2 cannot hold', async () => {
    const db = sampleDatabase();
    const steel = db.processes.find((p) => p.id === 'p-steel') as Process;
    steel.allocationFactors.push({ method: 'causal', productId: 'steel', value: 0.7, exchangeInternalId: 6 });
    steel.defaultAllocation = 'physical';
    db.processes.push({
      id: 'p-empty',
      name: 'nothing made',
      type: 'unit',
      exchanges: [],
      parameters: [],
      allocationFactors: [],
    });
    db.impactMethods.push({ id: 'm', name: 'GWP', categories: [] });
    const { datasets, issues } = await writeEcoSpold2(db, tempPath('.zip'));
    assert.equal(datasets, 5);
    assert.deepEqual(issues.map((i) => `${i.severity}:${i.code}`).sort(), [
      'error:NO_REFERENCE_PRODUCT',
      'info:IMPACT_METHODS_NOT_WRITTEN',
      'warning:CAUSAL_ALLOCATION_NOT_WRITTEN',
      'warning:DEFAULT_ALLOCATION_NOT_WRITTEN',
    ]);
    assert.match(issues.find((i) => i.code === 'NO_REFERENCE_PRODUCT')?.message ?? '', /nothing made/);
  });

  test('keeps prices that already give the allocation factors', async () => {
    const db = sampleDatabase();
    const steel = db.processes.find((p) => p.id === 'p-steel') as Process;
    steel.exchanges[0].properties = [{ name: 'price', amount: 18, unit: 'EUR2005' }];
    steel.exchanges[1].properties = [{ name: 'price', amount: 8, unit: 'EUR2005' }];
    const entries = [...writeEcoSpold2Entries(db, new IssueLog(), { masterData: false })];
    const text = String(entries.find((e) => e.name === 'datasets/p-steel_steel.spold')?.data);
    assert.match(text, /<property propertyId="38f94dd1-d5aa-41b8-b182-c0c42985d9dc" amount="18"/);
    const { data } = await readEcoSpold2Entries(entries);
    const factors = (data.processes.find((p) => p.id === 'p-steel') as Process).allocationFactors;
    assert.ok(
      Math.abs((factors.find((f) => f.method === 'economic' && f.productId === 'slag')?.value ?? 0) - 0.1) <
        1e-12,
    );
  });

  test('writes a folder, which must be new or empty', async () => {
    const db = sampleDatabase();
    const folder = tempPath('');
    await writeEcoSpold2(db, folder);
    assert.deepEqual((await readdir(folder)).sort(), ['MasterData', 'datasets']);
    assert.equal((await readdir(join(folder, 'datasets'))).length, 5);
    assertSameResults((await readEcoSpold2(folder)).data, db);
    const full = tempPath('');
    await mkdir(full);
    await writeFile(join(full, 'old.spold'), 'x');
    await assert.rejects(
      writeEcoSpold2(db, full),
      (e: unknown) => e instanceof FormatError && e.code === 'TARGET_NOT_EMPTY',
    );
  });

  test('refuses numbers that are not finite', async () => {
    const db = sampleDatabase();
    db.processes[1].exchanges[1].amount = Number.NaN;
    const path = tempPath('.zip');
    await assert.rejects(
      writeEcoSpold2(db, path),
      (e: unknown) => e instanceof FormatError && e.code === 'INVALID_NUMBER',
    );
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });
});
