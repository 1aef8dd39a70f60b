import type { CscMatrix } from '@opencfp/linalg';
import type { ProcessProduct } from './product-system.js';

/**
 * A node of the upstream tree: a process-product delivering `amount` of its product to its parent (the root
 * delivers the demand). Amounts follow the sign convention of A: positive for products, negative for wastes
 * sent to treatment (and for credits of avoided products).
 */
export interface UpstreamNode {
  /** Path of column indices from the root, joined by '/': unique within the tree. */
  id: string;
  column: number;
  processId: string;
  processName: string;
  productId: string;
  productName: string;
  unit: string;
  depth: number;
  /** Required amount of the node's product, in its reference unit. */
  amount: number;
  /** How many times the process runs for this node: amount / A_jj. */
  scaling: number;
  /** The node's direct contribution to the target: c_j · scaling. */
  direct: number;
  /** Direct plus upstream contribution to the target: m_j · amount (m: intensities, Aᵀ m = c). */
  total: number;
  /** Whether `expand` may return children (false at the depth limit or when the column has no inputs). */
  expandable: boolean;
}

/** A node with its expanded children, for serialisation. */
export interface UpstreamNodeJson extends UpstreamNode {
  children?: UpstreamNodeJson[];
}

/** What the tree needs from a calculation. */
export interface UpstreamTreeSource {
  A: CscMatrix;
  /** Diagonal of A. */
  diagonal: Float64Array;
  products: readonly ProcessProduct[];
  /** Intensities m: total contribution per unit of each column's product (Aᵀ m = c). */
  intensities: Float64Array;
  /** Direct contribution per unit scaling of each column (a row of B, or of C B). */
  direct: Float64Array;
}

/**
 * The upstream tree of one result for one target (flow or indicator), expanded lazily: children are computed
 * only when asked for, so loops and huge supply chains cost only what is looked at. A node's child i gets
 * amount −A_ij · scaling(node); totals are m_i · amount, so the root's total is the result's total and each
 * node's total is its share of it. Loops are cut at `maxDepth`.
 *
 * @example
 * const tree = result.upstreamTree('co2');
 * for (const child of tree.expand(tree.root)) console.log(child.processName, child.total);
 */
export class UpstreamTree {
  readonly root: UpstreamNode;

  constructor(
    private readonly source: UpstreamTreeSource,
    rootColumn: number,
    rootAmount: number,
    readonly maxDepth = 64,
  ) {
    this.root = this.node(rootColumn, rootAmount, 0, String(rootColumn));
  }

  private node(j: number, amount: number, depth: number, id: string): UpstreamNode {
    const { A, diagonal, products, intensities, direct } = this.source;
    const p = products[j];
    const scaling = diagonal[j] === 0 ? 0 : amount / diagonal[j];
    const inputs = A.columnPointers[j + 1] - A.columnPointers[j] - (diagonal[j] === 0 ? 0 : 1);
    return {
      id,
      column: j,
      processId: p.processId,
      processName: p.processName,
      productId: p.flowId,
      productName: p.flowName,
      unit: p.unit,
      depth,
      amount,
      scaling,
      direct: direct[j] * scaling,
      total: intensities[j] * amount,
      expandable: depth < this.maxDepth && inputs > 0,
    };
  }

  /** The providers of `node`, largest |total| first; [] at the depth limit. */
  expand(node: UpstreamNode): UpstreamNode[] {
    if (!node.expandable) return [];
    const { A } = this.source;
    const j = node.column;
    const children: UpstreamNode[] = [];
    for (let q = A.columnPointers[j]; q < A.columnPointers[j + 1]; q++) {
      const i = A.rowIndex[q];
      if (i === j) continue;
      const amount = -A.values[q] * node.scaling;
      if (amount === 0) continue;
      children.push(this.node(i, amount, node.depth + 1, `${node.id}/${i}`));
    }
    return children.sort((x, y) => Math.abs(y.total) - Math.abs(x.total));
  }

  /**
   * The tree expanded to `depth` levels as plain objects; children whose |total| is below `minShare` of the
   * root's |total| are left out (their totals are still included in their parent's).
   */
  toJSON(depth = 3, minShare = 0): UpstreamNodeJson {
    const cutoff = Math.abs(this.root.total) * minShare;
    const walk = (node: UpstreamNode): UpstreamNodeJson => {
      if (node.depth >= depth || !node.expandable) return { ...node };
      const children = this.expand(node)
        .filter((c) => Math.abs(c.total) >= cutoff)
        .map(walk);
      return { ...node, children };
    };
    return walk(this.root);
  }
}
