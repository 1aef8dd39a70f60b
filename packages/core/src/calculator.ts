import {
  CscMatrix,
  SingularMatrixError,
  solveWithRefinement,
  sparseLu,
  type Factorization,
  type FactorizationStats,
  type MatrixSolver,
} from '@opencfp/linalg';
import { DiagnosticIndex, type Diagnostic } from './diagnostics.js';
import {
  SingularSystemError,
  UnknownImpactMethodError,
  UnknownProcessError,
  UnknownProductError,
  UnknownTargetError,
  type ProductRef,
} from './errors.js';
import { impactMatrix, type ImpactMatrix } from './impact-matrix.js';
import {
  LciResult,
  type DemandInfo,
  type ResultContext,
  type SolveSystem,
  type Target,
} from './lci-result.js';
import type { Database, ImpactMethod } from './model.js';
import { buildMatrices, type BuildOptions, type LcaMatrices } from './product-system.js';
import { reachableColumns } from './supply-chain.js';

/** The default solver of the calculation: the KLU-style sparse LU of @opencfp/linalg. */
export const defaultSolver: MatrixSolver = sparseLu;

/** Options of a calculation: those of the matrix build, plus solver and impact method. */
export interface CalculationOptions extends BuildOptions {
  /** Factorizes A; default `sparseLu` of @opencfp/linalg. Tests run with every solver. */
  solver?: MatrixSolver;
  /** An impact method, or the id of one in the database: results then carry h = C g. */
  impactMethod?: ImpactMethod | string;
  /**
   * Componentwise backward error max_i |A s − f|_i / (|A| |s| + |f|)_i above which a result carries a
   * RESIDUAL_HIGH warning (default 1e-10). The relative residual ‖A s − f‖∞/‖f‖∞ is reported too, but it
   * grows with the magnitudes in A (USLCI has amounts of 10⁸ kg), so it is a poor alarm on its own.
   */
  backwardErrorTolerance?: number;
}

/** One unit (or `amount` units) of a product of a process; `productId` may be left out when there is one. */
export interface Demand {
  processId: string;
  /** Flow id of the product (or treated waste); default: the process's only or reference product. */
  productId?: string;
  /** In the product's reference unit; default 1. */
  amount?: number;
}

/**
 * The LCA calculation of one database: builds A, B, K (and C) once, factorizes A once, then answers any
 * number of demands with one solve each (A s = f) and any number of contribution queries with one transposed
 * solve per target (Aᵀ m = c).
 *
 * When A of the whole database is singular (some process somewhere cannot be solved), each demand is
 * solved on the part of the database it reaches instead, and its result says so; only a demand that reaches
 * the singular part fails (SingularSystemError naming the processes).
 *
 * @example
 * const calc = new Calculator(db, { allocation: 'physical', impactMethod: 'ipcc-ar6' });
 * const r = calc.calculate({ processId: 'p-frame' });
 * r.inventory; r.impacts; r.cutoff; r.diagnostics;
 * calc.calculateAll(calc.matrices.products.map((p) => ({ processId: p.processId, productId: p.flowId })));
 */
export class Calculator implements ResultContext {
  readonly matrices: LcaMatrices;
  readonly impact: ImpactMatrix | undefined;
  readonly solver: MatrixSolver;
  /** Diagonal of A (each column's net output of its own product per unit scaling). */
  readonly diagonal: Float64Array;
  readonly diagnosticIndex: DiagnosticIndex;
  /** Products that make the whole-database A singular; empty when it factorized. */
  readonly singularProducts: ProductRef[] = [];
  private readonly backwardErrorTolerance: number;
  private readonly full: SolveSystem | undefined;
  private readonly subsystems = new Map<number, SolveSystem>();
  private readonly targets = new Map<string, Target>();
  private readonly directRows = new Map<string, Float64Array>();
  private bTransposed?: CscMatrix;
  private cTransposed?: CscMatrix;

  constructor(db: Database, options: CalculationOptions = {}) {
    const matrices = buildMatrices(db, options);
    let method: ImpactMethod | undefined;
    if (typeof options.impactMethod === 'string') {
      const id = options.impactMethod;
      method = db.impactMethods.find((m) => m.id === id);
      if (!method)
        throw new UnknownImpactMethodError(
          id,
          db.impactMethods.map((m) => m.id),
        );
    } else method = options.impactMethod;
    this.matrices = matrices;
    this.solver = options.solver ?? defaultSolver;
    this.backwardErrorTolerance = options.backwardErrorTolerance ?? 1e-10;
    this.impact = method ? impactMatrix(method, matrices) : undefined;
    this.diagnosticIndex = new DiagnosticIndex([
      ...matrices.diagnostics,
      ...(this.impact?.diagnostics ?? []),
    ]);
    const n = matrices.products.length;
    this.diagonal = new Float64Array(n);
    for (let j = 0; j < n; j++) this.diagonal[j] = matrices.A.get(j, j);
    try {
      this.full = {
        A: matrices.A,
        factorization: this.solver.factorize(matrices.A),
        columns: undefined,
        intensities: new Map(),
        notes: [],
      };
    } catch (e) {
      if (!(e instanceof SingularMatrixError)) throw e;
      this.full = undefined;
      this.singularProducts = this.singularRefs(e.columns, undefined);
    }
  }

  /** All build and impact diagnostics of the database (results carry those relevant to them). */
  get diagnostics(): readonly Diagnostic[] {
    return this.diagnosticIndex.all;
  }

  /**
   * The factorization of the whole database's A, for solves beyond one demand (several demands at once, Aᵀ m = c
   * for any c); undefined when A is singular (each demand is then solved on the part it reaches).
   */
  get factorization(): Factorization | undefined {
    return this.full?.factorization;
  }

  /** Figures of the factorization of the whole-database A (undefined when it is singular). */
  get factorizationStats(): FactorizationStats | undefined {
    return this.full?.factorization.stats;
  }

  /** The column and demand details of a demand, or a clear error. */
  resolveDemand(demand: Demand): DemandInfo {
    const { matrices } = this;
    const process = matrices.processes.get(demand.processId);
    if (!process) throw new UnknownProcessError(demand.processId);
    const columns = matrices.columnsOf(process.id);
    const available = columns.map((j) => matrices.products[j].flowId);
    let column: number | undefined;
    if (demand.productId !== undefined) {
      column = matrices.column(process.id, demand.productId);
      if (column === undefined)
        throw new UnknownProductError(
          process.id,
          demand.productId,
          available,
          `process '${process.name}' (${process.id}) does not provide flow ${demand.productId}`,
        );
    } else if (columns.length === 1) column = columns[0];
    else {
      const reference = process.exchanges.find((e) => e.isReference);
      column = reference ? matrices.column(process.id, reference.flowId) : undefined;
      if (column === undefined)
        throw new UnknownProductError(
          process.id,
          undefined,
          available,
          columns.length === 0
            ? `process '${process.name}' (${process.id}) has no product`
            : `process '${process.name}' (${process.id}) has ${columns.length} products and none is marked as its reference`,
        );
    }
    const p = matrices.products[column];
    return {
      processId: p.processId,
      processName: p.processName,
      productId: p.flowId,
      productName: p.flowName,
      unit: p.unit,
      amount: demand.amount ?? 1,
      isWaste: p.isWaste,
      column,
    };
  }

  /**
   * Solves A s = f for one demand: f has one non-zero, +amount for a product and −amount for a waste-treatment
   * column (whose diagonal is negative, so s stays positive).
   */
  calculate(demand: Demand): LciResult {
    const info = this.resolveDemand(demand);
    const system = this.full ?? this.subsystem(info.column);
    const n = this.matrices.products.length;
    const local = system.columns;
    const size = local ? local.length : n;
    const f = new Float64Array(size);
    const at = local ? indexOf(local, info.column) : info.column;
    f[at] = info.isWaste ? -info.amount : info.amount;
    const solution = solveWithRefinement(system.A, system.factorization, f);
    let s = solution.x;
    if (local) {
      s = new Float64Array(n);
      for (let q = 0; q < local.length; q++) s[local[q]] = solution.x[q];
    }
    const backwardError = componentwiseBackwardError(system.A, solution.x, f);
    const notes: Diagnostic[] = [];
    if (!(backwardError <= this.backwardErrorTolerance))
      notes.push({
        code: 'RESIDUAL_HIGH',
        severity: 'warning',
        message: `the solution of A s = f is inaccurate: componentwise backward error ${backwardError.toExponential(2)} (tolerance ${this.backwardErrorTolerance}), relative residual ${solution.residual.toExponential(2)}. The system is badly conditioned; check for loops with nearly cancelling amounts.`,
        details: { residual: solution.residual, backwardError, refined: solution.refined },
      });
    return new LciResult(
      this,
      info,
      s,
      { residual: solution.residual, backwardError, refined: solution.refined },
      system,
      notes,
    );
  }

  /** One result per demand; A is factorized once for all of them. */
  calculateAll(demands: readonly Demand[]): LciResult[] {
    return demands.map((d) => this.calculate(d));
  }

  /** A flow id of B or an indicator id of the impact method, as a target of contribution queries. */
  target(id: string): Target {
    let t = this.targets.get(id);
    if (t) return t;
    const row = this.matrices.elementaryFlows.indexOf(id);
    if (row >= 0) {
      const r = this.matrices.elementaryRows[row];
      t = { kind: 'flow', index: row, id, name: r.name, unit: r.unit };
    } else {
      const k = this.impact?.indicators.findIndex((c) => c.id === id) ?? -1;
      if (k < 0) throw new UnknownTargetError(id);
      const c = (this.impact as ImpactMatrix).indicators[k];
      t = { kind: 'indicator', index: k, id, name: c.name, unit: c.unit };
    }
    this.targets.set(id, t);
    return t;
  }

  /** c: row k of B for a flow; row k of C B for an indicator (c = Bᵀ C_kᵀ). */
  directRow(target: Target): Float64Array {
    let c = this.directRows.get(target.id);
    if (c) return c;
    const { B } = this.matrices;
    c = new Float64Array(B.cols);
    if (target.kind === 'flow') {
      const bt = (this.bTransposed ??= B.transpose());
      for (let q = bt.columnPointers[target.index]; q < bt.columnPointers[target.index + 1]; q++)
        c[bt.rowIndex[q]] = bt.values[q];
    } else {
      const C = (this.impact as ImpactMatrix).C;
      const ct = (this.cTransposed ??= C.transpose());
      const ck = new Float64Array(B.rows);
      for (let q = ct.columnPointers[target.index]; q < ct.columnPointers[target.index + 1]; q++)
        ck[ct.rowIndex[q]] = ct.values[q];
      B.multiplyTransposed(ck, c);
    }
    this.directRows.set(target.id, c);
    return c;
  }

  /** m with Aᵀ m = c: the total (direct + upstream) of the target per unit of each column's product. */
  intensities(target: Target, system: SolveSystem): Float64Array {
    let m = system.intensities.get(target.id);
    if (m) return m;
    const c = this.directRow(target);
    const local = system.columns;
    if (!local) m = system.factorization.solveTransposed(c);
    else {
      const cl = new Float64Array(local.length);
      for (let q = 0; q < local.length; q++) cl[q] = c[local[q]];
      const ml = system.factorization.solveTransposed(cl);
      m = new Float64Array(c.length);
      for (let q = 0; q < local.length; q++) m[local[q]] = ml[q];
    }
    system.intensities.set(target.id, m);
    return m;
  }

  /** Factorization of A[columns, columns] (`columns` ascending); SingularSystemError naming them if singular. */
  factorizeColumns(columns: Int32Array): Factorization {
    try {
      return this.solver.factorize(principalSubmatrix(this.matrices.A, columns));
    } catch (e) {
      if (!(e instanceof SingularMatrixError)) throw e;
      throw new SingularSystemError(this.singularRefs(e.columns, columns));
    }
  }

  /**
   * The products to name for a singular (sub)system: those with a zero net output of their own product first
   * (the usual cause, and the same whichever solver ran), then the columns the solver found no pivot for.
   */
  private singularRefs(solverColumns: readonly number[], columns: Int32Array | undefined): ProductRef[] {
    const chosen = new Set<number>();
    const all = columns ?? this.matrices.products.map((p) => p.index);
    for (const j of all) if (this.diagonal[j] === 0) chosen.add(j);
    for (const q of solverColumns) chosen.add(columns ? columns[q] : q);
    return [...chosen].map((j) => {
      const p = this.matrices.products[j];
      const ref: ProductRef = {
        processId: p.processId,
        processName: p.processName,
        flowId: p.flowId,
        flowName: p.flowName,
      };
      if (this.diagonal[j] === 0) ref.zeroOutput = true;
      return ref;
    });
  }

  /** The part of A a demand reaches (its supply chain, closed under providers), factorized; cached per column. */
  private subsystem(root: number): SolveSystem {
    const cached = this.subsystems.get(root);
    if (cached) return cached;
    const { A } = this.matrices;
    const columns = reachableColumns(A, root);
    const sub = principalSubmatrix(A, columns);
    let factorization;
    try {
      factorization = this.solver.factorize(sub);
    } catch (e) {
      if (!(e instanceof SingularMatrixError)) throw e;
      throw new SingularSystemError(this.singularRefs(e.columns, columns));
    }
    const system: SolveSystem = {
      A: sub,
      factorization,
      columns,
      intensities: new Map(),
      notes: [
        {
          code: 'SINGULAR_DATABASE',
          severity: 'warning',
          message: `the technology matrix of the whole database is singular (${this.singularProducts
            .slice(0, 5)
            .map((r) => `'${r.processName}' (${r.processId})`)
            .join(
              ', ',
            )}${this.singularProducts.length > 5 ? ', …' : ''}), so this demand was solved on the ${columns.length} process-products its supply chain reaches, which do not include them.`,
          details: { singular: this.singularProducts.slice(0, 100), subsystemSize: columns.length },
        },
      ],
    };
    this.subsystems.set(root, system);
    return system;
  }
}

/**
 * Oettli–Prager backward error max_i |A x − b|_i / (|A| |x| + |b|)_i: the smallest relative change of the
 * entries of A and b for which x is exact (0/0 counts as 0).
 */
function componentwiseBackwardError(A: CscMatrix, x: Float64Array, b: Float64Array): number {
  const r = new Float64Array(A.rows);
  const scale = new Float64Array(A.rows);
  const { columnPointers: p, rowIndex: ri, values: v } = A;
  for (let j = 0; j < A.cols; j++) {
    const xj = x[j];
    if (xj === 0) continue;
    for (let k = p[j]; k < p[j + 1]; k++) {
      r[ri[k]] += v[k] * xj;
      scale[ri[k]] += Math.abs(v[k] * xj);
    }
  }
  let worst = 0;
  for (let i = 0; i < A.rows; i++) {
    const num = Math.abs(r[i] - b[i]);
    if (num === 0) continue;
    const w = num / (scale[i] + Math.abs(b[i]));
    if (!(w <= worst)) worst = w;
  }
  return worst;
}

function indexOf(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return mid;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Sorts rows (and their values) of one column segment; columns of A are short. */
/** The principal submatrix A[columns, columns] of a square matrix (`columns` ascending). */
function principalSubmatrix(A: CscMatrix, columns: Int32Array): CscMatrix {
  const position = new Int32Array(A.cols).fill(-1);
  for (let q = 0; q < columns.length; q++) position[columns[q]] = q;
  const p = new Int32Array(columns.length + 1);
  const ri: number[] = [];
  const v: number[] = [];
  for (let q = 0; q < columns.length; q++) {
    const j = columns[q];
    const start = ri.length;
    for (let k = A.columnPointers[j]; k < A.columnPointers[j + 1]; k++) {
      const i = position[A.rowIndex[k]];
      if (i < 0) continue;
      ri.push(i);
      v.push(A.values[k]);
    }
    sortSegment(ri, v, start, ri.length);
    p[q + 1] = ri.length;
  }
  return new CscMatrix(columns.length, columns.length, p, Int32Array.from(ri), Float64Array.from(v));
}

function sortSegment(ri: number[], v: number[], from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    const r = ri[a];
    const x = v[a];
    let b = a - 1;
    while (b >= from && ri[b] > r) {
      ri[b + 1] = ri[b];
      v[b + 1] = v[b];
      b--;
    }
    ri[b + 1] = r;
    v[b + 1] = x;
  }
}
