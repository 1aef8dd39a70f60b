import { CscMatrix } from './csc-matrix.js';
import { DimensionError } from './errors.js';

/**
 * Coordinate-form assembly buffer: add (i, j, v) triplets in any order; duplicates are summed by `toCsc`.
 *
 * @example
 * const coo = new CooMatrix(2, 2);
 * coo.add(0, 0, 1); coo.add(0, 0, 2); // summed to 3
 * const A = coo.toCsc();
 */
export class CooMatrix {
  private rowsOf: Int32Array;
  private colsOf: Int32Array;
  private valuesOf: Float64Array;
  private count = 0;

  constructor(
    readonly rows: number,
    readonly cols: number,
    capacity = 16,
  ) {
    const c = Math.max(1, capacity);
    this.rowsOf = new Int32Array(c);
    this.colsOf = new Int32Array(c);
    this.valuesOf = new Float64Array(c);
  }

  get size(): number {
    return this.count;
  }

  add(i: number, j: number, value: number): void {
    if (i < 0 || i >= this.rows || j < 0 || j >= this.cols || !Number.isInteger(i) || !Number.isInteger(j))
      throw new DimensionError(`entry (${i}, ${j}) is outside a ${this.rows}×${this.cols} matrix`);
    if (this.count === this.rowsOf.length) this.grow();
    this.rowsOf[this.count] = i;
    this.colsOf[this.count] = j;
    this.valuesOf[this.count] = value;
    this.count++;
  }

  private grow(): void {
    const c = this.rowsOf.length * 2;
    const r = new Int32Array(c);
    r.set(this.rowsOf);
    const k = new Int32Array(c);
    k.set(this.colsOf);
    const v = new Float64Array(c);
    v.set(this.valuesOf);
    this.rowsOf = r;
    this.colsOf = k;
    this.valuesOf = v;
  }

  /**
   * Compress to CSC, summing duplicates. Entries that sum to exactly zero are kept only when `keepZeros`
   * (a structural zero can matter to a caller that wants the pattern).
   */
  toCsc(keepZeros = false): CscMatrix {
    const { rows, cols, count } = this;
    // Bucket by column, then by row within the column via a per-row marker: O(nnz + rows + cols).
    const colCount = new Int32Array(cols + 1);
    for (let k = 0; k < count; k++) colCount[this.colsOf[k] + 1]++;
    for (let j = 0; j < cols; j++) colCount[j + 1] += colCount[j];
    const next = colCount.slice(0, cols);
    const byColRow = new Int32Array(count);
    const byColVal = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const d = next[this.colsOf[k]]++;
      byColRow[d] = this.rowsOf[k];
      byColVal[d] = this.valuesOf[k];
    }
    // marker[i] is the position of row i in the column being compressed; markerColumn[i] says which column
    // that is, so a position left over from an earlier column (even one compacted below `start`) never matches.
    const marker = new Int32Array(rows);
    const markerColumn = new Int32Array(rows).fill(-1);
    const p = new Int32Array(cols + 1);
    const ri = new Int32Array(count);
    const v = new Float64Array(count);
    let nz = 0;
    for (let j = 0; j < cols; j++) {
      const start = nz;
      for (let k = colCount[j]; k < colCount[j + 1]; k++) {
        const i = byColRow[k];
        if (markerColumn[i] === j) v[marker[i]] += byColVal[k];
        else {
          markerColumn[i] = j;
          marker[i] = nz;
          ri[nz] = i;
          v[nz] = byColVal[k];
          nz++;
        }
      }
      // sort rows of this column (insertion sort: columns are short; fall back to sort for long ones)
      const len = nz - start;
      if (len > 1) sortColumn(ri, v, start, nz);
      if (!keepZeros) {
        let w = start;
        for (let k = start; k < nz; k++) {
          if (v[k] !== 0) {
            ri[w] = ri[k];
            v[w] = v[k];
            w++;
          }
        }
        nz = w;
      }
      p[j + 1] = nz;
    }
    return new CscMatrix(rows, cols, p, ri.slice(0, nz), v.slice(0, nz));
  }

  /** Build from [row, col, value] triplets. */
  static from(rows: number, cols: number, triplets: Iterable<readonly [number, number, number]>): CooMatrix {
    const coo = new CooMatrix(rows, cols);
    for (const [i, j, v] of triplets) coo.add(i, j, v);
    return coo;
  }
}

function sortColumn(ri: Int32Array, v: Float64Array, from: number, to: number): void {
  if (to - from <= 32) {
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
    return;
  }
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => ri[a] - ri[b]);
  const r2 = order.map((k) => ri[k]);
  const v2 = order.map((k) => v[k]);
  for (let k = 0; k < r2.length; k++) {
    ri[from + k] = r2[k];
    v[from + k] = v2[k];
  }
}
