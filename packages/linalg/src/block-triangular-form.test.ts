import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockTriangularForm } from './block-triangular-form.js';
import { CooMatrix } from './coo-matrix.js';
import type { CscMatrix } from './csc-matrix.js';
import { CscMatrix as Csc } from './csc-matrix.js';
import { maxTransversal } from './max-transversal.js';
import { Random } from './random.js';

/** A(P, Q) has a zero-free diagonal and no entry below the diagonal blocks. */
function assertBlockTriangular(A: CscMatrix): void {
  const btf = blockTriangularForm(A);
  const n = A.rows;
  assert.equal(btf.structuralRank, n);
  assert.equal(btf.blockPointers[btf.blocks], n);
  const blockOf = new Int32Array(n);
  for (let b = 0; b < btf.blocks; b++)
    for (let k = btf.blockPointers[b]; k < btf.blockPointers[b + 1]; k++) blockOf[k] = b;
  const pinv = new Int32Array(n);
  btf.rowPermutation.forEach((i, k) => (pinv[i] = k));
  assert.deepEqual(
    [...btf.rowPermutation].sort((a, b) => a - b),
    [...Array(n).keys()],
  );
  assert.deepEqual(
    [...btf.columnPermutation].sort((a, b) => a - b),
    [...Array(n).keys()],
  );
  for (let k = 0; k < n; k++) {
    const j = btf.columnPermutation[k];
    assert.notEqual(A.get(btf.rowPermutation[k], j), 0, 'zero-free diagonal');
    for (let p = A.columnPointers[j]; p < A.columnPointers[j + 1]; p++)
      assert.ok(blockOf[pinv[A.rowIndex[p]]] <= blockOf[k], 'no entry below the diagonal blocks');
  }
}

test('maximum transversal of a permutation and of a matrix needing augmenting paths', () => {
  const t = maxTransversal(
    Csc.fromDense([
      [0, 1],
      [1, 0],
    ]),
  );
  assert.deepEqual([...t.columnOfRow], [1, 0]);
  assert.equal(t.matched, 2);
  // Column 0 can only use row 0 (taken by the diagonal of... nothing), columns 1, 2 compete: needs augmenting.
  const A = Csc.fromDense([
    [1, 1, 0],
    [1, 0, 1],
    [0, 1, 0],
  ]);
  const m = maxTransversal(A);
  assert.equal(m.matched, 3);
  for (let i = 0; i < 3; i++) assert.notEqual(A.get(i, m.columnOfRow[i]), 0);
});

test('LCA-like example: two loops and acyclic processes in block upper triangular order', () => {
  // Loops {0, 3} and {1, 4}; 2 uses both.
  const A = CooMatrix.from(5, 5, [
    [0, 0, 1],
    [3, 0, -0.4],
    [0, 3, -0.3],
    [3, 3, 1],
    [1, 1, 1],
    [4, 1, -1],
    [1, 4, -0.5],
    [4, 4, 1],
    [2, 2, 1],
    [0, 2, -1],
    [1, 2, -2],
  ]).toCsc();
  const btf = blockTriangularForm(A);
  assert.equal(btf.blocks, 3);
  const sizes = [...Array(btf.blocks).keys()].map((b) => btf.blockPointers[b + 1] - btf.blockPointers[b]);
  assert.deepEqual(sizes, [2, 2, 1]);
  assert.equal(btf.rowPermutation[4], 2, 'the consumer of both loops comes last');
  assertBlockTriangular(A);
});

test('random sparse matrices: valid block triangular form (property, fixed seeds)', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const rng = new Random(seed);
    const n = 1 + rng.int(60);
    const coo = new CooMatrix(n, n);
    const perm = [...Array(n).keys()].sort(() => rng.next() - 0.5);
    for (let j = 0; j < n; j++) coo.add(perm[j], j, 1 + rng.next());
    const extra = rng.int(3 * n);
    for (let t = 0; t < extra; t++) coo.add(rng.int(n), rng.int(n), rng.normal());
    assertBlockTriangular(coo.toCsc());
  }
});

test('structurally singular: the unmatched column is reported', () => {
  const btf = blockTriangularForm(
    Csc.fromDense([
      [1, 1, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]),
  );
  assert.equal(btf.structuralRank, 2);
  assert.deepEqual(btf.unmatchedColumns, [2]);
});

test('a 200,000-process chain and cycle run without recursion limits', () => {
  const n = 200000;
  const chain = new CooMatrix(n, n, 2 * n);
  for (let j = 0; j < n; j++) {
    chain.add(j, j, 1);
    chain.add((j + 1) % n, j, -0.5); // one loop through everything
  }
  const btf = blockTriangularForm(chain.toCsc());
  assert.equal(btf.blocks, 1);
  const path = new CooMatrix(n, n, 2 * n);
  for (let j = 0; j < n; j++) {
    path.add(j, j, 1);
    if (j + 1 < n) path.add(j + 1, j, -0.5);
  }
  assert.equal(blockTriangularForm(path.toCsc()).blocks, n);
  // Anti-diagonal: every column needs the transversal.
  const anti = new CooMatrix(n, n, n);
  for (let j = 0; j < n; j++) anti.add(n - 1 - j, j, 1);
  assert.equal(maxTransversal(anti.toCsc()).matched, n);
});
