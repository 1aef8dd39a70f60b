import { availableParallelism } from 'node:os';
import { CscMatrix, solveWithRefinement, sparseLu, type SparseFactorization } from '@opencfp/linalg';
import type { Calculator, Demand } from '../calculator.js';
import type { Database, Exchange, Process, Uncertainty } from '../model.js';
import { buildMatrices } from '../product-system.js';
import { reachableColumns } from '../supply-chain.js';
import { CounterRandom } from './counter-random.js';
import type { KernelData } from './monte-carlo-kernel.js';
import {
  rankContributions,
  type ContributionAnalysis,
  type ContributionInputs,
} from './rank-contributions.js';
import { runMonteCarloKernel } from './run-monte-carlo-kernel.js';
import { encodeUncertainty } from './sample-distribution.js';
import { summarizeSamples, type SampleSummary } from './sample-summary.js';

/** An exchange of the database with an uncertainty distribution: one input of a Monte Carlo run. */
export interface UncertainInput {
  /** Its index among the database's inputs (and in the run's counter-based stream). */
  index: number;
  processId: string;
  processName: string;
  exchangeInternalId: number;
  flowId: string;
  flowName: string;
  /** A: a product or waste exchange linked to a provider; B: an elementary flow. */
  matrix: 'A' | 'B';
  isInput: boolean;
  /** The amount as stated (the exchange's own unit). */
  amount: number;
  uncertainty: Uncertainty;
}

/**
 * What a run reports: `weights` gives each stored entry of B (aligned with `calculator.matrices.B.values`) its
 * contribution per unit, so the target is Σ_q weights[q]·B'[q]·s[column(q)]. For an indicator, the weight of
 * an entry is the characterisation factor of its row ({@link impactTargets}); a carbon footprint whose counting
 * depends on the process (e.g. dLUC tags) gives entry-specific weights.
 */
export interface MonteCarloTarget {
  id: string;
  name?: string;
  unit?: string;
  weights: Float64Array;
}

/** A demand and its targets (one total per target), or several products' intensities of one target. */
export type MonteCarloQuery =
  | { demand: Demand; targets: readonly MonteCarloTarget[] }
  | { products: readonly Demand[]; target: MonteCarloTarget };

/** Options of a run. */
export interface MonteCarloRunOptions {
  /** 1 … 1,000,000. */
  iterations: number;
  /** Equal seeds give equal runs, whatever the number of workers. */
  seed: number;
  /** Worker threads (default: the machine's available parallelism); 0 runs in the calling thread. */
  workers?: number;
  /** Normwise backward error at which the iterative solve stops, default 1e-8 (docs/uncertainty.md: outputs within ~5e-6 relative of an exact solve). */
  tolerance?: number;
  /** GMRES restart length (default 20) and the most steps before a fresh factorization (default 60). */
  restart?: number;
  maxSteps?: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  signal?: AbortSignal;
  /** Iterations per task handed to a worker (does not change results). */
  chunk?: number;
  /** Iterations solved in lockstep by a thread, 1 … 8 (default 8; does not change results). */
  batch?: number;
}

/** One output of a run: a target's total (demand) or a product's intensity. */
export interface MonteCarloOutput {
  id: string;
  name?: string;
  unit?: string;
  /** With every exchange at its stated amount. */
  deterministic: number;
  /** Per iteration (NaN for an iteration whose perturbed system was singular). */
  values: Float64Array;
}

/** How the perturbed systems were solved. */
export interface MonteCarloSolverReport {
  method: 'gmres-preconditioned-by-base-lu';
  tolerance: number;
  /** Order of the system solved (the columns the query reaches). */
  systemSize: number;
  /** Mean and largest Krylov steps per iteration (each: one product with A′ and one LU solve). */
  meanSteps: number;
  maxSteps: number;
  /** Iterations that did not converge within maxSteps and were solved by a fresh factorization. */
  refactorized: number;
  /** Iterations whose perturbed matrix was singular (their outputs are NaN). */
  failed: number;
}

/** The raw outcome of a run. */
export interface MonteCarloRun {
  iterations: number;
  seed: number;
  workers: number;
  outputs: MonteCarloOutput[];
  /** Inputs drawn (those that can change an output); the others cannot and are not drawn. */
  sampled: number;
  solver: MonteCarloSolverReport;
  /** The sampled inputs with a non-degenerate distribution, for {@link rankContributions}. */
  contributionInputs: ContributionInputs;
  milliseconds: { setup: number; iterations: number };
}

/** A contributing input with its names. */
export interface NamedContribution extends UncertainInput {
  correlation: number;
  share: number;
}

/** The statistics of one output. */
export interface MonteCarloOutputSummary extends SampleSummary {
  id: string;
  name?: string;
  unit?: string;
  deterministic: number;
  contributions?: Omit<ContributionAnalysis, 'inputs'> & { inputs: NamedContribution[] };
}

/** A run with its statistics: per output mean, SD, percentiles, histogram and contribution to variance. */
export interface MonteCarloAnalysis {
  iterations: number;
  seed: number;
  workers: number;
  sampled: number;
  solver: MonteCarloSolverReport;
  results: MonteCarloOutputSummary[];
  notes: string[];
  milliseconds: { setup: number; iterations: number; statistics: number };
}

const STREAM = 0;

/** The part of the database a query solves, in the kernel's layout (see `BackgroundMonteCarlo.system`). */
interface QuerySystem {
  R: Int32Array;
  local: Int32Array;
  system: CscMatrix;
  pointers: Int32Array;
  indices: Int32Array;
  layoutValues: Float64Array;
  positionInSystem: Int32Array;
  lu: SparseFactorization;
}

/**
 * Monte Carlo over a whole background database: the exchanges with an uncertainty distribution (lognormal,
 * normal, triangular, uniform, as the readers keep them) are drawn in every iteration, their entries of A and B
 * move with them (an exchange's entries scale with its amount: unit conversion, sign and allocation stay), and
 * the perturbed system A′ s = f (or A′ᵀ m = c′) is solved by GMRES preconditioned with the LU factors of the
 * unperturbed A — factorized once, shared by every iteration and every worker thread — with a fresh
 * factorization only for an iteration that does not converge (counted). Draws are counter-based (seed, input,
 * iteration), so a seed gives the same numbers for any number of workers.
 *
 * Not sampled: parameters of the database (formulas keep their values; an exchange with a formula and a
 * distribution varies around its evaluated amount by the distribution's relative spread), exchanges of cut-off
 * flows (not in the results), and characterisation factors.
 *
 * @example
 * const mc = new BackgroundMonteCarlo(db, calculator);
 * const a = await mc.analyse({ demand: { processId }, targets: impactTargets(calculator) }, { iterations: 1000, seed: 42 });
 * a.results[0].percentiles.p97_5; a.results[0].contributions?.inputs[0];
 */
export class BackgroundMonteCarlo {
  /** Notes about the database's uncertainties (distributions that could not be used, what is not sampled). */
  readonly notes: string[] = [];
  private readonly records: { process: Process; exchange: Exchange; matrix: 'A' | 'B' }[] = [];
  /** Per input: its entries as positions in A's or B's values (matrix 0 A, 1 B) and coefficients. */
  private readonly entryStart: Int32Array;
  private readonly entryMatrix: Uint8Array;
  private readonly entryPosition: Int32Array;
  private readonly entryColumn: Int32Array;
  private readonly entryCoefficient: Float64Array;
  private readonly encoded: { code: Uint8Array; p1: Float64Array; p2: Float64Array; p3: Float64Array };
  private readonly degenerate: Uint8Array;
  private readonly systems = new Map<string, QuerySystem>();

  constructor(
    db: Database,
    readonly calculator: Calculator,
  ) {
    const { matrices } = calculator;
    const inputOf = new Map<Exchange, number>();
    // Entries as they are traced (an exchange's entries come together, inputs in order of first trace).
    const entryInput: number[] = [];
    const entryKind: number[] = [];
    const entryRow: number[] = [];
    const entryColumnTraced: number[] = [];
    const entryValue: number[] = [];
    let unusable = 0;
    const traced = buildMatrices(db, matrices.options, (matrix, row, column, value, process, exchange) => {
      if (!exchange.uncertainty || matrix === 'K') return;
      let input = inputOf.get(exchange);
      if (input === undefined) {
        input = this.records.length;
        inputOf.set(exchange, input);
        this.records.push({ process, exchange, matrix });
      }
      entryInput.push(input);
      entryKind.push(matrix === 'A' ? 0 : 1);
      entryRow.push(row);
      entryColumnTraced.push(column);
      entryValue.push(value);
    });
    if (traced.A.nonZeros !== matrices.A.nonZeros || traced.B.nonZeros !== matrices.B.nonZeros)
      throw new RangeError(
        'BackgroundMonteCarlo: the database gives other matrices than the calculator has; pass the database the calculator was made of',
      );
    // Distributions; an input that cannot be sampled keeps its stated amount (no entries).
    const m = this.records.length;
    const code = new Uint8Array(m);
    const p1 = new Float64Array(m);
    const p2 = new Float64Array(m);
    const p3 = new Float64Array(m);
    const usable = new Uint8Array(m);
    this.degenerate = new Uint8Array(m);
    const problems = new Map<string, number>();
    this.records.forEach(({ exchange }, e) => {
      const encoded = encodeUncertainty(exchange.uncertainty as Uncertainty);
      if (typeof encoded === 'string') {
        problems.set(encoded, (problems.get(encoded) ?? 0) + 1);
        return;
      }
      if (exchange.amount === 0 || !Number.isFinite(exchange.amount)) {
        unusable++;
        return;
      }
      usable[e] = 1;
      code[e] = encoded.code;
      p1[e] = encoded.p1;
      p2[e] = encoded.p2;
      p3[e] = encoded.p3;
      const width = encoded.code === 0 || encoded.code === 1 ? encoded.p2 : encoded.p3 - encoded.p1;
      if (width === 0) this.degenerate[e] = 1;
    });
    this.encoded = { code, p1, p2, p3 };
    for (const [why, count] of problems)
      this.notes.push(
        `${count} exchange${count === 1 ? ' has' : 's have'} a distribution with ${why}: kept at the stated amount`,
      );
    if (unusable > 0)
      this.notes.push(
        `${unusable} exchange${unusable === 1 ? ' has' : 's have'} a distribution but a stated amount of 0: kept at 0 (their entries cannot be scaled)`,
      );
    // Entries by input, as positions in the calculator's A and B.
    const order = Array.from({ length: entryInput.length }, (_, k) => k);
    if (entryInput.some((e, k) => k > 0 && e < entryInput[k - 1]))
      order.sort((x, y) => entryInput[x] - entryInput[y] || x - y);
    this.entryStart = new Int32Array(m + 1);
    const kept = order.filter((k) => usable[entryInput[k]] === 1);
    this.entryMatrix = new Uint8Array(kept.length);
    this.entryPosition = new Int32Array(kept.length);
    this.entryColumn = new Int32Array(kept.length);
    this.entryCoefficient = new Float64Array(kept.length);
    let cancelled = 0;
    let w = 0;
    for (const k of kept) {
      const input = entryInput[k];
      const M = entryKind[k] === 0 ? matrices.A : matrices.B;
      const position = find(M, entryRow[k], entryColumnTraced[k]);
      if (position < 0) {
        cancelled++;
        continue;
      }
      this.entryMatrix[w] = entryKind[k];
      this.entryPosition[w] = position;
      this.entryColumn[w] = entryColumnTraced[k];
      this.entryCoefficient[w] = entryValue[k] / this.records[input].exchange.amount;
      this.entryStart[input + 1] = w + 1;
      w++;
    }
    for (let e = 0; e < m; e++)
      if (this.entryStart[e + 1] < this.entryStart[e]) this.entryStart[e + 1] = this.entryStart[e];
    if (cancelled > 0)
      this.notes.push(
        `${cancelled} matrix entr${cancelled === 1 ? 'y' : 'ies'} of uncertain exchanges cancel out with other exchanges (sum 0) and are not varied`,
      );
    const parameters =
      db.parameters.filter((p) => p.uncertainty).length +
      db.processes.reduce((k, p) => k + p.parameters.filter((x) => x.uncertainty).length, 0);
    if (parameters > 0)
      this.notes.push(
        `${parameters} parameter${parameters === 1 ? ' has' : 's have'} a distribution; parameters of the database are not sampled (their formulas keep their values)`,
      );
  }

  /** The number of exchanges with a distribution. */
  get inputCount(): number {
    return this.records.length;
  }

  /** An input with its names. */
  input(index: number): UncertainInput {
    const { process, exchange, matrix } = this.records[index];
    return {
      index,
      processId: process.id,
      processName: process.name,
      exchangeInternalId: exchange.internalId,
      flowId: exchange.flowId,
      flowName: this.calculator.matrices.units.flow(exchange.flowId)?.name ?? exchange.flowId,
      matrix,
      isInput: exchange.isInput,
      amount: exchange.amount,
      uncertainty: exchange.uncertainty as Uncertainty,
    };
  }

  /**
   * Runs the iterations of a query: per iteration, a total per target (demand) or an intensity per product, in
   * `outputs[k].values`.
   */
  async run(query: MonteCarloQuery, options: MonteCarloRunOptions): Promise<MonteCarloRun> {
    const started = performance.now();
    const iterations = Math.floor(options.iterations);
    if (!(iterations >= 1 && iterations <= 1_000_000))
      throw new RangeError(`iterations must be between 1 and 1,000,000, got ${options.iterations}`);
    if (!Number.isFinite(options.seed))
      throw new RangeError(`seed must be a finite number, got ${options.seed}`);
    const workers = Math.max(0, Math.floor(options.workers ?? availableParallelism()));
    const tolerance = options.tolerance ?? 1e-8;
    const restart = options.restart ?? 20;
    const maxSteps = options.maxSteps ?? 60;
    const { calculator } = this;
    const { B } = calculator.matrices;
    const transposed = 'products' in query;
    const demands = transposed ? query.products : [query.demand];
    const targets = transposed ? [query.target] : query.targets;
    if (targets.length === 0) throw new RangeError('a Monte Carlo query needs at least one target');
    for (const t of targets)
      if (t.weights.length !== B.nonZeros)
        throw new RangeError(
          `target '${t.id}' has ${t.weights.length} weights for the ${B.nonZeros} entries of B`,
        );
    const infos = demands.map((d) => calculator.resolveDemand(d));

    const { R, local, system, pointers, indices, layoutValues, positionInSystem, lu } = this.system(
      infos.map((i) => i.column),
      transposed,
    );
    const size = R.length;
    const Ax = system.values;
    const nnz = Ax.length;

    // Base state: A's values, then c_t = B'ᵀ w_t on the system's columns.
    const T = targets.length;
    const baseState = new Float64Array(nnz + T * size);
    baseState.set(layoutValues);
    targets.forEach((t, k) => {
      const c = baseState.subarray(nnz + k * size, nnz + (k + 1) * size);
      for (let q = 0; q < size; q++) {
        const j = R[q];
        let sum = 0;
        for (let p = B.columnPointers[j]; p < B.columnPointers[j + 1]; p++) sum += t.weights[p] * B.values[p];
        c[q] = sum;
      }
    });

    // Inputs that reach the system, with their entries as state positions (typed arrays sized for the worst case:
    // an input's B entry can become one entry per target).
    const { code, p1, p2, p3 } = this.encoded;
    const records = this.records.length;
    const bound = this.entryStart[records] * Math.max(1, T);
    const selected = new Int32Array(records);
    const starts = new Int32Array(records + 1);
    const positions = new Int32Array(bound);
    const coefficients = new Float64Array(bound);
    let m = 0;
    let w = 0;
    let movesA = false;
    for (let e = 0; e < records; e++) {
      const before = w;
      for (let q = this.entryStart[e]; q < this.entryStart[e + 1]; q++) {
        const column = local[this.entryColumn[q]];
        if (column < 0) continue;
        const coefficient = this.entryCoefficient[q];
        if (this.entryMatrix[q] === 0) {
          const at = positionInSystem[this.entryPosition[q]];
          if (at < 0) continue;
          positions[w] = at;
          coefficients[w++] = coefficient;
          movesA = true;
        } else
          for (let k = 0; k < T; k++) {
            const weight = targets[k].weights[this.entryPosition[q]];
            if (weight === 0) continue;
            positions[w] = nnz + k * size + column;
            coefficients[w++] = weight * coefficient;
          }
      }
      if (w === before) continue;
      selected[m++] = e;
      starts[m] = w;
    }
    // Drawn in the order of the state positions they move, so that the writes walk through memory (the stream
    // index, not the order, decides an input's numbers). Sorted as numbers: position · 2²⁰ + k, exact below 2⁵³.
    const keys = new Float64Array(m);
    for (let k = 0; k < m; k++) keys[k] = positions[starts[k]] * 1048576 + k;
    keys.sort();
    const order = new Int32Array(m);
    for (let k = 0; k < m; k++) order[k] = keys[k] % 1048576;
    if (m > 1048576) order.set(Int32Array.from({ length: m }, (_, k) => k)); // beyond the key's room: as found
    const sortedStarts = new Int32Array(m + 1);
    const sortedPositions = new Int32Array(w);
    const sortedCoefficients = new Float64Array(w);
    for (let at = 0, v = 0; at < m; at++) {
      const k = order[at];
      for (let q = starts[k]; q < starts[k + 1]; q++, v++) {
        sortedPositions[v] = positions[q];
        sortedCoefficients[v] = coefficients[q];
      }
      sortedStarts[at + 1] = v;
    }
    const inputs = Int32Array.from(order, (k) => selected[k]);
    const pick = <A extends Float64Array | Uint8Array>(a: A, make: new (n: number) => A): A => {
      const out = new make(m);
      for (let k = 0; k < m; k++) out[k] = a[inputs[k]];
      return out;
    };

    // The unperturbed solution: where every iteration's solve starts.
    const rhs = new Float64Array(size);
    let start: Float64Array;
    if (transposed) start = lu.solveTransposed(baseState.slice(nnz, nnz + size));
    else {
      const info = infos[0];
      rhs[local[info.column]] = info.isWaste ? -info.amount : info.amount;
      start = solveWithRefinement(system, lu, rhs).x;
    }
    let frobenius = 0;
    for (let p = 0; p < nnz; p++) frobenius += Ax[p] * Ax[p];
    const outputColumns = transposed ? Int32Array.from(infos.map((i) => local[i.column])) : new Int32Array(0);
    const outputs = transposed ? outputColumns.length : T;
    const data: KernelData = {
      mode: transposed ? 'intensities' : 'demand',
      n: size,
      pointers,
      indices,
      baseState,
      targets: T,
      rhs,
      start,
      outputColumns,
      lu: lu.toArrays(),
      code: pick(code, Uint8Array),
      p1: pick(p1, Float64Array),
      p2: pick(p2, Float64Array),
      p3: pick(p3, Float64Array),
      base: Float64Array.from(inputs, (e) => this.records[e].exchange.amount),
      streamIndex: inputs,
      entryStart: sortedStarts,
      entryPosition: sortedPositions,
      entryCoefficient: sortedCoefficients,
      movesA,
      seed: options.seed,
      stream: STREAM,
      tolerance,
      scale: Math.sqrt(frobenius) * norm2(start),
      restart,
      maxSteps,
      batch: Math.max(1, Math.min(8, Math.floor(options.batch ?? 8))),
      out: new Float64Array(iterations * outputs),
      steps: new Int32Array(iterations),
      flags: new Uint8Array(iterations),
    };
    const prepared = performance.now();
    await runMonteCarloKernel(data, iterations, {
      workers,
      onProgress: options.onProgress,
      signal: options.signal,
      chunk: options.chunk,
    });
    const ran = performance.now();

    const result: MonteCarloOutput[] = [];
    for (let k = 0; k < outputs; k++) {
      const v = new Float64Array(iterations);
      for (let t = 0; t < iterations; t++) v[t] = data.out[t * outputs + k];
      if (transposed) {
        const info = infos[k];
        result.push({
          id: `${info.processId}/${info.productId}`,
          name: `${info.processName} — ${info.productName}`,
          unit: `${targets[0].unit ?? targets[0].id} per ${info.unit}`,
          deterministic: start[outputColumns[k]],
          values: v,
        });
      } else {
        const c = baseState.subarray(nnz + k * size, nnz + (k + 1) * size);
        let deterministic = 0;
        for (let q = 0; q < size; q++) deterministic += c[q] * start[q];
        const t = targets[k];
        result.push({ id: t.id, name: t.name, unit: t.unit, deterministic, values: v });
      }
    }
    let steps = 0;
    let most = 0;
    let refactorized = 0;
    let failed = 0;
    for (let t = 0; t < iterations; t++) {
      steps += data.steps[t];
      most = Math.max(most, data.steps[t]);
      if (data.flags[t] === 1) refactorized++;
      if (data.flags[t] === 2) failed++;
    }
    return {
      iterations,
      seed: options.seed,
      workers,
      outputs: result,
      sampled: m,
      solver: {
        method: 'gmres-preconditioned-by-base-lu',
        tolerance,
        systemSize: size,
        meanSteps: steps / iterations,
        maxSteps: most,
        refactorized,
        failed,
      },
      contributionInputs: {
        random: new CounterRandom(options.seed, STREAM),
        indices: selected.subarray(0, m).filter((e) => !this.degenerate[e]),
      },
      milliseconds: { setup: prepared - started, iterations: ran - prepared },
    };
  }

  /**
   * The system a query solves: the columns its roots reach (closed under providers), ascending; A on them in the
   * kernel's layout (by rows for A v, by columns for Aᵀ v) with where each of the calculator's A entries went; and
   * its factorization (the calculator's when the roots reach every column). Kept for the last few queries, so
   * repeated runs of a product do not factorize again.
   */
  private system(roots: readonly number[], transposed: boolean): QuerySystem {
    const key = `${transposed ? 'T' : 'N'}:${[...new Set(roots)].sort((a, b) => a - b).join(',')}`;
    const cached = this.systems.get(key);
    if (cached) return cached;
    const { calculator } = this;
    const { A } = calculator.matrices;
    const n = A.cols;
    const reach = new Uint8Array(n);
    for (const root of roots) if (!reach[root]) for (const j of reachableColumns(A, root)) reach[j] = 1;
    const columns: number[] = [];
    for (let j = 0; j < n; j++) if (reach[j]) columns.push(j);
    const R = Int32Array.from(columns);
    const size = R.length;
    const local = new Int32Array(n).fill(-1);
    R.forEach((j, q) => (local[j] = q));
    const Ap = new Int32Array(size + 1);
    const rows: number[] = [];
    const values: number[] = [];
    const positionInSystem = new Int32Array(A.nonZeros).fill(-1);
    for (let q = 0; q < size; q++) {
      const j = R[q];
      for (let p = A.columnPointers[j]; p < A.columnPointers[j + 1]; p++) {
        const i = local[A.rowIndex[p]];
        if (i < 0) continue;
        positionInSystem[p] = rows.length;
        rows.push(i);
        values.push(A.values[p]);
      }
      Ap[q + 1] = rows.length;
    }
    const Ai = Int32Array.from(rows);
    const Ax = Float64Array.from(values);
    const system = new CscMatrix(size, size, Ap, Ai, Ax);
    // The kernel multiplies by gathering: A v by rows (demand), Aᵀ v by columns (intensities).
    let pointers: Int32Array = Ap;
    let indices: Int32Array = Ai;
    let layoutValues: Float64Array = Ax;
    if (!transposed) {
      const byRows = rowLayout(system);
      pointers = byRows.pointers;
      indices = byRows.indices;
      layoutValues = byRows.values;
      for (let p = 0; p < positionInSystem.length; p++)
        if (positionInSystem[p] >= 0) positionInSystem[p] = byRows.position[positionInSystem[p]];
    }
    let lu: SparseFactorization;
    const whole = calculator.factorization;
    if (size === n && whole && 'toArrays' in whole) lu = whole as SparseFactorization;
    else {
      const f = calculator.factorizeColumns(R); // SingularSystemError naming the products when singular
      lu = 'toArrays' in f ? (f as SparseFactorization) : sparseLu.factorize(system);
    }
    const made: QuerySystem = { R, local, system, pointers, indices, layoutValues, positionInSystem, lu };
    this.systems.set(key, made);
    if (this.systems.size > 4) this.systems.delete(this.systems.keys().next().value as string);
    return made;
  }

  /**
   * A run with its statistics: per output the summary ({@link summarizeSamples}) and, unless `contributions` is
   * false, its contribution to variance by input ({@link rankContributions}, squared Spearman correlations).
   */
  async analyse(
    query: MonteCarloQuery,
    options: MonteCarloRunOptions & { bins?: number; contributions?: boolean; limit?: number },
  ): Promise<MonteCarloAnalysis> {
    const run = await this.run(query, options);
    const started = performance.now();
    const results = run.outputs.map((o): MonteCarloOutputSummary => {
      const summary: MonteCarloOutputSummary = {
        id: o.id,
        name: o.name,
        unit: o.unit,
        deterministic: o.deterministic,
        ...summarizeSamples(o.values, options.bins),
      };
      if (options.contributions !== false) {
        const c = rankContributions(o.values, [run.contributionInputs], { limit: options.limit });
        summary.contributions = {
          ...c,
          inputs: c.inputs.map((x) => ({
            ...this.input(run.contributionInputs.indices[x.input]),
            correlation: x.correlation,
            share: x.share,
          })),
        };
      }
      return summary;
    });
    const notes = [...this.notes];
    if (run.solver.refactorized > 0)
      notes.push(
        `${run.solver.refactorized} of ${run.iterations} iterations did not converge within ${options.maxSteps ?? 60} GMRES steps and were solved by a fresh factorization`,
      );
    if (run.solver.failed > 0)
      notes.push(
        `${run.solver.failed} of ${run.iterations} iterations drew a singular technology matrix and are left out of the statistics`,
      );
    return {
      iterations: run.iterations,
      seed: run.seed,
      workers: run.workers,
      sampled: run.sampled,
      solver: run.solver,
      results,
      notes,
      milliseconds: { ...run.milliseconds, statistics: performance.now() - started },
    };
  }
}

/**
 * One target per indicator of the calculator's impact method: the weight of an entry of B is the characterisation
 * factor of its row.
 *
 * @example
 * const targets = impactTargets(new Calculator(db, { impactMethod: 'ipcc-ar6' }));
 */
export function impactTargets(calculator: Calculator): MonteCarloTarget[] {
  const impact = calculator.impact;
  if (!impact) return [];
  const { B } = calculator.matrices;
  const { C } = impact;
  const rowsOf = impact.indicators.map(() => new Float64Array(B.rows));
  for (let f = 0; f < C.cols; f++)
    for (let p = C.columnPointers[f]; p < C.columnPointers[f + 1]; p++)
      rowsOf[C.rowIndex[p]][f] = C.values[p];
  return impact.indicators.map((c, k) => ({
    id: c.id,
    name: c.name,
    unit: c.unit,
    weights: rowTargetWeights(B, rowsOf[k]),
  }));
}

/**
 * Per-entry weights of a target that weighs every row of B (an elementary flow) the same in every column.
 *
 * @example
 * const co2 = new Float64Array(B.rows); co2[calculator.matrices.elementaryFlows.indexOf('co2')] = 1;
 * const target = { id: 'co2', weights: rowTargetWeights(B, co2) };
 */
export function rowTargetWeights(B: CscMatrix, rowWeights: Float64Array): Float64Array {
  if (rowWeights.length !== B.rows)
    throw new RangeError(`rowTargetWeights: ${rowWeights.length} weights for the ${B.rows} rows of B`);
  const w = new Float64Array(B.nonZeros);
  for (let p = 0; p < w.length; p++) w[p] = rowWeights[B.rowIndex[p]];
  return w;
}

/** A's entries by rows (CSR, columns ascending in each row), and where each CSC position went. */
function rowLayout(A: CscMatrix): {
  pointers: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  position: Int32Array;
} {
  const n = A.rows;
  const nnz = A.nonZeros;
  const pointers = new Int32Array(n + 1);
  for (let p = 0; p < nnz; p++) pointers[A.rowIndex[p] + 1]++;
  for (let i = 0; i < n; i++) pointers[i + 1] += pointers[i];
  const next = pointers.slice(0, n);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const position = new Int32Array(nnz);
  for (let j = 0; j < A.cols; j++)
    for (let p = A.columnPointers[j]; p < A.columnPointers[j + 1]; p++) {
      const at = next[A.rowIndex[p]]++;
      indices[at] = j;
      values[at] = A.values[p];
      position[p] = at;
    }
  return { pointers, indices, values, position };
}

/** Position of (row, column) in a CSC matrix's values, or −1 when it is not stored. */
function find(M: CscMatrix, row: number, column: number): number {
  let lo = M.columnPointers[column];
  let hi = M.columnPointers[column + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = M.rowIndex[mid];
    if (r === row) return mid;
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
