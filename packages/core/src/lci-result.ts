import type { CscMatrix, Factorization } from '@opencfp/linalg';
import type { Diagnostic, DiagnosticIndex } from './diagnostics.js';
import type { ImpactMatrix } from './impact-matrix.js';
import { negativeScalingDiagnostics } from './negative-scaling.js';
import type { LcaMatrices } from './product-system.js';
import { reachableColumns } from './supply-chain.js';
import { UpstreamTree } from './upstream-tree.js';

/** What was calculated: `amount` of product `productId` of process `processId`, in `unit`. */
export interface DemandInfo {
  processId: string;
  processName: string;
  productId: string;
  productName: string;
  unit: string;
  /** Amount of the product (of the treated waste, for a waste-treatment column), positive. */
  amount: number;
  isWaste: boolean;
  /** Column of A. */
  column: number;
}

/** One elementary flow of the inventory: + release to the environment, − extraction from it. */
export interface InventoryEntry {
  flowId: string;
  name: string;
  category: string;
  unit: string;
  amount: number;
}

/** Supply-chain total of an input (or waste output) no process provides; negative: an input the system needs. */
export interface CutoffEntry {
  flowId: string;
  name: string;
  unit: string;
  flowType: 'product' | 'waste' | 'elementary';
  amount: number;
}

export interface ImpactEntry {
  indicatorId: string;
  name: string;
  unit: string;
  amount: number;
}

/** A process-product's share of a target (a flow or an indicator). */
export interface Contribution {
  column: number;
  processId: string;
  processName: string;
  productId: string;
  productName: string;
  amount: number;
  /** amount / total of the target (0 when the total is 0). */
  share: number;
}

/** An elementary flow's share of an indicator: C_kf · g_f. */
export interface FlowContribution {
  flowId: string;
  name: string;
  category: string;
  unit: string;
  /** Inventory amount g_f. */
  inventory: number;
  /** Characterisation factor per reference unit, as the method states it (applied to |g_f| for inputs). */
  factor: number;
  amount: number;
  share: number;
}

/** Direct contributions summed per process tag. */
export interface TagGroup {
  tag: string;
  amount: number;
  share: number;
  /** Process-products with a non-zero contribution in the group. */
  products: number;
}

/** The scaling factor of one process-product. */
export interface ScalingEntry {
  processId: string;
  productId: string;
  scaling: number;
}

/** A result query's subject: an elementary flow (row of B) or an indicator (row of C). */
export type Target =
  | { kind: 'flow'; index: number; id: string; name: string; unit: string }
  | { kind: 'indicator'; index: number; id: string; name: string; unit: string };

/** The system a result was solved on: the whole database, or the part the demand reaches. */
export interface SolveSystem {
  /** A of this system (a principal submatrix of the database's A when `columns` is set). */
  A: CscMatrix;
  factorization: Factorization;
  /** Database column of each local column; undefined: the whole database. */
  columns: Int32Array | undefined;
  /** Intensities per target id (database-sized vectors). */
  intensities: Map<string, Float64Array>;
  /** Diagnostics every result on this system carries (e.g. why a sub-system was used). */
  notes: Diagnostic[];
}

/** What a result needs from its calculator. */
export interface ResultContext {
  readonly matrices: LcaMatrices;
  readonly impact: ImpactMatrix | undefined;
  readonly diagonal: Float64Array;
  readonly diagnosticIndex: DiagnosticIndex;
  target(id: string): Target;
  /** c: per unit scaling of each column, its direct contribution to the target. */
  directRow(target: Target): Float64Array;
  /** m with Aᵀ m = c on `system` (cached per system and target). */
  intensities(target: Target, system: SolveSystem): Float64Array;
  /** Factorization of A[columns, columns] (`columns` ascending). */
  factorizeColumns(columns: Int32Array): Factorization;
}

/** Plain-JSON form of a result (what `cfp lci --format json` prints). */
export interface LciResultJson {
  processId: string;
  processName: string;
  productId: string;
  productName: string;
  unit: string;
  amount: number;
  inventory: InventoryEntry[];
  impacts?: ImpactEntry[];
  cutoff: CutoffEntry[];
  diagnostics: Diagnostic[];
  residual: number;
  backwardError: number;
  scaling: ScalingEntry[];
}

const byMagnitude = <T extends { amount: number }>(x: T, y: T): number =>
  Math.abs(y.amount) - Math.abs(x.amount);

/**
 * The life-cycle inventory (and impacts) of one demand. s from A s = f, g = B s, h = C g, cut-off totals K s.
 * Entry lists are built on first access, so solving many demands stays cheap; vectors are always there.
 *
 * @example
 * const r = calculator.calculate({ processId: 'p-frame' });
 * r.inventory;                      // [{ flowId: 'co2', amount: 24.57, unit: 'kg', … }, …]
 * r.upstreamTotals('co2');          // per process-product, direct + upstream
 * JSON.stringify(r);                // plain data (toJSON)
 */
export class LciResult {
  /** s: scaling factor per column of A (database-sized). */
  readonly scaling: Float64Array;
  /** g = B s: per elementary flow (rows of B). */
  readonly inventoryVector: Float64Array;
  /** h = C g: per indicator, when an impact method was given. */
  readonly impactVector: Float64Array | undefined;
  /** K s: per cut-off flow (rows of K). */
  readonly cutoffVector: Float64Array;
  /** ‖A s − f‖∞ / ‖f‖∞ of the solve. */
  readonly residual: number;
  /** max_i |A s − f|_i / (|A| |s| + |f|)_i: relative perturbation of the data that makes s exact. */
  readonly backwardError: number;
  /** Whether a step of iterative refinement was applied. */
  readonly refined: boolean;
  private inventoryList?: InventoryEntry[];
  private cutoffList?: CutoffEntry[];
  private diagnosticList?: Diagnostic[];

  constructor(
    private readonly context: ResultContext,
    readonly demand: DemandInfo,
    s: Float64Array,
    accuracy: { residual: number; backwardError: number; refined: boolean },
    private readonly system: SolveSystem,
    private readonly notes: Diagnostic[],
  ) {
    const { B, K } = context.matrices;
    this.scaling = s;
    this.residual = accuracy.residual;
    this.backwardError = accuracy.backwardError;
    this.refined = accuracy.refined;
    this.inventoryVector = B.multiply(s);
    this.impactVector = context.impact ? context.impact.C.multiply(this.inventoryVector) : undefined;
    this.cutoffVector = K.multiply(s);
  }

  /** Non-zero inventory entries, in the order of the rows of B. */
  get inventory(): InventoryEntry[] {
    this.inventoryList ??= nonZero(
      this.inventoryVector,
      this.context.matrices.elementaryRows,
      (r, amount) => ({
        flowId: r.flowId,
        name: r.name,
        category: r.category,
        unit: r.unit,
        amount,
      }),
    );
    return this.inventoryList;
  }

  /** Indicator results, when the calculation has an impact method. */
  get impacts(): ImpactEntry[] | undefined {
    const impact = this.context.impact;
    const h = this.impactVector;
    if (!impact || !h) return undefined;
    return impact.indicators.map((c, k) => ({ indicatorId: c.id, name: c.name, unit: c.unit, amount: h[k] }));
  }

  /** Non-zero supply-chain totals of cut-off flows. */
  get cutoff(): CutoffEntry[] {
    this.cutoffList ??= nonZero(this.cutoffVector, this.context.matrices.cutoffRows, (r, amount) => ({
      flowId: r.flowId,
      name: r.name,
      unit: r.unit,
      flowType: r.flowType,
      amount,
    }));
    return this.cutoffList;
  }

  /**
   * Diagnostics relevant to this result: those of every process it scales (multi-provider choices,
   * allocation, units, formulas…), general ones (impact factors), a summary of the cut-off flows, negative
   * scaling and non-productive loops, and a high residual.
   */
  get diagnostics(): Diagnostic[] {
    if (!this.diagnosticList) this.diagnosticList = this.collectDiagnostics();
    return this.diagnosticList;
  }

  private collectDiagnostics(): Diagnostic[] {
    const { matrices, diagnosticIndex } = this.context;
    const out: Diagnostic[] = [...this.system.notes, ...this.notes];
    const s = this.scaling;
    const seen = new Set<string>();
    for (let j = 0; j < s.length; j++) {
      if (s[j] === 0) continue;
      const processId = matrices.products[j].processId;
      if (seen.has(processId)) continue;
      seen.add(processId);
      // Per-process cut-offs are summarised below, with their totals in `cutoff`.
      for (const d of diagnosticIndex.of(processId)) if (d.code !== 'CUT_OFF') out.push(d);
    }
    out.push(...diagnosticIndex.general);
    const cutoff = this.cutoff;
    if (cutoff.length > 0)
      out.push({
        code: 'CUT_OFF_FLOWS',
        severity: 'warning',
        message: `${cutoff.length} input${cutoff.length === 1 ? ' has' : 's have'} no provider in the database and ${cutoff.length === 1 ? 'is' : 'are'} cut off: left out of the inventory; their supply-chain totals are listed under cutoff. Add providers for them to include their burdens.`,
        details: { count: cutoff.length },
      });
    out.push(...negativeScalingDiagnostics(s, this.demand.column, matrices));
    return out;
  }

  /** The matrices of the database this result was calculated on: process-products, elementary rows, A, B, K. */
  get matrices(): LcaMatrices {
    return this.context.matrices;
  }

  /**
   * Calls `visit(column, row, amount)` for each non-zero B_ij · s_j: the elementary flow of row i of B that
   * process-product j releases (+) or takes (−) itself, under this result's scaling s or another vector (e.g.
   * one part from {@link supplyChainScaling}).
   *
   * @example
   * result.forEachDirectFlow((j, i, amount) => perColumn[j] += factor[i] * amount);
   */
  forEachDirectFlow(visit: (column: number, row: number, amount: number) => void, s = this.scaling): void {
    const { B } = this.context.matrices;
    for (let j = 0; j < B.cols; j++) {
      const sj = s[j];
      if (sj === 0) continue;
      for (let q = B.columnPointers[j]; q < B.columnPointers[j + 1]; q++) {
        const v = B.values[q] * sj;
        if (v !== 0) visit(j, B.rowIndex[q], v);
      }
    }
  }

  /**
   * Splits the scaling vector by supply chain among groups of process-products (life-cycle stages, packaging):
   * s = Σ_g s_g. A column with a group label keeps its own scaling in its group. The unlabelled columns U of the
   * supply chain are shared among the groups by what each group's columns take from them:
   * A_UU x_g = −A_{U,P_g} s_{P_g} (one factorization of A_UU, one solve per group), and what the reference
   * demand itself takes from U (f_U) goes to `unassigned`. The parts sum to s exactly (up to rounding), so
   * every total computed from them (B s_g, C B s_g) sums to the result's total. A is never inverted.
   *
   * @example
   * const parts = result.supplyChainScaling((j) => stageOf(result.matrices.products[j].processId));
   * for (const [stage, s] of parts) result.forEachDirectFlow((j, i, g) => ..., s);
   */
  supplyChainScaling(
    groupOf: (column: number) => string | undefined,
    unassigned = 'unassigned',
  ): Map<string, Float64Array> {
    const { A } = this.context.matrices;
    const s = this.scaling;
    const n = s.length;
    const root = this.demand.column;
    const reached = reachableColumns(A, root);
    const label = new Map<number, string>();
    const unlabelled: number[] = [];
    for (const j of reached) {
      const g = groupOf(j);
      if (g === undefined) unlabelled.push(j);
      else label.set(j, g);
    }
    const parts = new Map<string, Float64Array>();
    const part = (g: string) => {
      let v = parts.get(g);
      if (!v) parts.set(g, (v = new Float64Array(n)));
      return v;
    };
    for (const [j, g] of label) part(g)[j] = s[j];
    if (unlabelled.length === 0) return parts;
    const U = Int32Array.from(unlabelled);
    if (label.size === 0) {
      const v = part(unassigned);
      for (const u of U) v[u] = s[u];
      return parts;
    }
    const position = new Int32Array(n).fill(-1);
    for (let q = 0; q < U.length; q++) position[U[q]] = q;
    // Right-hand sides: d_g = −A_{U,P_g} s_{P_g} per group; f_U for the reference demand, (A s)_root.
    const rhs = new Map<string, Float64Array>();
    const f = new Float64Array(U.length);
    for (const j of reached) {
      const sj = s[j];
      if (sj === 0) continue;
      const g = label.get(j);
      let d: Float64Array | undefined;
      if (g !== undefined) {
        d = rhs.get(g);
        if (!d) rhs.set(g, (d = new Float64Array(U.length)));
      }
      for (let q = A.columnPointers[j]; q < A.columnPointers[j + 1]; q++) {
        const u = position[A.rowIndex[q]];
        if (u < 0) continue;
        const a = A.values[q] * sj;
        // f is zero but at the reference column: summing (A s)_u elsewhere would only add rounding noise.
        if (U[u] === root) f[u] += a;
        if (d) d[u] -= a;
      }
    }
    const factorization = this.context.factorizeColumns(U);
    const spread = (g: string, d: Float64Array) => {
      if (!d.some((x) => x !== 0)) return;
      const x = factorization.solve(d);
      const v = part(g);
      for (let q = 0; q < U.length; q++) v[U[q]] += x[q];
    };
    for (const [g, d] of rhs) spread(g, d);
    spread(unassigned, f);
    return parts;
  }

  /** The scaling factors that are not zero. */
  scalingFactors(): ScalingEntry[] {
    const out: ScalingEntry[] = [];
    const products = this.context.matrices.products;
    for (let j = 0; j < this.scaling.length; j++)
      if (this.scaling[j] !== 0)
        out.push({
          processId: products[j].processId,
          productId: products[j].flowId,
          scaling: this.scaling[j],
        });
    return out;
  }

  /** Total of a target: g_k for an elementary flow, h_k for an indicator. */
  total(targetId: string): number {
    const t = this.context.target(targetId);
    if (t.kind === 'flow') return this.inventoryVector[t.index];
    return (this.impactVector as Float64Array)[t.index];
  }

  /** Direct contributions c_j · s_j of every process-product to a flow or indicator, largest first. */
  directContributions(targetId: string): Contribution[] {
    const t = this.context.target(targetId);
    const c = this.context.directRow(t);
    const s = this.scaling;
    return this.contributions(t, (j) => c[j] * s[j]);
  }

  /**
   * Direct plus upstream totals per process-product: m_j · (A_jj · s_j), where Aᵀ m = c (one transposed solve
   * per target, cached) and A_jj · s_j is the column's total output. A is never inverted. In loops, upstream
   * totals overlap (a loop's processes are upstream of each other), as in openLCA.
   */
  upstreamTotals(targetId: string): Contribution[] {
    const t = this.context.target(targetId);
    const m = this.context.intensities(t, this.system);
    const s = this.scaling;
    const d = this.context.diagonal;
    return this.contributions(t, (j) => m[j] * d[j] * s[j]);
  }

  /** Per elementary flow, its contribution C_kf · g_f to an indicator, largest first. */
  flowContributions(indicatorId: string): FlowContribution[] {
    const t = this.context.target(indicatorId);
    const impact = this.context.impact;
    if (t.kind !== 'indicator' || !impact) return [];
    const total = this.total(indicatorId);
    const { C } = impact;
    const rows = this.context.matrices.elementaryRows;
    const g = this.inventoryVector;
    const out: FlowContribution[] = [];
    for (let f = 0; f < C.cols; f++) {
      const cf = C.get(t.index, f);
      if (cf === 0 || g[f] === 0) continue;
      const r = rows[f];
      const amount = cf * g[f];
      out.push({
        flowId: r.flowId,
        name: r.name,
        category: r.category,
        unit: r.unit,
        inventory: g[f],
        factor: r.isInput ? -cf : cf,
        amount,
        share: total === 0 ? 0 : amount / total,
      });
    }
    return out.sort(byMagnitude);
  }

  /** The upstream tree of a flow or indicator, expanded lazily from the demand. */
  upstreamTree(targetId: string, options: { maxDepth?: number } = {}): UpstreamTree {
    const t = this.context.target(targetId);
    const { A, products } = this.context.matrices;
    const f = this.demand.isWaste ? -this.demand.amount : this.demand.amount;
    return new UpstreamTree(
      {
        A,
        diagonal: this.context.diagonal,
        products,
        intensities: this.context.intensities(t, this.system),
        direct: this.context.directRow(t),
      },
      this.demand.column,
      f,
      options.maxDepth,
    );
  }

  /**
   * Direct contributions summed per process tag. With `prefix` (e.g. 'stage:'), the first tag of a process
   * that starts with it names the group; processes without such a tag go to 'other'.
   */
  groupByTags(targetId: string, options: { prefix?: string } = {}): TagGroup[] {
    const prefix = options.prefix ?? '';
    const total = this.total(targetId);
    const groups = new Map<string, TagGroup>();
    const processes = this.context.matrices.processes;
    for (const c of this.directContributions(targetId)) {
      const tag = processes.get(c.processId)?.tags?.find((x) => x.startsWith(prefix)) ?? 'other';
      let g = groups.get(tag);
      if (!g) groups.set(tag, (g = { tag, amount: 0, share: 0, products: 0 }));
      g.amount += c.amount;
      g.products++;
    }
    const out = [...groups.values()];
    for (const g of out) g.share = total === 0 ? 0 : g.amount / total;
    return out.sort(byMagnitude);
  }

  private contributions(t: Target, value: (j: number) => number): Contribution[] {
    const products = this.context.matrices.products;
    const total = this.total(t.id);
    const out: Contribution[] = [];
    for (let j = 0; j < products.length; j++) {
      if (this.scaling[j] === 0) continue;
      const amount = value(j);
      if (amount === 0) continue;
      const p = products[j];
      out.push({
        column: j,
        processId: p.processId,
        processName: p.processName,
        productId: p.flowId,
        productName: p.flowName,
        amount,
        share: total === 0 ? 0 : amount / total,
      });
    }
    return out.sort(byMagnitude);
  }

  /** Plain data: demand, inventory, impacts, cut-off totals, diagnostics, residual and scaling factors. */
  toJSON(): LciResultJson {
    const d = this.demand;
    const json: LciResultJson = {
      processId: d.processId,
      processName: d.processName,
      productId: d.productId,
      productName: d.productName,
      unit: d.unit,
      amount: d.amount,
      inventory: this.inventory,
      cutoff: this.cutoff,
      diagnostics: this.diagnostics,
      residual: this.residual,
      backwardError: this.backwardError,
      scaling: this.scalingFactors(),
    };
    const impacts = this.impacts;
    if (impacts) json.impacts = impacts;
    return json;
  }
}

/** The entries of the non-zero components of a result vector, in row order. */
function nonZero<R, E>(vector: Float64Array, rows: readonly R[], make: (row: R, amount: number) => E): E[] {
  const list: E[] = [];
  for (let k = 0; k < vector.length; k++) if (vector[k] !== 0) list.push(make(rows[k], vector[k]));
  return list;
}
