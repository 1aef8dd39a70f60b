// The US LCI database (openLCA JSON-LD export, ../shared/data/uslci): every process-product solves, the
// diagnostics agree with the facts measured on this release (../shared/README.md), and a grid mix checks by hand.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Calculator, type Database, type LciResult } from '@opencfp/core';
import { readJsonLd } from '@opencfp/formats';
import { uslciJsonLd } from './test-support/shared-data.js';

let db: Database;
let calc: Calculator;
let results: LciResult[];

before(async () => {
  db = (await readJsonLd(uslciJsonLd())).data;
  calc = new Calculator(db);
  results = calc.calculateAll(
    calc.matrices.products.map((p) => ({ processId: p.processId, productId: p.flowId })),
  );
});

const count = (code: string) => calc.diagnostics.filter((d) => d.code === code);

test('A is 1022×1022 with about 7,000 non-zeros', () => {
  assert.equal(calc.matrices.products.length, 1022);
  assert.equal(calc.matrices.A.rows, 1022);
  assert.ok(Math.abs(calc.matrices.A.nonZeros - 7000) < 100, `nnz ${calc.matrices.A.nonZeros}`);
});

test('every one of the 1,022 process-products solves, with a backward-stable solution', () => {
  assert.equal(results.length, 1022);
  for (const r of results) {
    const where = `${r.demand.processName} / ${r.demand.productName}`;
    for (const e of r.inventory) assert.ok(Number.isFinite(e.amount), where);
    // The componentwise backward error is the accuracy measure that does not depend on scale.
    assert.ok(r.backwardError <= 1e-10, `${where}: backward error ${r.backwardError}`);
    // ‖As − f‖∞/‖f‖∞ with f a unit vector grows with the amounts in A: USLCI has inputs of 10⁸ kg (Coal mine
    // site construction), so rounding alone gives ~1e-7 there.
    assert.ok(r.residual <= 1e-6, `${where}: residual ${r.residual}`);
  }
});

test('the 132 multi-output processes without an allocation method are reported', () => {
  const multi = db.processes.filter(
    (p) =>
      p.exchanges.filter(
        (e) => !e.isInput && !e.isAvoided && db.flows.find((f) => f.id === e.flowId)?.type === 'product',
      ).length > 1,
  );
  assert.equal(multi.length, 132);
  const reported = new Set(count('UNALLOCATED_COPRODUCTS').map((d) => d.processId));
  assert.equal(reported.size, 132);
  for (const p of multi) assert.ok(reported.has(p.id), p.name);
});

test('about 2,500 product inputs have no provider and are reported as cut-off', () => {
  const cutoffs = count('CUT_OFF');
  assert.ok(cutoffs.length > 2400 && cutoffs.length < 2600, `${cutoffs.length}`);
  // Most are the database's own "CUTOFF …" placeholder flows.
  const named = cutoffs.filter((d) => db.flows.find((f) => f.id === d.flowId)?.name.startsWith('CUTOFF'));
  assert.ok(named.length > cutoffs.length / 2, `${named.length} of ${cutoffs.length}`);
  // A cut-off is carried along the supply chain: a demand that uses diesel transport inherits its cut-offs.
  const withCutoff = results.filter((r) => r.cutoff.length > 0);
  assert.ok(withCutoff.length > 500, `${withCutoff.length}`);
});

test('9 product flows have two providers in the same location; every choice is listed', () => {
  const multi = count('MULTIPLE_PROVIDERS');
  const flows = new Set(multi.map((d) => d.flowId));
  assert.equal(flows.size, 9);
  const names = [...flows].map((id) => db.flows.find((f) => f.id === id)?.name ?? '');
  assert.ok(names.some((n) => /diesel/i.test(n)) && names.some((n) => /gasoline/i.test(n)), names.join('; '));
  for (const d of multi) assert.match(d.message, /chose '/);
});

test('3,223 exchanges are given in a unit that needs conversion to the reference unit of the flow', () => {
  const units = new Map(
    db.unitGroups.flatMap((g) => g.units.map((u) => [u.id, { unit: u, group: g }] as const)),
  );
  const groupOf = new Map(db.flowProperties.map((p) => [p.id, p.unitGroupId]));
  const flows = new Map(db.flows.map((f) => [f.id, f]));
  let converted = 0;
  let sameFactor = 0;
  for (const p of db.processes)
    for (const e of p.exchanges) {
      const flow = flows.get(e.flowId)!;
      const ref = flow.properties.find((x) => x.isReference) ?? flow.properties[0];
      const group = db.unitGroups.find((g) => g.id === groupOf.get(ref.flowPropertyId))!;
      if (e.unitId === group.referenceUnitId) continue;
      const referenceUnit = group.units.find((u) => u.id === group.referenceUnitId)!;
      if (units.get(e.unitId)!.unit.factor !== referenceUnit.factor) converted++;
      else sameFactor++;
    }
  // kWh vs MJ (1,661), l vs m³ (737), Bq vs kBq (603), ha vs m² (95), t vs kg (58)…
  assert.equal(converted, 3223);
  // 5 more name a different unit with the same factor: USD in the 'EUR 2000' group (factor 1.0, as the data says).
  assert.equal(sameFactor, 5);
});

test('loops that need more of their own product than they make are flagged, and only those', () => {
  let flagged = 0;
  for (const r of results) {
    const negative = r.scalingFactors().some((s) => s.scaling < 0);
    const flag = r.diagnostics.some((d) => d.code === 'NEGATIVE_SCALING');
    if (flag) flagged++;
    // USLCI has no avoided products, so every negative scaling factor comes from a non-productive loop.
    assert.equal(flag, negative, `${r.demand.processName}: negative s ${negative}, flagged ${flag}`);
  }
  assert.ok(flagged > 0);
});

test('a grid mix: CO2 per unit equals the share-weighted sum over its generation inputs', () => {
  // Electricity, at grid, US, 2000 has no elementary flows of its own: its CO2 is Σ_i a_i · CO2_i / a_jj over
  // the linked inputs i (a_i in the provider's reference unit), each CO2_i from its own calculation.
  const gridId = 'b65eb774-e80d-3ba6-a63c-5e1a5e33e54b';
  const grid = db.processes.find((p) => p.id === gridId)!;
  assert.equal(grid.name, 'Electricity, at grid, US, 2000');
  const m = calc.matrices;
  const j = m.columnsOf(gridId)[0];
  const co2 = m.elementaryRows.filter((r) => /^Carbon dioxide, fossil/.test(r.name)).map((r) => r.flowId);
  assert.ok(co2.length > 0);
  const co2Of = (r: LciResult) =>
    r.inventory.filter((e) => co2.includes(e.flowId)).reduce((s, e) => s + e.amount, 0);
  const total = co2Of(results[j]);
  let sum = 0;
  let linked = 0;
  for (const link of m.links.filter((l) => l.processId === gridId)) {
    const exchange = grid.exchanges.find((e) => e.internalId === link.exchangeInternalId)!;
    // Amount in the provider product's reference unit (all these inputs are kWh of an MJ-referenced flow).
    const group = db.unitGroups.find((g) => g.units.some((u) => u.id === exchange.unitId))!;
    const unit = group.units.find((u) => u.id === exchange.unitId)!;
    const refUnit = group.units.find((u) => u.id === group.referenceUnitId)!;
    const amount = (exchange.amount * unit.factor) / refUnit.factor;
    sum += amount * co2Of(results[link.provider]);
    linked++;
  }
  const output = m.A.get(j, j); // the grid's own product output in its reference unit
  assert.ok(linked >= 5, `${linked} linked inputs`);
  assert.ok(total > 0);
  assert.ok(Math.abs(total - sum / output) <= 1e-9 * Math.abs(total), `${total} vs ${sum / output}`);
});
