/**
 * The factor tables that turn pedigree-matrix scores into uncertainty, with where each comes from. The maths
 * that uses them is in pedigree-uncertainty.ts; docs/data-quality.md explains both.
 */

/** The five indicators of the ecoinvent pedigree matrix, in the order of a dqEntry "(r;c;t;g;te)". */
export const PEDIGREE_INDICATORS = [
  'reliability',
  'completeness',
  'temporalCorrelation',
  'geographicalCorrelation',
  'furtherTechnologicalCorrelation',
] as const;

export type PedigreeIndicator = (typeof PEDIGREE_INDICATORS)[number];

/** The factor sets OpenCFP holds. */
export const PEDIGREE_FACTOR_SET_IDS = ['ecoinvent-v3', 'ciroth-2016'] as const;

export type PedigreeFactorSetId = (typeof PEDIGREE_FACTOR_SET_IDS)[number];

/**
 * What a factor set's numbers are.
 * - `variance`: σᵢ², the variance of the underlying normal distribution (of ln x) a score adds (ecoinvent v3).
 * - `uncertainty-factor`: Uᵢ, a factor "contributing to the square of the geometric standard deviation" in the
 *   ecoinvent v2 convention (σ_g² = SD95), so that σᵢ = ln(Uᵢ) / 2.
 */
export type PedigreeFactorKind = 'variance' | 'uncertainty-factor';

/** Five values per indicator, for scores 1 … 5; `null` where the source gives no factor. */
export type PedigreeFactorRow = readonly [number, number, number, number, number | null];

/** A table of pedigree factors with its provenance. */
export interface PedigreeFactorSet {
  id: PedigreeFactorSetId;
  name: string;
  /** Issuer or authors, document and table the values come from. */
  source: string;
  url: string;
  year: number;
  version: string;
  licence: string;
  kind: PedigreeFactorKind;
  factors: Readonly<Record<PedigreeIndicator, PedigreeFactorRow>>;
  /** Other public copies of the same table the values were checked against. */
  crossChecks: readonly string[];
  /** What to know when using the set. */
  notes: readonly string[];
}

const ECOINVENT_V3: PedigreeFactorSet = {
  id: 'ecoinvent-v3',
  name: 'ecoinvent v3 pedigree uncertainty (variances)',
  source:
    'Weidema B.P., Bauer C., Hischier R., Mutel C., Nemecek T., Reinhard J., Vadenbo C.O., Wernet G. (2013): ' +
    'Overview and methodology. Data quality guideline for the ecoinvent database version 3. Ecoinvent Report 1 (v3), ' +
    'St. Gallen: The ecoinvent Centre. Chapter 10, the table of default uncertainty factors (variance of the ' +
    'underlying normal distribution) applied together with the pedigree matrix, p. 77 of the 2013-05-06 PDF.',
  url: 'https://www.ecoinvent.org/files/dataqualityguideline_ecoinvent_3_20130506.pdf',
  year: 2013,
  version: 'ecoinvent data quality guideline v3, 2013-05-06',
  licence:
    'The factors are published methodological values, used with citation of the ecoinvent data quality guideline.',
  kind: 'variance',
  factors: {
    reliability: [0, 0.0006, 0.002, 0.008, 0.04],
    completeness: [0, 0.0001, 0.0006, 0.002, 0.008],
    temporalCorrelation: [0, 0.0002, 0.002, 0.008, 0.04],
    geographicalCorrelation: [0, 0.000025, 0.0001, 0.0006, 0.002],
    furtherTechnologicalCorrelation: [0, 0.0006, 0.008, 0.04, 0.12],
  },
  crossChecks: [
    'GreenDelta, openlca-python-tutorial, patches/ei3_uncertainty_patch.md (commit 364d550): the same variances, ' +
      'citing the guideline, p. 77 — https://github.com/GreenDelta/openlca-python-tutorial',
    'GreenDelta, olca-app, olca-refdata/data/dqs/ecoinvent_dqs.json (commit 6c0d818, 2026-02-09): every score as the ' +
      'geometric standard deviation exp(√variance) to 10 decimals, e.g. 1.0247973620 = exp(√0.0006) — ' +
      'https://github.com/GreenDelta/olca-app',
  ],
  notes: [
    'σ² = σ_b² + Σ σᵢ² on the ln scale (the basic variance plus one variance per indicator); σ_g = exp(σ).',
    'The same table written as ecoinvent v2 uncertainty factors U = exp(2σᵢ) is 1.05, 1.10, 1.20, 1.50 … (rounded).',
  ],
};

const CIROTH_2016: PedigreeFactorSet = {
  id: 'ciroth-2016',
  name: 'Empirically based pedigree uncertainty factors (Ciroth et al. 2016)',
  source:
    'Ciroth A., Muller S., Weidema B., Lesage P. (2016): Empirically based uncertainty factors for the pedigree ' +
    'matrix in ecoinvent. Int J Life Cycle Assess 21(9):1338–1348 (online 2013): the proposed empirically based ' +
    'uncertainty factors per indicator and score.',
  url: 'https://doi.org/10.1007/s11367-013-0670-5',
  year: 2016,
  version: 'Int J Life Cycle Assess 21(9), 2016',
  licence: 'The factors are published scientific results, used with citation of the article.',
  kind: 'uncertainty-factor',
  factors: {
    reliability: [1, 1.54, 1.61, 1.69, null],
    completeness: [1, 1.03, 1.04, 1.08, null],
    temporalCorrelation: [1, 1.03, 1.1, 1.19, 1.29],
    geographicalCorrelation: [1, 1.04, 1.08, 1.11, null],
    furtherTechnologicalCorrelation: [1, 1.18, 1.65, 2.08, 2.8],
  },
  crossChecks: [
    'GreenDelta, olca-app, olca-refdata/data/dqs/ciroth_muller_weidema_lesage_dqs.json (commit 67ac700): the same ' +
      'factors for scores 1–4 and for score 5 of temporal and technological correlation; score 5 of reliability, ' +
      "completeness and geographical correlation is 'not available' in the article (openLCA puts a prohibitive 25 " +
      'there) — https://github.com/GreenDelta/olca-app',
    'brightway-lca/pedigree_matrix, pedigree_matrix/data.py, version_2 (commit 706ff7e): the same factors for ' +
      'scores 1–4 (it repeats the score-4 value for the missing score 5), applied as σᵢ = ln(Uᵢ)/2 — ' +
      'https://github.com/brightway-lca/pedigree_matrix',
  ],
  notes: [
    'The factors replace the ecoinvent v2 uncertainty factors and follow their convention: they contribute to the ' +
      'square of the geometric standard deviation, σᵢ = ln(Uᵢ)/2 (as brightway applies them). openLCA 2 applies the ' +
      'values of its copy as geometric standard deviations (σᵢ = ln Uᵢ), which gives twice the σᵢ.',
    'Score 5 of reliability, completeness and geographical correlation has no factor in the article: such scores ' +
      'are refused (FACTOR_NOT_AVAILABLE) rather than given an invented value.',
  ],
};

/** Every pedigree factor set, by id. */
export const PEDIGREE_FACTOR_SETS: Readonly<Record<PedigreeFactorSetId, PedigreeFactorSet>> = {
  'ecoinvent-v3': ECOINVENT_V3,
  'ciroth-2016': CIROTH_2016,
};
