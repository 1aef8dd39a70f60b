import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Uncertainty } from '../model.js';
import { CounterRandom } from './counter-random.js';
import {
  distributionMoments,
  encodeUncertainty,
  normalQuantile,
  sampleEncoded,
  sampleUncertainty,
} from './sample-distribution.js';

test('normalQuantile matches published values of Φ⁻¹ (R qnorm) to 1e-15 relative', () => {
  const cases: [number, number][] = [
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.025, -1.959963984540054],
    [0.999, 3.090232306167813],
    [0.1, -1.281551565544601],
    [0.8413447460685429, 1],
    [1e-10, -6.361340902404056],
  ];
  for (const [p, z] of cases) {
    const got = normalQuantile(p);
    assert.ok(Math.abs(got - z) <= 1e-15 * Math.max(1, Math.abs(z)) * 4, `Φ⁻¹(${p}) = ${got}, want ${z}`);
  }
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
});

/** Kurtosis μ₄/σ⁴ of each distribution (for the standard error of the sample variance). */
function kurtosis(u: Uncertainty): number {
  switch (u.type) {
    case 'lognormal': {
      const s2 = Math.log(u.geometricSd) ** 2;
      return Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3;
    }
    case 'normal':
      return 3;
    case 'triangular':
      return 2.4;
    case 'uniform':
      return 1.8;
  }
}

/** The median of each distribution (analytic). */
function median(u: Uncertainty): number {
  switch (u.type) {
    case 'lognormal':
      return u.geometricMean;
    case 'normal':
      return u.mean;
    case 'uniform':
      return (u.min + u.max) / 2;
    case 'triangular': {
      const { min: a, mode: c, max: b } = u;
      return c >= (a + b) / 2
        ? a + Math.sqrt(((b - a) * (c - a)) / 2)
        : b - Math.sqrt(((b - a) * (b - c)) / 2);
    }
  }
}

test('draws have the analytic mean, variance and median (tolerances: 4 standard errors for N draws)', () => {
  const N = 200_000;
  const distributions: Uncertainty[] = [
    { type: 'lognormal', geometricMean: 2, geometricSd: 1.5 },
    { type: 'lognormal', geometricMean: -3, geometricSd: 1.2 },
    { type: 'normal', mean: 5, sd: 2 },
    { type: 'triangular', min: 1, mode: 2, max: 4 },
    { type: 'uniform', min: -1, max: 3 },
  ];
  distributions.forEach((u, k) => {
    const random = new CounterRandom(11, k);
    const { mean, variance } = distributionMoments(u);
    let sum = 0;
    let squares = 0;
    let below = 0;
    const m = median(u);
    for (let t = 0; t < N; t++) {
      const x = sampleUncertainty(u, random.uniform(0, t));
      sum += x;
      squares += x * x;
      if (x < m) below++;
    }
    const sampleMean = sum / N;
    const sampleVariance = (squares - N * sampleMean * sampleMean) / (N - 1);
    const seMean = Math.sqrt(variance / N);
    const seVariance = variance * Math.sqrt((kurtosis(u) - 1) / N);
    assert.ok(
      Math.abs(sampleMean - mean) < 4 * seMean,
      `${u.type} mean ${sampleMean} vs ${mean} (SE ${seMean})`,
    );
    assert.ok(
      Math.abs(sampleVariance - variance) < 4 * seVariance,
      `${u.type} variance ${sampleVariance} vs ${variance} (SE ${seVariance})`,
    );
    // A draw falls below the median with probability 1/2 (a negative lognormal: above its geometric mean).
    const share = u.type === 'lognormal' && u.geometricMean < 0 ? 1 - below / N : below / N;
    assert.ok(Math.abs(share - 0.5) < 4 * Math.sqrt(0.25 / N), `${u.type} share below the median ${share}`);
  });
});

test('the inverse distribution functions at chosen probabilities', () => {
  // Triangular (1, 2, 4): F(mode) = (2 − 1)/(4 − 1) = 1/3; F⁻¹(1/3) is the mode, F⁻¹(0.5) = 4 − √(0.5·3·2) = 4 − √3.
  assert.ok(Math.abs(sampleEncoded(2, 1, 2, 4, 1 / 3) - 2) < 1e-15);
  assert.ok(Math.abs(sampleEncoded(2, 1, 2, 4, 0.5) - (4 - Math.sqrt(3))) < 1e-15);
  assert.equal(sampleEncoded(2, 5, 5, 5, 0.3), 5);
  assert.equal(sampleEncoded(3, -1, 0, 3, 0.25), 0);
  // Lognormal: gm · gsd^Φ⁻¹(p); normal: mean + sd Φ⁻¹(p).
  const lognormal = encodeUncertainty({ type: 'lognormal', geometricMean: 2, geometricSd: 1.5 });
  assert.ok(typeof lognormal !== 'string');
  const z = normalQuantile(0.975);
  assert.ok(
    Math.abs(sampleEncoded(0, lognormal.p1, lognormal.p2, lognormal.p3, 0.975) - 2 * 1.5 ** z) < 1e-14,
  );
  assert.ok(Math.abs(sampleUncertainty({ type: 'normal', mean: 10, sd: 2 }, 0.975) - (10 + 2 * z)) < 1e-14);
});

test('distributions that cannot be sampled are told why', () => {
  assert.match(
    encodeUncertainty({ type: 'lognormal', geometricMean: 0, geometricSd: 2 }) as string,
    /geometric mean of 0/,
  );
  assert.match(
    encodeUncertainty({ type: 'lognormal', geometricMean: 1, geometricSd: 0.5 }) as string,
    /below 1/,
  );
  assert.match(encodeUncertainty({ type: 'normal', mean: 1, sd: -1 }) as string, /negative SD/);
  assert.match(encodeUncertainty({ type: 'triangular', min: 2, mode: 1, max: 3 }) as string, /out of order/);
  assert.match(encodeUncertainty({ type: 'uniform', min: 2, max: 1 }) as string, /above max/);
  assert.match(encodeUncertainty({ type: 'normal', mean: Number.NaN, sd: 1 }) as string, /non-finite/);
  assert.throws(() => sampleUncertainty({ type: 'uniform', min: 2, max: 1 }, 0.5), RangeError);
});

test('analytic moments', () => {
  assert.deepEqual(distributionMoments({ type: 'uniform', min: 0, max: 1 }), { mean: 0.5, variance: 1 / 12 });
  const t = distributionMoments({ type: 'triangular', min: 0, mode: 0, max: 3 });
  assert.equal(t.mean, 1);
  assert.equal(t.variance, 0.5); // (0 + 9 + 0 − 0 − 0 − 0)/18
  const l = distributionMoments({ type: 'lognormal', geometricMean: 1, geometricSd: Math.E });
  assert.ok(Math.abs(l.mean - Math.exp(0.5)) < 1e-15);
  assert.ok(Math.abs(l.variance - (Math.E - 1) * Math.E) < 1e-14);
});
