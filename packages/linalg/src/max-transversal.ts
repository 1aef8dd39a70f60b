import type { CscMatrix } from './csc-matrix.js';
import { DimensionError } from './errors.js';

/** A maximum matching of rows to columns on non-zero entries (a "transversal"). */
export interface Transversal {
  /** columnOfRow[i] = the column matched to row i, or −1. */
  columnOfRow: Int32Array;
  /** rowOfColumn[j] = the row matched to column j, or −1. */
  rowOfColumn: Int32Array;
  /** Size of the matching = structural rank of A. */
  matched: number;
}

/**
 * Maximum transversal (Duff's MC21, as in KLU's btf_maxtrans): match every column to a distinct row holding a
 * non-zero, so that permuting the columns puts non-zeros on the whole diagonal. The existing diagonal is
 * matched first (cheap, and LCA matrices usually have it complete, in which case nothing else runs); the
 * remaining columns get augmenting paths by an iterative depth-first search with look-ahead.
 * Stored zeros are ignored. O(n · nnz) worst case, about O(nnz) in practice.
 *
 * @example
 * const { columnOfRow, matched } = maxTransversal(CscMatrix.fromDense([[0, 1], [1, 0]]));
 * // columnOfRow = [1, 0], matched = 2
 */
export function maxTransversal(A: CscMatrix): Transversal {
  if (A.rows !== A.cols)
    throw new DimensionError(`maxTransversal needs a square matrix, got ${A.rows}×${A.cols}`);
  const n = A.cols;
  const Ap = A.columnPointers;
  const Ai = A.rowIndex;
  const Ax = A.values;
  const columnOfRow = new Int32Array(n).fill(-1);
  const rowOfColumn = new Int32Array(n).fill(-1);
  let matched = 0;
  for (let j = 0; j < n; j++) {
    for (let p = Ap[j]; p < Ap[j + 1]; p++) {
      if (Ai[p] === j && Ax[p] !== 0) {
        columnOfRow[j] = j;
        rowOfColumn[j] = j;
        matched++;
        break;
      }
    }
  }
  if (matched === n) return { columnOfRow, rowOfColumn, matched };

  // Depth-first augmenting path search. cheap[j]: how far the look-ahead for a free row has scanned column j
  // (it never needs to rescan: a row once matched stays matched). visited[j]: the search that last saw j.
  const cheap = Int32Array.from(Ap.subarray(0, n));
  const visited = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const position = new Int32Array(n);
  const via = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    if (rowOfColumn[k] !== -1) continue;
    let head = 0;
    stack[0] = k;
    let free = -1;
    while (head >= 0) {
      const j = stack[head];
      if (visited[j] !== k) {
        visited[j] = k;
        let p = cheap[j];
        const end = Ap[j + 1];
        for (; p < end; p++) {
          const i = Ai[p];
          if (columnOfRow[i] === -1 && Ax[p] !== 0) {
            free = i;
            break;
          }
        }
        cheap[j] = p;
        if (free !== -1) break;
        position[head] = Ap[j];
      }
      let p = position[head];
      const end = Ap[j + 1];
      for (; p < end; p++) {
        const i = Ai[p];
        if (Ax[p] === 0) continue;
        const next = columnOfRow[i];
        if (visited[next] !== k) {
          position[head] = p + 1;
          via[head] = i;
          stack[++head] = next;
          break;
        }
      }
      if (p === end) head--;
    }
    if (free === -1) continue;
    // Flip the path: the free row goes to the deepest column, each row on the way to the column before it.
    let i = free;
    for (let h = head; h >= 0; h--) {
      const j = stack[h];
      columnOfRow[i] = j;
      rowOfColumn[j] = i;
      if (h > 0) i = via[h - 1];
    }
    matched++;
  }
  return { columnOfRow, rowOfColumn, matched };
}
