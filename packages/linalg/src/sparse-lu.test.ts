import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CooMatrix } from './coo-matrix.js';
import { matrixSolverCases } from './matrix-solver-cases.js';
import { Random } from './random.js';
import { relativeResidual } from './residual.js';
import { createSparseLu, sparseLu } from './sparse-lu.js';

matrixSolverCases(sparseLu);
matrixSolverCases(createSparseLu({ btf: false, ordering: 'natural' }, 'sparse-lu (no BTF, natural order)'));
matrixSolverCases(createSparseLu({ btf: false }, 'sparse-lu (no BTF, AMD)'));
matrixSolverCases(createSparseLu({ ordering: 'natural', scaling: 'none' }, 'sparse-lu (BTF, natural order, unscaled)'));
matrixSolverCases(createSparseLu({ pivotTolerance: 1 }, 'sparse-lu (strict partial pivoting)'));
