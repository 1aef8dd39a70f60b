import type { CscMatrix } from './csc-matrix.js';
import { DimensionError } from './errors.js';
import { maxTransversal } from './max-transversal.js';

/**
 * Permutations that bring a square matrix to block upper triangular form: A(P, Q) has a zero-free diagonal
 * and diagonal blocks that are the strongly connected components of its graph, ordered so that every
 * off-diagonal entry lies above the diagonal blocks.
 */
export interface BlockTriangularForm {
  /** rowPermutation[k] = the original row at position k (P). */
  rowPermutation: Int32Array;
  /** columnPermutation[k] = the original column at position k (Q). */
  columnPermutation: Int32Array;
  /** Block b covers positions blockPointers[b] … blockPointers[b + 1] − 1; length blocks + 1. */
  blockPointers: Int32Array;
  blocks: number;
  /** Size of the maximum transversal; below n the matrix is structurally singular. */
  structuralRank: number;
  /** Columns the maximum transversal could not match (empty unless structurally singular). */
  unmatchedColumns: number[];
}

/**
 * Dulmage–Mendelsohn-style block triangular form (as KLU's BTF): a maximum transversal for a zero-free
 * diagonal, then Tarjan's strongly connected components of the graph of the column-permuted matrix
 * (iterative, so n = 10⁶ does not overflow the call stack). In LCA terms, 1×1 blocks are processes outside
 * any loop (solved by substitution) and larger blocks are the loops.
 *
 * When the matrix is structurally singular, the unmatched columns are returned and the permutations cover
 * the matched part only (`structuralRank` < n); callers should stop there.
 *
 * @example
 * const btf = blockTriangularForm(A);
 * // A(btf.rowPermutation, btf.columnPermutation) is block upper triangular
 */
export function blockTriangularForm(A: CscMatrix): BlockTriangularForm {
  if (A.rows !== A.cols)
    throw new DimensionError(`block triangular form needs a square matrix, got ${A.rows}×${A.cols}`);
  const n = A.cols;
  const { columnOfRow, rowOfColumn, matched } = maxTransversal(A);
  if (matched < n) {
    const unmatchedColumns: number[] = [];
    for (let j = 0; j < n; j++) if (rowOfColumn[j] === -1) unmatchedColumns.push(j);
    return {
      rowPermutation: new Int32Array(0),
      columnPermutation: new Int32Array(0),
      blockPointers: new Int32Array(1),
      blocks: 0,
      structuralRank: matched,
      unmatchedColumns,
    };
  }
  const { order, blockPointers, blocks } = stronglyConnectedComponents(A, columnOfRow);
  const rowPermutation = order;
  const columnPermutation = new Int32Array(n);
  for (let k = 0; k < n; k++) columnPermutation[k] = columnOfRow[order[k]];
  return {
    rowPermutation,
    columnPermutation,
    blockPointers,
    blocks,
    structuralRank: n,
    unmatchedColumns: [],
  };
}

/**
 * Tarjan's algorithm on the graph with an edge r → i for every non-zero A(i, columnOfRow[r]). Components are
 * emitted sinks first, which is exactly block upper triangular order (a component's columns only reach rows
 * of itself and of components emitted before it). Returns the vertices (= rows) in that order.
 */
function stronglyConnectedComponents(
  A: CscMatrix,
  columnOfRow: Int32Array,
): { order: Int32Array; blockPointers: Int32Array; blocks: number } {
  const n = A.cols;
  const Ap = A.columnPointers;
  const Ai = A.rowIndex;
  const Ax = A.values;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const position = new Int32Array(n); // next entry of the vertex's column to scan
  const callStack = new Int32Array(n);
  const componentStack = new Int32Array(n);
  const done = new Uint8Array(n); // assigned to a component (no longer on componentStack)
  const order = new Int32Array(n);
  const pointers = new Int32Array(n + 1);
  let blocks = 0;
  let emitted = 0;
  let counter = 0;
  let componentTop = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let head = 0;
    callStack[0] = root;
    index[root] = low[root] = counter++;
    componentStack[componentTop++] = root;
    position[root] = Ap[columnOfRow[root]];
    while (head >= 0) {
      const v = callStack[head];
      const end = Ap[columnOfRow[v] + 1];
      let p = position[v];
      let descended = false;
      for (; p < end; p++) {
        if (Ax[p] === 0) continue;
        const w = Ai[p];
        if (index[w] === -1) {
          position[v] = p + 1;
          index[w] = low[w] = counter++;
          componentStack[componentTop++] = w;
          position[w] = Ap[columnOfRow[w]];
          callStack[++head] = w;
          descended = true;
          break;
        }
        if (done[w] === 0 && index[w] < low[v]) low[v] = index[w];
      }
      if (descended) continue;
      position[v] = end;
      head--;
      if (head >= 0) {
        const u = callStack[head];
        if (low[v] < low[u]) low[u] = low[v];
      }
      if (low[v] === index[v]) {
        // v is the root of a component: everything above it on the component stack belongs to it.
        let w: number;
        do {
          w = componentStack[--componentTop];
          done[w] = 1;
          order[emitted++] = w;
        } while (w !== v);
        pointers[++blocks] = emitted;
      }
    }
  }
  return { order, blockPointers: pointers.slice(0, blocks + 1), blocks };
}
