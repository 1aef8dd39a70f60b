import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator } from './calculator.js';
import type { LciResult } from './lci-result.js';
import { DatabaseBuilder } from './test-support/database-builder.js';
import { reachableColumns } from './supply-chain.js';

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );

/** CO2 per part: Σ_j B_co2,j · s_g,j. */
function co2ByPart(result: LciResult, parts: Map<string, Float64Array>): Map<string, number> {
  const row = result.matrices.elementaryFlows.indexOf('co2');
  const out = new Map<string, number>();
  for (const [g, s] of parts) {
    let sum = 0;
    result.forEachDirectFlow((_, i, amount) => (sum += i === row ? amount : 0), s);
    out.set(g, sum);
  }
  return out;
}

const stageOf = (result: LciResult) => (j: number) =>
  result.matrices.processes
    .get(result.matrices.products[j].processId)
    ?.tags?.find((t) => t.startsWith('stage:'));

describe('supplyChainScaling', () => {
  // Bike: frame (raw materials) and transport (distribution) feed assembly (production); the untagged power
  // plant loses 0.1 of its own output, so it makes 0.9 net per unit of scaling.
  const db = new DatabaseBuilder()
    .product('bike')
    .product('frame')
    .product('electricity', { property: 'energy' })
    .product('transport')
    .elementary('co2')
    .process('p-bike', { tags: ['stage:production'] })
    .output('bike', 1, { reference: true })
    .input('frame', 1)
    .input('electricity', 2)
    .input('transport', 3)
    .output('co2', 0.1)
    .end()
    .process('p-frame', { tags: ['stage:raw-material-acquisition'] })
    .output('frame', 1, { reference: true })
    .input('electricity', 5)
    .output('co2', 1)
    .end()
    .process('p-power')
    .output('electricity', 1, { reference: true })
    .input('electricity', 0.1)
    .output('co2', 0.5)
    .end()
    .process('p-truck', { tags: ['stage:distribution'] })
    .output('transport', 1, { reference: true })
    .output('co2', 0.2)
    .end()
    .build();

  it('shares an untagged supplier among the stages that use it, by what each takes (hand-computed)', () => {
    const result = new Calculator(db).calculate({ processId: 'p-bike' });
    const parts = result.supplyChainScaling(stageOf(result));
    const co2 = co2ByPart(result, parts);
    // production: 0.1 direct + 2 MJ / 0.9 net · 0.5 = 0.1 + 1.1111… = 1.2111…
    close(co2.get('stage:production') as number, 0.1 + (2 / 0.9) * 0.5);
    // raw materials: 1 direct + 5 / 0.9 · 0.5 = 3.7777…
    close(co2.get('stage:raw-material-acquisition') as number, 1 + (5 / 0.9) * 0.5);
    // distribution: 3 t·km · 0.2 = 0.6
    close(co2.get('stage:distribution') as number, 0.6);
    assert.equal(co2.has('unassigned'), false);
    // Sum: 0.1 + 1 + 0.6 + 7 / 0.9 · 0.5 = 5.5888…
    const total = [...co2.values()].reduce((a, b) => a + b, 0);
    close(total, 1.7 + (7 / 0.9) * 0.5);
    close(total, result.total('co2'));
  });

  it('gives what an untagged reference process takes itself to `unassigned`, and sums to s in loops', () => {
    // The demand is the untagged power plant, which now also takes a little frame back (a loop through a
    // tagged process).
    const loop = new DatabaseBuilder()
      .product('frame')
      .product('electricity', { property: 'energy' })
      .elementary('co2')
      .process('p-frame', { tags: ['stage:raw-material-acquisition'] })
      .output('frame', 1, { reference: true })
      .input('electricity', 5)
      .output('co2', 1)
      .end()
      .process('p-power')
      .output('electricity', 1, { reference: true })
      .input('frame', 0.01)
      .output('co2', 0.5)
      .end()
      .build();
    const result = new Calculator(loop).calculate({ processId: 'p-power' });
    const parts = result.supplyChainScaling(stageOf(result), 'other');
    assert.deepEqual([...parts.keys()].sort(), ['other', 'stage:raw-material-acquisition']);
    const s = result.scaling;
    for (let j = 0; j < s.length; j++) {
      let sum = 0;
      for (const part of parts.values()) sum += part[j];
      close(sum, s[j]);
    }
    // s_power = 1 / (1 − 0.05) (each unit of power needs 0.01 frame, which needs 0.05 power), s_frame = 0.01 s_power.
    // Frame's part: its own 0.01 s_power, plus the power it takes: 0.05 s_power.
    const sPower = 1 / 0.95;
    const co2 = co2ByPart(result, parts);
    close(co2.get('stage:raw-material-acquisition') as number, 0.01 * sPower * 1 + 0.05 * sPower * 0.5);
    close(co2.get('other') as number, 1 * 0.5);
    close(
      (co2.get('other') as number) + (co2.get('stage:raw-material-acquisition') as number),
      result.total('co2'),
    );
  });

  it('puts the whole system into `unassigned` when nothing is tagged', () => {
    const result = new Calculator(db).calculate({ processId: 'p-frame' });
    const parts = result.supplyChainScaling(() => undefined);
    assert.deepEqual([...parts.keys()], ['unassigned']);
    assert.deepEqual([...(parts.get('unassigned') as Float64Array)], [...result.scaling]);
  });

  it('reachableColumns follows inputs only', () => {
    const result = new Calculator(db).calculate({ processId: 'p-frame' });
    const names = [...reachableColumns(result.matrices.A, result.demand.column)].map(
      (j) => result.matrices.products[j].processId,
    );
    assert.deepEqual(names.sort(), ['p-frame', 'p-power']);
  });
});
