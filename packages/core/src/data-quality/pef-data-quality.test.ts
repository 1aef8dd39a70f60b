import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataQualityError } from './data-quality-error.js';
import {
  PEF_QUALITY_LEVELS,
  pefAggregateDataQuality,
  pefDataQualityRating,
  pefQualityLevel,
} from './pef-data-quality.js';

const close = (actual: number | null, expected: number, what: string) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

describe('pefDataQualityRating', () => {
  it('is (TeR + GR + TiR + P)/4 with its level', () => {
    // (2 + 1 + 3 + 2)/4 = 2 → very good (1.5 < 2 ≤ 2.0).
    assert.deepEqual(pefDataQualityRating({ TeR: 2, GR: 1, TiR: 3, P: 2 }), {
      TeR: 2,
      GR: 1,
      TiR: 3,
      P: 2,
      dqr: 2,
      level: 'very good',
    });
    // Dataset criteria may be decimals: (1.6 + 1.2 + 2.4 + 1.8)/4 = 1.75.
    close(pefDataQualityRating({ TeR: 1.6, GR: 1.2, TiR: 2.4, P: 1.8 }).dqr, 1.75, 'dqr');
  });

  it('puts each DQR in the level of the PEF table, upper bounds included', () => {
    const cases: [number, string][] = [
      [1, 'excellent'],
      [1.5, 'excellent'],
      [1.75, 'very good'],
      [2, 'very good'],
      [2.25, 'good'],
      [3, 'good'],
      [3.25, 'fair'],
      [4, 'fair'],
      [4.25, 'poor'],
      [5, 'poor'],
    ];
    for (const [dqr, level] of cases) assert.equal(pefQualityLevel(dqr), level, `DQR ${dqr}`);
    assert.deepEqual(
      PEF_QUALITY_LEVELS.map((l) => l.upTo),
      [1.5, 2, 3, 4, Infinity],
    );
  });

  it('refuses criteria outside 1 … 5', () => {
    for (const bad of [0, 5.5, Number.NaN])
      assert.throws(
        () => pefDataQualityRating({ TeR: bad, GR: 1, TiR: 1, P: 1 }),
        (e: unknown) => e instanceof DataQualityError && e.code === 'INVALID_SCORE',
      );
  });
});

describe('pefAggregateDataQuality', () => {
  it('weights the DQRs of the most relevant contributors (≥ 80 % together) by their contributions', () => {
    // Contributions 6, 2.5, 1, 0.5 (Σ 10). Largest first: a 60 %, then b → 85 % ≥ 80 %: a and b are the most
    // relevant. DQR a = (1+1+2+1)/4 = 1.25, b = (2+2+3+3)/4 = 2.5; weighted (6·1.25 + 2.5·2.5)/8.5 = 13.75/8.5
    // = 1.6176470588 (very good). TeR (6·1 + 2.5·2)/8.5 = 11/8.5, TiR (6·2 + 2.5·3)/8.5 = 19.5/8.5,
    // P (6·1 + 2.5·3)/8.5 = 13.5/8.5.
    const r = pefAggregateDataQuality([
      { id: 'c', contribution: 1 },
      { id: 'a', contribution: 6, scores: { TeR: 1, GR: 1, TiR: 2, P: 1 } },
      { id: 'd', contribution: 0.5, scores: { TeR: 5, GR: 5, TiR: 5, P: 5 } },
      { id: 'b', contribution: 2.5, scores: { TeR: 2, GR: 2, TiR: 3, P: 3 } },
    ]);
    close(r.dqr, 13.75 / 8.5, 'dqr');
    assert.equal(r.level, 'very good');
    close(r.TeR, 11 / 8.5, 'TeR');
    close(r.GR, 11 / 8.5, 'GR');
    close(r.TiR, 19.5 / 8.5, 'TiR');
    close(r.P, 13.5 / 8.5, 'P');
    assert.deepEqual(r.mostRelevant, ['a', 'b']);
    assert.deepEqual(r.rated, ['a', 'b']);
    assert.deepEqual(r.missing, []);
    close(r.ratedShare, 0.85, 'rated share');
  });

  it('counts credits by their absolute contribution and lists unrated most relevant ones', () => {
    // |5|, |−3|, |2| (Σ 10): a 50 %, then the credit c → 80 %: a and c. Only a is rated: dqr (1+2+1+2)/4 = 1.5.
    const r = pefAggregateDataQuality([
      { id: 'a', contribution: 5, scores: { TeR: 1, GR: 2, TiR: 1, P: 2 } },
      { id: 'b', contribution: 2, scores: { TeR: 5, GR: 5, TiR: 5, P: 5 } },
      { id: 'c', contribution: -3 },
    ]);
    assert.deepEqual(r.mostRelevant, ['a', 'c']);
    assert.deepEqual(r.missing, ['c']);
    close(r.dqr, 1.5, 'dqr');
    assert.equal(r.level, 'excellent');
    close(r.ratedShare, 0.5, 'rated share');
  });

  it('gives null when nothing is rated or there is nothing', () => {
    const none = pefAggregateDataQuality([{ id: 'a', contribution: 1 }]);
    assert.equal(none.dqr, null);
    assert.equal(none.level, null);
    assert.deepEqual(none.missing, ['a']);
    const empty = pefAggregateDataQuality([]);
    assert.deepEqual([empty.dqr, empty.mostRelevant, empty.ratedShare], [null, [], 0]);
  });
});
