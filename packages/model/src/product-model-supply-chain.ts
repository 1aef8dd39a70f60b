import { reachableColumns, type Calculator, type Database } from '@opencfp/core';
import { solveWithRefinement, sparseLu, type CscMatrix } from '@opencfp/linalg';
import { carbonFootprintPerColumn, DEFAULT_GWP_SET_ID, type BiogenicApproach } from '@opencfp/refdata';
import { countedPerUnit } from './calculate-product-model.js';
import { ModelError } from './errors.js';
import { modelBackground, type ModelBackground } from './model-background.js';
import {
  evaluateParameters,
  prepareProductModel,
  type PreparedModel,
  type ProductModelOptions,
} from './prepare-product-model.js';
import type { ProductModelDocument } from './product-model-document.js';
import { solveForeground, type ForegroundSolution } from './solve-foreground.js';

/** The background database version a model's supply chain is traced through. */
export interface SupplyChainBackground {
  database: Database;
  /** The version's calculator (A factorized once). */
  calculator: Calculator;
  /**
   * The dataset footprints of the model's calculation on this version, for the same GWP set and biogenic approach
   * (a cached one saves their solves); made from `database` and `calculator` when left out.
   */
  model?: ModelBackground;
  versionId?: string;
}

/** Options of {@link productModelSupplyChain}: those of the calculation, and the tree's depth limit. */
export interface SupplyChainOptions extends ProductModelOptions {
  /** Nodes deeper than this (path segments below the root) are not expandable: loops end here. Default 64. */
  maxDepth?: number;
}

/**
 * What a node of the upstream tree stands for: a foreground process, a background process (a dataset and its
 * providers), a leaf line of the model (a supplier footprint, an electricity input accounted with its grid factors,
 * a transport leg with its carrier's factor, a direct emission), or the sum of the children over the limit.
 */
export type UpstreamNodeKind =
  'foreground' | 'background' | 'supplier' | 'electricity' | 'transport' | 'emission' | 'others';

/** A line of the model that is a leaf of the tree and, except emissions, a node of the Sankey diagram. */
type LeafKind = 'supplier' | 'electricity' | 'transport' | 'emission';

/** One node of a product model's upstream contribution tree (kg CO2e per declared unit). */
export interface UpstreamTreeNode {
  /** The path from the root ('root/l3/b120'): give it back to expand the node. */
  id: string;
  label: string;
  /** A foreground process's Chinese name, when the document gives one (`nameZh`). */
  labelZh?: string;
  kind: UpstreamNodeKind;
  /** The model's process id (foreground) or the dataset's process id (background); null otherwise. */
  processId: string | null;
  /** The dataset's product (flow) id and name (background). */
  productId: string | null;
  productName: string | null;
  /** JSON pointer of the model line the node comes from (children of foreground processes). */
  path: string | null;
  /**
   * How much of its product the node delivers to its parent, in `unit` (the root: the declared unit). Background
   * amounts follow the sign convention of A: negative for a waste sent to treatment. Null for 'others'.
   */
  amount: number | null;
  unit: string | null;
  /**
   * Its own emissions' kg CO2e: a background process's elementary flows; a leaf's (supplier footprint, electricity,
   * transport leg with its own factor, direct emission) whole total. 0 for a foreground process, whose own
   * emissions are its 'emission' children.
   */
  direct: number;
  /** direct + upstream: the kg CO2e of the node's amount with its whole supply chain. */
  total: number;
  /** total / the root's total (0 when that is 0). */
  share: number;
  /** Path segments below the root. */
  depth: number;
  /** Whether it has children to ask for (false for leaves and at the depth limit). */
  expandable: boolean;
  /** 'others': how many children it sums. */
  count?: number;
  /** The expanded children, largest |total| first (when asked for). */
  children?: UpstreamTreeNode[];
}

/** A node of the supply-chain Sankey diagram. */
export interface SankeyNode {
  id: string;
  label: string;
  /** A foreground process's Chinese name, when the document gives one (`nameZh`). */
  labelZh?: string;
  /** 'supplier', 'electricity', 'transport': a line of the model with its own footprint (no dataset). */
  kind: 'foreground' | 'background' | 'supplier' | 'electricity' | 'transport' | 'other';
  processId: string | null;
  productId: string | null;
  /** The process's total requirement (net output) per declared unit, in `unit`; a line's quantity. */
  amount: number | null;
  unit: string | null;
  /** Its own emissions' kg CO2e (a foreground process: its direct emissions; a line node: its whole total). */
  direct: number;
  /** Its upstream total: intensity × total requirement (direct plus everything it takes in). */
  total: number;
  /** total / the result's total. */
  share: number;
  /** kg CO2e it takes in from providers that were pruned (also drawn as a link from the node 'other'). */
  otherUpstream: number;
}

/** A link of the Sankey diagram: kg CO2e the provider `source` delivers to `target` with its product. */
export interface SankeyLink {
  source: string;
  target: string;
  value: number;
  /** It closes a loop of the supply chain (drop these links to draw the rest as an acyclic diagram). */
  loop: boolean;
}

/** The pruned supply-chain graph of a product model's result. */
export interface SupplyChainSankey {
  /** The result's total, kg CO2e per declared unit. */
  total: number;
  threshold: number;
  maxNodes: number;
  /** Nodes of the whole graph (before pruning). */
  candidates: number;
  nodes: SankeyNode[];
  links: SankeyLink[];
}

/** Where a walk through the tree stands: a process delivering an amount, or a line of the model. */
type Position =
  | { kind: 'foreground'; process: number; amount: number; scaling: number; line?: number }
  | { kind: 'background'; column: number; amount: number; scaling: number; line?: number }
  | { kind: LeafKind; line: number; quantity: number };

/** The background part of the system: A, its diagonal, direct kg CO2e c and intensities m (Aᵀ m = c). */
interface BackgroundSystem {
  calculator: Calculator;
  A: CscMatrix;
  diagonal: Float64Array;
  direct: Float64Array;
  intensities: Float64Array;
  /** s with A s = d (database-sized). */
  solve(d: Float64Array): Float64Array;
}

const intensityCache = new WeakMap<Calculator, Map<string, Float64Array>>();

/**
 * The background system for one GWP set and approach: c from the footprint's counting rules and m from one
 * transposed solve on the version's factorization, kept per calculator (that is, per cached version). On a database
 * whose whole A is singular, the part the model's datasets reach is factorized for this model instead.
 */
function backgroundSystem(
  calculator: Calculator,
  database: Database,
  gwpSetId: string,
  approach: BiogenicApproach,
  roots: readonly number[],
): BackgroundSystem {
  const { A } = calculator.matrices;
  const direct = carbonFootprintPerColumn(calculator.matrices, database, {
    gwpSetId,
    biogenicApproach: approach,
  });
  const full = calculator.factorization;
  if (full) {
    let byKey = intensityCache.get(calculator);
    if (!byKey) intensityCache.set(calculator, (byKey = new Map()));
    const key = `${gwpSetId}|${approach}`;
    let intensities = byKey.get(key);
    if (!intensities) byKey.set(key, (intensities = full.solveTransposed(direct)));
    return {
      calculator,
      A,
      diagonal: calculator.diagonal,
      direct,
      intensities,
      solve: (d) => solveWithRefinement(A, full, d).x,
    };
  }
  const reached = new Uint8Array(A.cols);
  for (const r of roots) for (const j of reachableColumns(A, r)) reached[j] = 1;
  const columns = Int32Array.from(
    reached.reduce<number[]>((list, x, j) => (x ? (list.push(j), list) : list), []),
  );
  const factorization = calculator.factorizeColumns(columns);
  const gather = (v: Float64Array) => Float64Array.from(columns, (j) => v[j]);
  const scatter = (local: Float64Array) => {
    const out = new Float64Array(A.cols);
    columns.forEach((j, q) => (out[j] = local[q]));
    return out;
  };
  return {
    calculator,
    A,
    diagonal: calculator.diagonal,
    direct,
    intensities: scatter(factorization.solveTransposed(gather(direct))),
    solve: (d) => scatter(factorization.solve(gather(d))),
  };
}

/**
 * Where every kilogram of a product model's footprint comes from: its upstream contribution tree (expanded lazily,
 * through the foreground into the background database) and its supply chain as a Sankey diagram, pruned.
 *
 * Intensities: m (background, Aᵀ m = c, c the kg CO2e each process-product emits itself per unit scaling) and μ
 * (foreground, A_fgᵀ μ = c_fg, c_fg each process's lines per run: its datasets at m, supplier footprints,
 * electricity, transport legs with a carrier's factor, direct emissions). A node's total is its intensity times its amount, so a node's total is its direct plus its
 * children's totals, and the root's total is the result's. Nothing is inverted: one transposed solve per
 * background version and GWP set (kept with the calculator), one of the small foreground, and for the Sankey one
 * solve of the background demand.
 *
 * @example
 * const chain = productModelSupplyChain(document, { database, calculator }, { gwpSetId: 'ipcc-ar6-gwp100' });
 * chain.upstream();                     // the root (the declared unit) with its children
 * chain.upstream('root/l2', { depth: 2 }); // one node's children and grandchildren
 * chain.sankey({ threshold: 0.01, maxNodes: 200 });
 */
export function productModelSupplyChain(
  document: ProductModelDocument,
  background: SupplyChainBackground | undefined,
  options: SupplyChainOptions = {},
): ProductModelSupplyChain {
  const gwpSetId = options.gwpSetId ?? background?.model?.gwpSetId ?? DEFAULT_GWP_SET_ID;
  const approach = options.biogenicApproach ?? background?.model?.biogenicApproach ?? '-1/+1';
  const datasets =
    background &&
    (background.model ??
      modelBackground(background.database, background.calculator, {
        gwpSetId,
        biogenicApproach: approach,
        versionId: background.versionId,
      }));
  const model = prepareProductModel(document, datasets, {
    ...options,
    gwpSetId,
    biogenicApproach: approach,
  });
  const solution = solveForeground(model, evaluateParameters(model));
  const columns = model.lines.map((line) => {
    if (!line.dataset || !background) return -1;
    const j = background.calculator.matrices.column(line.dataset.processId, line.dataset.productId);
    if (j === undefined)
      throw new ModelError(
        'UNKNOWN_DATASET',
        line.path,
        `dataset ${line.dataset.processId} is not in the background given for the supply chain: give the calculator of the version the model was calculated on`,
      );
    return j;
  });
  const system = background
    ? backgroundSystem(
        background.calculator,
        background.database,
        model.set.id,
        model.approach,
        columns.filter((j) => j >= 0),
      )
    : undefined;
  return new ProductModelSupplyChain(model, solution, columns, system, options.maxDepth ?? 64);
}

/** The supply chain of one calculated product model: see {@link productModelSupplyChain}. */
export class ProductModelSupplyChain {
  /** kg CO2e per declared unit from the intensities: the root's total. */
  readonly total: number;
  /** The same total as the calculation sums it (line by line): equal to `total` up to rounding. */
  readonly lineTotal: number;
  private readonly linesOf: number[][];
  /** Per model line: kg CO2e per unit of the line (its dataset at m, a supplier footprint, an emission). */
  private readonly perUnit: Float64Array;
  /** Per model line with a dataset: reference units per line unit, signed for A (−1 for a treated waste). */
  private readonly toColumn: Float64Array;
  /** μ: kg CO2e per output unit of each foreground process with its supply chain. */
  private readonly foregroundIntensities: Float64Array;
  private readonly foregroundDiagonal: Float64Array;
  private backgroundScaling?: Float64Array;
  private readonly sankeys = new Map<string, SupplyChainSankey>();

  constructor(
    private readonly model: PreparedModel,
    private readonly solution: ForegroundSolution,
    private readonly columns: readonly number[],
    private readonly background: BackgroundSystem | undefined,
    readonly maxDepth: number,
  ) {
    const { lines, processes } = model;
    this.linesOf = processes.map(() => []);
    lines.forEach((line, k) => this.linesOf[line.process].push(k));
    this.perUnit = new Float64Array(lines.length);
    this.toColumn = new Float64Array(lines.length);
    const direct = new Float64Array(processes.length);
    let lineTotal = 0;
    lines.forEach((line, k) => {
      if (line.kind === 'foreground') return;
      lineTotal += countedPerUnit(line, model.approach) * solution.quantities[k];
      const j = columns[k];
      if (j >= 0 && line.dataset && background) {
        const waste = background.calculator.matrices.products[j].isWaste;
        this.toColumn[k] = (waste ? -1 : 1) * line.dataset.factor;
        this.perUnit[k] = this.toColumn[k] * background.intensities[j];
      } else this.perUnit[k] = countedPerUnit(line, model.approach);
      direct[line.process] += this.perUnit[k] * solution.amounts[k];
    });
    this.lineTotal = lineTotal;
    this.foregroundIntensities = sparseLu.factorize(solution.A).solveTransposed(direct);
    this.foregroundDiagonal = Float64Array.from(processes, (_, i) => solution.A.get(i, i));
    const r = model.reference;
    this.total = this.foregroundIntensities[r] * solution.outputs[r];
  }

  /** GWP set and biogenic approach of the totals. */
  get method(): { gwpSetId: string; biogenicApproach: BiogenicApproach } {
    return { gwpSetId: this.model.set.id, biogenicApproach: this.model.approach };
  }

  /**
   * A node of the upstream tree with its children (`depth` levels of them, each level at most `limit` children,
   * the rest summed into one 'others' node), largest |total| first. Without `nodeId`, the root: the declared unit
   * of the model's reference process. Ids are paths ('root/l3/b120'): 'l<k>' is line k of a foreground process
   * (an input or emission), 'b<i>' the provider in column i of the background's A; undefined for an id that is not
   * a node of this tree. Beyond `nodes` nodes in one answer (default 5000), deeper levels are left for later
   * requests (those nodes stay expandable).
   */
  upstream(
    nodeId = 'root',
    options: { depth?: number; limit?: number; nodes?: number } = {},
  ): UpstreamTreeNode | undefined {
    const depth = options.depth ?? 1;
    const limit = options.limit ?? 50;
    let budget = options.nodes ?? 5000;
    const segments = nodeId.split('/');
    if (segments[0] !== 'root' || segments.length - 1 > this.maxDepth) return undefined;
    let position: Position = this.rootPosition();
    for (const segment of segments.slice(1)) {
      const next = this.children(position).find((c) => c.segment === segment);
      if (!next) return undefined;
      position = next.position;
    }
    const expand = (node: UpstreamTreeNode, position: Position, levels: number) => {
      if (levels === 0 || !node.expandable || budget <= 0) return;
      const children = this.children(position).map((c) => ({
        node: this.node(`${node.id}/${c.segment}`, c.position, node.depth + 1),
        position: c.position,
      }));
      children.sort((x, y) => Math.abs(y.node.total) - Math.abs(x.node.total));
      const shown = children.slice(0, limit);
      budget -= shown.length;
      node.children = shown.map((c) => c.node);
      const rest = children.slice(limit);
      if (rest.length > 0) {
        const total = rest.reduce((sum, c) => sum + c.node.total, 0);
        node.children.push({
          id: `${node.id}/others`,
          label: `${rest.length} more`,
          kind: 'others',
          processId: null,
          productId: null,
          productName: null,
          path: null,
          amount: null,
          unit: null,
          direct: rest.reduce((sum, c) => sum + c.node.direct, 0),
          total,
          share: this.share(total),
          depth: node.depth + 1,
          expandable: false,
          count: rest.length,
        });
      }
      for (const c of shown) expand(c.node, c.position, levels - 1);
    };
    const node = this.node(nodeId, position, segments.length - 1);
    expand(node, position, depth);
    return node;
  }

  /**
   * The supply chain (foreground processes, the model's lines with their own footprints — supplier inputs,
   * electricity, transport legs with a carrier's factor — and background processes) as a Sankey diagram, pruned:
   * nodes whose upstream total is at least `threshold` × |the result's total| are kept, at most `maxNodes` of
   * them (the largest; the reference process always), with the links between them. What a kept node takes in from
   * pruned providers is its `otherUpstream` and a link from one node 'other', so every kept node's total is its
   * direct plus its incoming links. Definitions as openLCA's Sankey diagram: a process's upstream total is its
   * intensity × its total requirement (m_i · A_ii · s_i), a link carries the provider's intensity × the amount it
   * delivers (m_p · −A_pi · s_i). In loops totals overlap (each process of a loop is upstream of the others) and
   * links closing a loop are marked `loop`. Answers are kept per threshold and size.
   */
  sankey(options: { threshold?: number; maxNodes?: number } = {}): SupplyChainSankey {
    const threshold = options.threshold ?? 0.01;
    const maxNodes = Math.max(1, options.maxNodes ?? 200);
    const key = `${threshold}|${maxNodes}`;
    const cached = this.sankeys.get(key);
    if (cached) return cached;
    const answer = this.buildSankey(threshold, maxNodes);
    if (this.sankeys.size >= 16) this.sankeys.delete(this.sankeys.keys().next().value as string);
    this.sankeys.set(key, answer);
    return answer;
  }

  /** A line that is a node of its own in the Sankey diagram: not a link, an emission or a dataset. */
  private isLineNode(k: number): boolean {
    const kind = this.model.lines[k].kind;
    return kind !== 'foreground' && kind !== 'emission' && this.columns[k] < 0;
  }

  private share(x: number): number {
    return this.total === 0 ? 0 : x / this.total;
  }

  private rootPosition(): Position {
    const r = this.model.reference;
    return { kind: 'foreground', process: r, amount: this.solution.outputs[r], scaling: 1 };
  }

  /** The children of a position, each with its path segment. */
  private children(position: Position): { segment: string; position: Position }[] {
    const out: { segment: string; position: Position }[] = [];
    if (position.kind === 'foreground') {
      const { lines } = this.model;
      const { amounts, outputs } = this.solution;
      for (const k of this.linesOf[position.process]) {
        const line = lines[k];
        const perRun = amounts[k] * position.scaling;
        if (perRun === 0) continue;
        let child: Position;
        if (line.kind === 'foreground') {
          const t = line.target as number;
          const amount = perRun * (line.conversion as number);
          child = { kind: 'foreground', process: t, amount, scaling: amount / outputs[t], line: k };
        } else if (this.columns[k] >= 0 && this.background) {
          const j = this.columns[k];
          const amount = perRun * this.toColumn[k];
          const d = this.background.diagonal[j];
          child = { kind: 'background', column: j, amount, scaling: d === 0 ? 0 : amount / d, line: k };
        } else child = { kind: line.kind as LeafKind, line: k, quantity: perRun };
        out.push({ segment: `l${k}`, position: child });
      }
    } else if (position.kind === 'background' && this.background) {
      const { A, diagonal } = this.background;
      const j = position.column;
      for (let q = A.columnPointers[j]; q < A.columnPointers[j + 1]; q++) {
        const i = A.rowIndex[q];
        if (i === j) continue;
        const amount = -A.values[q] * position.scaling;
        if (amount === 0) continue;
        const d = diagonal[i];
        out.push({
          segment: `b${i}`,
          position: { kind: 'background', column: i, amount, scaling: d === 0 ? 0 : amount / d },
        });
      }
    }
    return out;
  }

  private node(id: string, position: Position, depth: number): UpstreamTreeNode {
    const { lines, processes } = this.model;
    const atLimit = depth >= this.maxDepth;
    const make = (
      fields: Pick<
        UpstreamTreeNode,
        'label' | 'kind' | 'processId' | 'amount' | 'unit' | 'direct' | 'total'
      > &
        Partial<Pick<UpstreamTreeNode, 'labelZh' | 'productId' | 'productName'>>,
      line: number | undefined,
      expandable: boolean,
    ): UpstreamTreeNode => ({
      id,
      label: fields.label,
      ...(fields.labelZh ? { labelZh: fields.labelZh } : {}),
      kind: fields.kind,
      processId: fields.processId,
      productId: fields.productId ?? null,
      productName: fields.productName ?? null,
      path: line === undefined ? null : lines[line].path,
      amount: fields.amount,
      unit: fields.unit,
      direct: fields.direct,
      total: fields.total,
      share: this.share(fields.total),
      depth,
      expandable: expandable && !atLimit,
    });
    if (position.kind === 'foreground') {
      const p = processes[position.process];
      return make(
        {
          label: p.name,
          labelZh: this.model.document.processes[position.process]?.nameZh,
          kind: 'foreground',
          processId: p.id,
          amount: position.amount,
          unit: p.outputUnit,
          direct: 0,
          total: this.foregroundIntensities[position.process] * position.amount,
        },
        position.line,
        this.linesOf[position.process].length > 0,
      );
    }
    if (position.kind === 'background') {
      const bg = this.background as BackgroundSystem;
      const j = position.column;
      const product = bg.calculator.matrices.products[j];
      const inputs = bg.A.columnPointers[j + 1] - bg.A.columnPointers[j] - (bg.diagonal[j] === 0 ? 0 : 1);
      return make(
        {
          label: product.processName,
          kind: 'background',
          processId: product.processId,
          productId: product.flowId,
          productName: product.flowName,
          amount: position.amount,
          unit: product.unit,
          direct: bg.direct[j] * position.scaling,
          total: bg.intensities[j] * position.amount,
        },
        position.line,
        inputs > 0,
      );
    }
    const line = lines[position.line];
    const total = this.perUnit[position.line] * position.quantity;
    return make(
      {
        label: line.supplier?.supplier ? `${line.name} (${line.supplier.supplier})` : line.name,
        kind: position.kind,
        processId: null,
        amount: position.quantity,
        unit: line.unit,
        direct: total,
        total,
      },
      position.line,
      false,
    );
  }

  /** Background scaling for the model's background demand (one solve), kept. */
  private scalingOfBackground(): Float64Array {
    if (this.backgroundScaling) return this.backgroundScaling;
    const bg = this.background as BackgroundSystem;
    const d = new Float64Array(bg.A.cols);
    this.columns.forEach((j, k) => {
      if (j >= 0) d[j] += this.toColumn[k] * this.solution.quantities[k];
    });
    this.backgroundScaling = bg.solve(d);
    return this.backgroundScaling;
  }

  private buildSankey(threshold: number, maxNodes: number): SupplyChainSankey {
    const { lines, processes } = this.model;
    const { s, quantities, amounts } = this.solution;
    const bg = this.background;
    const sb = bg ? this.scalingOfBackground() : undefined;
    const mu = this.foregroundIntensities;
    const root = `f${this.model.reference}`;
    const cut = threshold * Math.abs(this.total);

    // Every node of the graph with its upstream total; the kept ones are chosen from those at or above the cut.
    const totalOf = new Map<string, number>();
    const candidates: { id: string; total: number }[] = [];
    let count = 0;
    const consider = (id: string, total: number) => {
      count++;
      totalOf.set(id, total);
      if (id !== root && Math.abs(total) >= cut) candidates.push({ id, total });
    };
    processes.forEach((_, j) => {
      if (s[j] !== 0 || j === this.model.reference)
        consider(`f${j}`, mu[j] * this.foregroundDiagonal[j] * s[j]);
    });
    lines.forEach((_, k) => {
      if (this.isLineNode(k) && quantities[k] !== 0) consider(`s${k}`, this.perUnit[k] * quantities[k]);
    });
    if (bg && sb)
      for (let i = 0; i < sb.length; i++)
        if (sb[i] !== 0) {
          // Only what passes the cut needs a Map entry; the rest is summed as 'other' from the kept side.
          count++;
          const total = bg.intensities[i] * bg.diagonal[i] * sb[i];
          if (Math.abs(total) >= cut) {
            totalOf.set(`b${i}`, total);
            candidates.push({ id: `b${i}`, total });
          }
        }
    candidates.sort((x, y) => Math.abs(y.total) - Math.abs(x.total) || (x.id < y.id ? -1 : 1));
    const keptIds = [root, ...candidates.slice(0, maxNodes - 1).map((c) => c.id)];
    const kept = new Set(keptIds);

    const nodes: SankeyNode[] = [];
    const links: SankeyLink[] = [];
    const incoming = new Map<string, SankeyLink[]>();
    let other = 0;
    for (const id of keptIds) {
      const total = totalOf.get(id) as number;
      const index = Number(id.slice(1));
      const from = new Map<string, number>();
      const add = (source: string, value: number) => from.set(source, (from.get(source) ?? 0) + value);
      let node: SankeyNode;
      if (id[0] === 'f') {
        const p = processes[index];
        let direct = 0;
        for (const k of this.linesOf[index]) {
          const line = lines[k];
          const perRun = amounts[k] * s[index];
          if (perRun === 0) continue;
          if (line.kind === 'foreground') {
            const t = line.target as number;
            if (t !== index) add(`f${t}`, mu[t] * perRun * (line.conversion as number));
          } else if (line.kind === 'emission') direct += this.perUnit[k] * perRun;
          else if (this.isLineNode(k)) add(`s${k}`, this.perUnit[k] * perRun);
          else add(`b${this.columns[k]}`, this.perUnit[k] * perRun);
        }
        const labelZh = this.model.document.processes[index]?.nameZh;
        node = {
          id,
          label: p.name,
          ...(labelZh ? { labelZh } : {}),
          kind: 'foreground',
          processId: p.id,
          productId: null,
          amount: this.foregroundDiagonal[index] * s[index],
          unit: p.outputUnit,
          direct,
          total,
          share: this.share(total),
          otherUpstream: 0,
        };
      } else if (id[0] === 's') {
        const line = lines[index];
        node = {
          id,
          label: line.supplier?.supplier ? `${line.name} (${line.supplier.supplier})` : line.name,
          kind: line.kind as 'supplier' | 'electricity' | 'transport',
          processId: null,
          productId: null,
          amount: quantities[index],
          unit: line.unit,
          direct: total,
          total,
          share: this.share(total),
          otherUpstream: 0,
        };
      } else {
        const b = bg as BackgroundSystem;
        const scaling = (sb as Float64Array)[index];
        for (let q = b.A.columnPointers[index]; q < b.A.columnPointers[index + 1]; q++) {
          const p = b.A.rowIndex[q];
          if (p !== index) add(`b${p}`, -b.A.values[q] * scaling * b.intensities[p]);
        }
        const product = b.calculator.matrices.products[index];
        node = {
          id,
          label: product.processName,
          kind: 'background',
          processId: product.processId,
          productId: product.flowId,
          amount: b.diagonal[index] * scaling,
          unit: product.unit,
          direct: b.direct[index] * scaling,
          total,
          share: this.share(total),
          otherUpstream: 0,
        };
      }
      const into: SankeyLink[] = [];
      for (const [source, value] of from) {
        if (value === 0) continue;
        if (kept.has(source)) into.push({ source, target: id, value, loop: false });
        else node.otherUpstream += value;
      }
      into.sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || (x.source < y.source ? -1 : 1));
      incoming.set(id, into);
      other += node.otherUpstream;
      nodes.push(node);
    }
    markLoops(keptIds, incoming);
    for (const id of keptIds) links.push(...(incoming.get(id) as SankeyLink[]));
    const withOther = nodes.filter((n) => n.otherUpstream !== 0);
    if (withOther.length > 0) {
      nodes.push({
        id: 'other',
        label: 'Other processes (below the threshold)',
        kind: 'other',
        processId: null,
        productId: null,
        amount: null,
        unit: null,
        direct: 0,
        total: other,
        share: this.share(other),
        otherUpstream: 0,
      });
      for (const n of withOther)
        links.push({ source: 'other', target: n.id, value: n.otherUpstream, loop: false });
    }
    return { total: this.total, threshold, maxNodes, candidates: count, nodes, links };
  }
}

/**
 * Marks the links that close loops: a depth-first walk from the first node (the reference process) up through
 * its providers, then from any node not reached yet; a link from a provider still on the walk's path is a loop.
 */
function markLoops(order: readonly string[], incoming: ReadonlyMap<string, SankeyLink[]>): void {
  const state = new Map<string, 1 | 2>(); // 1: on the path, 2: done
  for (const start of order) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const into = incoming.get(top.id) ?? [];
      if (top.next >= into.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const link = into[top.next++];
      const seen = state.get(link.source);
      if (seen === 1) link.loop = true;
      else if (seen === undefined) {
        state.set(link.source, 1);
        stack.push({ id: link.source, next: 0 });
      }
    }
  }
}
