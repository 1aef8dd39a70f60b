/**
 * Counter-based random numbers for Monte Carlo runs: the uniform of input e in iteration t of a run with seed S
 * is a fixed function of (S, stream, e, t), not a position in a sequential stream. That is what makes a run
 * reproducible whatever the number of worker threads and however the iterations are split among them, lets an
 * input be left out (it cannot affect the result) without shifting the others' numbers, and lets the numbers of
 * one input be generated again afterwards (for its rank correlation with the result) without storing them.
 *
 * The function: two 32-bit keys per input and two per iteration, each from the seed through splitmix32; the
 * uniform takes 53 bits from triple32 (Wellons' 32-bit hash, a bijection with near-ideal avalanche) of the input
 * key XOR the iteration key, one word per key pair. Deterministic across platforms (32-bit integer arithmetic).
 * Not cryptographically secure.
 *
 * @example
 * const run = new CounterRandom(42, 1);
 * const keys = run.inputKeys(7);          // [k1, k2] of input 7
 * const t = run.iterationKeys(0);         // [t1, t2] of iteration 0
 * const u = counterUniform(keys[0], keys[1], t[0], t[1]); // in (0, 1)
 */
export class CounterRandom {
  private readonly lo: number;
  private readonly hi: number;

  /** `seed`: any finite number; `stream` tells apart the inputs of different kinds in one run (0, 1, …). */
  constructor(seed: number, stream = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // Fold the full double (integers beyond 2^32, fractions, negatives) into two words, then mix in the stream.
    const hi = Math.floor(seed / 4294967296) | 0;
    const lo = (seed >>> 0) ^ (((seed % 1) * 4294967296) | 0);
    this.lo = splitmix32(lo ^ Math.imul(stream + 1, 0x85ebca6b));
    this.hi = splitmix32(hi ^ this.lo);
  }

  /** The two keys of input `index` (≥ 0), as a pair. */
  inputKeys(index: number): [number, number] {
    const k1 = splitmix32(splitmix32(this.lo + Math.imul(index, 0x9e3779b9)) ^ this.hi);
    const k2 = splitmix32(k1 ^ splitmix32(this.hi + index));
    return [k1, k2];
  }

  /** The two keys of iteration `t` (≥ 0). */
  iterationKeys(t: number): [number, number] {
    const t1 = splitmix32(splitmix32(t ^ 0x5bd1e995) + this.hi);
    const t2 = splitmix32(t1 ^ Math.imul(t + 1, 0x27d4eb2d) ^ this.lo);
    return [t1, t2];
  }

  /** The uniform of input `index` in iteration `t` (keys computed on the spot; the kernels keep them). */
  uniform(index: number, t: number): number {
    const [k1, k2] = this.inputKeys(index);
    const [t1, t2] = this.iterationKeys(t);
    return counterUniform(k1, k2, t1, t2);
  }
}

/** A uniform in (0, 1), never 0 or 1, from an input's and an iteration's keys (53 random bits). */
export function counterUniform(k1: number, k2: number, t1: number, t2: number): number {
  const a = triple32(k1 ^ t1) >>> 5; // 27 bits
  const b = triple32(k2 ^ t2) >>> 6; // 26 bits
  return (a * 67108864 + b + 0.5) / 9007199254740992;
}

/** Wellons' triple32: a bijective 32-bit integer hash (bias ≈ 0.021). */
export function triple32(x: number): number {
  x ^= x >>> 17;
  x = Math.imul(x, 0xed5ad4bb);
  x ^= x >>> 11;
  x = Math.imul(x, 0xac4c1b51);
  x ^= x >>> 15;
  x = Math.imul(x, 0x31848bab);
  x ^= x >>> 14;
  return x >>> 0;
}

/** One step of splitmix32: a bijective mixer that turns counters and seeds into well-spread words. */
function splitmix32(a: number): number {
  a = (a + 0x9e3779b9) | 0;
  let t = a ^ (a >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}
