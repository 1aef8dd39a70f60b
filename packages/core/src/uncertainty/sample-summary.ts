/** Percentiles a Monte Carlo result reports (type 7 quantiles). */
export interface SamplePercentiles {
  p2_5: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p97_5: number;
}

/** The distribution of one result over the iterations of a Monte Carlo run. */
export interface SampleSummary {
  /** Iterations that gave a finite value (the others, e.g. a singular draw, are left out and counted). */
  count: number;
  /** Iterations without a finite value. */
  failed: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  min: number;
  max: number;
  percentiles: SamplePercentiles;
  /** `counts[k]` values in [from + k·w, from + (k + 1)·w), w = (to − from)/bins; the last bin includes `to`. */
  histogram: { from: number; to: number; counts: number[] };
}

/**
 * Mean, standard deviation, min, max, percentiles (linear interpolation between closest ranks: type 7, as R and
 * numpy by default) and an equal-width histogram from min to max (`bins`, default 20) of the finite values.
 *
 * @example
 * const s = summarizeSamples(Float64Array.of(1, 2, 3, 4));
 * s.mean; // 2.5
 * s.percentiles.p50; // 2.5
 * s.histogram; // { from: 1, to: 4, counts: [1, 0, 0, …, 1] } (20 bins)
 */
export function summarizeSamples(values: ArrayLike<number>, bins = 20): SampleSummary {
  if (!(Number.isInteger(bins) && bins >= 1))
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const finite: number[] = [];
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) finite.push(values[k]);
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  const failed = values.length - n;
  if (n === 0) {
    const nan = Number.NaN;
    return {
      count: 0,
      failed,
      mean: nan,
      sd: nan,
      min: nan,
      max: nan,
      percentiles: { p2_5: nan, p5: nan, p25: nan, p50: nan, p75: nan, p95: nan, p97_5: nan },
      histogram: { from: nan, to: nan, counts: new Array<number>(bins).fill(0) },
    };
  }
  // Summed in iteration order, so equal runs give bit-identical figures.
  let mean = 0;
  for (const x of finite) mean += x;
  mean /= n;
  let squares = 0;
  for (const x of finite) squares += (x - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const min = sorted[0];
  const max = sorted[n - 1];
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let k = 0; k < n; k++) {
    const x = sorted[k];
    counts[width === 0 ? 0 : Math.min(bins - 1, Math.floor((x - min) / width))]++;
  }
  return {
    count: n,
    failed,
    mean,
    sd,
    min,
    max,
    percentiles: {
      p2_5: sortedQuantile(sorted, 0.025),
      p5: sortedQuantile(sorted, 0.05),
      p25: sortedQuantile(sorted, 0.25),
      p50: sortedQuantile(sorted, 0.5),
      p75: sortedQuantile(sorted, 0.75),
      p95: sortedQuantile(sorted, 0.95),
      p97_5: sortedQuantile(sorted, 0.975),
    },
    histogram: { from: min, to: max, counts },
  };
}

/**
 * The p-quantile of ascending values, type 7: h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
 *
 * @example sortedQuantile(Float64Array.of(1, 2, 3, 4, 5), 0.25); // 2
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
