import { describe, test } from 'node:test';
import { denseLu, sparseLu, type MatrixSolver } from '@opencfp/linalg';
import { calculationCases } from './test-support/calculation-cases.js';

// One shared case list, run with every solver: the sparse solver must agree with the dense reference.
const solvers: MatrixSolver[] = [denseLu, sparseLu];

for (const solver of solvers) {
  describe(`calculation with ${solver.name}`, () => {
    for (const c of calculationCases) test(c.name, () => c.run(solver));
  });
}
