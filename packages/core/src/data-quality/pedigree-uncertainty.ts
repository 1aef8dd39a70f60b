import { DataQualityError } from './data-quality-error.js';
import {
  PEDIGREE_FACTOR_SETS,
  PEDIGREE_INDICATORS,
  type PedigreeFactorSetId,
  type PedigreeIndicator,
} from './pedigree-factors.js';

/** A pedigree score: 1 (best) … 5 (worst). */
export type PedigreeScore = 1 | 2 | 3 | 4 | 5;

/**
 * The five scores of a pedigree matrix entry in dqEntry order (reliability, completeness, temporal,
 * geographical, further technological correlation); `null` for 'n.a.' (not applicable: adds no uncertainty).
 */
export type PedigreeScores = readonly (PedigreeScore | null)[];

/** A parsed dqEntry: its five scores, and the sixth (ecoinvent v2's sample size) when the entry has one. */
export interface PedigreeEntry {
  scores: PedigreeScores;
  /** ecoinvent v2's sixth indicator; version 3 dropped it and it adds no uncertainty here. */
  sampleSize?: PedigreeScore | null;
}

/**
 * The basic uncertainty of an amount before its pedigree: its geometric standard deviation σ_g,b = exp(σ_b)
 * (≥ 1; 1 is none, as openLCA's "base uncertainty"), or the variance σ_b² of ln x (ecoinvent v3's basic
 * uncertainty table). An ecoinvent v2 basic uncertainty factor U (= σ_g²) is the geometric SD √U.
 */
export type BasicUncertainty = number | { variance: number };

/** The lognormal distribution a pedigree entry implies, with every term of its variance. */
export interface PedigreeUncertainty {
  factorSet: PedigreeFactorSetId;
  scores: PedigreeScores;
  /** σ_b², from the basic uncertainty. */
  basicVariance: number;
  /** σᵢ² per indicator (0 for score 1 and for 'n.a.'). */
  indicatorVariances: Readonly<Record<PedigreeIndicator, number>>;
  /** Σ σᵢ². */
  pedigreeVariance: number;
  /** σ² = σ_b² + Σ σᵢ², the variance of ln x. */
  variance: number;
  /** σ. */
  sigma: number;
  /** σ_g = exp(σ): the geometricSd of a lognormal uncertainty. */
  geometricSd: number;
  /** σ_g² = exp(2σ): the factor of the 95 % interval (median ÷ σ_g² … median × σ_g²), ecoinvent v2's SD95. */
  geometricSdSquared: number;
}

const SCORE = /^[1-5]$/;
const NOT_APPLICABLE = new Set(['n.a.', 'n.a', 'na', 'n/a', '-', 'x']);

function fail(entry: string, why: string): never {
  throw new DataQualityError(
    'INVALID_PEDIGREE',
    `pedigree entry '${entry}' ${why}: give five scores 1–5 in the order reliability, completeness, temporal, geographical and further technological correlation, e.g. '(1;2;1;1;3)' ('n.a.' for one that does not apply)`,
  );
}

/**
 * Reads a pedigree matrix entry as openLCA and the EcoSpold readers keep it on an exchange (`dqEntry`):
 * "(1;2;1;1;3)", "(2,3,1,1,1,na)" (EcoSpold 1 with ecoinvent v2's sample size), "(3;2;4;n.a.;2)".
 *
 * @example
 * parsePedigree('(2;3;1;2;4)').scores; // [2, 3, 1, 2, 4]
 */
export function parsePedigree(entry: string): PedigreeEntry {
  const trimmed = entry.trim();
  const inner = trimmed.startsWith('(') && trimmed.endsWith(')') ? trimmed.slice(1, -1) : trimmed;
  const tokens = inner.split(/[;,]/).map((t) => t.trim().toLowerCase());
  if (tokens.length !== 5 && tokens.length !== 6)
    fail(entry, `has ${tokens.length} score${tokens.length === 1 ? '' : 's'}`);
  const values = tokens.map((t) => {
    if (SCORE.test(t)) return Number(t) as PedigreeScore;
    if (NOT_APPLICABLE.has(t)) return null;
    return fail(entry, `has '${t}' where a score 1–5 or 'n.a.' belongs`);
  });
  const result: PedigreeEntry = { scores: values.slice(0, 5) };
  if (values.length === 6) result.sampleSize = values[5];
  return result;
}

/**
 * A pedigree entry as openLCA writes it: "(1;2;1;1;3)", 'n.a.' for a missing score.
 *
 * @example
 * formatPedigree([2, 3, null, 2, 4]); // '(2;3;n.a.;2;4)'
 */
export function formatPedigree(scores: PedigreeScores): string {
  return `(${scores.map((s) => (s === null ? 'n.a.' : String(s))).join(';')})`;
}

function checkScores(scores: PedigreeScores): void {
  if (scores.length !== PEDIGREE_INDICATORS.length)
    throw new DataQualityError(
      'INVALID_PEDIGREE',
      `a pedigree entry has ${PEDIGREE_INDICATORS.length} scores (reliability, completeness, temporal, geographical, further technological correlation), not ${scores.length}`,
    );
  scores.forEach((s, i) => {
    if (s !== null && !(Number.isInteger(s) && s >= 1 && s <= 5))
      throw new DataQualityError(
        'INVALID_PEDIGREE',
        `the ${PEDIGREE_INDICATORS[i]} score is ${String(s)}: pedigree scores are the integers 1–5 (or null for 'n.a.')`,
      );
  });
}

function basicVarianceOf(basic: BasicUncertainty): number {
  if (typeof basic === 'number') {
    if (!(Number.isFinite(basic) && basic >= 1))
      throw new DataQualityError(
        'INVALID_UNCERTAINTY',
        `a basic uncertainty given as a geometric standard deviation is ≥ 1 (1: none), not ${basic}; give { variance } for the variance of ln x`,
      );
    return Math.log(basic) ** 2;
  }
  if (!(Number.isFinite(basic.variance) && basic.variance >= 0))
    throw new DataQualityError(
      'INVALID_UNCERTAINTY',
      `a basic variance is a number ≥ 0, not ${basic.variance}`,
    );
  return basic.variance;
}

/**
 * The lognormal uncertainty of an amount with a pedigree entry: σ² = σ_b² + Σ σᵢ² on the ln scale (ecoinvent v3
 * data quality guideline), each σᵢ² from the chosen factor set — 'ecoinvent-v3' (the guideline's variances) or
 * 'ciroth-2016' (the empirical factors Uᵢ, σᵢ = ln(Uᵢ)/2). 'n.a.' scores add nothing. The amount stays the
 * median; σ_g = exp(σ) is the geometric standard deviation a Monte Carlo run draws with.
 *
 * @example
 * // 0.0006 + 0.0006 + 0 + 0.000025 + 0.04 from the table, plus (ln 1.05)² = 0.0023805 → σ = 0.20882
 * pedigreeUncertainty([2, 3, 1, 2, 4], 1.05, 'ecoinvent-v3').geometricSd; // 1.2322
 */
export function pedigreeUncertainty(
  scores: PedigreeScores | string,
  basicUncertainty: BasicUncertainty = 1,
  factorSet: PedigreeFactorSetId = 'ecoinvent-v3',
): PedigreeUncertainty {
  const set = PEDIGREE_FACTOR_SETS[factorSet];
  if (!set)
    throw new DataQualityError(
      'UNKNOWN_FACTOR_SET',
      `unknown pedigree factor set '${String(factorSet)}': use one of ${Object.keys(PEDIGREE_FACTOR_SETS).join(', ')}`,
    );
  const list = typeof scores === 'string' ? parsePedigree(scores).scores : scores;
  checkScores(list);
  const basicVariance = basicVarianceOf(basicUncertainty);
  const indicatorVariances = {} as Record<PedigreeIndicator, number>;
  let pedigreeVariance = 0;
  PEDIGREE_INDICATORS.forEach((indicator, i) => {
    const score = list[i];
    if (score === null) {
      indicatorVariances[indicator] = 0;
      return;
    }
    const factor = set.factors[indicator][score - 1];
    if (factor === null)
      throw new DataQualityError(
        'FACTOR_NOT_AVAILABLE',
        `${set.name} has no factor for ${indicator} score ${score} (the source gives none): use the 'ecoinvent-v3' factor set for this entry, or review the score`,
      );
    const v = set.kind === 'variance' ? factor : (Math.log(factor) / 2) ** 2;
    indicatorVariances[indicator] = v;
    pedigreeVariance += v;
  });
  const variance = basicVariance + pedigreeVariance;
  const sigma = Math.sqrt(variance);
  return {
    factorSet: set.id,
    scores: [...list],
    basicVariance,
    indicatorVariances,
    pedigreeVariance,
    variance,
    sigma,
    geometricSd: Math.exp(sigma),
    geometricSdSquared: Math.exp(2 * sigma),
  };
}
