import {
  CscMatrix,
  PreconditionedGmres,
  SingularMatrixError,
  solveWithRefinement,
  sparseFactorizationFromArrays,
  sparseLu,
  type LinearOperator,
  type ManyOperator,
  type SparseFactorization,
  type SparseLuArrays,
} from '@opencfp/linalg';
import { CounterRandom } from './counter-random.js';
import { centralNormalQuantile, normalQuantile, sampleEncoded } from './sample-distribution.js';

/**
 * Everything one Monte Carlo iteration needs, as typed arrays (in SharedArrayBuffers when the run has worker
 * threads: the matrices and factors are shared, not copied). Numbering is the system's own (the columns the
 * query reaches, ascending).
 *
 * The state of an iteration is one vector: A's values (nnz of them), then per target the vector c (c_j: the
 * target's amount per unit of column j's own exchanges, c = B'ᵀ w). Each sampled input moves entries of the
 * state: state[pos] += coef · (x − base) for its entries.
 */
export interface KernelData {
  /** 'demand': A s = f, outputs c_t · s per target. 'intensities': Aᵀ m = c_0, outputs m at `outputColumns`. */
  mode: 'demand' | 'intensities';
  n: number;
  /**
   * A's pattern, laid out so that the product the solve needs is a gather (one sum per vector entry): by rows
   * (demand: A v) or by columns (intensities: Aᵀ v). A's values in the state follow this layout.
   */
  pointers: Int32Array;
  indices: Int32Array;
  /** The state without sampling: A's values, then c per target (targets × n). */
  baseState: Float64Array;
  targets: number;
  /** f (demand mode). */
  rhs: Float64Array;
  /** The unperturbed solution: s (demand) or m (intensities), the start of every iteration's solve. */
  start: Float64Array;
  outputColumns: Int32Array;
  lu: SparseLuArrays;
  /** Inputs: distribution (code, p1, p2, p3), stated amount, index in the counter-based stream. */
  code: Uint8Array;
  p1: Float64Array;
  p2: Float64Array;
  p3: Float64Array;
  base: Float64Array;
  streamIndex: Int32Array;
  /** Entries of input e: entryStart[e] … entryStart[e + 1] − 1, each a state position and a coefficient. */
  entryStart: Int32Array;
  entryPosition: Int32Array;
  entryCoefficient: Float64Array;
  /** Whether any input moves A (otherwise the unperturbed solution is every iteration's). */
  movesA: boolean;
  seed: number;
  stream: number;
  tolerance: number;
  /** ‖A‖_F ‖start‖₂; with ‖b‖₂ added, what the tolerance is relative to (a normwise backward error). */
  scale: number;
  restart: number;
  maxSteps: number;
  /** Iterations solved together (1 … 8): each GMRES step applies the factors to all of their vectors at once. */
  batch: number;
  /** Outputs per iteration (iterations × outputs), Krylov steps and flags (1 refactorized, 2 failed). */
  out: Float64Array;
  steps: Int32Array;
  flags: Uint8Array;
}

/** What a worker (or the calling thread) is asked to do: iterations from … to − 1. */
export interface KernelTask {
  from: number;
  to: number;
}

/**
 * The work of one thread of a Monte Carlo run: for each iteration, draw every input (counter-based, so the draw
 * depends on the seed, the input and the iteration only), move the matrix entries, solve the perturbed system
 * by GMRES preconditioned with the LU factors of the unperturbed A (fresh factorization of the perturbed matrix
 * when it does not converge: flag 1), and write the outputs. Up to eight iterations are solved in lockstep so
 * that the factors are read once per step for all of them; each iteration's arithmetic is the same as alone and
 * each starts from the unperturbed solution, so any split of the iterations among threads gives identical
 * numbers.
 */
export class MonteCarloKernel {
  private readonly lu: SparseFactorization;
  private readonly gmres: PreconditionedGmres;
  private readonly states: Float64Array[];
  private readonly xs: Float64Array[];
  private readonly bs: Float64Array[];
  private readonly applies: LinearOperator[];
  private readonly precondition: ManyOperator;
  private readonly random: CounterRandom;
  private readonly k1: Uint32Array;
  private readonly k2: Uint32Array;
  private readonly scratch = new Float64Array(1);

  constructor(private readonly data: KernelData) {
    const { n } = data;
    const nnz = data.pointers[n];
    this.lu = sparseFactorizationFromArrays(data.lu);
    this.gmres = new PreconditionedGmres(n, data.restart);
    const batch = data.batch;
    this.states = Array.from({ length: batch }, () => new Float64Array(data.baseState.length));
    this.xs = Array.from({ length: batch }, () => new Float64Array(n));
    this.bs = Array.from({ length: batch }, () => new Float64Array(n));
    const transposed = data.mode === 'intensities';
    this.applies = this.states.map((state) => {
      const values = state.subarray(0, nnz);
      return (v: Float64Array, out: Float64Array) => gather(data.pointers, data.indices, values, v, out);
    });
    const lu = this.lu;
    const pad = Array.from({ length: 7 }, () => new Float64Array(n));
    const padOut = Array.from({ length: 7 }, () => new Float64Array(n));
    this.precondition = transposed
      ? (rs, outs) => {
          for (let k = 0; k < rs.length; k++) lu.solveTransposed(rs[k], outs[k]);
        }
      : (rs, outs) => {
          // solveMany reads the factors once per group of eight (four) vectors: pad a group rather than split it.
          const k = rs.length;
          const width = k <= 1 ? k : k <= 4 ? 4 : 8;
          if (width === k) lu.solveMany(rs, outs);
          else lu.solveMany(rs.concat(pad.slice(0, width - k)), outs.concat(padOut.slice(0, width - k)));
        };
    this.random = new CounterRandom(data.seed, data.stream);
    const m = data.code.length;
    this.k1 = new Uint32Array(m);
    this.k2 = new Uint32Array(m);
    for (let e = 0; e < m; e++) [this.k1[e], this.k2[e]] = this.random.inputKeys(data.streamIndex[e]);
  }

  /** Runs iterations from … to − 1, writing `out`, `steps` and `flags` at their indices. */
  run({ from, to }: KernelTask): void {
    const batch = this.data.batch;
    for (let t = from; t < to; t += batch) this.batch(t, Math.min(to, t + batch));
  }

  private batch(from: number, to: number): void {
    const d = this.data;
    const nnz = d.pointers[d.n];
    const count = to - from;
    const transposed = d.mode === 'intensities';
    for (let s = 0; s < count; s++) {
      const state = this.states[s];
      this.draw(from + s, state);
      // The right-hand side: f, or c of the (only) target for intensities.
      if (transposed) this.bs[s].set(state.subarray(nnz, nnz + d.n));
      else this.bs[s].set(d.rhs);
      this.xs[s].set(d.start);
    }
    const steps = new Int32Array(count);
    const flags = new Uint8Array(count);
    if (!d.movesA) {
      // A as factorized: the solution is one solve away (demand mode: the start itself).
      if (transposed) for (let s = 0; s < count; s++) this.lu.solveTransposed(this.bs[s], this.xs[s]);
    } else {
      const options = Array.from({ length: count }, (_, s) => ({
        tolerance: d.tolerance,
        scale: d.scale + norm2(this.bs[s]),
        maxSteps: d.maxSteps,
      }));
      const outcomes = this.gmres.solveBatch(
        this.applies.slice(0, count),
        this.precondition,
        this.bs.slice(0, count),
        this.xs.slice(0, count),
        options,
      );
      outcomes.forEach((o, s) => {
        steps[s] = o.steps;
        if (!o.converged) flags[s] = this.refactorize(s, transposed) ? 1 : 2;
      });
    }
    const outputs = transposed ? d.outputColumns.length : d.targets;
    for (let s = 0; s < count; s++) {
      const t = from + s;
      const x = this.xs[s];
      const state = this.states[s];
      const at = t * outputs;
      if (flags[s] === 2) for (let k = 0; k < outputs; k++) d.out[at + k] = Number.NaN;
      else if (transposed) for (let k = 0; k < outputs; k++) d.out[at + k] = x[d.outputColumns[k]];
      else
        for (let k = 0; k < outputs; k++) {
          const c = nnz + k * d.n;
          let sum = 0;
          for (let j = 0; j < d.n; j++) sum += state[c + j] * x[j];
          d.out[at + k] = sum;
        }
      d.steps[t] = steps[s];
      d.flags[t] = flags[s];
    }
  }

  /** The state of iteration t: the base state with every input's entries moved by its draw. */
  private draw(t: number, state: Float64Array): void {
    const d = this.data;
    const { k1, k2, scratch } = this;
    state.set(d.baseState);
    const [t1, t2] = this.random.iterationKeys(t);
    const { code, p1, p2, p3, base, entryStart, entryPosition, entryCoefficient } = d;
    const m = code.length;
    // The common cases are written out so that the loop keeps its doubles unboxed: a call that is not inlined
    // returns a double as a heap number, and 200,000 draws an iteration would make the collector run every few.
    for (let e = 0; e < m; e++) {
      const c = code[e];
      // counterUniform(k1[e], k2[e], t1, t2), written out (two rounds of triple32).
      let a = k1[e] ^ t1;
      a ^= a >>> 17;
      a = Math.imul(a, 0xed5ad4bb);
      a ^= a >>> 11;
      a = Math.imul(a, 0xac4c1b51);
      a ^= a >>> 15;
      a = Math.imul(a, 0x31848bab);
      a ^= a >>> 14;
      let b = k2[e] ^ t2;
      b ^= b >>> 17;
      b = Math.imul(b, 0xed5ad4bb);
      b ^= b >>> 11;
      b = Math.imul(b, 0xac4c1b51);
      b ^= b >>> 15;
      b = Math.imul(b, 0x31848bab);
      b ^= b >>> 14;
      const u = ((a >>> 5) * 67108864 + (b >>> 6) + 0.5) / 9007199254740992;
      let x = 0;
      if (c <= 1) {
        const q = u - 0.5;
        let z = 0;
        if (Math.abs(q) <= 0.425) z = centralNormalQuantile(q);
        else {
          // Through a Float64Array: a returned double would be boxed, and so every z with it.
          scratch[0] = normalQuantile(u);
          z = scratch[0];
        }
        x = c === 0 ? p3[e] * Math.exp(p1[e] + p2[e] * z) : p1[e] + p2[e] * z;
      } else if (c === 3) x = p1[e] + (p3[e] - p1[e]) * u;
      else {
        scratch[0] = sampleEncoded(c, p1[e], p2[e], p3[e], u);
        x = scratch[0];
      }
      const delta = x - base[e];
      if (delta === 0) continue;
      for (let q = entryStart[e]; q < entryStart[e + 1]; q++)
        state[entryPosition[q]] += entryCoefficient[q] * delta;
    }
  }

  /** A fresh factorization of slot s's perturbed matrix and a direct solve; false when it is singular. */
  private refactorize(s: number, transposed: boolean): boolean {
    const d = this.data;
    const values = Float64Array.from(this.states[s].subarray(0, d.pointers[d.n]));
    // By columns it is A in CSC; by rows, the same arrays are Aᵀ in CSC.
    const stored = new CscMatrix(d.n, d.n, d.pointers, d.indices, values);
    const A = transposed ? stored : stored.transpose();
    const b = this.bs[s];
    try {
      const lu = sparseLu.factorize(A);
      if (transposed) lu.solveTransposed(b, this.xs[s]);
      else this.xs[s].set(solveWithRefinement(A, lu, b).x);
      return true;
    } catch (e) {
      if (e instanceof SingularMatrixError) return false;
      throw e;
    }
  }
}

/** out[i] = Σ values[q]·v[indices[q]] over q in pointers[i] … pointers[i + 1] − 1 (A v by rows, Aᵀ v by columns). */
function gather(
  pointers: Int32Array,
  indices: Int32Array,
  values: Float64Array,
  v: Float64Array,
  out: Float64Array,
): void {
  const n = pointers.length - 1;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let q = pointers[i]; q < pointers[i + 1]; q++) sum += values[q] * v[indices[q]];
    out[i] = sum;
  }
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
