import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CounterRandom } from './counter-random.js';
import { rankContributions } from './rank-contributions.js';
import { normalQuantile } from './sample-distribution.js';

const N = 20_000;

test('a 2-input linear model: correlations and shares as the bivariate normal gives them', () => {
  // y = 3·x₁ + x₂ with x₁ ~ N(0, 1), x₂ ~ N(0, 2²), independent: Var y = 9 + 4, Pearson rᵢ = aᵢσᵢ/√13, and for a
  // bivariate normal Spearman's ρᵢ = (6/π)·asin(rᵢ/2). Input 2 (uniform) does not enter y.
  const random = new CounterRandom(99, 1);
  const y = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    const x1 = normalQuantile(random.uniform(0, t));
    const x2 = 2 * normalQuantile(random.uniform(1, t));
    y[t] = 3 * x1 + x2;
  }
  const c = rankContributions(y, [{ random, indices: [0, 1, 2] }]);
  const r = [3 / Math.sqrt(13), 2 / Math.sqrt(13)];
  const rho = r.map((x) => (6 / Math.PI) * Math.asin(x / 2));
  // Tolerance: 4 standard errors of Spearman's ρ in Fisher's z (SE ≈ √(1.06/(n − 3)), Fieller et al. 1957).
  const se = Math.sqrt(1.06 / (N - 3));
  assert.equal(c.method, 'squared-spearman');
  assert.equal(c.tested, 3);
  assert.equal(c.significant, 2);
  assert.deepEqual(
    c.inputs.map((x) => x.input),
    [0, 1],
  );
  c.inputs.forEach((x, k) => {
    assert.ok(
      Math.abs(Math.atanh(x.correlation) - Math.atanh(rho[k])) < 4 * se,
      `ρ${k + 1} ${x.correlation} vs ${rho[k]}`,
    );
  });
  // Shares: ρᵢ²/(ρ₁² + ρ₂²), with bounds from the correlations' bounds.
  const share = rho[0] ** 2 / (rho[0] ** 2 + rho[1] ** 2);
  const lo = (k: number) => Math.tanh(Math.atanh(rho[k]) - 4 * se);
  const hi = (k: number) => Math.tanh(Math.atanh(rho[k]) + 4 * se);
  const shareLow = lo(0) ** 2 / (lo(0) ** 2 + hi(1) ** 2);
  const shareHigh = hi(0) ** 2 / (hi(0) ** 2 + lo(1) ** 2);
  assert.ok(
    c.inputs[0].share > shareLow && c.inputs[0].share < shareHigh,
    `share ${c.inputs[0].share} ∉ (${shareLow}, ${shareHigh}), analytic ${share}`,
  );
  assert.ok(Math.abs(c.inputs[0].share + c.inputs[1].share - 1) < 1e-12);
  assert.ok(Math.abs(c.explained - (c.inputs[0].correlation ** 2 + c.inputs[1].correlation ** 2)) < 1e-12);
  assert.ok(c.threshold > 0 && c.threshold < 0.05);
});

test('a monotone decreasing input has ρ = −1; a constant result has no contributions', () => {
  const random = new CounterRandom(3);
  const y = Float64Array.from({ length: 500 }, (_, t) => -Math.exp(5 * random.uniform(0, t)));
  const c = rankContributions(y, [{ random, indices: [0] }]);
  assert.ok(Math.abs(c.inputs[0].correlation + 1) < 1e-3, `${c.inputs[0].correlation}`);
  assert.equal(c.inputs[0].share, 1);
  const flat = rankContributions(new Float64Array(500).fill(2), [{ random, indices: [0] }]);
  assert.equal(flat.significant, 0);
  assert.deepEqual(flat.inputs, []);
});

test('failed iterations (NaN) are left out, and inputs of two streams are told apart by group', () => {
  const a = new CounterRandom(5, 0);
  const b = new CounterRandom(5, 1);
  const y = Float64Array.from({ length: 2000 }, (_, t) =>
    t % 100 === 0 ? Number.NaN : a.uniform(7, t) + 2 * b.uniform(0, t),
  );
  const c = rankContributions(y, [
    { random: a, indices: [7] },
    { random: b, indices: [0] },
  ]);
  assert.equal(c.iterations, 1980);
  assert.deepEqual(
    c.inputs.map((x) => [x.group, x.input]),
    [
      [1, 0],
      [0, 0],
    ],
  );
});
