export { CscMatrix } from './csc-matrix.js';
export { CooMatrix } from './coo-matrix.js';
export type { Factorization, FactorizationStats, FactorizeOptions, MatrixSolver } from './matrix-solver.js';
export { denseLu } from './dense-lu.js';
export { relativeResidual, solveWithRefinement } from './residual.js';
export type { CheckedSolution } from './residual.js';
export { LinalgError, SingularMatrixError, DimensionError, MatrixMarketError } from './errors.js';
