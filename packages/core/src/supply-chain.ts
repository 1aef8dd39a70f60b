import type { CscMatrix } from '@opencfp/linalg';

/**
 * The columns of a square technology matrix that `root` reaches through its inputs (its supply chain, closed
 * under providers), ascending — database order, so that a factorization of the part does not depend on the
 * search order.
 *
 * @example
 * reachableColumns(A, 3); // Int32Array [1, 3, 7]: column 3 and its providers
 */
export function reachableColumns(A: CscMatrix, root: number): Int32Array {
  const seen = new Uint8Array(A.cols);
  const order: number[] = [root];
  seen[root] = 1;
  for (let head = 0; head < order.length; head++) {
    const j = order[head];
    for (let q = A.columnPointers[j]; q < A.columnPointers[j + 1]; q++) {
      const i = A.rowIndex[q];
      if (!seen[i]) {
        seen[i] = 1;
        order.push(i);
      }
    }
  }
  return Int32Array.from(order).sort();
}
