import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortedQuantile, summarizeSamples } from './sample-summary.js';

test('1 … 100: mean, SD and type-7 percentiles by hand', () => {
  const s = summarizeSamples(Float64Array.from({ length: 100 }, (_, k) => 100 - k));
  assert.equal(s.count, 100);
  assert.equal(s.failed, 0);
  assert.equal(s.mean, 50.5);
  // Sample SD of 1 … n is √(n(n + 1)/12).
  assert.ok(Math.abs(s.sd - Math.sqrt((100 * 101) / 12)) < 1e-12);
  assert.equal(s.min, 1);
  assert.equal(s.max, 100);
  // h = 99p: x = 1 + h.
  const expected = { p2_5: 3.475, p5: 5.95, p25: 25.75, p50: 50.5, p75: 75.25, p95: 95.05, p97_5: 97.525 };
  for (const [k, v] of Object.entries(expected))
    assert.ok(
      Math.abs(s.percentiles[k as keyof typeof expected] - v) < 1e-12,
      `${k} ${s.percentiles[k as keyof typeof expected]}`,
    );
  // 20 bins of width 99/20 = 4.95 from 1: 1…5 (x < 5.95), 6…10 (< 10.9), … five values each.
  assert.deepEqual(s.histogram.counts, new Array<number>(20).fill(5));
  assert.equal(s.histogram.from, 1);
  assert.equal(s.histogram.to, 100);
});

test('histogram bins by hand; the maximum goes in the last bin', () => {
  // 1 … 20 in 4 bins of width 4.75: [1, 5.75) 1…5, [5.75, 10.5) 6…10, [10.5, 15.25) 11…15, [15.25, 20] 16…20.
  assert.deepEqual(
    summarizeSamples(
      Float64Array.from({ length: 20 }, (_, k) => k + 1),
      4,
    ).histogram.counts,
    [5, 5, 5, 5],
  );
  // 0, 0, 1, 10 in 2 bins of width 5: three below 5, one (the maximum) in the last.
  assert.deepEqual(summarizeSamples([0, 0, 1, 10], 2).histogram.counts, [3, 1]);
});

test('non-finite values are counted as failed and left out; a constant sample has SD 0', () => {
  const s = summarizeSamples([1, Number.NaN, 3, Number.POSITIVE_INFINITY]);
  assert.equal(s.count, 2);
  assert.equal(s.failed, 2);
  assert.equal(s.mean, 2);
  const c = summarizeSamples([7, 7, 7], 5);
  assert.equal(c.sd, 0);
  assert.deepEqual(c.histogram.counts, [3, 0, 0, 0, 0]);
  assert.equal(c.percentiles.p2_5, 7);
  const none = summarizeSamples([Number.NaN]);
  assert.equal(none.count, 0);
  assert.ok(Number.isNaN(none.mean));
  assert.throws(() => summarizeSamples([1], 0), RangeError);
});

test('sortedQuantile interpolates between closest ranks', () => {
  assert.equal(sortedQuantile([1, 2, 3, 4, 5], 0.25), 2);
  assert.equal(sortedQuantile([10, 20], 0.5), 15);
  assert.equal(sortedQuantile([3], 0.9), 3);
});
