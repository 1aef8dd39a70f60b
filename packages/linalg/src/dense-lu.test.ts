import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CscMatrix } from './csc-matrix.js';
import { denseLu } from './dense-lu.js';
import { SingularMatrixError } from './errors.js';

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
  assert.throws(() => denseLu.factorize(A), (e: unknown) => e instanceof SingularMatrixError && e.columns[0] === 1);
});
