import { DimensionError } from './errors.js';

/**
 * A sparse matrix in compressed sparse column form. Row indices are sorted within each column and unique.
 *
 * @example
 * const A = CooMatrix.from(2, 2, [[0, 0, 1], [1, 1, 2]]).toCsc();
 * A.multiply(Float64Array.of(1, 1)); // Float64Array [1, 2]
 */
export class CscMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    /** Start of each column in rowIndex/values; length cols + 1. */
    readonly columnPointers: Int32Array,
    readonly rowIndex: Int32Array,
    readonly values: Float64Array,
  ) {
    if (columnPointers.length !== cols + 1)
      throw new DimensionError('columnPointers must have cols + 1 entries');
  }

  get nonZeros(): number {
    return this.columnPointers[this.cols];
  }

  /** The entry at (i, j), 0 when not stored (binary search within the column). */
  get(i: number, j: number): number {
    let lo = this.columnPointers[j];
    let hi = this.columnPointers[j + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.rowIndex[mid];
      if (r === i) return this.values[mid];
      if (r < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** y = A x (y is overwritten). */
  multiply(x: Float64Array, y: Float64Array = new Float64Array(this.rows)): Float64Array {
    if (x.length !== this.cols || y.length !== this.rows)
      throw new DimensionError('multiply: length mismatch');
    y.fill(0);
    const { columnPointers: p, rowIndex: ri, values: v } = this;
    for (let j = 0; j < this.cols; j++) {
      const xj = x[j];
      if (xj === 0) continue;
      for (let k = p[j]; k < p[j + 1]; k++) y[ri[k]] += v[k] * xj;
    }
    return y;
  }

  /** y = Aᵀ x (y is overwritten). */
  multiplyTransposed(x: Float64Array, y: Float64Array = new Float64Array(this.cols)): Float64Array {
    if (x.length !== this.rows || y.length !== this.cols)
      throw new DimensionError('multiplyTransposed: length mismatch');
    const { columnPointers: p, rowIndex: ri, values: v } = this;
    for (let j = 0; j < this.cols; j++) {
      let sum = 0;
      for (let k = p[j]; k < p[j + 1]; k++) sum += v[k] * x[ri[k]];
      y[j] = sum;
    }
    return y;
  }

  /** Aᵀ as a new CSC matrix (rows stay sorted). */
  transpose(): CscMatrix {
    const { rows, cols, columnPointers: p, rowIndex: ri, values: v } = this;
    const count = new Int32Array(rows + 1);
    for (let k = 0; k < p[cols]; k++) count[ri[k] + 1]++;
    for (let i = 0; i < rows; i++) count[i + 1] += count[i];
    const tp = count.slice();
    const next = count.slice(0, rows);
    const ti = new Int32Array(p[cols]);
    const tv = new Float64Array(p[cols]);
    for (let j = 0; j < cols; j++) {
      for (let k = p[j]; k < p[j + 1]; k++) {
        const dest = next[ri[k]]++;
        ti[dest] = j;
        tv[dest] = v[k];
      }
    }
    return new CscMatrix(cols, rows, tp, ti, tv);
  }

  /** A dense row-major copy, for small matrices in tests and reference solves. */
  toDense(): Float64Array[] {
    const out = Array.from({ length: this.rows }, () => new Float64Array(this.cols));
    for (let j = 0; j < this.cols; j++)
      for (let k = this.columnPointers[j]; k < this.columnPointers[j + 1]; k++)
        out[this.rowIndex[k]][j] = this.values[k];
    return out;
  }

  /** ‖A‖∞: the largest absolute row sum. */
  normInf(): number {
    const sums = new Float64Array(this.rows);
    for (let k = 0; k < this.nonZeros; k++) sums[this.rowIndex[k]] += Math.abs(this.values[k]);
    let max = 0;
    for (let i = 0; i < this.rows; i++) if (sums[i] > max) max = sums[i];
    return max;
  }

  /** A CSC matrix from dense rows (zeros are not stored). */
  static fromDense(rows: ArrayLike<number>[]): CscMatrix {
    const m = rows.length;
    const n = m === 0 ? 0 : rows[0].length;
    const p = new Int32Array(n + 1);
    const ri: number[] = [];
    const v: number[] = [];
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) {
        const a = rows[i][j];
        if (a !== 0) {
          ri.push(i);
          v.push(a);
        }
      }
      p[j + 1] = ri.length;
    }
    return new CscMatrix(m, n, p, Int32Array.from(ri), Float64Array.from(v));
  }
}
