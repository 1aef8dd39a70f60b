import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataQualityError } from './data-quality-error.js';
import { PEDIGREE_FACTOR_SETS, PEDIGREE_INDICATORS } from './pedigree-factors.js';
import { formatPedigree, parsePedigree, pedigreeUncertainty } from './pedigree-uncertainty.js';

const close = (actual: number, expected: number, what: string, tolerance = 1e-12) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

const code = (f: () => unknown, expected: string) =>
  assert.throws(f, (e: unknown) => e instanceof DataQualityError && e.code === expected);

describe('parsePedigree', () => {
  it('reads the entries openLCA, EcoSpold 2 and EcoSpold 1 readers keep', () => {
    assert.deepEqual(parsePedigree('(1;2;1;1;3)'), { scores: [1, 2, 1, 1, 3] });
    assert.deepEqual(parsePedigree(' ( 2 , 3 , 1 , 2 , 4 ) '), { scores: [2, 3, 1, 2, 4] });
    assert.deepEqual(parsePedigree('(3;2;4;n.a.;2)'), { scores: [3, 2, 4, null, 2] });
    // EcoSpold 1 (ecoinvent v2) carries a sixth score, the sample size.
    assert.deepEqual(parsePedigree('(2,3,1,1,1,na)'), { scores: [2, 3, 1, 1, 1], sampleSize: null });
    assert.deepEqual(parsePedigree('1;2;3;4;5;2'), { scores: [1, 2, 3, 4, 5], sampleSize: 2 });
  });

  it('refuses what is not five scores 1–5, saying what it expects', () => {
    code(() => parsePedigree('(1;2;3)'), 'INVALID_PEDIGREE');
    code(() => parsePedigree('(0;1;1;1;1)'), 'INVALID_PEDIGREE');
    code(() => parsePedigree('(1;2;3;4;6)'), 'INVALID_PEDIGREE');
    code(() => parsePedigree(''), 'INVALID_PEDIGREE');
    assert.throws(() => parsePedigree('(1;x2;1;1;1)'), /'x2' where a score 1–5 or 'n\.a\.' belongs/);
  });

  it('writes an entry back as openLCA does', () => {
    assert.equal(formatPedigree([2, 3, null, 2, 4]), '(2;3;n.a.;2;4)');
    assert.deepEqual(parsePedigree(formatPedigree([5, 4, 3, 2, 1])).scores, [5, 4, 3, 2, 1]);
  });
});

describe('pedigreeUncertainty', () => {
  it('ecoinvent v3: adds the table variances to the basic variance on the ln scale', () => {
    // Scores (2;3;1;2;4), basic σ_g 1.05. From the guideline's table: reliability 2 → 0.0006, completeness 3 →
    // 0.0006, temporal 1 → 0, geographical 2 → 0.000025, further technological 4 → 0.04; Σ = 0.041225.
    // Basic: (ln 1.05)² = 0.04879016417² = 0.00238048012. σ² = 0.04360548012, σ = 0.20881925227,
    // σ_g = e^σ = 1.23222225703, σ_g² = e^(2σ) = 1.51837169072.
    const u = pedigreeUncertainty('(2;3;1;2;4)', 1.05, 'ecoinvent-v3');
    close(u.pedigreeVariance, 0.041225, 'pedigree variance');
    close(u.basicVariance, 0.00238048012, 'basic variance', 1e-9);
    assert.deepEqual(u.indicatorVariances, {
      reliability: 0.0006,
      completeness: 0.0006,
      temporalCorrelation: 0,
      geographicalCorrelation: 0.000025,
      furtherTechnologicalCorrelation: 0.04,
    });
    close(u.variance, 0.04360548012, 'variance', 1e-9);
    close(u.sigma, 0.20881925227, 'sigma', 1e-9);
    close(u.geometricSd, 1.23222225703, 'geometric SD', 1e-9);
    close(u.geometricSdSquared, 1.51837169072, 'SD95', 1e-9);
    assert.equal(u.factorSet, 'ecoinvent-v3');
    assert.deepEqual(u.scores, [2, 3, 1, 2, 4]);
  });

  it('Ciroth et al. 2016: each factor U adds (ln U / 2)², as the ecoinvent v2 factors did', () => {
    // Scores (2;3;1;2;4), basic σ_g 1.05. Reliability 2 → U 1.54: (ln 1.54 / 2)² = (0.43178241/2)² = 0.04660901;
    // completeness 3 → 1.04: (0.03922071/2)² = 0.00038457; temporal 1 → 1: 0; geographical 2 → 1.04: 0.00038457;
    // further technological 4 → 2.08: (0.73236789/2)² = 0.13409068. Σ = 0.18146883; plus the basic 0.00238048
    // → σ² = 0.18384931, σ = 0.42877653, σ_g = 1.53537788.
    const u = pedigreeUncertainty([2, 3, 1, 2, 4], 1.05, 'ciroth-2016');
    close(u.indicatorVariances.reliability, 0.04660901378, 'reliability', 1e-9);
    close(u.indicatorVariances.completeness, 0.00038456609, 'completeness', 1e-8);
    close(u.indicatorVariances.furtherTechnologicalCorrelation, 0.13409068294, 'technology', 1e-9);
    close(u.pedigreeVariance, 0.18146882889, 'pedigree variance', 1e-9);
    close(u.variance, 0.18384930901, 'variance', 1e-9);
    close(u.sigma, 0.42877652572, 'sigma', 1e-9);
    close(u.geometricSd, 1.53537787859, 'geometric SD', 1e-9);
  });

  it('takes the basic uncertainty as a variance too, and none by default', () => {
    // The worst entry (5;5;5;5;5): 0.04 + 0.008 + 0.04 + 0.002 + 0.12 = 0.21; with a basic variance of 0.0006:
    // σ² = 0.2106, σ = 0.45891176, σ_g = 1.58235.
    const u = pedigreeUncertainty([5, 5, 5, 5, 5], { variance: 0.0006 });
    close(u.pedigreeVariance, 0.21, 'pedigree variance');
    close(u.variance, 0.2106, 'variance');
    close(u.geometricSd, Math.exp(Math.sqrt(0.2106)), 'geometric SD');
    // The best entry without basic uncertainty is certain.
    const none = pedigreeUncertainty('(1;1;1;1;1)');
    assert.equal(none.variance, 0);
    assert.equal(none.geometricSd, 1);
  });

  it("adds nothing for 'n.a.' scores", () => {
    // (n.a.;n.a.;n.a.;n.a.;3) → only technology 3: 0.008, σ = √0.008.
    const u = pedigreeUncertainty('(n.a.;n.a.;n.a.;n.a.;3)');
    close(u.variance, 0.008, 'variance');
    close(u.geometricSd, Math.exp(Math.sqrt(0.008)), 'geometric SD');
  });

  it('refuses scores the 2016 article gives no factor for, and bad input', () => {
    code(() => pedigreeUncertainty('(5;1;1;1;1)', 1, 'ciroth-2016'), 'FACTOR_NOT_AVAILABLE');
    code(() => pedigreeUncertainty('(1;5;1;1;1)', 1, 'ciroth-2016'), 'FACTOR_NOT_AVAILABLE');
    code(() => pedigreeUncertainty('(1;1;1;5;1)', 1, 'ciroth-2016'), 'FACTOR_NOT_AVAILABLE');
    // Score 5 of temporal and technological correlation has a factor: 1.29 and 2.8.
    close(
      pedigreeUncertainty('(1;1;5;1;5)', 1, 'ciroth-2016').variance,
      (Math.log(1.29) / 2) ** 2 + (Math.log(2.8) / 2) ** 2,
      'variance',
    );
    code(() => pedigreeUncertainty([1, 1, 1, 1], 1), 'INVALID_PEDIGREE');
    code(() => pedigreeUncertainty([1, 1, 1, 1, 2.5 as 2], 1), 'INVALID_PEDIGREE');
    code(() => pedigreeUncertainty('(1;1;1;1;1)', 0.5), 'INVALID_UNCERTAINTY');
    code(() => pedigreeUncertainty('(1;1;1;1;1)', { variance: -1 }), 'INVALID_UNCERTAINTY');
    code(() => pedigreeUncertainty('(1;1;1;1;1)', 1, 'ecoinvent-v2' as 'ecoinvent-v3'), 'UNKNOWN_FACTOR_SET');
  });
});

describe('pedigree factor sets', () => {
  it('ecoinvent v3: every variance is the geometric SD openLCA stores, exp(√v), to its 10 decimals', () => {
    // Transcribed from GreenDelta olca-app, olca-refdata/data/dqs/ecoinvent_dqs.json (commit 6c0d818), an
    // independent public copy of the guideline's table written as geometric standard deviations.
    const openLca: Record<string, number[]> = {
      reliability: [1, 1.024797362, 1.0457364348, 1.0935646911, 1.2214027582],
      completeness: [1, 1.0100501671, 1.024797362, 1.0457364348, 1.0935646911],
      temporalCorrelation: [1, 1.0142426087, 1.0457364348, 1.0935646911, 1.2214027582],
      geographicalCorrelation: [1, 1.0050125209, 1.0100501671, 1.024797362, 1.0457364348],
      furtherTechnologicalCorrelation: [1, 1.024797362, 1.0935646911, 1.2214027582, 1.4139824581],
    };
    const set = PEDIGREE_FACTOR_SETS['ecoinvent-v3'];
    for (const indicator of PEDIGREE_INDICATORS)
      set.factors[indicator].forEach((v, k) =>
        close(Math.exp(Math.sqrt(v as number)), openLca[indicator][k], `${indicator} ${k + 1}`, 6e-11),
      );
  });

  it('ecoinvent v3: the variances are the ecoinvent v2 uncertainty factors U as (ln U / 2)², rounded', () => {
    // The v2 factors as openLCA's olca-modules DQSystems.eiUncertainties kept them (σ_g² convention). This is
    // the convention the 2016 factors are read in: σᵢ = ln(Uᵢ)/2.
    const v2: Record<string, number[]> = {
      reliability: [1, 1.05, 1.1, 1.2, 1.5],
      completeness: [1, 1.02, 1.05, 1.1, 1.2],
      temporalCorrelation: [1, 1.03, 1.1, 1.2, 1.5],
      geographicalCorrelation: [1, 1.01, 1.02, 1.05, 1.1],
      furtherTechnologicalCorrelation: [1, 1.05, 1.2, 1.5, 2.0],
    };
    const set = PEDIGREE_FACTOR_SETS['ecoinvent-v3'];
    for (const indicator of PEDIGREE_INDICATORS)
      set.factors[indicator].forEach((v, k) => {
        const fromV2 = (Math.log(v2[indicator][k]) / 2) ** 2;
        // ln 1.1: (0.0953/2)² = 0.00227 against the table's 0.002 is the widest gap (14 %).
        assert.ok(
          Math.abs(fromV2 - (v as number)) <= 0.15 * (v as number),
          `${indicator} ${k + 1}: ${fromV2} vs ${v}`,
        );
      });
  });

  it('every set carries its source, url, year and licence; only the 2016 set has missing factors', () => {
    for (const set of Object.values(PEDIGREE_FACTOR_SETS)) {
      assert.ok(set.source.length > 50 && set.url.startsWith('https://') && set.year > 2000);
      assert.ok(set.licence.length > 10 && set.crossChecks.length >= 2);
      for (const indicator of PEDIGREE_INDICATORS) assert.equal(set.factors[indicator].length, 5);
    }
    const missing = Object.values(PEDIGREE_FACTOR_SETS).flatMap((set) =>
      PEDIGREE_INDICATORS.filter((i) => set.factors[i].includes(null)).map((i) => `${set.id}:${i}`),
    );
    assert.deepEqual(missing, [
      'ciroth-2016:reliability',
      'ciroth-2016:completeness',
      'ciroth-2016:geographicalCorrelation',
    ]);
  });
});
