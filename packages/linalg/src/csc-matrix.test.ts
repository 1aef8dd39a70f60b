import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CooMatrix } from './coo-matrix.js';
import { CscMatrix } from './csc-matrix.js';
import { DimensionError } from './errors.js';
import { Random } from './random.js';

function randomRect(rng: Random, m: number, n: number, density: number): CscMatrix {
  const coo = new CooMatrix(m, n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) if (rng.next() < density) coo.add(i, j, rng.normal());
  return coo.toCsc();
}

function denseMultiply(D: Float64Array[], x: Float64Array): number[] {
  return D.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
}

test('multiply, multiplyTransposed and transpose agree with dense arithmetic', () => {
  const rng = new Random(3);
  for (const [m, n] of [
    [1, 1],
    [3, 5],
    [7, 4],
    [20, 20],
  ]) {
    const A = randomRect(rng, m, n, 0.3);
    const D = A.toDense();
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from({ length: m }, () => rng.normal());
    const Ax = A.multiply(x);
    denseMultiply(D, x).forEach((v, i) => assert.ok(Math.abs(v - Ax[i]) < 1e-12));
    const At = A.transpose();
    assert.equal(At.rows, n);
    assert.equal(At.cols, m);
    const Aty = A.multiplyTransposed(y);
    const Aty2 = At.multiply(y);
    denseMultiply(At.toDense(), y).forEach((v, j) => {
      assert.ok(Math.abs(v - Aty[j]) < 1e-12);
      assert.ok(Math.abs(v - Aty2[j]) < 1e-12);
    });
    // transpose keeps rows sorted and is an involution
    for (let j = 0; j < At.cols; j++)
      for (let k = At.columnPointers[j] + 1; k < At.columnPointers[j + 1]; k++)
        assert.ok(At.rowIndex[k - 1] < At.rowIndex[k]);
    assert.deepEqual(At.transpose().toDense(), D);
  }
});

test('get, normInf, fromDense/toDense', () => {
  const rows = [
    [1, 0, -2],
    [0, 0, 3],
  ];
  const A = CscMatrix.fromDense(rows);
  assert.equal(A.nonZeros, 3);
  assert.equal(A.get(0, 2), -2);
  assert.equal(A.get(1, 1), 0);
  assert.equal(A.get(1, 2), 3);
  assert.equal(A.normInf(), 3);
  assert.deepEqual(
    A.toDense().map((r) => [...r]),
    rows,
  );
});

test('dimension errors', () => {
  const A = CscMatrix.fromDense([[1, 2]]);
  assert.throws(() => A.multiply(new Float64Array(1)), DimensionError);
  assert.throws(() => A.multiplyTransposed(new Float64Array(2)), DimensionError);
  assert.throws(
    () => new CscMatrix(1, 2, new Int32Array(2), new Int32Array(0), new Float64Array(0)),
    DimensionError,
  );
});
