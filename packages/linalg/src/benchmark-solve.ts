import type { CscMatrix } from './csc-matrix.js';
import { generateTechnosphere } from './generate-technosphere.js';
import type { Factorization, MatrixSolver } from './matrix-solver.js';
import { Random } from './random.js';
import { relativeResidual } from './residual.js';
import { sparseLu } from './sparse-lu.js';
import type { SparseFactorization, SparseLuStats } from './sparse-lu.js';

/** What to benchmark; without `matrix`, a synthetic technosphere of order `n` is generated. */
export interface SolveBenchmarkOptions {
  /** The matrix to factorize (e.g. read from a .mtx file by the caller); overrides n/seed. */
  matrix?: CscMatrix;
  /** Order of the generated matrix. Default 20,000. */
  n?: number;
  /** Loop size of the generated matrix. Default n / 2. */
  loopSize?: number;
  /** Seed of the generated matrix and of the right-hand sides. Default 42. */
  seed?: number;
  /** Repetitions of the whole measurement; medians are reported. Default 5. */
  repeats?: number;
  /** Right-hand sides for the many-solves figure. Default 1,000. */
  rightHandSides?: number;
  /** The solver under test. Default sparseLu. */
  solver?: MatrixSolver;
}

/** Medians over the repeats; milliseconds unless named otherwise. */
export interface SolveBenchmarkResult {
  solver: string;
  source: 'generated' | 'given';
  n: number;
  nonZeros: number;
  repeats: number;
  /** Time to generate the synthetic matrix (null for a given matrix). */
  generateMs: number | null;
  factorizeMs: number;
  /** Phases of the factorization, when the solver reports them. */
  phasesMs: { analyse: number; order: number; factor: number } | null;
  /** One solve A x = b (dense random b), averaged over many. */
  solveMs: number;
  /** One transposed solve Aᵀ y = c, averaged over many. */
  solveTransposedMs: number;
  rightHandSides: number;
  /** All `rightHandSides` solves (in batches of 32 through solveMany when the factorization has it). */
  manySolvesMs: number;
  /** ‖A x − b‖∞ / ‖b‖∞ and the same for the transposed solve. */
  residual: number;
  transposedResidual: number;
  /** Normwise backward error ‖A x − b‖∞ / (‖A‖∞ ‖x‖∞ + ‖b‖∞): about machine epsilon for a stable solve. */
  backwardError: number;
  factorNonZeros: number;
  blocks: number;
  largestBlock: number;
  offDiagonalPivots: number;
  reciprocalPivotGrowth: number | null;
  /** Maxima of process.memoryUsage() sampled during the run, in MiB. */
  peakRssMiB: number;
  peakHeapUsedMiB: number;
  /** The project's goals for n = 20,000 and whether they were met. */
  targets: { factorizeMs: number; solveMs: number; manySolvesMs: number };
  meetsTargets: boolean;
}

/**
 * Factorize-and-solve benchmark of a technosphere matrix: generation, factorization, one solve, one
 * transposed solve, many right-hand sides, residuals, factor size and peak memory, as medians over `repeats`.
 * Synchronous and free of I/O; `cfp bench solve` and `npm run bench` print its result.
 *
 * @example
 * const r = benchmarkSolve({ n: 20000, seed: 42 });
 * console.log(r.factorizeMs, r.solveMs, r.residual);
 */
export function benchmarkSolve(options: SolveBenchmarkOptions = {}): SolveBenchmarkResult {
  const repeats = Math.max(1, Math.floor(options.repeats ?? 5));
  const rightHandSides = Math.max(1, Math.floor(options.rightHandSides ?? 1000));
  const seed = options.seed ?? 42;
  const solver = options.solver ?? sparseLu;
  const memory = new PeakMemory();

  let A = options.matrix;
  const generateTimes: number[] = [];
  if (!A) {
    const n = options.n ?? 20000;
    const loopSize = options.loopSize ?? Math.floor(n / 2);
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      A = generateTechnosphere({ n, loopSize, seed });
      generateTimes.push(performance.now() - t0);
      memory.sample();
    }
  }
  const matrix = A as CscMatrix;
  const n = matrix.rows;
  const rng = new Random(seed + 1);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.next();
  const x = new Float64Array(n);
  const y = new Float64Array(n);

  const factorizeTimes: number[] = [];
  const phases: { analyse: number[]; order: number[]; factor: number[] } = {
    analyse: [],
    order: [],
    factor: [],
  };
  const solveTimes: number[] = [];
  const transposedTimes: number[] = [];
  const manyTimes: number[] = [];
  let factors: Factorization | null = null;
  const batch = 32;
  const batchIn: Float64Array[] = [];
  const batchOut: Float64Array[] = [];
  for (let r = 0; r < repeats; r++) {
    factors = null;
    memory.sample();
    const t0 = performance.now();
    factors = solver.factorize(matrix);
    factorizeTimes.push(performance.now() - t0);
    memory.sample();
    const stats = factors.stats as Partial<SparseLuStats>;
    if (stats.phases) {
      phases.analyse.push(stats.phases.analyse);
      phases.order.push(stats.phases.order);
      phases.factor.push(stats.phases.factor);
    }
    solveTimes.push(timePerCall(() => factors!.solve(b, x)));
    transposedTimes.push(timePerCall(() => factors!.solveTransposed(b, y)));

    if (batchIn.length === 0)
      for (let k = 0; k < Math.min(batch, rightHandSides); k++) {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = rng.next();
        batchIn.push(v);
        batchOut.push(new Float64Array(n));
      }
    const many = 'solveMany' in factors ? (factors as SparseFactorization) : null;
    const t1 = performance.now();
    for (let done = 0; done < rightHandSides; done += batch) {
      const k = Math.min(batch, rightHandSides - done);
      const input = k === batchIn.length ? batchIn : batchIn.slice(0, k);
      const output = k === batchOut.length ? batchOut : batchOut.slice(0, k);
      if (many) many.solveMany(input, output);
      else for (let q = 0; q < k; q++) factors.solve(input[q], output[q]);
    }
    manyTimes.push(performance.now() - t1);
    memory.sample();
  }
  const f = factors as Factorization;
  f.solve(b, x);
  f.solveTransposed(b, y);
  const residual = relativeResidual(matrix, x, b);
  const backwardError = (residual * maxAbs(b)) / (matrix.normInf() * maxAbs(x) + maxAbs(b));
  const transposedResidual = relativeResidual(matrix.transpose(), y, b);
  memory.sample();

  const targets = { factorizeMs: 2000, solveMs: 5, manySolvesMs: 3000 };
  const result: SolveBenchmarkResult = {
    solver: solver.name,
    source: options.matrix ? 'given' : 'generated',
    n,
    nonZeros: matrix.nonZeros,
    repeats,
    generateMs: generateTimes.length ? median(generateTimes) : null,
    factorizeMs: median(factorizeTimes),
    phasesMs: phases.factor.length
      ? { analyse: median(phases.analyse), order: median(phases.order), factor: median(phases.factor) }
      : null,
    solveMs: median(solveTimes),
    solveTransposedMs: median(transposedTimes),
    rightHandSides,
    manySolvesMs: median(manyTimes),
    residual,
    transposedResidual,
    backwardError,
    factorNonZeros: f.stats.factorNonZeros,
    blocks: f.stats.blocks,
    largestBlock: f.stats.largestBlock,
    offDiagonalPivots: f.stats.offDiagonalPivots,
    reciprocalPivotGrowth: f.stats.reciprocalPivotGrowth ?? null,
    peakRssMiB: memory.rss / 1048576,
    peakHeapUsedMiB: memory.heapUsed / 1048576,
    targets,
    meetsTargets: false,
  };
  result.meetsTargets =
    result.factorizeMs <= targets.factorizeMs &&
    result.solveMs <= targets.solveMs &&
    (result.manySolvesMs * 1000) / rightHandSides <= targets.manySolvesMs;
  return result;
}

/** Average time of one call, over as many calls as fit in about 200 ms (at least 3). */
function timePerCall(fn: () => unknown): number {
  fn(); // warm-up
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (calls < 3 || elapsed < 200) {
    fn();
    calls++;
    elapsed = performance.now() - t0;
  }
  return elapsed / calls;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

class PeakMemory {
  rss = 0;
  heapUsed = 0;
  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heapUsed) this.heapUsed = m.heapUsed;
  }
}
