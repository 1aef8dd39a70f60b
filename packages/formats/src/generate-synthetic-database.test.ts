import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Calculator, type Database } from '@opencfp/core';
import { generateSyntheticDatabase } from './generate-synthetic-database.js';
import type { ImportIssue } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { readEcoSpold2 } from './read-eco-spold2.js';
import { readJsonLd } from './read-json-ld.js';
import { readZipEntries } from './read-zip-entries.js';
import { unitCatalogue } from './unit-catalogue.js';
import { writeEcoSpold2 } from './write-eco-spold2.js';
import { writeJsonLd } from './write-json-ld.js';
import { parseXml } from './xml/parse-xml.js';
import { attr, children, type XmlElement } from './xml/xml-element.js';

const ACTIVITIES = 200;
const BIOSPHERE = 150;
const options = { activities: ACTIVITIES, biosphere: BIOSPHERE, seed: 7 };

let dir: string;
let db: Database;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-synthetic-'));
  db = generateSyntheticDatabase(options);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exchangesOf = (d: Database) => d.processes.flatMap((p) => p.exchanges);
const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');

/** Inventory of every process-product of `reference`, computed on `d`, as flowId → amount per demand. */
function inventories(d: Database, reference: Database): Map<string, number>[] {
  const products = new Calculator(reference).matrices.products;
  const calc = new Calculator(d);
  return calc
    .calculateAll(products.map((p) => ({ processId: p.processId, productId: p.flowId })))
    .map((r) => new Map(r.inventory.map((x) => [x.flowId, x.amount])));
}

function assertSameResults(actual: Database, expected: Database, label: string): void {
  const a = inventories(actual, expected);
  const e = inventories(expected, expected);
  assert.equal(a.length, e.length);
  let worst = 0;
  for (let k = 0; k < e.length; k++) {
    assert.equal(
      a[k].size,
      e[k].size,
      `${label}: inventory ${k} has ${a[k].size} flows, expected ${e[k].size}`,
    );
    for (const [flowId, want] of e[k]) {
      const got = a[k].get(flowId);
      assert.ok(got !== undefined, `${label}: flow ${flowId} missing from inventory ${k}`);
      worst = Math.max(worst, Math.abs(got - want) / Math.abs(want));
    }
  }
  assert.ok(worst <= 1e-9, `${label}: largest relative difference ${worst}`);
}

describe('generateSyntheticDatabase', () => {
  test('is deterministic by seed', () => {
    assert.deepEqual(generateSyntheticDatabase(options), db);
    const other = generateSyntheticDatabase({ ...options, seed: 8 });
    assert.notEqual(other.processes[0].id, db.processes[0].id);
    assert.notDeepEqual(
      other.processes[5].exchanges.map((e) => e.amount),
      db.processes[5].exchanges.map((e) => e.amount),
    );
  });

  test('has the size asked for and an ecoinvent-like structure', () => {
    assert.equal(db.processes.length, ACTIVITIES);
    const exchanges = exchangesOf(db);
    // About 30 exchanges besides the reference, fewer where the technosphere has few providers to offer.
    assert.ok(
      exchanges.length > ACTIVITIES * 20 && exchanges.length < ACTIVITIES * 35,
      `${exchanges.length}`,
    );
    for (const p of db.processes) assert.equal(p.exchanges.filter((e) => e.isReference).length, 1, p.name);

    const elementary = db.flows.filter((f) => f.type === 'elementary');
    assert.equal(elementary.length, BIOSPHERE);
    const used = new Set(exchanges.map((e) => e.flowId));
    assert.ok(
      elementary.every((f) => used.has(f.id)),
      'every elementary flow is used',
    );
    const compartments = new Set(elementary.map((f) => f.category?.split('/').slice(1).join('/')));
    for (const c of ['air/urban air close to ground', 'water/surface water', 'natural resource/in ground'])
      assert.ok(compartments.has(c), c);
    assert.ok(elementary.filter((f) => f.cas).length > BIOSPHERE / 4);
    assert.ok(elementary.every((f) => f.nomenclature === 'ecoinvent-biosphere3'));

    const unitNames = new Set(exchanges.map((e) => unitCatalogue.lookupId(e.unitId)?.unitName));
    for (const u of ['kg', 'MJ', 'kWh', 'm3', 't*km', 'm2*a', 'kBq']) assert.ok(unitNames.has(u), u);
    // Electricity and heat are stated in both kWh and MJ by different consumers.
    const energyFlows = new Map<string, Set<string>>();
    for (const e of exchanges) {
      const name = unitCatalogue.lookupId(e.unitId)?.unitName;
      if (name !== 'kWh' && name !== 'MJ') continue;
      energyFlows.set(e.flowId, (energyFlows.get(e.flowId) ?? new Set()).add(name));
    }
    assert.ok([...energyFlows.values()].some((s) => s.size === 2));

    const multi = db.processes.filter((p) => p.allocationFactors.length > 0);
    assert.ok(multi.length > 0);
    for (const p of multi) {
      assert.equal(p.defaultAllocation, 'economic');
      const economic = p.allocationFactors.filter((f) => f.method === 'economic');
      assert.equal(economic.length, 2);
      assert.ok(Math.abs(economic[0].value + economic[1].value - 1) < 1e-12);
    }
    const treatments = db.processes.filter((p) => p.exchanges.some((e) => e.isReference && e.isInput));
    assert.ok(treatments.length > 0);
    assert.ok(db.flows.some((f) => f.type === 'waste'));
    assert.ok(exchanges.some((e) => e.formula !== undefined));
    assert.ok(db.processes.some((p) => p.parameters.some((q) => q.formula !== undefined)));
    const lognormal = exchanges.filter((e) => e.uncertainty?.type === 'lognormal').length;
    assert.ok(lognormal > exchanges.length * 0.8, `${lognormal} of ${exchanges.length} lognormal`);
    assert.ok(db.locations.length >= 5);
    assert.ok(exchanges.filter((e) => e.defaultProviderId !== undefined).length > ACTIVITIES * 5);
    // Names are ecoinvent-like.
    assert.ok(db.processes.some((p) => p.name.startsWith('market for electricity')));
  });

  test('is productive: every product of every activity solves with non-negative scaling', () => {
    const calc = new Calculator(db);
    assert.equal(calc.singularProducts.length, 0);
    assert.deepEqual(
      calc.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const demands = calc.matrices.products.map((p) => ({ processId: p.processId, productId: p.flowId }));
    assert.ok(demands.length > ACTIVITIES, 'co-products are products too');
    for (const r of calc.calculateAll(demands)) {
      assert.ok(r.backwardError < 1e-12, `backward error ${r.backwardError}`);
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity === 'error' || d.code === 'NEGATIVE_SCALING'),
        [],
      );
      assert.ok(r.inventory.length > 0);
    }
  });

  test('written as JSON-LD and read back, it gives the same results', async () => {
    const path = join(dir, 'synthetic.zip');
    await writeJsonLd(db, path);
    const { data, issues } = await readJsonLd(path);
    assert.deepEqual(errors(issues), []);
    assert.equal(data.processes.length, db.processes.length);
    assert.equal(exchangesOf(data).length, exchangesOf(db).length);
    assert.equal(data.flows.length, db.flows.length);
    assertSameResults(data, db, 'JSON-LD');
  });

  test('written as EcoSpold 2 and read back, it gives the same results', async () => {
    const path = join(dir, 'synthetic.spold.zip');
    const written = await writeEcoSpold2(db, path);
    assert.equal(written.datasets, ACTIVITIES);
    assert.deepEqual(written.issues, []);
    const { data, issues } = await readEcoSpold2(path);
    assert.deepEqual(errors(issues), []);
    assert.deepEqual(
      issues.filter((i) => i.severity === 'warning'),
      [],
    );
    assert.equal(data.processes.length, db.processes.length);
    assert.deepEqual(data.processes.map((p) => p.id).sort(), db.processes.map((p) => p.id).sort());
    assert.equal(exchangesOf(data).length, exchangesOf(db).length);
    assert.equal(data.flows.length, db.flows.length);
    assert.equal(
      data.flows.filter((f) => f.type === 'waste').length,
      db.flows.filter((f) => f.type === 'waste').length,
    );
    assert.equal(
      exchangesOf(data).filter((e) => e.formula).length,
      exchangesOf(db).filter((e) => e.formula).length,
    );
    assert.equal(
      data.processes.reduce((n, p) => n + p.allocationFactors.length, 0),
      db.processes.reduce((n, p) => n + p.allocationFactors.length, 0),
    );
    // Locations get their full names from MasterData/Geographies.xml.
    assert.deepEqual(
      data.locations.map((l) => `${l.code}:${l.name}`).sort(),
      db.locations.map((l) => `${l.code}:${l.name}`).sort(),
    );
    assertSameResults(data, db, 'EcoSpold 2');
  });

  test('EcoSpold 2 files are laid out and filled as ecoinvent does', async () => {
    const path = join(dir, 'layout.spold.zip');
    await writeEcoSpold2(db, path);
    const names: string[] = [];
    let sample: XmlElement | undefined;
    const multi = db.processes.find((p) => p.allocationFactors.length > 0);
    assert.ok(multi);
    for await (const entry of readZipEntries(path, new IssueLog())) {
      names.push(entry.name);
      if (entry.name.startsWith(`datasets/${multi.id}_`))
        sample = parseXml(Buffer.from(entry.data).toString('utf8'), entry.name);
    }
    assert.deepEqual(names.slice(0, 3), [
      'MasterData/Geographies.xml',
      'MasterData/ElementaryExchanges.xml',
      'MasterData/IntermediateExchanges.xml',
    ]);
    const reference = multi.exchanges.find((e) => e.isReference);
    assert.ok(names.includes(`datasets/${multi.id}_${reference?.flowId}.spold`));
    assert.equal(names.filter((n) => n.endsWith('.spold')).length, ACTIVITIES);

    assert.ok(sample);
    const ds = children(sample, 'activityDataset')[0];
    const activity = children(children(ds, 'activityDescription')[0], 'activity')[0];
    assert.equal(attr(activity, 'id'), multi.id);
    const flowData = children(ds, 'flowData')[0];
    const intermediate = children(flowData, 'intermediateExchange');
    const group = (e: XmlElement) =>
      `${children(e, 'inputGroup')[0] ? 'in' : 'out'}${(children(e, 'inputGroup')[0] ?? children(e, 'outputGroup')[0]).text}`;
    assert.equal(group(intermediate[0]), 'out0');
    assert.equal(group(intermediate[1]), 'out2');
    assert.ok(intermediate.slice(2).every((e) => ['in5'].includes(group(e))));
    assert.ok(intermediate.slice(2).every((e) => attr(e, 'activityLinkId') !== undefined));
    const price = children(intermediate[0], 'property').find((p) => children(p, 'name')[0].text === 'price');
    assert.equal(attr(price, 'propertyId'), '38f94dd1-d5aa-41b8-b182-c0c42985d9dc');
    const elementary = children(flowData, 'elementaryExchange');
    assert.ok(elementary.length > 0);
    for (const e of elementary) {
      assert.ok(attr(e, 'elementaryExchangeId'));
      assert.ok(children(children(e, 'compartment')[0], 'subcompartment')[0].text);
      assert.equal((children(e, 'inputGroup')[0] ?? children(e, 'outputGroup')[0]).text, '4');
    }
    const lognormal = [...intermediate, ...elementary]
      .map((e) => children(children(e, 'uncertainty')[0], 'lognormal')[0])
      .find((l) => l !== undefined);
    assert.ok(lognormal);
    for (const k of ['meanValue', 'mu', 'variance', 'varianceWithPedigreeUncertainty'])
      assert.ok(Number.isFinite(Number(attr(lognormal, k))), k);
  });
});
