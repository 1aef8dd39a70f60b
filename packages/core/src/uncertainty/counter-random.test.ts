import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CounterRandom, counterUniform, triple32 } from './counter-random.js';

const N = 100_000;

test('equal seeds give equal numbers; another seed or stream gives others', () => {
  const a = new CounterRandom(42);
  const b = new CounterRandom(42);
  for (let t = 0; t < 50; t++) assert.equal(a.uniform(t % 7, t), b.uniform(t % 7, t));
  const c = new CounterRandom(43);
  const d = new CounterRandom(42, 1);
  let same = 0;
  for (let t = 0; t < 50; t++)
    if (a.uniform(3, t) === c.uniform(3, t) || a.uniform(3, t) === d.uniform(3, t)) same++;
  assert.equal(same, 0);
  // Large, negative and fractional seeds are folded in, not truncated to the same stream.
  const seeds = [0, 1, -1, 2 ** 32, 2 ** 40 + 1, 0.5, 1e15];
  const firsts = new Set(seeds.map((s) => new CounterRandom(s).uniform(0, 0)));
  assert.equal(firsts.size, seeds.length);
  assert.throws(() => new CounterRandom(Number.NaN), RangeError);
});

test('the uniform of an input in an iteration does not depend on what else is drawn', () => {
  const r = new CounterRandom(7);
  const [k1, k2] = r.inputKeys(12);
  const [t1, t2] = r.iterationKeys(99);
  assert.equal(counterUniform(k1, k2, t1, t2), r.uniform(12, 99));
  assert.equal(new CounterRandom(7).uniform(12, 99), r.uniform(12, 99));
});

test('uniforms lie in (0, 1) with the moments of U(0, 1), evenly spread (χ² over 100 bins)', () => {
  // Tolerances: 4 standard errors of the estimate for N draws (mean: √(1/12/N); variance: √((μ₄ − σ⁴)/N) with
  // μ₄ = 1/80, σ⁴ = 1/144); χ² with 99 degrees of freedom has mean 99 and SD √198 ≈ 14.1.
  const r = new CounterRandom(2024);
  const bins = new Array<number>(100).fill(0);
  let sum = 0;
  let squares = 0;
  for (let t = 0; t < N; t++) {
    const u = r.uniform(5, t);
    assert.ok(u > 0 && u < 1);
    sum += u;
    squares += u * u;
    bins[Math.floor(u * 100)]++;
  }
  const mean = sum / N;
  const variance = squares / N - mean * mean;
  assert.ok(Math.abs(mean - 0.5) < 4 * Math.sqrt(1 / 12 / N), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 4 * Math.sqrt((1 / 80 - 1 / 144) / N), `variance ${variance}`);
  const expected = N / 100;
  const chi2 = bins.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  assert.ok(chi2 < 99 + 4 * Math.sqrt(198), `χ² ${chi2}`);
});

test('neighbouring inputs and consecutive iterations are uncorrelated', () => {
  // Under independence the sample correlation has SD 1/√N: 4/√N bounds it.
  const r = new CounterRandom(1);
  const pairs: [number, number][][] = [[], []];
  for (let t = 0; t < N; t++) {
    pairs[0].push([r.uniform(0, t), r.uniform(1, t)]);
    pairs[1].push([r.uniform(0, t), r.uniform(0, t + 1)]);
  }
  for (const xy of pairs) {
    const mx = xy.reduce((s, [x]) => s + x, 0) / N;
    const my = xy.reduce((s, [, y]) => s + y, 0) / N;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (const [x, y] of xy) {
      sxy += (x - mx) * (y - my);
      sxx += (x - mx) ** 2;
      syy += (y - my) ** 2;
    }
    const rho = sxy / Math.sqrt(sxx * syy);
    assert.ok(Math.abs(rho) < 4 / Math.sqrt(N), `correlation ${rho}`);
  }
});

test('triple32 is a bijection on a sample of 32-bit words (no collisions) and mixes bits', () => {
  const seen = new Set<number>();
  for (let x = 0; x < 100_000; x++) seen.add(triple32(x));
  assert.equal(seen.size, 100_000);
  // Flipping one input bit flips about half of the output bits (avalanche): 16 ± 4σ, σ = √8, over 32 × 1000 flips.
  let flipped = 0;
  for (let x = 0; x < 1000; x++)
    for (let b = 0; b < 32; b++) {
      let d = (triple32(x) ^ triple32(x ^ (1 << b))) >>> 0;
      while (d) {
        flipped += d & 1;
        d >>>= 1;
      }
    }
  const mean = flipped / 32000;
  assert.ok(Math.abs(mean - 16) < 4 * Math.sqrt(8 / 32000), `mean flipped bits ${mean}`);
});
