import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CscMatrix } from './csc-matrix.js';
import { denseLu } from './dense-lu.js';
import { SingularMatrixError } from './errors.js';
import { matrixSolverCases } from './matrix-solver-cases.js';

test('dense LU solves a pivoting system by hand', () => {
  // [0 1; 2 3] x = [1; 8] → x = [2.5, 1]; needs a row swap.
  const A = CscMatrix.fromDense([
    [0, 1],
    [2, 3],
  ]);
  const lu = denseLu.factorize(A);
  assert.deepEqual([...lu.solve(Float64Array.of(1, 8))], [2.5, 1]);
  // Aᵀ y = c: [0 2; 1 3] y = [4; 5] → y = [-1, 2]
  assert.deepEqual([...lu.solveTransposed(Float64Array.of(4, 5))], [-1, 2]);
});

test('dense LU reports the singular column', () => {
  const A = CscMatrix.fromDense([
    [1, 2],
    [2, 4],
  ]);
  assert.throws(
    () => denseLu.factorize(A),
    (e: unknown) => e instanceof SingularMatrixError && e.columns[0] === 1,
  );
});

matrixSolverCases(denseLu);

test('dense LU judges pivots against their own column, so badly scaled LCA columns are not singular', () => {
  // Column 1 holds 1e9 in row 0; the diagonal 1e-3 of column 0 is tiny against ‖A‖∞ but not against its column.
  const A = CscMatrix.fromDense([
    [1e-3, -1e9],
    [0, 1],
  ]);
  const x = denseLu.factorize(A).solve(Float64Array.of(0, 1));
  // x1 = 1; 1e-3 x0 − 1e9 = 0 → x0 = 1e12
  assert.deepEqual([...x], [1e12, 1]);
});
