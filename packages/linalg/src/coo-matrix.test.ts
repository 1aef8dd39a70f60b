import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CooMatrix } from './coo-matrix.js';
import { DimensionError } from './errors.js';

test('duplicates are summed, in any order, and exact zeros are dropped unless asked', () => {
  const coo = new CooMatrix(3, 2, 1); // capacity 1 forces growth
  coo.add(2, 1, 1);
  coo.add(0, 0, 2);
  coo.add(2, 1, 0.5);
  coo.add(1, 0, 3);
  coo.add(0, 0, -2); // cancels the (0, 0) entry
  coo.add(2, 1, 0.25);
  assert.equal(coo.size, 6);
  const A = coo.toCsc();
  assert.deepEqual([...A.columnPointers], [0, 1, 2]);
  assert.deepEqual([...A.rowIndex], [1, 2]);
  assert.deepEqual([...A.values], [3, 1.75]);
  const B = coo.toCsc(true);
  assert.deepEqual([...B.rowIndex], [0, 1, 2]);
  assert.deepEqual([...B.values], [0, 3, 1.75]);
});

test('rows come out sorted within long columns too', () => {
  const coo = new CooMatrix(100, 1);
  for (let i = 99; i >= 0; i--) coo.add(i, 0, i + 1);
  for (let i = 0; i < 100; i += 3) coo.add(i, 0, 1);
  const A = coo.toCsc();
  assert.deepEqual(
    [...A.rowIndex],
    Array.from({ length: 100 }, (_, i) => i),
  );
  for (let i = 0; i < 100; i++) assert.equal(A.values[i], i + 1 + (i % 3 === 0 ? 1 : 0));
});

test('out-of-range and non-integer indices are rejected', () => {
  const coo = new CooMatrix(2, 2);
  assert.throws(() => coo.add(2, 0, 1), DimensionError);
  assert.throws(() => coo.add(0, -1, 1), DimensionError);
  assert.throws(() => coo.add(0.5, 0, 1), DimensionError);
});

test('from() builds from triplets', () => {
  const A = CooMatrix.from(2, 2, [
    [0, 1, 2],
    [1, 0, 3],
  ]).toCsc();
  assert.deepEqual(
    A.toDense().map((r) => [...r]),
    [
      [0, 2],
      [3, 0],
    ],
  );
});
