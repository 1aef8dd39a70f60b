import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approximateMinimumDegree } from './approximate-minimum-degree.js';
import { CooMatrix } from './coo-matrix.js';
import type { CscMatrix } from './csc-matrix.js';
import { Random } from './random.js';

/** nnz of the Cholesky factor of the pattern of A + Aᵀ eliminated in `perm` order (by graph elimination). */
function choleskyFill(A: CscMatrix, perm: Int32Array): number {
  const n = A.cols;
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (let j = 0; j < n; j++)
    for (let p = A.columnPointers[j]; p < A.columnPointers[j + 1]; p++) {
      const i = A.rowIndex[p];
      if (i !== j) {
        adj[i].add(j);
        adj[j].add(i);
      }
    }
  const done = new Uint8Array(n);
  let fill = 0;
  for (const v of perm) {
    const nbrs = [...adj[v]].filter((u) => !done[u]);
    fill += nbrs.length;
    for (const a of nbrs) for (const b of nbrs) if (a !== b) adj[a].add(b);
    done[v] = 1;
  }
  return fill;
}

function assertPermutation(perm: Int32Array, n: number): void {
  assert.equal(perm.length, n);
  assert.deepEqual(
    [...perm].sort((a, b) => a - b),
    [...Array(n).keys()],
  );
}

function grid(k: number): CscMatrix {
  const coo = new CooMatrix(k * k, k * k);
  for (let x = 0; x < k; x++)
    for (let y = 0; y < k; y++) {
      const v = x * k + y;
      coo.add(v, v, 4);
      if (x + 1 < k) coo.add(v + k, v, -1);
      if (y + 1 < k) coo.add(v + 1, v, -1);
    }
  return coo.toCsc();
}

test('arrow matrix: the hub is eliminated last, no fill', () => {
  const n = 12;
  const coo = new CooMatrix(n, n);
  for (let i = 0; i < n; i++) {
    coo.add(i, i, 1);
    if (i > 0) {
      coo.add(0, i, 1); // only one triangle given: AMD symmetrises
    }
  }
  const A = coo.toCsc();
  const perm = approximateMinimumDegree(n, A.columnPointers, A.rowIndex);
  assertPermutation(perm, n);
  assert.ok(perm[n - 1] === 0 || perm[n - 2] === 0, 'the hub goes last (or ties with the final leaf)');
  assert.equal(choleskyFill(A, perm), n - 1);
});

test('tridiagonal and tree patterns are ordered without fill', () => {
  const n = 40;
  const path = new CooMatrix(n, n);
  for (let i = 0; i < n; i++) {
    path.add(i, i, 2);
    if (i + 1 < n) path.add(i + 1, i, -1);
  }
  const P = path.toCsc();
  const perm = approximateMinimumDegree(n, P.columnPointers, P.rowIndex);
  assertPermutation(perm, n);
  assert.equal(choleskyFill(P, perm), n - 1);
  const tree = new CooMatrix(n, n);
  for (let i = 1; i < n; i++) tree.add(i, (i - 1) >> 1, 1); // binary tree
  const T = tree.toCsc();
  assert.equal(choleskyFill(T, approximateMinimumDegree(n, T.columnPointers, T.rowIndex)), n - 1);
});

test('grid: far less fill than the natural order (and close to nested-dissection scale)', () => {
  const k = 20;
  const A = grid(k);
  const n = k * k;
  const perm = approximateMinimumDegree(n, A.columnPointers, A.rowIndex);
  assertPermutation(perm, n);
  const natural = Int32Array.from({ length: n }, (_, i) => i);
  const amdFill = choleskyFill(A, perm);
  const bandFill = choleskyFill(A, natural);
  assert.ok(amdFill < 0.6 * bandFill, `AMD ${amdFill} vs natural ${bandFill}`);
});

test('random patterns: a valid permutation with no more fill than natural order (property, fixed seeds)', () => {
  for (let seed = 1; seed <= 25; seed++) {
    const rng = new Random(100 + seed);
    const n = 2 + rng.int(120);
    const coo = new CooMatrix(n, n);
    const m = rng.int(4 * n);
    for (let t = 0; t < m; t++) coo.add(rng.int(n), rng.int(n), 1);
    // plus a few dense rows to exercise dense-row handling
    if (seed % 5 === 0) for (let j = 0; j < n; j++) coo.add(0, j, 1);
    const A = coo.toCsc(true);
    for (const aggressive of [true, false]) {
      const perm = approximateMinimumDegree(n, A.columnPointers, A.rowIndex, {
        aggressive,
        dense: seed % 2 ? 10 : -1,
      });
      assertPermutation(perm, n);
      const natural = Int32Array.from({ length: n }, (_, i) => i);
      assert.ok(choleskyFill(A, perm) <= Math.max(choleskyFill(A, natural), n), `seed ${seed}`);
    }
  }
});

test('dense rows go last; isolated nodes and tiny sizes', () => {
  const n = 400;
  const coo = new CooMatrix(n, n);
  for (let j = 0; j < n; j++) {
    coo.add(7, j, 1);
    if (j + 1 < n && j % 2 === 0) coo.add(j + 1, j, 1);
  }
  const A = coo.toCsc();
  const perm = approximateMinimumDegree(n, A.columnPointers, A.rowIndex);
  assertPermutation(perm, n);
  assert.equal(perm[n - 1], 7);
  assert.deepEqual([...approximateMinimumDegree(0, new Int32Array(1), new Int32Array(0))], []);
  assert.deepEqual([...approximateMinimumDegree(1, new Int32Array(2), new Int32Array(0))], [0]);
  const empty = approximateMinimumDegree(3, new Int32Array(4), new Int32Array(0));
  assertPermutation(empty, 3);
});

test('a random graph with heavy fill runs out of elbow room, compacts the workspace and stays valid', () => {
  // n = 500 with 2000 random edges needs one compaction of iw (checked while developing: the ordering is then
  // identical to one computed with unlimited workspace).
  const n = 500;
  const rng = new Random(n);
  const coo = new CooMatrix(n, n);
  for (let t = 0; t < 4 * n; t++) coo.add(rng.int(n), rng.int(n), 1);
  const A = coo.toCsc(true);
  const perm = approximateMinimumDegree(n, A.columnPointers, A.rowIndex);
  assertPermutation(perm, n);
  const natural = Int32Array.from({ length: n }, (_, i) => i);
  assert.ok(choleskyFill(A, perm) < 0.5 * choleskyFill(A, natural));
});
