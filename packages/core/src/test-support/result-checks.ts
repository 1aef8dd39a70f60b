import assert from 'node:assert/strict';
import type { CscMatrix } from '@opencfp/linalg';
import type { Calculator } from '../calculator.js';
import type { LciResult } from '../lci-result.js';
import type { UpstreamNode, UpstreamTree } from '../upstream-tree.js';

/** |actual − expected| ≤ tol · max(1, |expected|). */
export function assertClose(actual: number, expected: number, message = '', tol = 1e-12): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= tol * scale,
    `${message ? `${message}: ` : ''}expected ${expected}, got ${actual} (difference ${actual - expected})`,
  );
}

/**
 * A⁻¹ by Gauss-Jordan elimination with partial pivoting — only for checking tests on tiny systems: the
 * calculation itself never inverts A.
 */
export function denseInverse(A: CscMatrix): number[][] {
  const n = A.rows;
  const a = A.toDense().map((row) => Array.from(row));
  const inv = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
    if (a[p][k] === 0) throw new Error('denseInverse: singular matrix');
    [a[k], a[p]] = [a[p], a[k]];
    [inv[k], inv[p]] = [inv[p], inv[k]];
    const d = a[k][k];
    for (let j = 0; j < n; j++) {
      a[k][j] /= d;
      inv[k][j] /= d;
    }
    for (let i = 0; i < n; i++) {
      if (i === k || a[i][k] === 0) continue;
      const l = a[i][k];
      for (let j = 0; j < n; j++) {
        a[i][j] -= l * a[k][j];
        inv[i][j] -= l * inv[k][j];
      }
    }
  }
  return inv;
}

/** Every node's total equals its direct contribution plus its children's totals, down to `depth`. */
function checkTree(tree: UpstreamTree, node: UpstreamNode, depth: number, label: string): void {
  if (depth === 0 || !node.expandable) return;
  const children = tree.expand(node);
  const sum = children.reduce((acc, c) => acc + c.total, node.direct);
  assertClose(sum, node.total, `${label}: node ${node.id} total = direct + children`, 1e-10);
  for (const c of children) checkTree(tree, c, depth - 1, label);
}

/**
 * Invariants every result must satisfy, checked against brute force:
 * - ‖A s − f‖∞ / ‖f‖∞ ≤ 1e-12;
 * - per inventory flow (and indicator): Σ_j direct contributions = total; upstream totals from the transposed
 *   solve equal m_j · A_jj · s_j with m = (A⁻¹)ᵀ c from a dense inverse; the tree root's total = total and
 *   every node's total = direct + children's totals;
 * - per indicator: Σ_f flow contributions = h_k.
 */
export function checkResultInvariants(calc: Calculator, r: LciResult): void {
  assert.ok(r.residual <= 1e-12, `residual ${r.residual} > 1e-12`);
  const { A } = calc.matrices;
  let inverse: number[][] | undefined;
  if (calc.singularProducts.length === 0) inverse = denseInverse(A);
  const n = A.cols;
  const targets = [...r.inventory.map((e) => e.flowId), ...(r.impacts ?? []).map((i) => i.indicatorId)];
  for (const id of targets) {
    const total = r.total(id);
    const direct = r.directContributions(id).reduce((acc, c) => acc + c.amount, 0);
    assertClose(direct, total, `Σ direct contributions of ${id}`, 1e-10);
    const tree = r.upstreamTree(id);
    assertClose(tree.root.total, total, `upstream tree root total of ${id}`, 1e-10);
    checkTree(tree, tree.root, 4, id);
    if (inverse) {
      const c = calc.directRow(calc.target(id));
      const upstream = new Map(r.upstreamTotals(id).map((u) => [u.column, u.amount]));
      for (let j = 0; j < n; j++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += c[i] * inverse[i][j];
        const expected = m * A.get(j, j) * r.scaling[j];
        assertClose(upstream.get(j) ?? 0, expected, `upstream total of ${id} in column ${j}`, 1e-10);
      }
    }
  }
  for (const impact of r.impacts ?? []) {
    const sum = r.flowContributions(impact.indicatorId).reduce((acc, c) => acc + c.amount, 0);
    assertClose(sum, impact.amount, `Σ flow contributions of ${impact.indicatorId}`, 1e-10);
  }
  // JSON round trip: results are plain data.
  assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(r.toJSON())));
}
