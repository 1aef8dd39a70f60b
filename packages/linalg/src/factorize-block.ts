/**
 * L and U of all diagonal blocks in compressed sparse column form, in the global permuted numbering:
 * column k of L holds rows > k of its block (unit diagonal not stored), column k of U rows < k of its block
 * (diagonal in `Udiag`). Arrays grow geometrically while factorizing and are trimmed at the end.
 */
export class LuStorage {
  readonly Lp: Int32Array;
  readonly Up: Int32Array;
  readonly Udiag: Float64Array;
  Li: Int32Array;
  Lx: Float64Array;
  Ui: Int32Array;
  Ux: Float64Array;
  lnz = 0;
  unz = 0;

  constructor(n: number, estimate: number) {
    const size = Math.max(16, estimate);
    this.Lp = new Int32Array(n + 1);
    this.Up = new Int32Array(n + 1);
    this.Udiag = new Float64Array(n);
    this.Li = new Int32Array(size);
    this.Lx = new Float64Array(size);
    this.Ui = new Int32Array(size);
    this.Ux = new Float64Array(size);
  }

  /** Make room for `extra` more entries in L and in U. */
  ensure(extra: number): void {
    if (this.lnz + extra > this.Li.length) {
      const size = Math.max(this.lnz + extra, Math.ceil(this.Li.length * 1.5));
      this.Li = grow(this.Li, new Int32Array(size), this.lnz);
      this.Lx = grow(this.Lx, new Float64Array(size), this.lnz);
    }
    if (this.unz + extra > this.Ui.length) {
      const size = Math.max(this.unz + extra, Math.ceil(this.Ui.length * 1.5));
      this.Ui = grow(this.Ui, new Int32Array(size), this.unz);
      this.Ux = grow(this.Ux, new Float64Array(size), this.unz);
    }
  }

  /** Release L's unused tail (L lives as long as the factorization; U is copied elsewhere). */
  trimL(): void {
    if (this.Li.length === this.lnz) return;
    this.Li = this.Li.slice(0, this.lnz);
    this.Lx = this.Lx.slice(0, this.lnz);
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T, used: number): T {
  to.set(from.subarray(0, used));
  return to;
}

/** Scratch arrays for `factorizeBlock`, sized for the largest block and reused for every block. */
export class BlockWorkspace {
  /** Dense accumulator for the current column, indexed by local (pre-pivoting) row; kept all-zero between columns. */
  readonly X: Float64Array;
  /** pinv[i] ≥ 0: the column row i was pivoted in; otherwise FLIP(c) = −c − 2 where i is column c's "diagonal" row. */
  readonly pinv: Int32Array;
  /** pivotRow[c]: the diagonal row of column c, and after column c is done, its pivot row. */
  readonly pivotRow: Int32Array;
  readonly flag: Int32Array;
  /** Topological order of the reach, filled from the top down. */
  readonly topo: Int32Array;
  readonly dfsStack: Int32Array;
  readonly dfsPosition: Int32Array;
  /** End of the part of L's column c the depth-first search must scan (shrinks when the column is pruned). */
  readonly lend: Int32Array;
  /** Not-yet-pivotal rows reached by the current column (the candidates for its pivot, later L's pattern). */
  readonly pattern: Int32Array;
  /** max |L(:, c)|, for the rounding-error bound of later columns. */
  readonly lmax: Float64Array;

  constructor(size: number) {
    this.X = new Float64Array(size);
    this.pinv = new Int32Array(size);
    this.pivotRow = new Int32Array(size);
    this.flag = new Int32Array(size);
    this.topo = new Int32Array(size);
    this.dfsStack = new Int32Array(size);
    this.dfsPosition = new Int32Array(size);
    this.lend = new Int32Array(size);
    this.pattern = new Int32Array(size);
    this.lmax = new Float64Array(size);
  }
}

/** What `factorizeBlock` reports back besides the factors. */
export interface BlockFactorResult {
  offDiagonalPivots: number;
  /** Local columns with no usable pivot. */
  singularColumns: number[];
  /** min over columns of max|B(:, j)| / max|U(:, j)| (1 when no growth). */
  reciprocalPivotGrowth: number;
}

/**
 * Left-looking sparse LU of one diagonal block B (m×m, columns in their final order, rows in the preferred
 * order) with threshold partial pivoting: P B = L U, Gilbert & Peierls' algorithm as in KLU's kernel.
 *
 * For each column k: the pattern of x = L⁻¹ B(:, k) is the set of rows reachable from B(:, k)'s rows in the
 * graph of the already computed columns of L, found by depth-first search (Eisenstat–Liu pruning keeps that
 * graph small); x is then computed by a sparse triangular solve in topological order. Its pivotal rows form
 * U(:, k); among the rest, the "diagonal" row is kept as pivot when |x_diag| ≥ tolerance · max |x_i|, else the
 * largest. L(:, k) = x(rest) / pivot.
 *
 * Writes L (row indices temporarily local), U and the diagonal into `storage` at columns k1 … k1 + m − 1, and
 * the pivot row of each column into `ws.pivotRow`. At the end, L's row indices are converted to global
 * pivot positions and U's to global columns.
 */
export function factorizeBlock(
  Bp: Int32Array,
  Bi: Int32Array,
  Bx: Float64Array,
  m: number,
  k1: number,
  storage: LuStorage,
  ws: BlockWorkspace,
  pivotTolerance: number,
): BlockFactorResult {
  const { X, pinv, pivotRow, flag, topo, dfsStack, dfsPosition, lend, pattern, lmax } = ws;
  const Lp = storage.Lp;
  const Up = storage.Up;
  const Udiag = storage.Udiag;
  for (let i = 0; i < m; i++) {
    pinv[i] = -i - 2;
    pivotRow[i] = i;
    flag[i] = -1;
  }
  let offDiagonalPivots = 0;
  const singularColumns: number[] = [];
  let reciprocalPivotGrowth = Infinity;
  // A pivot below this multiple of the column's rounding-error bound is noise: the column is dependent.
  const singularFactor = 32 * Number.EPSILON;

  for (let k = 0; k < m; k++) {
    storage.ensure(m);
    const Li = storage.Li;
    const Lx = storage.Lx;
    const Ui = storage.Ui;
    const Ux = storage.Ux;
    const column = k1 + k;

    // Symbolic: reach of B(:, k) in the graph of L, as a topological order in topo[top … m).
    let top = m;
    let npattern = 0;
    const b0 = Bp[k];
    const b1 = Bp[k + 1];
    for (let p = b0; p < b1; p++) {
      const start = Bi[p];
      if (flag[start] === k) continue;
      if (pinv[start] < 0) {
        flag[start] = k;
        pattern[npattern++] = start;
        continue;
      }
      let head = 0;
      dfsStack[0] = start;
      flag[start] = k;
      dfsPosition[0] = Lp[k1 + pinv[start]];
      while (head >= 0) {
        const j = dfsStack[head];
        const jcol = pinv[j];
        const end = lend[jcol];
        let q = dfsPosition[head];
        let descended = false;
        for (; q < end; q++) {
          const i = Li[q];
          if (flag[i] === k) continue;
          flag[i] = k;
          if (pinv[i] >= 0) {
            dfsPosition[head] = q + 1;
            dfsStack[++head] = i;
            dfsPosition[head] = Lp[k1 + pinv[i]];
            descended = true;
            break;
          }
          pattern[npattern++] = i;
        }
        if (descended) continue;
        head--;
        topo[--top] = j;
      }
    }

    // Numeric: x = L⁻¹ B(:, k), scattered in X.
    let maxB = 0;
    for (let p = b0; p < b1; p++) {
      const v = Bx[p];
      X[Bi[p]] = v;
      const a = v < 0 ? -v : v;
      if (a > maxB) maxB = a;
    }
    for (let s = top; s < m; s++) {
      const j = topo[s];
      const xj = X[j];
      if (xj === 0) continue;
      const jcol = k1 + pinv[j];
      const q1 = Lp[jcol + 1];
      let q = Lp[jcol];
      // Unrolled by four: this scatter is where nearly all factorization time goes.
      for (const q4 = q1 - 3; q < q4; q += 4) {
        const i0 = Li[q];
        const i1 = Li[q + 1];
        const i2 = Li[q + 2];
        const i3 = Li[q + 3];
        X[i0] -= Lx[q] * xj;
        X[i1] -= Lx[q + 1] * xj;
        X[i2] -= Lx[q + 2] * xj;
        X[i3] -= Lx[q + 3] * xj;
      }
      for (; q < q1; q++) X[Li[q]] -= Lx[q] * xj;
    }

    // U(:, k): the pivotal part of x.
    let unz = storage.unz;
    Up[column] = unz;
    let maxU = 0;
    // Rounding error of any entry of x is about ε (max|B(:, k)| + Σ_j |U(j, k)| · max|L(:, j)|).
    let errorBound = maxB;
    for (let s = top; s < m; s++) {
      const j = topo[s];
      const xj = X[j];
      X[j] = 0;
      const jcol = pinv[j];
      Ui[unz] = jcol;
      Ux[unz] = xj;
      unz++;
      const a = xj < 0 ? -xj : xj;
      if (a > maxU) maxU = a;
      errorBound += a * lmax[jcol];
    }
    storage.unz = unz;
    Up[column + 1] = unz;

    // Pivot: the diagonal row if it passes the threshold test, else the largest candidate.
    const diagRow = pivotRow[k];
    let best = -1;
    let maxX = 0;
    for (let s = 0; s < npattern; s++) {
      const i = pattern[s];
      const v = X[i];
      const a = v < 0 ? -v : v;
      if (a > maxX) {
        maxX = a;
        best = i;
      }
    }
    let pivRow: number;
    let pivot: number;
    if (best === -1 || maxX <= singularFactor * errorBound) {
      singularColumns.push(k);
      pivRow = diagRow;
      pivot = 0;
    } else {
      const xd = X[diagRow];
      const ad = xd < 0 ? -xd : xd;
      if (flag[diagRow] === k && pinv[diagRow] < 0 && ad >= pivotTolerance * maxX && ad !== 0)
        pivRow = diagRow;
      else pivRow = best;
      pivot = X[pivRow];
    }
    if (pivRow !== diagRow) {
      offDiagonalPivots++;
      // pivRow was the diagonal row of a later column; hand that column our unused diagonal row instead.
      const kbar = -pinv[pivRow] - 2;
      pivotRow[kbar] = diagRow;
      pinv[diagRow] = -kbar - 2;
    }
    pivotRow[k] = pivRow;
    pinv[pivRow] = k;
    Udiag[column] = pivot;
    const ap = pivot < 0 ? -pivot : pivot;
    const maxUk = ap > maxU ? ap : maxU;
    if (maxUk > 0) {
      const growth = maxB / maxUk;
      if (growth < reciprocalPivotGrowth) reciprocalPivotGrowth = growth;
    }

    // L(:, k) = x(non-pivotal rows) / pivot.
    let lnz = storage.lnz;
    Lp[column] = lnz;
    let maxL = 0;
    if (pivot !== 0) {
      for (let s = 0; s < npattern; s++) {
        const i = pattern[s];
        const v = X[i];
        X[i] = 0;
        if (i === pivRow) continue;
        const l = v / pivot;
        Li[lnz] = i;
        Lx[lnz] = l;
        lnz++;
        const a = l < 0 ? -l : l;
        if (a > maxL) maxL = a;
      }
    } else {
      for (let s = 0; s < npattern; s++) X[pattern[s]] = 0;
    }
    storage.lnz = lnz;
    Lp[column + 1] = lnz;
    lend[k] = lnz;
    lmax[k] = maxL;

    // Eisenstat–Liu pruning: if pivRow appears in L(:, j) for some U(j, k) ≠ 0, the non-pivotal rows of
    // L(:, j) are all reachable through column k, so later searches need only its pivotal part.
    const u0 = Up[column];
    for (let p = u0; p < unz; p++) {
      const j = Ui[p];
      const jcol = k1 + j;
      const l0 = Lp[jcol];
      const l1 = Lp[jcol + 1];
      if (lend[j] !== l1) continue; // already pruned
      let found = false;
      for (let q = l0; q < l1; q++) {
        if (Li[q] === pivRow) {
          found = true;
          break;
        }
      }
      if (!found) continue;
      let phead = l0;
      let ptail = l1;
      while (phead < ptail) {
        const i = Li[phead];
        if (pinv[i] >= 0) {
          phead++;
        } else {
          ptail--;
          Li[phead] = Li[ptail];
          Li[ptail] = i;
          const t = Lx[phead];
          Lx[phead] = Lx[ptail];
          Lx[ptail] = t;
        }
      }
      lend[j] = ptail;
    }
  }

  // Final numbering: L rows become pivot positions, U rows global columns.
  const Li = storage.Li;
  const Ui = storage.Ui;
  for (let p = Lp[k1]; p < storage.lnz; p++) Li[p] = pinv[Li[p]] + k1;
  if (k1 !== 0) for (let p = Up[k1]; p < storage.unz; p++) Ui[p] += k1;
  return {
    offDiagonalPivots,
    singularColumns,
    reciprocalPivotGrowth: reciprocalPivotGrowth === Infinity ? 1 : reciprocalPivotGrowth,
  };
}
