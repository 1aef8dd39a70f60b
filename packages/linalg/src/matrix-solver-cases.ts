import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CooMatrix } from './coo-matrix.js';
import { CscMatrix } from './csc-matrix.js';
import { denseLu } from './dense-lu.js';
import { SingularMatrixError } from './errors.js';
import type { MatrixSolver } from './matrix-solver.js';
import { Random } from './random.js';
import { relativeResidual } from './residual.js';

/**
 * The shared contract of every `MatrixSolver`: registers one test suite (node:test) that any implementation
 * must pass. Cases are hand-computed or compared against the dense reference with fixed seeds.
 *
 * @example
 * matrixSolverCases(sparseLu); // in sparse-lu.test.ts
 */
export function matrixSolverCases(solver: MatrixSolver): void {
  describe(`MatrixSolver contract: ${solver.name}`, () => {
    test('0×0 system', () => {
      const lu = solver.factorize(
        new CscMatrix(0, 0, new Int32Array(1), new Int32Array(0), new Float64Array(0)),
      );
      assert.equal(lu.n, 0);
      assert.equal(lu.solve(new Float64Array(0)).length, 0);
      assert.equal(lu.solveTransposed(new Float64Array(0)).length, 0);
    });

    test('1×1 system', () => {
      const lu = solver.factorize(CscMatrix.fromDense([[4]]));
      assert.deepEqual([...lu.solve(Float64Array.of(2))], [0.5]);
      assert.deepEqual([...lu.solveTransposed(Float64Array.of(-8))], [-2]);
    });

    test('2×2 loop by hand', () => {
      // A = [1 −0.5; −0.2 1], det = 0.9; A⁻¹ = [1 0.5; 0.2 1] / 0.9.
      const A = CscMatrix.fromDense([
        [1, -0.5],
        [-0.2, 1],
      ]);
      const lu = solver.factorize(A);
      assertClose(lu.solve(Float64Array.of(1, 0)), [1 / 0.9, 0.2 / 0.9], 1e-15);
      assertClose(lu.solve(Float64Array.of(0, 1)), [0.5 / 0.9, 1 / 0.9], 1e-15);
      // Aᵀ y = c: (A⁻¹)ᵀ = [1 0.2; 0.5 1] / 0.9.
      assertClose(lu.solveTransposed(Float64Array.of(0, 1)), [0.2 / 0.9, 1 / 0.9], 1e-15);
    });

    test('3×3 loop by hand', () => {
      // Cycle 0 → 1 → 2 → 0 with coefficient −0.5: A⁻¹ = (I + 0.5C + 0.25C²) / (1 − 0.125).
      const A = CscMatrix.fromDense([
        [1, 0, -0.5],
        [-0.5, 1, 0],
        [0, -0.5, 1],
      ]);
      const lu = solver.factorize(A);
      assertClose(lu.solve(Float64Array.of(1, 0, 0)), [1 / 0.875, 0.5 / 0.875, 0.25 / 0.875], 1e-15);
      assertClose(
        lu.solveTransposed(Float64Array.of(1, 0, 0)),
        [1 / 0.875, 0.25 / 0.875, 0.5 / 0.875],
        1e-15,
      );
    });

    test('row swap: zero on the diagonal of a 2×2', () => {
      // [0 1; 2 3] x = [1; 8] → x = [2.5, 1]; [0 2; 1 3] y = [4; 5] → y = [−1, 2].
      const A = CscMatrix.fromDense([
        [0, 1],
        [2, 3],
      ]);
      const lu = solver.factorize(A);
      assert.deepEqual([...lu.solve(Float64Array.of(1, 8))], [2.5, 1]);
      assert.deepEqual([...lu.solveTransposed(Float64Array.of(4, 5))], [-1, 2]);
    });

    test('threshold pivoting: a tiny diagonal is not used as pivot', () => {
      // [1e−10 1; 1 1] x = [1; 2]: x = [1, 1] to about 1e−10; pivoting on 1e−10 would lose ~6 digits.
      const A = CscMatrix.fromDense([
        [1e-10, 1],
        [1, 1],
      ]);
      const lu = solver.factorize(A);
      const b = Float64Array.of(1 + 1e-10, 2);
      assertClose(lu.solve(b), [1, 1], 1e-15);
      assert.ok(relativeResidual(A, lu.solve(b), b) < 1e-15);
    });

    test('permutation matrix: zero diagonal needs a maximum transversal', () => {
      // x = [b2/4, b0/2, b1/3]
      const A = CscMatrix.fromDense([
        [0, 2, 0],
        [0, 0, 3],
        [4, 0, 0],
      ]);
      const lu = solver.factorize(A);
      assert.deepEqual([...lu.solve(Float64Array.of(2, 3, 4))], [1, 1, 1]);
      assert.deepEqual([...lu.solveTransposed(Float64Array.of(4, 2, 3))], [1, 1, 1]);
    });

    test('zero diagonal inside a loop', () => {
      // [0 1 1; 1 0 1; 1 1 0] x = [2; 2; 2] → x = [1, 1, 1]; A is symmetric.
      const A = CscMatrix.fromDense([
        [0, 1, 1],
        [1, 0, 1],
        [1, 1, 0],
      ]);
      const lu = solver.factorize(A);
      assertClose(lu.solve(Float64Array.of(2, 2, 2)), [1, 1, 1], 1e-15);
      assertClose(lu.solve(Float64Array.of(1, 1, 0)), [0, 0, 1], 1e-15);
      assertClose(lu.solveTransposed(Float64Array.of(2, 0, 0)), [-1, 1, 1], 1e-15);
    });

    test('upper and lower triangular (acyclic) systems by hand', () => {
      const U = CscMatrix.fromDense([
        [2, 1, 0],
        [0, 4, -1],
        [0, 0, 5],
      ]);
      const lu = solver.factorize(U);
      assert.deepEqual([...lu.solve(Float64Array.of(3, 3, 5))], [1, 1, 1]);
      // Uᵀ y = [2, 5, 4] → y = [1, 1, 1]
      assert.deepEqual([...lu.solveTransposed(Float64Array.of(2, 5, 4))], [1, 1, 1]);
      const L = U.transpose();
      const lu2 = solver.factorize(L);
      assert.deepEqual([...lu2.solve(Float64Array.of(2, 5, 4))], [1, 1, 1]);
      assert.deepEqual([...lu2.solveTransposed(Float64Array.of(3, 3, 5))], [1, 1, 1]);
    });

    test('LCA chain: a product made from two others (acyclic, unit diagonal)', () => {
      // 1 kg of product 0 needs 2 of product 1 and 3 of product 2; product 1 needs 0.5 of product 2.
      // Scaling for f = [1, 0, 0]: s = [1, 2, 3 + 2·0.5] = [1, 2, 4].
      const A = CscMatrix.fromDense([
        [1, 0, 0],
        [-2, 1, 0],
        [-3, -0.5, 1],
      ]);
      const lu = solver.factorize(A);
      assert.deepEqual([...lu.solve(Float64Array.of(1, 0, 0))], [1, 2, 4]);
    });

    test('block triangular with two loops and coupling, against dense', () => {
      // Loops {0, 3} and {1, 4}; 2 is outside any loop; entries couple the blocks one way only.
      const A = CooMatrix.from(5, 5, [
        [0, 0, 1],
        [3, 0, -0.4],
        [0, 3, -0.3],
        [3, 3, 1],
        [1, 1, 2],
        [4, 1, -1],
        [1, 4, -0.5],
        [4, 4, 1],
        [2, 2, 1],
        [0, 2, -1],
        [1, 2, -2],
        [3, 1, -0.25],
        [0, 4, 0.75],
      ]).toCsc();
      const xTrue = Float64Array.of(1, 2, 3, 4, 5);
      const b = A.multiply(xTrue);
      const lu = solver.factorize(A);
      assertClose(lu.solve(b), [...xTrue], 1e-14);
      const c = A.multiplyTransposed(xTrue);
      assertClose(lu.solveTransposed(c), [...xTrue], 1e-14);
    });

    test('solve writes into out and leaves b alone; out may be b itself', () => {
      const A = CscMatrix.fromDense([
        [2, -1],
        [-1, 2],
      ]);
      const lu = solver.factorize(A);
      const b = Float64Array.of(1, 1);
      const out = new Float64Array(2);
      assert.equal(lu.solve(b, out), out);
      assertClose(out, [1, 1], 1e-15);
      assert.deepEqual([...b], [1, 1]);
      assertClose(lu.solve(b, b), [1, 1], 1e-15);
      assertClose(lu.solveTransposed(b, b), [1, 1], 1e-15);
    });

    test('singular: an all-zero column is reported', () => {
      const A = CscMatrix.fromDense([
        [1, 0, 0],
        [-1, 0, 0],
        [0, 0, 1],
      ]);
      assert.throws(
        () => solver.factorize(A),
        (e: unknown) =>
          e instanceof SingularMatrixError && e.code === 'SINGULAR_MATRIX' && sameSet(e.columns, [1]),
      );
    });

    test('singular: an all-zero row is reported as some column', () => {
      const A = CscMatrix.fromDense([
        [1, -1, 0],
        [0, 0, 0],
        [0, -1, 1],
      ]);
      assert.throws(
        () => solver.factorize(A),
        (e: unknown) => e instanceof SingularMatrixError && e.columns.length >= 1,
      );
    });

    test('singular: numerically, [1 2; 2 4]', () => {
      const A = CscMatrix.fromDense([
        [1, 2],
        [2, 4],
      ]);
      assert.throws(
        () => solver.factorize(A),
        (e: unknown) =>
          e instanceof SingularMatrixError && e.columns.length === 1 && [0, 1].includes(e.columns[0]),
      );
    });

    test('singular: a loop whose inputs cancel its outputs is located', () => {
      // Processes 2 and 3 supply each other exactly what they make: that loop (columns 2, 3) is singular,
      // the rest is fine.
      const A = CscMatrix.fromDense([
        [1, 0, 0, 0],
        [-0.5, 1, 0, 0],
        [0, -1, 1, -1],
        [0, 0, -1, 1],
      ]);
      assert.throws(
        () => solver.factorize(A),
        (e: unknown) =>
          e instanceof SingularMatrixError && e.columns.length === 1 && [2, 3].includes(e.columns[0]),
      );
    });

    test('singular: rounding-level pivots count as zero', () => {
      // Column 2 = 0.1·column 0 + 0.3·column 1 computed in floating point.
      const a = [0.7, 0.2, 0.1];
      const c = [0.3, 0.9, 0.6];
      const A = CscMatrix.fromDense([0, 1, 2].map((i) => [a[i], c[i], 0.1 * a[i] + 0.3 * c[i]]));
      assert.throws(
        () => solver.factorize(A),
        (e: unknown) => e instanceof SingularMatrixError && e.columns.length === 1,
      );
    });

    for (const n of [5, 12, 40, 120, 300]) {
      test(`random productive system n = ${n} agrees with dense LU`, () => {
        const rng = new Random(1000 + n);
        const A = randomProductive(rng, n);
        checkAgainstDense(solver, A, rng);
      });
    }

    for (const n of [6, 30, 150]) {
      test(`random general system n = ${n} (pivoting, zero diagonals) agrees with dense LU`, () => {
        const rng = new Random(2000 + n);
        const A = randomGeneralMatrix(rng, n);
        checkAgainstDense(solver, A, rng);
      });
    }
  });
}

function checkAgainstDense(solver: MatrixSolver, A: CscMatrix, rng: Random): void {
  const n = A.rows;
  const lu = solver.factorize(A);
  const ref = denseLu.factorize(A);
  for (let t = 0; t < 3; t++) {
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) b[i] = t === 0 && i > 0 ? 0 : rng.normal();
    const x = lu.solve(b);
    assert.ok(relativeResidual(A, x, b) <= 1e-10, `residual ${relativeResidual(A, x, b)}`);
    assertRelative(x, ref.solve(b), 1e-12);
    const y = lu.solveTransposed(b);
    const At = A.transpose();
    assert.ok(relativeResidual(At, y, b) <= 1e-10, `transposed residual ${relativeResidual(At, y, b)}`);
    assertRelative(y, ref.solveTransposed(b), 1e-12);
  }
}

/** Unit diagonal, negative inputs summing to at most 0.5 per column, random loops. */
function randomProductive(rng: Random, n: number): CscMatrix {
  const coo = new CooMatrix(n, n);
  for (let j = 0; j < n; j++) {
    coo.add(j, j, 1);
    const k = 1 + rng.int(Math.min(6, n - 1));
    const total = 0.5 * rng.next();
    for (let t = 0; t < k; t++) {
      const i = rng.int(n);
      if (i !== j) coo.add(i, j, -(total / k) * (0.5 + rng.next()));
    }
  }
  return coo.toCsc();
}

/**
 * Well conditioned but needing pivoting: each column is dominated by an entry at a random permutation position
 * (|a| in [1, 2]); the diagonal is missing in a third of the columns, otherwise either 10⁻⁶ times the others
 * (fails the threshold test, forcing an off-diagonal pivot) or comparable to them (kept by threshold pivoting,
 * with modest growth); a few more entries of both signs, at most 0.5 per column in total.
 */
export function randomGeneralMatrix(rng: Random, n: number): CscMatrix {
  const coo = new CooMatrix(n, n);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  for (let j = 0; j < n; j++) {
    coo.add(perm[j], j, (rng.next() < 0.5 ? -1 : 1) * (1 + rng.next()));
    const k = 1 + rng.int(4);
    const share = 0.5 / (k + 1);
    if (rng.next() < 0.66 && perm[j] !== j)
      coo.add(j, j, (rng.next() < 0.5 ? -1 : 1) * share * (rng.next() < 0.5 ? 1e-6 : 0.5 + rng.next()));
    for (let t = 0; t < k; t++) {
      const i = rng.int(n);
      if (i !== perm[j]) coo.add(i, j, (2 * rng.next() - 1) * share);
    }
  }
  return coo.toCsc();
}

function assertClose(actual: Float64Array, expected: number[], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i])),
      `entry ${i}: ${actual[i]} ≠ ${expected[i]}`,
    );
}

/** ‖x − y‖∞ ≤ tolerance · ‖y‖∞ */
function assertRelative(x: Float64Array, y: Float64Array, tolerance: number): void {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    num = Math.max(num, Math.abs(x[i] - y[i]));
    den = Math.max(den, Math.abs(y[i]));
  }
  assert.ok(num <= tolerance * den, `relative difference ${num / den}`);
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
}
