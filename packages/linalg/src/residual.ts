import type { CscMatrix } from './csc-matrix.js';
import type { Factorization } from './matrix-solver.js';

/** ‖A x − b‖∞ / ‖b‖∞ (‖A x − b‖∞ alone when b = 0). */
export function relativeResidual(A: CscMatrix, x: Float64Array, b: Float64Array): number {
  const r = A.multiply(x);
  let num = 0;
  let den = 0;
  for (let i = 0; i < r.length; i++) {
    const d = Math.abs(r[i] - b[i]);
    if (d > num) num = d;
    const m = Math.abs(b[i]);
    if (m > den) den = m;
  }
  return den === 0 ? num : num / den;
}

/** Result of a solve with residual check. */
export interface CheckedSolution {
  x: Float64Array;
  /** ‖A x − b‖∞ / ‖b‖∞ of the returned x. */
  residual: number;
  /** Whether one step of iterative refinement was applied (and improved the residual). */
  refined: boolean;
}

/**
 * Solve A x = b with a factorization of A, report the relative residual, and apply one step of iterative
 * refinement (x ← x + A⁻¹(b − A x), using the same factors) when the residual exceeds `threshold`.
 */
export function solveWithRefinement(
  A: CscMatrix,
  factors: Factorization,
  b: Float64Array,
  threshold = 1e-14,
): CheckedSolution {
  const x = factors.solve(b);
  const residual = relativeResidual(A, x, b);
  if (!(residual > threshold)) return { x, residual, refined: false };
  const r = A.multiply(x);
  for (let i = 0; i < r.length; i++) r[i] = b[i] - r[i];
  const dx = factors.solve(r);
  const x2 = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) x2[i] = x[i] + dx[i];
  const residual2 = relativeResidual(A, x2, b);
  if (residual2 < residual) return { x: x2, residual: residual2, refined: true };
  return { x, residual, refined: false };
}
