import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataQualityError } from './data-quality-error.js';
import { pactDataQuality, primaryDataShare, type PactContribution } from './pact-data-quality.js';

const close = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

/** A PCF of 10 kg CO2e: a 55 %, b 30 %, c 5 % (not above 5 %), d 8 % without ratings, e 2 %. */
const v2Inputs: PactContribution[] = [
  {
    id: 'a',
    contribution: 5.5,
    primary: true,
    scores: { technological: 1, temporal: 2, geographical: 1, completeness: 1, reliability: 2 },
  },
  {
    id: 'b',
    contribution: 3,
    primary: false,
    scores: { technological: 3, temporal: 1, geographical: 2, completeness: 2, reliability: 1 },
  },
  {
    id: 'c',
    contribution: 0.5,
    primary: true,
    scores: { technological: 3, temporal: 3, geographical: 3, completeness: 3, reliability: 3 },
  },
  { id: 'd', contribution: 0.8 },
  { id: 'e', contribution: 0.2 },
];

describe('pactDataQuality', () => {
  it('v2: weighted averages of the inputs above 5 % of the PCF, with the coverage', () => {
    // Above 5 %: a (55 %), b (30 %), d (8 %, unrated); c is exactly 5 % and does not count. Weights 5.5 and 3:
    // technological (5.5·1 + 3·3)/8.5 = 14.5/8.5; temporal (5.5·2 + 3·1)/8.5 = 14/8.5; geographical
    // (5.5·1 + 3·2)/8.5 = 11.5/8.5; completeness (5.5·1 + 3·2)/8.5 = 11.5/8.5; reliability (5.5·2 + 3·1)/8.5
    // = 14/8.5. Coverage 100 · 8.5/10 = 85 %.
    const r = pactDataQuality(v2Inputs, 10, '2');
    close(r.dqi.technologicalDQR, 14.5 / 8.5, 'technological');
    close(r.dqi.temporalDQR, 14 / 8.5, 'temporal');
    close(r.dqi.geographicalDQR, 11.5 / 8.5, 'geographical');
    close(r.dqi.completenessDQR, 11.5 / 8.5, 'completeness');
    close(r.dqi.reliabilityDQR, 14 / 8.5, 'reliability');
    close(r.dqi.coveragePercent, 85, 'coverage');
    assert.deepEqual(r.assessed, ['a', 'b']);
    assert.deepEqual(r.missing, ['d']);
  });

  it('v2: refuses ratings above 3 in an input that counts; v3 takes 1 … 5', () => {
    const four: PactContribution = {
      id: 'x',
      contribution: 1,
      scores: { technological: 4, temporal: 1, geographical: 1, completeness: 1, reliability: 1 },
    };
    assert.throws(
      () => pactDataQuality([four], 1, '2'),
      (e: unknown) => e instanceof DataQualityError && e.code === 'INVALID_SCORE',
    );
    close(pactDataQuality([four], 1, '3').dqi.technologicalDQR, 4, 'v3');
  });

  it('v2: an input without completeness or reliability is not assessed', () => {
    const r = pactDataQuality(
      [{ id: 'a', contribution: 1, scores: { technological: 1, temporal: 1, geographical: 1 } }],
      1,
      '2',
    );
    assert.deepEqual(
      [r.assessed, r.missing, r.dqi.technologicalDQR, r.dqi.coveragePercent],
      [[], ['a'], null, 0],
    );
  });

  it('v3: technological, geographical and temporal over all inputs', () => {
    // All rated inputs count: a 5.5 (1, 2, 1), b 3 (3, 1, 2), c 0.5 (5, 5, 5), e 0.2 (2, 2, 2); weight 9.2.
    // technological (5.5 + 9 + 2.5 + 0.4)/9.2 = 17.4/9.2; temporal (11 + 3 + 2.5 + 0.4)/9.2 = 16.9/9.2;
    // geographical (5.5 + 6 + 2.5 + 0.4)/9.2 = 14.4/9.2. d is unrated; coverage 92 %.
    const inputs: PactContribution[] = [
      { id: 'a', contribution: 5.5, scores: { technological: 1, temporal: 2, geographical: 1 } },
      { id: 'b', contribution: 3, scores: { technological: 3, temporal: 1, geographical: 2 } },
      { id: 'c', contribution: 0.5, scores: { technological: 5, temporal: 5, geographical: 5 } },
      { id: 'd', contribution: 0.8 },
      { id: 'e', contribution: 0.2, scores: { technological: 2, temporal: 2, geographical: 2 } },
    ];
    const r = pactDataQuality(inputs, 10, '3');
    close(r.dqi.technologicalDQR, 17.4 / 9.2, 'technological');
    close(r.dqi.temporalDQR, 16.9 / 9.2, 'temporal');
    close(r.dqi.geographicalDQR, 14.4 / 9.2, 'geographical');
    assert.deepEqual(Object.keys(r.dqi), ['technologicalDQR', 'temporalDQR', 'geographicalDQR']);
    assert.deepEqual(r.missing, ['d']);
    close(r.coveragePercent, 92, 'coverage');
  });

  it('refuses an unknown version', () => {
    assert.throws(
      () => pactDataQuality([], 1, '4' as '2'),
      (e: unknown) => e instanceof DataQualityError && e.code === 'INVALID_OPTION',
    );
  });
});

describe('primaryDataShare', () => {
  it('is the share of the PCF from inputs flagged primary', () => {
    // a 5.5 and c 0.5 are primary: 100 · 6/10 = 60 %; d and e say nothing.
    const r = primaryDataShare(v2Inputs, 10);
    close(r.percent, 60, 'percent');
    assert.deepEqual(r.primary, ['a', 'c']);
    assert.deepEqual(r.unflagged, ['d', 'e']);
    assert.equal(primaryDataShare(v2Inputs, 0).percent, null);
  });
});
