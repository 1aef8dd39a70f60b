import { DimensionError } from './errors.js';

/** Tuning of `approximateMinimumDegree`. */
export interface AmdOptions {
  /**
   * Rows with more than max(16, dense · √n) entries in A + Aᵀ are "dense": they are left out of the
   * elimination and ordered last (in LCA, the hubs such as electricity and transport). A negative value
   * disables dense detection. Default 10 (as AMD).
   */
  dense?: number;
  /**
   * At most this many rows are treated as dense (the densest ones, when more exceed the threshold): guards a
   * low `dense` factor against matrices where many rows are moderately dense. Default unlimited.
   */
  maxDense?: number;
  /** Absorb elements whose pattern lies inside the new pivot element (aggressive absorption). Default true. */
  aggressive?: boolean;
}

/**
 * Approximate minimum degree ordering (Amestoy, Davis & Duff, SIAM J. Matrix Anal. Appl. 17(4), 1996;
 * ACM TOMS 30(3), 2004) of the pattern of A + Aᵀ, A square n×n in CSC (values and the diagonal are ignored,
 * rows need not be sorted or unique).
 *
 * Elimination runs on a quotient graph: eliminated nodes become elements whose pattern stands for the clique
 * they would have created, so memory stays O(nnz). Per pivot it builds the new element, absorbs the elements
 * it covers, updates the approximate external degrees of its neighbours (bounds computed from |Le \ Lme|
 * instead of exact degrees), merges indistinguishable variables into supervariables (hashing), eliminates
 * variables adjacent to nothing but the new element together with the pivot (mass elimination), and removes
 * dense rows up front.
 *
 * Returns the permutation: perm[k] = the node eliminated k-th.
 *
 * @example
 * const perm = approximateMinimumDegree(A.cols, A.columnPointers, A.rowIndex);
 */
export function approximateMinimumDegree(
  n: number,
  Ap: Int32Array,
  Ai: Int32Array,
  options: AmdOptions = {},
): Int32Array {
  if (Ap.length < n + 1) throw new DimensionError('approximateMinimumDegree: Ap must have n + 1 entries');
  const perm = new Int32Array(n);
  if (n === 0) return perm;
  if (n === 1) return perm;
  const denseFactor = options.dense ?? 10;
  const aggressive = options.aggressive ?? true;

  // ---- Pattern of A + Aᵀ without the diagonal and duplicates, as adjacency lists in iw. ----
  const nnz = Ap[n];
  const Tp = new Int32Array(n + 1); // Aᵀ by columns = A by rows
  for (let p = 0; p < nnz; p++) Tp[Ai[p] + 1]++;
  for (let i = 0; i < n; i++) Tp[i + 1] += Tp[i];
  const Ti = new Int32Array(nnz);
  {
    const next = Tp.slice(0, n);
    for (let j = 0; j < n; j++) for (let p = Ap[j]; p < Ap[j + 1]; p++) Ti[next[Ai[p]]++] = j;
  }
  const mark = new Int32Array(n).fill(-1);
  const len = new Int32Array(n);
  let nzaat = 0;
  for (let j = 0; j < n; j++) {
    mark[j] = j;
    let c = 0;
    for (let p = Ap[j]; p < Ap[j + 1]; p++) {
      const i = Ai[p];
      if (mark[i] !== j) {
        mark[i] = j;
        c++;
      }
    }
    for (let p = Tp[j]; p < Tp[j + 1]; p++) {
      const i = Ti[p];
      if (mark[i] !== j) {
        mark[i] = j;
        c++;
      }
    }
    len[j] = c;
    nzaat += c;
  }
  // Elbow room for new elements; garbage collection compacts iw when it runs out.
  const iwlen = nzaat + Math.ceil(nzaat / 5) + 2 * n;
  const iw = new Int32Array(iwlen);
  const pe = new Int32Array(n);
  mark.fill(-1);
  {
    let pos = 0;
    for (let j = 0; j < n; j++) {
      pe[j] = pos;
      mark[j] = j;
      for (let p = Ap[j]; p < Ap[j + 1]; p++) {
        const i = Ai[p];
        if (mark[i] !== j) {
          mark[i] = j;
          iw[pos++] = i;
        }
      }
      for (let p = Tp[j]; p < Tp[j + 1]; p++) {
        const i = Ti[p];
        if (mark[i] !== j) {
          mark[i] = j;
          iw[pos++] = i;
        }
      }
    }
  }
  let pfree = nzaat;

  // ---- Quotient graph state. ----
  // nv[i] > 0: principal variable of a supervariable of nv[i] nodes; 0: merged/eliminated/dense;
  // < 0: temporarily, a variable of the current pivot element.
  // elen[i]: number of elements at the front of i's list (variables); EMPTY for merged/dense; < EMPTY: element.
  // pe[i]: start of i's list, or FLIP(e) when i was absorbed into e, or EMPTY.
  // degree[i]: approximate external degree (variables) / |Le| (elements). w: scratch marks (see below).
  const EMPTY = -1;
  const nv = new Int32Array(n).fill(1);
  const elen = new Int32Array(n);
  const degree = new Int32Array(n);
  const head = new Int32Array(n).fill(EMPTY); // degree lists
  const next = new Int32Array(n).fill(EMPTY);
  const last = new Int32Array(n).fill(EMPTY);
  const bucket = new Int32Array(n).fill(EMPTY); // hash buckets for supervariable detection
  const w = new Int32Array(n).fill(1);
  const isPivot = new Uint8Array(n);
  const pivots = new Int32Array(n);
  let npivots = 0;
  const wbig = 2147483647 - 2 * n - 2;
  let wflg = 2;

  let dense = denseFactor < 0 ? n - 2 : denseFactor * Math.sqrt(n);
  dense = Math.max(16, dense);
  dense = Math.min(n, dense);
  const maxDense = options.maxDense ?? n;
  {
    let count = 0;
    for (let i = 0; i < n; i++) if (len[i] > dense) count++;
    if (count > maxDense) {
      // Raise the threshold to the degree of the (maxDense + 1)-th densest row.
      const sorted = len.slice().sort();
      dense = sorted[n - 1 - Math.max(0, Math.floor(maxDense))];
    }
  }
  let nel = 0;
  const denseNodes: number[] = [];
  for (let i = 0; i < n; i++) {
    const deg = len[i];
    degree[i] = deg;
    if (deg === 0) {
      // Isolated: an element with an empty pattern right away.
      elen[i] = -2;
      nel++;
      pe[i] = EMPTY;
      w[i] = 0;
      isPivot[i] = 1;
      pivots[npivots++] = i;
    } else if (deg > dense) {
      nv[i] = 0;
      elen[i] = EMPTY;
      nel++;
      pe[i] = EMPTY;
      denseNodes.push(i);
    } else {
      const inext = head[deg];
      if (inext !== EMPTY) last[inext] = i;
      next[i] = inext;
      head[deg] = i;
    }
  }

  let mindeg = 0;
  let lemax = 0;
  while (nel < n) {
    // ---- Pivot of minimum approximate degree. ----
    let deg = mindeg;
    let me = EMPTY;
    for (; deg < n; deg++) {
      me = head[deg];
      if (me !== EMPTY) break;
    }
    mindeg = deg;
    {
      const inext = next[me];
      if (inext !== EMPTY) last[inext] = EMPTY;
      head[deg] = inext;
    }
    const elenme = elen[me];
    let nvpiv = nv[me];
    nel += nvpiv;
    isPivot[me] = 1;
    pivots[npivots++] = me;

    // ---- New element Lme = (variables of me) ∪ (patterns of the elements adjacent to me), minus me. ----
    nv[me] = -nvpiv;
    let degme = 0;
    let pme1: number;
    let pme2: number;
    if (elenme === 0) {
      // No adjacent elements: build Lme in place of me's variable list.
      pme1 = pe[me];
      pme2 = pme1 - 1;
      const pend = pme1 + len[me];
      for (let p = pme1; p < pend; p++) {
        const i = iw[p];
        const nvi = nv[i];
        if (nvi <= 0) continue;
        degme += nvi;
        nv[i] = -nvi;
        iw[++pme2] = i;
        const ilast = last[i];
        const inext = next[i];
        if (inext !== EMPTY) last[inext] = ilast;
        if (ilast !== EMPTY) next[ilast] = inext;
        else head[degree[i]] = inext;
      }
    } else {
      // Build Lme at the end of iw, absorbing every element adjacent to me.
      let p = pe[me];
      pme1 = pfree;
      const slenme = len[me] - elenme;
      for (let knt1 = 1; knt1 <= elenme + 1; knt1++) {
        let e: number;
        let pj: number;
        let ln: number;
        if (knt1 > elenme) {
          e = me;
          pj = p;
          ln = slenme;
        } else {
          e = iw[p++];
          pj = pe[e];
          ln = len[e];
        }
        for (let knt2 = 1; knt2 <= ln; knt2++) {
          const i = iw[pj++];
          const nvi = nv[i];
          if (nvi <= 0) continue;
          if (pfree >= iwlen) {
            // Out of room: compact iw. First make me's and e's lists describe only their unscanned rest.
            pe[me] = p;
            len[me] -= knt1;
            if (len[me] === 0) pe[me] = EMPTY;
            pe[e] = pj;
            len[e] = ln - knt2;
            if (len[e] === 0) pe[e] = EMPTY;
            // Tag the start of every live list with FLIP(owner), keeping its first entry in pe.
            for (let j = 0; j < n; j++) {
              const pn = pe[j];
              if (pn >= 0) {
                pe[j] = iw[pn];
                iw[pn] = -j - 2;
              }
            }
            let psrc = 0;
            let pdst = 0;
            const pend = pme1 - 1;
            while (psrc <= pend) {
              const j = -iw[psrc++] - 2;
              if (j >= 0) {
                iw[pdst] = pe[j];
                pe[j] = pdst++;
                const lenj = len[j];
                for (let knt3 = 0; knt3 <= lenj - 2; knt3++) iw[pdst++] = iw[psrc++];
              }
            }
            // Move the partial element after the compacted lists.
            const p1 = pdst;
            for (psrc = pme1; psrc < pfree; psrc++) iw[pdst++] = iw[psrc];
            pme1 = p1;
            pfree = pdst;
            pj = pe[e];
            p = pe[me];
          }
          degme += nvi;
          nv[i] = -nvi;
          iw[pfree++] = i;
          const ilast = last[i];
          const inext = next[i];
          if (inext !== EMPTY) last[inext] = ilast;
          if (ilast !== EMPTY) next[ilast] = inext;
          else head[degree[i]] = inext;
        }
        if (e !== me) {
          pe[e] = -me - 2; // e is absorbed into me
          w[e] = 0;
        }
      }
      pme2 = pfree - 1;
    }
    degree[me] = degme;
    pe[me] = pme1;
    len[me] = pme2 - pme1 + 1;
    elen[me] = -(nvpiv + degme) - 2;
    if (wflg < 2 || wflg >= wbig) wflg = clearFlag(w, n);

    // ---- |Le \ Lme| for every element e adjacent to a variable of Lme: w[e] − wflg afterwards. ----
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme];
      const eln = elen[i];
      if (eln <= 0) continue;
      const nvi = -nv[i];
      const wnvi = wflg - nvi;
      const pend = pe[i] + eln;
      for (let p = pe[i]; p < pend; p++) {
        const e = iw[p];
        let we = w[e];
        if (we >= wflg) we -= nvi;
        else if (we !== 0) we = degree[e] + wnvi;
        w[e] = we;
      }
    }

    // ---- Degree update and element absorption. ----
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme];
      const p1 = pe[i];
      const p2 = p1 + elen[i] - 1;
      let pn = p1;
      let hash = 0;
      let d = 0;
      for (let p = p1; p <= p2; p++) {
        const e = iw[p];
        const we = w[e];
        if (we === 0) continue; // absorbed element: drop from the list
        const dext = we - wflg;
        if (dext > 0 || !aggressive) {
          d += dext;
          iw[pn++] = e;
          hash += e;
        } else {
          // Le ⊆ Lme: e is redundant (aggressive absorption).
          pe[e] = -me - 2;
          w[e] = 0;
        }
      }
      elen[i] = pn - p1 + 1; // + me, inserted below
      const p3 = pn;
      const p4 = p1 + len[i];
      for (let p = p2 + 1; p < p4; p++) {
        const j = iw[p];
        const nvj = nv[j];
        if (nvj <= 0) continue; // in Lme (covered by me), merged, or dense
        d += nvj;
        iw[pn++] = j;
        hash += j;
      }
      if (elen[i] === 1 && p3 === pn) {
        // Only me is adjacent: i has the same pattern as me and is eliminated with it (mass elimination).
        pe[i] = -me - 2;
        const nvi = -nv[i];
        degme -= nvi;
        nvpiv += nvi;
        nel += nvi;
        nv[i] = 0;
        elen[i] = EMPTY;
      } else {
        if (d < degree[i]) degree[i] = d;
        // me goes to the front of the element list; the displaced entries move back one slot each.
        iw[pn] = iw[p3];
        iw[p3] = iw[p1];
        iw[p1] = me;
        len[i] = pn - p1 + 1;
        const h = hash % n;
        next[i] = bucket[h];
        bucket[h] = i;
        last[i] = h;
      }
    }
    degree[me] = degme;
    if (degme > lemax) lemax = degme;
    wflg += lemax;
    if (wflg >= wbig) wflg = clearFlag(w, n);

    // ---- Supervariable detection: variables of Lme with equal hash and identical lists merge. ----
    for (let pme = pme1; pme <= pme2; pme++) {
      let i = iw[pme];
      if (nv[i] >= 0) continue; // mass-eliminated
      const h = last[i];
      i = bucket[h];
      if (i === EMPTY) continue;
      bucket[h] = EMPTY;
      while (i !== EMPTY && next[i] !== EMPTY) {
        const ln = len[i];
        const eln = elen[i];
        const pi1 = pe[i] + ln;
        for (let p = pe[i] + 1; p < pi1; p++) w[iw[p]] = wflg;
        let jlast = i;
        let j = next[i];
        while (j !== EMPTY) {
          let same = len[j] === ln && elen[j] === eln;
          if (same) {
            const pj1 = pe[j] + ln;
            for (let p = pe[j] + 1; p < pj1; p++) {
              if (w[iw[p]] !== wflg) {
                same = false;
                break;
              }
            }
          }
          if (same) {
            pe[j] = -i - 2;
            nv[i] += nv[j];
            nv[j] = 0;
            elen[j] = EMPTY;
            j = next[j];
            next[jlast] = j;
          } else {
            jlast = j;
            j = next[j];
          }
        }
        wflg++;
        i = next[i];
      }
    }

    // ---- Finalize Lme: restore degree lists, drop merged variables from the element. ----
    let p = pme1;
    const nleft = n - nel;
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme];
      const nvi = -nv[i];
      if (nvi <= 0) continue;
      nv[i] = nvi;
      let d = degree[i] + degme - nvi;
      if (nleft - nvi < d) d = nleft - nvi;
      const inext = head[d];
      if (inext !== EMPTY) last[inext] = i;
      next[i] = inext;
      last[i] = EMPTY;
      head[d] = i;
      if (d < mindeg) mindeg = d;
      degree[i] = d;
      iw[p++] = i;
    }
    nv[me] = nvpiv;
    len[me] = p - pme1;
    if (len[me] === 0) {
      pe[me] = EMPTY;
      w[me] = 0;
    }
    if (elenme !== 0) pfree = p;
  }

  // ---- Order: pivots in elimination order, each followed by the variables eliminated with it. ----
  // Every non-pivot node points (pe = FLIP(x)) to the supervariable or element that absorbed it.
  const rep = new Int32Array(n).fill(-1);
  for (let t = 0; t < npivots; t++) rep[pivots[t]] = t;
  for (const d of denseNodes) rep[d] = npivots;
  const path = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (rep[i] !== -1) continue;
    let depth = 0;
    let j = i;
    while (rep[j] === -1) {
      path[depth++] = j;
      j = -pe[j] - 2;
    }
    const r = rep[j];
    for (let t = 0; t < depth; t++) rep[path[t]] = r;
  }
  const start = new Int32Array(npivots + 2);
  for (let i = 0; i < n; i++) start[rep[i] + 1]++;
  for (let t = 0; t <= npivots; t++) start[t + 1] += start[t];
  for (let i = 0; i < n; i++) perm[start[rep[i]]++] = i;
  return perm;
}

/** Reset the marks: every live entry of w becomes 1, and 2 is the new flag. */
function clearFlag(w: Int32Array, n: number): number {
  for (let x = 0; x < n; x++) if (w[x] !== 0) w[x] = 1;
  return 2;
}
