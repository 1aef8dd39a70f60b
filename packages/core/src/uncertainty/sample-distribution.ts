import type { Uncertainty } from '../model.js';

/** Distribution codes of {@link EncodedDistribution} (typed-array friendly). */
export const DISTRIBUTION_CODE = Object.freeze({ lognormal: 0, normal: 1, triangular: 2, uniform: 3 });

/**
 * A distribution as four numbers, for the sampling loops (and SharedArrayBuffers):
 * - lognormal (0): p1 = ln|geometric mean|, p2 = ln(geometric SD), p3 = sign of the geometric mean;
 * - normal (1): p1 = mean, p2 = SD;
 * - triangular (2): p1 = min, p2 = mode, p3 = max;
 * - uniform (3): p1 = min, p3 = max.
 */
export interface EncodedDistribution {
  code: number;
  p1: number;
  p2: number;
  p3: number;
}

/**
 * The four numbers of a distribution, or a reason why it cannot be sampled (a geometric mean of 0, a geometric SD
 * below 1, a negative SD, bounds in the wrong order, a non-finite parameter).
 *
 * @example
 * encodeUncertainty({ type: 'lognormal', geometricMean: 2, geometricSd: 1.5 }); // { code: 0, p1: ln 2, p2: ln 1.5, p3: 1 }
 */
export function encodeUncertainty(u: Uncertainty): EncodedDistribution | string {
  const finite = (...xs: number[]) => xs.every((x) => Number.isFinite(x));
  switch (u.type) {
    case 'lognormal':
      if (!finite(u.geometricMean, u.geometricSd)) return 'a non-finite parameter';
      if (u.geometricMean === 0) return 'a geometric mean of 0';
      if (!(u.geometricSd >= 1)) return `a geometric SD of ${u.geometricSd} (below 1)`;
      return {
        code: DISTRIBUTION_CODE.lognormal,
        p1: Math.log(Math.abs(u.geometricMean)),
        p2: Math.log(u.geometricSd),
        p3: Math.sign(u.geometricMean),
      };
    case 'normal':
      if (!finite(u.mean, u.sd)) return 'a non-finite parameter';
      if (!(u.sd >= 0)) return `a negative SD (${u.sd})`;
      return { code: DISTRIBUTION_CODE.normal, p1: u.mean, p2: u.sd, p3: 0 };
    case 'triangular':
      if (!finite(u.min, u.mode, u.max)) return 'a non-finite parameter';
      if (!(u.min <= u.mode && u.mode <= u.max))
        return `min ${u.min}, mode ${u.mode}, max ${u.max} out of order`;
      return { code: DISTRIBUTION_CODE.triangular, p1: u.min, p2: u.mode, p3: u.max };
    case 'uniform':
      if (!finite(u.min, u.max)) return 'a non-finite parameter';
      if (!(u.min <= u.max)) return `min ${u.min} above max ${u.max}`;
      return { code: DISTRIBUTION_CODE.uniform, p1: u.min, p2: 0, p3: u.max };
  }
}

/**
 * The value of an encoded distribution at probability u ∈ (0, 1): its inverse cumulative distribution function.
 * Sampling by inversion gives every distribution one uniform per draw, so an input's draws keep the order of its
 * uniforms (which the rank correlations use).
 *
 * @example
 * sampleEncoded(1, 10, 2, 0, 0.975); // ≈ 13.92: the 97.5th percentile of N(10, 2²)
 */
export function sampleEncoded(code: number, p1: number, p2: number, p3: number, u: number): number {
  switch (code) {
    case 0:
      return p3 * Math.exp(p1 + p2 * normalQuantile(u));
    case 1:
      return p1 + p2 * normalQuantile(u);
    case 2: {
      const width = p3 - p1;
      if (width === 0) return p1;
      const f = (p2 - p1) / width;
      return u < f ? p1 + Math.sqrt(u * width * (p2 - p1)) : p3 - Math.sqrt((1 - u) * width * (p3 - p2));
    }
    default:
      return p1 + (p3 - p1) * u;
  }
}

/** One value of a distribution at probability u ∈ (0, 1) (see {@link sampleEncoded}). */
export function sampleUncertainty(u: Uncertainty, probability: number): number {
  const e = encodeUncertainty(u);
  if (typeof e === 'string') throw new RangeError(`cannot sample a distribution with ${e}`);
  return sampleEncoded(e.code, e.p1, e.p2, e.p3, probability);
}

/**
 * The mean and variance of a distribution (analytic): lognormal gm·e^(σ²/2) and (e^(σ²) − 1)·gm²·e^(σ²) with
 * σ = ln gsd; triangular (a + b + c)/3 and (a² + b² + c² − ab − ac − bc)/18; uniform (a + b)/2 and (b − a)²/12.
 *
 * @example
 * distributionMoments({ type: 'uniform', min: 0, max: 1 }); // { mean: 0.5, variance: 1/12 }
 */
export function distributionMoments(u: Uncertainty): { mean: number; variance: number } {
  switch (u.type) {
    case 'lognormal': {
      const s2 = Math.log(u.geometricSd) ** 2;
      return {
        mean: u.geometricMean * Math.exp(s2 / 2),
        variance: Math.expm1(s2) * u.geometricMean ** 2 * Math.exp(s2),
      };
    }
    case 'normal':
      return { mean: u.mean, variance: u.sd ** 2 };
    case 'triangular': {
      const { min: a, mode: c, max: b } = u;
      return { mean: (a + b + c) / 3, variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18 };
    }
    case 'uniform':
      return { mean: (u.min + u.max) / 2, variance: (u.max - u.min) ** 2 / 12 };
  }
}

/**
 * Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS 241 (PPND16): relative error about 1e-16 over
 * (0, 1). Returns ∓Infinity at 0 and 1.
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return centralNormalQuantile(q);
  let r = q < 0 ? p : 1 - p;
  if (r <= 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    x =
      (((((((2.0103343992922881e-7 * r + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -x : x;
}

/**
 * Φ⁻¹(0.5 + q) for |q| ≤ 0.425 (AS 241's central rational function): small enough to be inlined into sampling
 * loops, where most draws fall (85 %), so that they do not box a double per call.
 */
export function centralNormalQuantile(q: number): number {
  const r = 0.180625 - q * q;
  return (
    (q *
      (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
        r +
        13731.69376550946) *
        r +
        1971.5909503065513) *
        r +
        133.14166789178438) *
        r +
        3.3871328727963665)) /
    (((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
      r +
      5394.196021424751) *
      r +
      687.1870074920579) *
      r +
      42.31333070160091) *
      r +
      1)
  );
}
