import { counterUniform, type CounterRandom } from './counter-random.js';
import { normalQuantile } from './sample-distribution.js';

/** Inputs of one counter-based stream whose draws are to be correlated with a result. */
export interface ContributionInputs {
  random: CounterRandom;
  /** The inputs' indices in the stream (what `random.uniform(index, t)` takes). */
  indices: ArrayLike<number>;
}

/** One input that drives the result's uncertainty. */
export interface InputContribution {
  /** Which group of {@link rankContributions}' inputs, and which input of it (position in `indices`). */
  group: number;
  input: number;
  /** Spearman's rank correlation of the input with the result (sign: whether the result rises with it). */
  correlation: number;
  /** correlation² over the sum of correlation² of the significant inputs: its share of the variance. */
  share: number;
}

/** The contribution to variance of a Monte Carlo result (see {@link rankContributions}). */
export interface ContributionAnalysis {
  method: 'squared-spearman';
  /** Iterations used (those with a finite result). */
  iterations: number;
  /** Inputs tested. */
  tested: number;
  /** |correlation| above which an input is told from noise (Bonferroni, family-wise 5 %). */
  threshold: number;
  /** Inputs above the threshold; their shares add up to 1. */
  significant: number;
  /** Σ correlation² of the significant inputs: near 1 when they explain the result's ranks (additive models). */
  explained: number;
  /** The significant inputs, largest share first (at most `limit`). */
  inputs: InputContribution[];
}

/**
 * Contribution to variance: for every input, Spearman's rank correlation ρ with the result, and ρ² normalised over
 * the inputs whose ρ is significant. ρ is the correlation of the result's ranks with the input's probability
 * integral transform u = F(x) — the uniform it was drawn from by inversion, regenerated from the counter-based
 * stream instead of stored — which is the input's rank up to sampling noise (population Spearman ρ is
 * 12 Cov(F(X), G(Y)) exactly). Under independence ρ̂ has SD 1/√(n − 1); an input counts as significant when
 * |ρ̂| > z(1 − 0.025/m)/√(n − 1) for m tested inputs (Bonferroni at 5 %), so that thousands of inputs without an
 * effect do not add up to a share. For a linear model y = Σ aᵢxᵢ of independent normal inputs, ρ = (6/π)
 * arcsin(rᵢ/2) with rᵢ² = aᵢ²σᵢ²/Σ aⱼ²σⱼ², the input's share of the variance.
 *
 * Inputs of a degenerate distribution (zero width) must be left out by the caller: their u varies while x does
 * not.
 *
 * @example
 * const c = rankContributions(totals, [{ random: new CounterRandom(42, 1), indices: [0, 1] }]);
 * c.inputs[0]; // { group: 0, input: 1, correlation: 0.81, share: 0.64 }
 */
export function rankContributions(
  results: ArrayLike<number>,
  groups: readonly ContributionInputs[],
  options: { limit?: number } = {},
): ContributionAnalysis {
  const limit = options.limit ?? 50;
  // Ranks of the finite results (ties share their mean rank), centred: r̄ = 0.
  const valid: number[] = [];
  for (let t = 0; t < results.length; t++) if (Number.isFinite(results[t])) valid.push(t);
  const n = valid.length;
  let tested = 0;
  for (const g of groups) tested += g.indices.length;
  const empty: ContributionAnalysis = {
    method: 'squared-spearman',
    iterations: n,
    tested,
    threshold: Number.NaN,
    significant: 0,
    explained: 0,
    inputs: [],
  };
  if (n < 3 || tested === 0) return empty;
  const order = valid.slice().sort((a, b) => results[a] - results[b] || a - b);
  const rank = new Float64Array(n);
  const position = new Int32Array(results.length).fill(-1);
  valid.forEach((t, k) => (position[t] = k));
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && results[order[j]] === results[order[i]]) j++;
    const mean = (i + j - 1) / 2 - (n - 1) / 2;
    for (let k = i; k < j; k++) rank[position[order[k]]] = mean;
    i = j;
  }
  let rr = 0;
  for (let k = 0; k < n; k++) rr += rank[k] * rank[k];
  if (rr === 0) return empty; // a constant result: nothing drives it
  const threshold = normalQuantile(1 - 0.025 / tested) / Math.sqrt(n - 1);
  const found: InputContribution[] = [];
  const t1 = new Uint32Array(n);
  const t2 = new Uint32Array(n);
  groups.forEach((g, group) => {
    for (let k = 0; k < n; k++) [t1[k], t2[k]] = g.random.iterationKeys(valid[k]);
    for (let e = 0; e < g.indices.length; e++) {
      const [k1, k2] = g.random.inputKeys(g.indices[e]);
      let su = 0;
      let suu = 0;
      let sur = 0;
      for (let k = 0; k < n; k++) {
        const u = counterUniform(k1, k2, t1[k], t2[k]);
        su += u;
        suu += u * u;
        sur += u * rank[k];
      }
      const uu = suu - (su * su) / n;
      if (!(uu > 0)) continue;
      const correlation = sur / Math.sqrt(uu * rr);
      if (Math.abs(correlation) > threshold) found.push({ group, input: e, correlation, share: 0 });
    }
  });
  let explained = 0;
  for (const c of found) explained += c.correlation * c.correlation;
  for (const c of found) c.share = (c.correlation * c.correlation) / explained;
  found.sort((a, b) => b.share - a.share || a.group - b.group || a.input - b.input);
  return {
    method: 'squared-spearman',
    iterations: n,
    tested,
    threshold,
    significant: found.length,
    explained,
    inputs: found.slice(0, limit),
  };
}
