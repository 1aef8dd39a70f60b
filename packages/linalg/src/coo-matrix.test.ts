import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CooMatrix } from './coo-matrix.js';

test('toCsc sums duplicates and sorts rows within each column', () => {
  const A = CooMatrix.from(3, 2, [
    [2, 0, 1],
    [0, 0, 2],
    [2, 0, 3],
    [1, 1, -1],
  ]).toCsc();
  assert.deepEqual([...A.columnPointers], [0, 2, 3]);
  assert.deepEqual([...A.rowIndex], [0, 2, 1]);
  assert.deepEqual([...A.values], [2, 4, -1]);
});

test('toCsc drops entries that sum to zero without losing entries of later columns', () => {
  // Regression: a dropped zero in column 0 left a stale row marker that swallowed (1, 1).
  const coo = CooMatrix.from(2, 2, [
    [0, 0, 0],
    [1, 0, -1],
    [1, 1, 1],
  ]);
  assert.deepEqual(coo.toCsc().toDense().map((r) => [...r]), [
    [0, 0],
    [-1, 1],
  ]);
  const cancelling = CooMatrix.from(2, 2, [
    [0, 0, 1],
    [0, 0, -1],
    [0, 1, 5],
    [1, 1, 2],
  ]).toCsc();
  assert.equal(cancelling.nonZeros, 2);
  assert.equal(cancelling.get(0, 1), 5);
  assert.equal(cancelling.get(1, 1), 2);
  assert.equal(CooMatrix.from(2, 2, [[0, 0, 0]]).toCsc(true).nonZeros, 1);
});

test('add rejects entries outside the matrix', () => {
  assert.throws(() => new CooMatrix(2, 2).add(2, 0, 1), /outside a 2×2 matrix/);
});
