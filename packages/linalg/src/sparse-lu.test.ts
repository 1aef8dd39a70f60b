import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CscMatrix } from './csc-matrix.js';
import { DimensionError, LinalgError } from './errors.js';
import { generateTechnosphere } from './generate-technosphere.js';
import { matrixSolverCases, randomGeneralMatrix } from './matrix-solver-cases.js';
import { Random } from './random.js';
import { relativeResidual } from './residual.js';
import { createSparseLu, sparseLu } from './sparse-lu.js';

matrixSolverCases(sparseLu);
matrixSolverCases(createSparseLu({ btf: false, ordering: 'natural' }, 'sparse-lu (no BTF, natural order)'));
matrixSolverCases(createSparseLu({ btf: false }, 'sparse-lu (no BTF, AMD)'));
matrixSolverCases(
  createSparseLu({ ordering: 'natural', scaling: 'none' }, 'sparse-lu (BTF, natural order, unscaled)'),
);
matrixSolverCases(createSparseLu({ pivotTolerance: 1 }, 'sparse-lu (strict partial pivoting)'));

test('stats describe the block structure', () => {
  // Loop {0, 1}, process 2 outside: blocks of 2 and 1; L and U of the loop have one entry each.
  const A = CscMatrix.fromDense([
    [1, -0.5, -1],
    [-0.2, 1, 0],
    [0, 0, 1],
  ]);
  const lu = sparseLu.factorize(A);
  assert.equal(lu.stats.n, 3);
  assert.equal(lu.stats.nonZeros, 6);
  assert.equal(lu.stats.blocks, 2);
  assert.equal(lu.stats.largestBlock, 2);
  assert.equal(lu.stats.factorNonZeros, 5);
  assert.equal(lu.stats.offDiagonalNonZeros, 1);
  assert.equal(lu.stats.offDiagonalPivots, 0);
  assert.equal(lu.stats.reciprocalPivotGrowth, 1);
  assert.ok(lu.stats.milliseconds >= 0 && lu.stats.phases.factor >= 0);
});

test('solveMany: arrays and column-major blocks agree with solve', () => {
  const A = generateTechnosphere({ n: 300, loopSize: 150, seed: 3 });
  const lu = sparseLu.factorize(A);
  const rng = new Random(4);
  const k = 13; // a group of eight, one of four and a single solve
  const B = Array.from({ length: k }, () => Float64Array.from({ length: 300 }, () => rng.normal()));
  const X = lu.solveMany(B);
  const packed = new Float64Array(300 * k);
  B.forEach((b, j) => packed.set(b, j * 300));
  const Xp = lu.solveMany(packed);
  for (let j = 0; j < k; j++) {
    const x = lu.solve(B[j]);
    assert.deepEqual(X[j], x);
    assert.deepEqual(Xp.subarray(j * 300, (j + 1) * 300), x);
  }
  assert.equal(lu.solveMany(packed, packed), packed, 'in place');
  assert.deepEqual(packed.subarray(0, 300), X[0]);
  assert.throws(() => lu.solveMany(new Float64Array(301)), DimensionError);
});

test('a generated technosphere (n = 2000, loop 1000): accurate in both directions', () => {
  const A = generateTechnosphere({ n: 2000, loopSize: 1000, seed: 42 });
  const lu = sparseLu.factorize(A);
  assert.equal(lu.stats.largestBlock, 1000);
  assert.equal(lu.stats.blocks, 1001);
  assert.equal(lu.stats.offDiagonalPivots, 0, 'column diagonally dominant: the diagonal always qualifies');
  const rng = new Random(5);
  const b = Float64Array.from({ length: 2000 }, () => rng.next());
  assert.ok(relativeResidual(A, lu.solve(b), b) < 1e-12);
  assert.ok(relativeResidual(A.transpose(), lu.solveTransposed(b), b) < 1e-12);
  const natural = createSparseLu({ ordering: 'natural' }).factorize(A);
  assert.ok(lu.stats.factorNonZeros < natural.stats.factorNonZeros, 'AMD reduces fill');
  const x1 = lu.solve(b);
  const x2 = natural.solve(b);
  for (let i = 0; i < 2000; i++) assert.ok(Math.abs(x1[i] - x2[i]) <= 1e-12 * Math.max(1, Math.abs(x2[i])));
});

test('large pivot growth triggers a refactorization with a stricter tolerance', () => {
  // A well-conditioned matrix on which threshold pivoting at 0.001 lets U grow by about 10⁸.
  const A = randomGeneralMatrix(new Random(2150), 150);
  const relaxed = createSparseLu({ growthLimit: 0 }).factorize(A);
  const guarded = sparseLu.factorize(A);
  assert.ok((relaxed.stats.reciprocalPivotGrowth ?? 1) < 1e-6);
  assert.equal(relaxed.stats.refactorized, undefined);
  assert.equal(guarded.stats.refactorized, true);
  assert.ok((guarded.stats.reciprocalPivotGrowth ?? 0) > 1e-3);
  const b = Float64Array.from({ length: 150 }, (_, i) => i + 1);
  assert.ok(relativeResidual(A, relaxed.solve(b), b) > 1e-12);
  assert.ok(relativeResidual(A, guarded.solve(b), b) < 1e-14);
});

test('argument checks', () => {
  assert.throws(
    () =>
      sparseLu.factorize(
        CscMatrix.fromDense([
          [1, 0],
          [Number.NaN, 1],
        ]),
      ),
    (e: unknown) =>
      e instanceof LinalgError && e.code === 'NON_FINITE_VALUE' && /row 1, column 0/.test(e.message),
  );
  assert.throws(() => sparseLu.factorize(CscMatrix.fromDense([[1, 2]])), DimensionError);
  assert.throws(() => sparseLu.factorize(CscMatrix.fromDense([[1]]), { pivotTolerance: 0 }), RangeError);
  const lu = sparseLu.factorize(CscMatrix.fromDense([[2]]));
  assert.throws(() => lu.solve(new Float64Array(2)), DimensionError);
  assert.throws(() => lu.solveTransposed(new Float64Array(0)), DimensionError);
});
