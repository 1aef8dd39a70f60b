/**
 * A small, fast, seedable pseudo-random generator: xoshiro128** (Blackman & Vigna) with 128 bits of state,
 * seeded through splitmix32 so that nearby seeds give unrelated streams. Deterministic across platforms
 * (pure 32-bit integer arithmetic), which makes synthetic matrices and Monte Carlo runs reproducible.
 * Not cryptographically secure.
 *
 * @example
 * const rng = new Random(42);
 * rng.next();   // uniform in [0, 1)
 * rng.normal(); // standard normal
 * rng.int(6);   // 0 … 5
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The second value of the last polar-method pair, used by the next `normal()` call. */
  private spare = 0;
  private hasSpare = false;

  /** `seed` may be any finite number; equal seeds give identical streams. */
  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Restart the stream from `seed`. */
  seed(seed: number): void {
    if (!Number.isFinite(seed)) throw new RangeError(`Random: seed must be a finite number, got ${seed}`);
    // Fold the full double (integers beyond 2^32, fractions, negatives) into two 32-bit words.
    const hi = Math.floor(seed / 4294967296) | 0;
    const lo = seed >>> 0;
    let x = (lo ^ Math.imul(hi, 0x9e3779b9)) | 0;
    x = splitmix32((x + (seed % 1) * 4294967296) | 0);
    this.s0 = x;
    x = splitmix32(x ^ hi);
    this.s1 = x;
    x = splitmix32(x);
    this.s2 = x;
    x = splitmix32(x);
    this.s3 = x;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
    this.hasSpare = false;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = rotl(n3, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits (every double of the form k·2⁻⁵³). */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in 0 … n − 1 (n ≥ 1). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Normal deviate (Marsaglia's polar method), mean 0 and standard deviation 1 unless given. */
  normal(mean = 0, standardDeviation = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + standardDeviation * this.spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return mean + standardDeviation * u * f;
  }

  /** exp(N(μ, σ)): the lognormal the ecoinvent pedigree uncertainty uses (μ, σ of the underlying normal). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** An independent copy in the same state (continues with the same numbers). */
  clone(): Random {
    const r = new Random(0);
    r.s0 = this.s0;
    r.s1 = this.s1;
    r.s2 = this.s2;
    r.s3 = this.s3;
    r.spare = this.spare;
    r.hasSpare = this.hasSpare;
    return r;
  }

  /**
   * A new generator seeded from this one's stream, for giving each worker/parameter its own reproducible
   * stream. Advances this generator by two draws.
   */
  fork(): Random {
    return new Random(this.nextUint32() * 4294967296 + this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** One step of splitmix32 (a bijective 32-bit mixer): turns a seed into well-spread state words. */
function splitmix32(a: number): number {
  a = (a + 0x9e3779b9) | 0;
  let t = a ^ (a >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) | 0;
}
