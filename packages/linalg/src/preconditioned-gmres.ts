import { DimensionError } from './errors.js';

/** out = M x for an operator of a {@link PreconditionedGmres} solve (`out` is overwritten). */
export type LinearOperator = (x: Float64Array, out: Float64Array) => void;

/** outs[k] = M⁻¹ xs[k] for several vectors at once (e.g. `SparseFactorization.solveMany`). */
export type ManyOperator = (xs: Float64Array[], outs: Float64Array[]) => void;

/** When a {@link PreconditionedGmres} solve stops. */
export interface GmresOptions {
  /**
   * Stop when ‖b − A x‖₂ ≤ tolerance · scale. Default 1e-10. With `scale` = ‖b‖₂ + ‖A‖_F ‖x‖₂ this is a normwise
   * backward error: the relative change of A and b for which x is exact.
   */
  tolerance?: number;
  /** Default ‖b‖₂. */
  scale?: number;
  /** Most Arnoldi steps in total (operator + preconditioner applications); default 100. */
  maxSteps?: number;
}

/** How a {@link PreconditionedGmres} solve ended. */
export interface GmresOutcome {
  converged: boolean;
  /** Arnoldi steps taken: each is one application of the operator and one of the preconditioner. */
  steps: number;
  /** ‖b − A x‖₂ of the returned x, recomputed from A (not the recursive estimate). */
  residual: number;
  /** The threshold it was compared with: tolerance · scale. */
  threshold: number;
}

/** One system of a batch: its Krylov workspace and where its iteration stands. */
class SystemState {
  /** Krylov vectors and preconditioned directions, allocated when a cycle first reaches them. */
  readonly V: Float64Array[] = [];
  readonly Z: Float64Array[] = [];
  /** Hessenberg matrix, column-major (m + 1) × m. */
  readonly H: Float64Array;
  readonly cs: Float64Array;
  readonly sn: Float64Array;
  readonly g: Float64Array;
  readonly y: Float64Array;
  readonly w: Float64Array;
  /** Krylov vectors of the current cycle (0: a cycle is to start). */
  k = 0;
  steps = 0;
  beta = 0;
  residual = 0;
  threshold = 0;
  active = false;

  constructor(
    private readonly n: number,
    m: number,
  ) {
    this.vector(0);
    this.H = new Float64Array((m + 1) * m);
    this.cs = new Float64Array(m);
    this.sn = new Float64Array(m);
    this.g = new Float64Array(m + 1);
    this.y = new Float64Array(m);
    this.w = new Float64Array(n);
  }

  /** Makes sure V[k] and Z[k] exist (a solve that converges in a few steps never touches the rest). */
  vector(k: number): void {
    while (this.V.length <= k + 1) this.V.push(new Float64Array(this.n));
    while (this.Z.length <= k) this.Z.push(new Float64Array(this.n));
  }
}

/**
 * GMRES(m) with a fixed right preconditioner: solves A x = b as (A M⁻¹) u = b, x = M⁻¹ u, starting from the x it
 * is given. Right preconditioning keeps the true residual b − A x as the quantity minimised, so the stopping test
 * is on what matters. With M the LU factors of a nearby matrix (the unperturbed technosphere of a Monte Carlo
 * run), A M⁻¹ = I + ΔA M⁻¹ has its eigenvalues clustered around 1 and a few steps suffice; the preconditioned
 * directions z = M⁻¹ v are kept (as in flexible GMRES), so a cycle costs no extra preconditioner application.
 *
 * `solveBatch` runs several independent systems (each its own A and b, one M) in lockstep, so that every step
 * applies M⁻¹ to all their vectors at once (`solveMany` reads the factors once per eight vectors, which is where
 * the time goes). Each system's arithmetic is exactly that of solving it alone. The workspace (up to m + 1
 * Krylov vectors and m directions of length n per system) is allocated as steps first need it and kept.
 *
 * @example
 * const lu = sparseLu.factorize(A);                 // the nearby matrix
 * const gmres = new PreconditionedGmres(A.cols, 20);
 * const x = lu.solve(b);                            // a good start
 * const outcome = gmres.solve((v, out) => perturbed.multiply(v, out), (r, out) => lu.solve(r, out), b, x);
 * outcome.converged; outcome.steps;                 // x now solves perturbed · x = b
 */
export class PreconditionedGmres {
  private readonly systems: SystemState[] = [];

  /** `n`: the order of A; `restart`: Krylov vectors kept before a restart (m), default 20. */
  constructor(
    readonly n: number,
    readonly restart = 20,
  ) {
    if (!(Number.isInteger(restart) && restart >= 1))
      throw new RangeError(`restart must be a positive integer, got ${restart}`);
  }

  /**
   * Improves `x` (the start, overwritten with the solution) until ‖b − A x‖₂ ≤ tolerance · scale or `maxSteps`
   * steps were taken. `apply` computes A v, `precondition` M⁻¹ r; neither may keep its arguments.
   */
  solve(
    apply: LinearOperator,
    precondition: LinearOperator,
    b: Float64Array,
    x: Float64Array,
    options: GmresOptions = {},
  ): GmresOutcome {
    const many: ManyOperator = (rs, outs) => {
      for (let k = 0; k < rs.length; k++) precondition(rs[k], outs[k]);
    };
    return this.solveBatch([apply], many, [b], [x], [options])[0];
  }

  /**
   * Solves systems s = 0 … k − 1 (A_s x_s = b_s, `apply[s]` computing A_s v) with one preconditioner, applied to
   * the vectors of all unfinished systems at once. Each x_s is a start and is overwritten with the solution.
   */
  solveBatch(
    apply: readonly LinearOperator[],
    precondition: ManyOperator,
    b: readonly Float64Array[],
    x: readonly Float64Array[],
    options: readonly GmresOptions[],
  ): GmresOutcome[] {
    const { n, restart: m } = this;
    const count = apply.length;
    if (b.length !== count || x.length !== count || options.length !== count)
      throw new DimensionError('gmres: one apply, b, x and options per system');
    for (let s = 0; s < count; s++)
      if (b[s].length !== n || x[s].length !== n) throw new DimensionError('gmres: length mismatch');
    while (this.systems.length < count) this.systems.push(new SystemState(n, m));
    const rows = m + 1;
    const maxSteps = options.map((o) => o.maxSteps ?? 100);
    for (let s = 0; s < count; s++) {
      const st = this.systems[s];
      st.threshold = (options[s].tolerance ?? 1e-10) * (options[s].scale ?? norm(b[s]));
      st.steps = 0;
      st.k = 0;
      st.residual = trueResidual(apply[s], b[s], x[s], st.V[0]);
      st.active = st.residual > st.threshold && maxSteps[s] > 0;
    }
    const inputs: Float64Array[] = [];
    const outputs: Float64Array[] = [];
    const members: number[] = [];
    for (;;) {
      inputs.length = 0;
      outputs.length = 0;
      members.length = 0;
      for (let s = 0; s < count; s++) {
        const st = this.systems[s];
        if (!st.active) continue;
        if (st.k === 0) {
          // A cycle starts: V[0] = r/β (V[0] holds r = b − A x).
          st.beta = st.residual;
          scale(st.V[0], 1 / st.beta);
          st.g.fill(0);
          st.g[0] = st.beta;
        }
        st.vector(st.k);
        inputs.push(st.V[st.k]);
        outputs.push(st.Z[st.k]);
        members.push(s);
      }
      if (members.length === 0) break;
      precondition(inputs, outputs);
      for (const s of members) {
        const st = this.systems[s];
        const { V, Z, H, cs, sn, g, w } = st;
        const k = st.k;
        st.steps++;
        apply[s](Z[k], w);
        // Modified Gram–Schmidt against V[0 … k].
        const hk = k * rows;
        for (let i = 0; i <= k; i++) {
          const h = dot(w, V[i]);
          H[hk + i] = h;
          axpy(w, V[i], -h);
        }
        const hNext = norm(w);
        H[hk + k + 1] = hNext;
        if (hNext > 0) {
          const v = V[k + 1];
          const inv = 1 / hNext;
          for (let t = 0; t < n; t++) v[t] = w[t] * inv;
        }
        // Apply the earlier rotations to the new column, then one that zeroes H[k + 1, k].
        for (let i = 0; i < k; i++) {
          const a = H[hk + i];
          const c = H[hk + i + 1];
          H[hk + i] = cs[i] * a + sn[i] * c;
          H[hk + i + 1] = -sn[i] * a + cs[i] * c;
        }
        const a = H[hk + k];
        const c = H[hk + k + 1];
        const r = Math.hypot(a, c);
        cs[k] = r === 0 ? 1 : a / r;
        sn[k] = r === 0 ? 0 : c / r;
        H[hk + k] = r;
        H[hk + k + 1] = 0;
        g[k + 1] = -sn[k] * g[k];
        g[k] = cs[k] * g[k];
        const estimate = Math.abs(g[k + 1]);
        st.k = k + 1;
        // A lucky breakdown (hNext = 0) means the solution lies in the space built so far.
        if (!(estimate <= st.threshold || hNext === 0 || st.k === m || st.steps >= maxSteps[s])) continue;
        // End of a cycle: x += Z y with y = H⁻¹ g (upper triangular), then the true residual.
        const { y } = st;
        const kk = st.k;
        for (let i = kk - 1; i >= 0; i--) {
          let sum = g[i];
          for (let j = i + 1; j < kk; j++) sum -= H[j * rows + i] * y[j];
          const d = H[i * rows + i];
          y[i] = d === 0 ? 0 : sum / d;
        }
        for (let j = 0; j < kk; j++) axpy(x[s], Z[j], y[j]);
        st.residual = trueResidual(apply[s], b[s], x[s], V[0]);
        st.k = 0;
        // Done, out of steps, or no progress at all (a singular Hessenberg): stop rather than spin.
        if (
          st.residual <= st.threshold ||
          st.steps >= maxSteps[s] ||
          (!(st.residual < st.beta) && estimate >= st.beta)
        )
          st.active = false;
      }
    }
    return this.systems.slice(0, count).map((st) => ({
      converged: st.residual <= st.threshold,
      steps: st.steps,
      residual: st.residual,
      threshold: st.threshold,
    }));
  }
}

/** r = b − A x into `r`; returns ‖r‖₂. */
function trueResidual(apply: LinearOperator, b: Float64Array, x: Float64Array, r: Float64Array): number {
  apply(x, r);
  for (let i = 0; i < r.length; i++) r[i] = b[i] - r[i];
  return norm(r);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
  }
  if (i < n) s0 += a[i] * b[i];
  return s0 + s1;
}

/** ‖a‖₂, scaled so that very large or small entries neither overflow nor underflow. */
function norm(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > max) max = v;
  }
  if (max === 0 || !Number.isFinite(max)) return max;
  let sum = 0;
  const inv = 1 / max;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] * inv;
    sum += v * v;
  }
  return max * Math.sqrt(sum);
}

/** y += α x. */
function axpy(y: Float64Array, x: Float64Array, alpha: number): void {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
}

function scale(x: Float64Array, alpha: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= alpha;
}
