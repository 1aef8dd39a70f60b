import type { CscMatrix } from './csc-matrix.js';

/** Figures a factorization reports about itself (for benchmarks and diagnostics). */
export interface FactorizationStats {
  n: number;
  /** Non-zeros of A. */
  nonZeros: number;
  /** Non-zeros stored in L and U (including the diagonal). */
  factorNonZeros: number;
  /** Diagonal blocks of the block triangular form and the size of the largest. */
  blocks: number;
  largestBlock: number;
  /** Pivots taken off the diagonal because the diagonal failed the threshold test. */
  offDiagonalPivots: number;
  /** Estimate of the reciprocal pivot growth/condition, when computed. */
  reciprocalPivotGrowth?: number;
  milliseconds: number;
}

/**
 * A factorized square matrix A: solve A x = b and Aᵀ y = c for as many right-hand sides as needed.
 * Factorize once, solve many times; A is never inverted.
 */
export interface Factorization {
  readonly n: number;
  readonly stats: FactorizationStats;
  /** x with A x = b. `out` may be given to avoid an allocation; b is not modified. */
  solve(b: Float64Array, out?: Float64Array): Float64Array;
  /** y with Aᵀ y = c. */
  solveTransposed(c: Float64Array, out?: Float64Array): Float64Array;
}

/** Options every solver understands; a solver may ignore what does not apply to it. */
export interface FactorizeOptions {
  /** Threshold partial pivoting: keep the diagonal when |a_jj| ≥ tolerance · max|a_ij| (0 < t ≤ 1). */
  pivotTolerance?: number;
}

/** The seam between the LCA calculation and the numerics: anything that can factorize a square sparse matrix. */
export interface MatrixSolver {
  readonly name: string;
  factorize(A: CscMatrix, options?: FactorizeOptions): Factorization;
}
