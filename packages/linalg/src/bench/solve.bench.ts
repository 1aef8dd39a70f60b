// Sparse LU on a synthetic ecoinvent-sized technosphere (n = 20,000, seed 42): medians of 5 runs.
// Run with `node scripts/run-bench.mjs solve` after building; options: --n, --seed, --repeats, --rhs.
import { parseArgs } from 'node:util';
import { benchmarkSolve } from '../benchmark-solve.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string' },
    seed: { type: 'string' },
    repeats: { type: 'string' },
    rhs: { type: 'string' },
  },
});
const result = benchmarkSolve({
  n: Number(values.n ?? 20000),
  seed: Number(values.seed ?? 42),
  repeats: Number(values.repeats ?? 5),
  rightHandSides: Number(values.rhs ?? 1000),
});
const r = result;
console.log(JSON.stringify(result, null, 2));
console.log(
  `sparse LU n=${r.n} nnz(A)=${r.nonZeros} nnz(L+U)=${r.factorNonZeros} blocks=${r.blocks} largest=${r.largestBlock} | ` +
    `generate ${r.generateMs?.toFixed(0)} ms, factorize ${r.factorizeMs.toFixed(0)} ms ` +
    `(analyse ${r.phasesMs?.analyse.toFixed(0)}, order ${r.phasesMs?.order.toFixed(0)}, numeric ${r.phasesMs?.factor.toFixed(0)}), ` +
    `solve ${r.solveMs.toFixed(2)} ms, transposed ${r.solveTransposedMs.toFixed(2)} ms, ` +
    `${r.rightHandSides} rhs ${r.manySolvesMs.toFixed(0)} ms | residual ${r.residual.toExponential(1)} ` +
    `(transposed ${r.transposedResidual.toExponential(1)}, backward error ${r.backwardError.toExponential(1)}) | peak rss ${r.peakRssMiB.toFixed(0)} MiB, ` +
    `heap ${r.peakHeapUsedMiB.toFixed(0)} MiB | targets ${r.meetsTargets ? 'met' : 'MISSED'}`,
);
