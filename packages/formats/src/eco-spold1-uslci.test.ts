import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { Calculator, type Database } from '@opencfp/core';
import type { ImportIssue } from './import-issue.js';
import { nameBasedUuid } from './eco-spold1-ids.js';
import { readEcoSpold1 } from './read-eco-spold1.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-ecospold1-fy20q3.zip');

describe('US LCI FY20 Q3 (EcoSpold 1 release: one XML with 631 datasets, and categories.xml)', () => {
  let db: Database;
  let issues: ImportIssue[];

  before(async () => {
    // Fail, not skip: this is the reference data set for the reader.
    assert.ok(
      existsSync(zipPath),
      `US LCI EcoSpold 1 release not found at ${zipPath}. Set OPENCFP_SHARED to the folder that holds data/uslci/.`,
    );
    ({ data: db, issues } = await readEcoSpold1(zipPath));
  });

  test('reads all 631 datasets', () => {
    assert.equal(db.name, 'uslci-ecospold1-fy20q3');
    assert.equal(db.processes.length, 631);
    assert.equal(new Set(db.processes.map((p) => p.id)).size, 631);
    assert.equal(db.processes.filter((p) => p.type === 'system').length, 6);
    // 37,349 exchanges in the file; every process has exactly one reference product from its outputGroup 0.
    assert.equal(
      db.processes.reduce((n, p) => n + p.exchanges.length, 0),
      37349,
    );
    assert.ok(db.processes.every((p) => p.exchanges.filter((e) => e.isReference).length === 1));
    // 1,275 products, 2,550 elementary flows and 29 wastes (outputGroup 3) by category, name and unit.
    const types = new Map<string, number>();
    for (const f of db.flows) types.set(f.type, (types.get(f.type) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(types), { product: 1275, elementary: 2550, waste: 29 });
    assert.deepEqual(db.locations.map((l) => l.name).sort(), ['CN', 'GLO', 'MY', 'RER', 'RNA', 'US']);
    assert.equal(db.sources.length, 531);
    assert.equal(db.actors.length, 77);
    // 17 units: 12 catalogue groups, and 'EUR 2000', which the catalogue leaves out (see below).
    assert.equal(db.unitGroups.length, 13);
    assert.equal(db.flowProperties.length, 13);
    const exchanges = db.processes.flatMap((p) => p.exchanges);
    // 5,130 log-normal (4,805 of them with standardDeviation95 0), 334 triangular and 24 uniform distributions.
    assert.equal(exchanges.filter((e) => e.uncertainty !== undefined).length, 658);
    assert.equal(exchanges.filter((e) => e.dqEntry !== undefined).length, 9);
  });

  test('has no error-level issues, and only known data-quality warnings', () => {
    // No error-level issue: every dataset of the release is read completely.
    assert.deepEqual(
      issues.filter((i) => i.severity === 'error'),
      [],
    );
    const counts = new Map<string, number>();
    for (const i of issues) counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), {
      // 17 datasets have log-normal distributions with standardDeviation95 0 (or below 1), which is no
      // distribution (it is the squared geometric SD); the amounts are kept.
      INVALID_UNCERTAINTY: 17,
      // 'EUR 2000' (2 exchanges): the catalogue has no currencies of fixed years; it gets a unit group of its own.
      UNKNOWN_UNIT: 1,
    });
  });

  test('keeps names and locations as in the file, with categories from the reference function', () => {
    const p = db.processes.find((x) => x.name === 'Harvest, wheat, single pass');
    assert.ok(p);
    assert.equal(db.locations.find((l) => l.id === p.locationId)?.name, 'RNA');
    assert.equal(
      p.category,
      '11: Agriculture, Forestry, Fishing and Hunting/1151: Support Activities for Crop Production',
    );
    assert.match(p.description ?? '', /^This process is for the single pass harvest/);
    assert.equal(p.lastChange, '2019-07-20T21:42:19.472-06:00');
    // openLCA's EcoSpold 1 export names each dataset after its reference product, so regional variants share
    // name and location (12 'Transport, combination truck, long-haul, diesel powered' in RNA): they stay apart.
    assert.equal(
      db.processes.filter((x) => x.name === 'Transport, combination truck, long-haul, diesel powered').length,
      12,
    );
    assert.equal(db.processes.filter((x) => x.name === 'Electricity, at grid').length, 81);
  });

  test('elementary flows are FEDEFL flows whose contexts EcoSpold 1 cut to two levels', () => {
    const elementary = db.flows.filter((f) => f.type === 'elementary');
    assert.ok(elementary.every((f) => f.nomenclature === 'fedefl'));
    // Elementary flow ids are openLCA's: category, sub-category, name and unit.
    const co2 = db.flows.find((f) => f.id === nameBasedUuid('emission', 'air', 'Carbon dioxide', 'kg'));
    assert.equal(co2?.category, 'emission/air');
    assert.equal(co2?.cas, '124-38-9');
    assert.ok(db.flows.some((f) => f.category === 'troposphere/rural' && f.name === 'Carbon dioxide'));
  });

  test('calculates every process-product', () => {
    const calc = new Calculator(db);
    const m = calc.matrices;
    // 631 reference products and 176 distinct co-products (outputGroup 2) of the 89 multi-output datasets.
    assert.equal(m.products.length, 807);
    assert.deepEqual(calc.singularProducts, []);
    const results = calc.calculateAll(
      m.products.map((p) => ({ processId: p.processId, productId: p.flowId })),
    );
    assert.equal(results.length, 807);
    for (const r of results) assert.ok(r.inventory.every((e) => Number.isFinite(e.amount)));

    const diagnostics = new Map<string, number>();
    for (const d of calc.diagnostics) diagnostics.set(d.code, (diagnostics.get(d.code) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(diagnostics), {
      // 2,673 product inputs and waste outputs of 770 flows have no provider; 2,181 of them are inputs the
      // release marks as cut-offs itself (categories 'Technosphere Flows/CUTOFF Flows' and 'CUTOFF Flows/…'),
      // and 29 of the flows are wastes, which EcoSpold 1 cannot link (it has no waste inputs).
      CUT_OFF: 2673,
      // 245 inputs of 22 products have several providers, mostly 'Electricity, at grid' and the regional
      // transport datasets, which EcoSpold 1 names alike; the lowest process id in the consumer's location wins.
      MULTIPLE_PROVIDERS: 220,
      // The 89 multi-output datasets have no <allocation>: each co-product carries the full burden.
      UNALLOCATED_COPRODUCTS: 89,
    });
    assert.equal(m.links.length, 3378);
    assert.equal(m.links.filter((l) => l.kind === 'lowest-id').length, 245);
    assert.equal(
      new Set(calc.diagnostics.filter((d) => d.code === 'MULTIPLE_PROVIDERS').map((d) => d.flowId)).size,
      22,
    );
    assert.equal(m.cutoffRows.length, 770);
    assert.equal(m.cutoffRows.filter((r) => r.flowType === 'waste').length, 29);
    const flows = new Map(db.flows.map((f) => [f.id, f]));
    assert.equal(
      calc.diagnostics.filter(
        (d) => d.code === 'CUT_OFF' && /CUTOFF Flows/.test(flows.get(d.flowId ?? '')?.category ?? ''),
      ).length,
      2181,
    );
    assert.equal(results.filter((r) => r.cutoff.length > 0).length, 794);
  });

  test('a linked process calculates as by hand', () => {
    // 'Iron and steel, production mix' takes 0.44 kg of 'Steel, billets, at plant', which emits 2.02214729 kg
    // of CO2 (emission/air) per kg and has no product inputs of its own that link.
    const p = db.processes.find((x) => x.name === 'Iron and steel, production mix');
    assert.ok(p);
    const co2 = nameBasedUuid('emission', 'air', 'Carbon dioxide', 'kg');
    const result = new Calculator(db).calculate({ processId: p.id });
    const amount = result.inventory.find((e) => e.flowId === co2)?.amount ?? NaN;
    assert.ok(Math.abs(amount - 0.44 * 2.02214729) < 1e-12, `${amount}`);
  });
});
