// Random productive product systems (seeded): every solver agrees with a plain dense solve, residuals are tiny,
// and the inventory equals B s recomputed independently from the matrices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random, denseLu, relativeResidual, sparseLu } from '@opencfp/linalg';
import { Calculator } from './calculator.js';
import { DatabaseBuilder } from './test-support/database-builder.js';

/** n processes with one product each; inputs from random providers (loops included); total inputs < output. */
function randomDatabase(n: number, seed: number) {
  const rng = new Random(seed);
  const b = new DatabaseBuilder(`random-${n}-${seed}`);
  for (let i = 0; i < n; i++) b.product(`f${i}`);
  for (let k = 0; k < 5; k++) b.elementary(`e${k}`);
  for (let i = 0; i < n; i++) {
    const p = b
      .process(`p${String(i).padStart(4, '0')}`)
      .output(`f${i}`, 1 + rng.next(), { reference: true });
    const inputs = 1 + Math.floor(rng.next() * 6);
    for (let k = 0; k < inputs; k++) {
      const j = Math.floor(rng.next() * n);
      if (j !== i) p.input(`f${j}`, (0.6 * rng.next()) / inputs); // column sums of inputs < 0.6 < output
    }
    p.output(`e${Math.floor(rng.next() * 5)}`, rng.next());
    p.input(`e${Math.floor(rng.next() * 5)}`, rng.next());
    p.end();
  }
  return b.build();
}

test('random productive systems: sparse and dense solvers agree; residual ≤ 1e-10', () => {
  for (const [n, seed] of [
    [5, 1],
    [20, 2],
    [60, 3],
    [150, 4],
  ]) {
    const db = randomDatabase(n, seed);
    const sparse = new Calculator(db, { solver: sparseLu });
    const dense = new Calculator(db, { solver: denseLu });
    for (const process of db.processes.slice(0, 10)) {
      const a = sparse.calculate({ processId: process.id });
      const d = dense.calculate({ processId: process.id });
      assert.ok(a.residual <= 1e-10, `n=${n} ${process.id}: residual ${a.residual}`);
      const m = sparse.matrices;
      const s = new Float64Array(n);
      for (const x of a.scalingFactors()) s[m.column(x.processId, x.productId)!] = x.scaling;
      const f = new Float64Array(n);
      f[m.column(process.id, a.demand.productId)!] = 1;
      assert.ok(relativeResidual(m.A, s, f) <= 1e-10);
      // g = B s, recomputed from the matrices, equals the reported inventory
      const g = m.B.multiply(s);
      for (const e of a.inventory) {
        const row = m.elementaryFlows.indexOf(e.flowId);
        assert.ok(Math.abs(g[row] - e.amount) <= 1e-12 * Math.max(1, Math.abs(e.amount)));
      }
      const dInv = new Map(d.inventory.map((e) => [e.flowId, e.amount]));
      for (const e of a.inventory) {
        const other = dInv.get(e.flowId) ?? 0;
        assert.ok(
          Math.abs(e.amount - other) <= 1e-12 * Math.max(1, Math.abs(other)),
          `n=${n} ${process.id} ${e.flowId}: ${e.amount} vs ${other}`,
        );
      }
      // productive: no negative scaling, no flags
      assert.ok(a.scalingFactors().every((x) => x.scaling >= 0));
      assert.ok(!a.diagnostics.some((x) => x.code === 'NEGATIVE_SCALING'));
    }
  }
});
