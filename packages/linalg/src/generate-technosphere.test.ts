import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockTriangularForm } from './block-triangular-form.js';
import { generateTechnosphere } from './generate-technosphere.js';
import { relativeResidual } from './residual.js';
import { sparseLu } from './sparse-lu.js';

const options = { n: 2000, loopSize: 1000, seed: 7 };

test('deterministic: the same seed gives the identical matrix, another seed a different one', () => {
  const A = generateTechnosphere(options);
  const B = generateTechnosphere(options);
  assert.deepEqual(A.columnPointers, B.columnPointers);
  assert.deepEqual(A.rowIndex, B.rowIndex);
  assert.deepEqual(A.values, B.values);
  const C = generateTechnosphere({ ...options, seed: 8 });
  assert.notDeepEqual(A.values, C.values);
});

test('unit diagonal, negative inputs about inputsPerColumn per column, summing to at most 0.5', () => {
  const A = generateTechnosphere(options);
  assert.equal(A.rows, 2000);
  let inputs = 0;
  for (let j = 0; j < A.cols; j++) {
    let sum = 0;
    let diagonal = 0;
    for (let p = A.columnPointers[j]; p < A.columnPointers[j + 1]; p++) {
      if (p > A.columnPointers[j]) assert.ok(A.rowIndex[p] > A.rowIndex[p - 1], 'rows sorted and unique');
      if (A.rowIndex[p] === j) diagonal = A.values[p];
      else {
        assert.ok(A.values[p] < 0);
        sum -= A.values[p];
        inputs++;
      }
    }
    assert.equal(diagonal, 1);
    assert.ok(sum <= 0.5 + 1e-12);
  }
  const average = inputs / A.cols;
  assert.ok(average > 12 && average < 16, `average inputs ${average}`);
});

test('exactly one loop of loopSize processes; everything else acyclic', () => {
  const A = generateTechnosphere(options);
  const btf = blockTriangularForm(A);
  let largest = 0;
  let nonTrivial = 0;
  for (let b = 0; b < btf.blocks; b++) {
    const size = btf.blockPointers[b + 1] - btf.blockPointers[b];
    largest = Math.max(largest, size);
    if (size > 1) nonTrivial++;
  }
  assert.equal(largest, 1000);
  assert.equal(nonTrivial, 1);
  assert.equal(btf.blocks, 1001);
});

test('productive: a non-negative demand needs a non-negative scaling vector', () => {
  const A = generateTechnosphere(options);
  const lu = sparseLu.factorize(A);
  const f = new Float64Array(A.rows);
  f[123] = 1;
  f[1999] = 2;
  const s = lu.solve(f);
  assert.ok(relativeResidual(A, s, f) < 1e-12);
  for (let i = 0; i < s.length; i++) assert.ok(s[i] >= 0, `s[${i}] = ${s[i]}`);
  assert.ok(s[123] >= 1 && s[1999] >= 2);
});

test('small and degenerate sizes', () => {
  assert.equal(generateTechnosphere({ n: 0 }).rows, 0);
  const one = generateTechnosphere({ n: 1, loopSize: 1 });
  assert.deepEqual([...one.values], [1]);
  const noLoop = generateTechnosphere({ n: 50, loopSize: 0 });
  assert.equal(blockTriangularForm(noLoop).blocks, 50);
});
