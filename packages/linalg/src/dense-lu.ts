import type { CscMatrix } from './csc-matrix.js';
import { DimensionError, SingularMatrixError } from './errors.js';
import type { Factorization, FactorizationStats, FactorizeOptions, MatrixSolver } from './matrix-solver.js';

/**
 * Dense LU with partial pivoting (P A = L U), O(n³). The reference solver for small systems and tests:
 * the sparse solvers must agree with it.
 *
 * @example
 * const lu = denseLu.factorize(A);
 * const x = lu.solve(b);
 */
export const denseLu: MatrixSolver = {
  name: 'dense-lu',
  factorize(A: CscMatrix, _options?: FactorizeOptions): Factorization {
    const started = performance.now();
    if (A.rows !== A.cols) throw new DimensionError(`LU needs a square matrix, got ${A.rows}×${A.cols}`);
    const n = A.rows;
    // Row-major copy; LU overwrites it (L below the diagonal with implicit unit diagonal, U on and above).
    const lu = new Float64Array(n * n);
    for (let j = 0; j < n; j++)
      for (let k = A.columnPointers[j]; k < A.columnPointers[j + 1]; k++)
        lu[A.rowIndex[k] * n + j] = A.values[k];
    // A pivot is numerically zero relative to its own column, not to ‖A‖: LCA columns differ in scale by 10¹⁰.
    const columnScale = new Float64Array(n);
    for (let j = 0; j < n; j++)
      for (let k = A.columnPointers[j]; k < A.columnPointers[j + 1]; k++)
        columnScale[j] = Math.max(columnScale[j], Math.abs(A.values[k]));
    const perm = new Int32Array(n); // perm[i] = original row now at position i
    for (let i = 0; i < n; i++) perm[i] = i;
    const singular: number[] = [];
    for (let k = 0; k < n; k++) {
      let p = k;
      let max = Math.abs(lu[k * n + k]);
      for (let i = k + 1; i < n; i++) {
        const a = Math.abs(lu[i * n + k]);
        if (a > max) {
          max = a;
          p = i;
        }
      }
      if (max === 0 || max <= columnScale[k] * n * Number.EPSILON) {
        singular.push(k);
        continue;
      }
      if (p !== k) {
        for (let j = 0; j < n; j++) {
          const t = lu[k * n + j];
          lu[k * n + j] = lu[p * n + j];
          lu[p * n + j] = t;
        }
        const t = perm[k];
        perm[k] = perm[p];
        perm[p] = t;
      }
      const pivot = lu[k * n + k];
      for (let i = k + 1; i < n; i++) {
        const l = (lu[i * n + k] /= pivot);
        if (l === 0) continue;
        for (let j = k + 1; j < n; j++) lu[i * n + j] -= l * lu[k * n + j];
      }
    }
    if (singular.length > 0) throw new SingularMatrixError(singular);
    const stats: FactorizationStats = {
      n,
      nonZeros: A.nonZeros,
      factorNonZeros: n * n,
      blocks: 1,
      largestBlock: n,
      offDiagonalPivots: 0,
      milliseconds: performance.now() - started,
    };
    return {
      n,
      stats,
      solve(b: Float64Array, out = new Float64Array(n)): Float64Array {
        if (b.length !== n) throw new DimensionError('solve: length mismatch');
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = b[perm[i]];
          for (let j = 0; j < i; j++) s -= lu[i * n + j] * y[j];
          y[i] = s;
        }
        for (let i = n - 1; i >= 0; i--) {
          let s = y[i];
          for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * out[j];
          out[i] = s / lu[i * n + i];
        }
        return out;
      },
      solveTransposed(c: Float64Array, out = new Float64Array(n)): Float64Array {
        // Aᵀ = Uᵀ Lᵀ P: solve Uᵀ z = c, Lᵀ w = z, then y = Pᵀ w.
        if (c.length !== n) throw new DimensionError('solveTransposed: length mismatch');
        const z = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = c[i];
          for (let j = 0; j < i; j++) s -= lu[j * n + i] * z[j];
          z[i] = s / lu[i * n + i];
        }
        for (let i = n - 1; i >= 0; i--) {
          let s = z[i];
          for (let j = i + 1; j < n; j++) s -= lu[j * n + i] * z[j];
          z[i] = s;
        }
        for (let i = 0; i < n; i++) out[perm[i]] = z[i];
        return out;
      },
    };
  },
};
