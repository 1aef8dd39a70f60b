import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchmarkSolve } from './benchmark-solve.js';
import { denseLu } from './dense-lu.js';
import { generateTechnosphere } from './generate-technosphere.js';

test('benchmarkSolve on a small generated matrix reports consistent figures', () => {
  const r = benchmarkSolve({ n: 400, seed: 1, repeats: 1, rightHandSides: 40 });
  assert.equal(r.source, 'generated');
  assert.equal(r.n, 400);
  assert.equal(r.largestBlock, 200);
  assert.ok(r.generateMs !== null && r.generateMs >= 0);
  assert.ok(r.factorizeMs > 0 && r.solveMs > 0 && r.manySolvesMs > 0 && r.solveTransposedMs > 0);
  assert.ok(r.residual < 1e-12 && r.transposedResidual < 1e-12 && r.backwardError < 1e-15);
  assert.ok(r.factorNonZeros >= r.n && r.peakRssMiB > 0 && r.peakHeapUsedMiB > 0);
  assert.ok(r.phasesMs !== null);
  assert.equal(typeof r.meetsTargets, 'boolean');
});

test('benchmarkSolve on a given matrix with another solver', () => {
  const matrix = generateTechnosphere({ n: 60, loopSize: 30, seed: 2 });
  const r = benchmarkSolve({ matrix, repeats: 2, rightHandSides: 3, solver: denseLu });
  assert.equal(r.source, 'given');
  assert.equal(r.generateMs, null);
  assert.equal(r.solver, 'dense-lu');
  assert.equal(r.phasesMs, null);
  assert.ok(r.residual < 1e-12);
});
