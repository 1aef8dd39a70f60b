import { DataQualityError } from './data-quality-error.js';

/** Where the PEF data quality rules come from. */
export const PEF_DATA_QUALITY_SOURCE = {
  issuer: 'European Commission',
  document:
    'Commission Recommendation (EU) 2021/2279 of 15 December 2021 on the use of the Environmental Footprint methods ' +
    'to measure and communicate the life cycle environmental performance of products and organisations, OJ L 471, ' +
    '30.12.2021; Annex I (Product Environmental Footprint method), section 4.6.5 (data quality requirements): the ' +
    'data quality rating DQR = (TeR + GR + TiR + P)/4 and the overall data quality level by DQR; the most relevant ' +
    'processes: those contributing together at least 80 % of an impact category.',
  url: 'https://eur-lex.europa.eu/eli/reco/2021/2279/oj',
  year: 2021,
  version: '(EU) 2021/2279',
  licence:
    '© European Union; reuse is authorised provided the source is acknowledged (Commission Decision 2011/833/EU).',
} as const;

/** The four PEF data quality criteria, each 1 (best) … 5: technological, geographical, time representativeness, precision. */
export interface PefScores {
  TeR: number;
  GR: number;
  TiR: number;
  P: number;
}

export type PefQualityLevel = 'excellent' | 'very good' | 'good' | 'fair' | 'poor';

/** The overall data quality levels by DQR (upper bounds inclusive), as the PEF method tabulates them. */
export const PEF_QUALITY_LEVELS: readonly { level: PefQualityLevel; upTo: number }[] = [
  { level: 'excellent', upTo: 1.5 },
  { level: 'very good', upTo: 2.0 },
  { level: 'good', upTo: 3.0 },
  { level: 'fair', upTo: 4.0 },
  { level: 'poor', upTo: Infinity },
];

/** The share of the total the most relevant processes reach together. */
export const PEF_MOST_RELEVANT_SHARE = 0.8;

/** A PEF rating: the criteria, DQR = (TeR + GR + TiR + P)/4 and its level. */
export interface PefRating extends PefScores {
  dqr: number;
  level: PefQualityLevel;
}

/**
 * The PEF overall data quality level of a DQR: excellent ≤ 1.5 < very good ≤ 2.0 < good ≤ 3.0 < fair ≤ 4.0 < poor.
 *
 * @example
 * pefQualityLevel(2); // 'very good'
 */
export function pefQualityLevel(dqr: number): PefQualityLevel {
  for (const { level, upTo } of PEF_QUALITY_LEVELS) if (dqr <= upTo) return level;
  return 'poor';
}

function checkScores(scores: PefScores): void {
  for (const key of ['TeR', 'GR', 'TiR', 'P'] as const) {
    const v = scores[key];
    if (!(Number.isFinite(v) && v >= 1 && v <= 5))
      throw new DataQualityError(
        'INVALID_SCORE',
        `the PEF criterion ${key} is rated 1 (best) … 5, not ${String(v)}`,
      );
  }
}

/**
 * The PEF data quality rating of a dataset or an input: DQR = (TeR + GR + TiR + P)/4 and its level.
 *
 * @example
 * pefDataQualityRating({ TeR: 2, GR: 1, TiR: 3, P: 2 }); // { …, dqr: 2, level: 'very good' }
 */
export function pefDataQualityRating(scores: PefScores): PefRating {
  checkScores(scores);
  const dqr = (scores.TeR + scores.GR + scores.TiR + scores.P) / 4;
  return {
    TeR: scores.TeR,
    GR: scores.GR,
    TiR: scores.TiR,
    P: scores.P,
    dqr,
    level: pefQualityLevel(dqr),
  };
}

/** One contributor to a total (a process, an input), with its PEF criteria when rated. */
export interface PefContribution {
  id: string;
  /** Its contribution to the total (kg CO2e, or any consistent unit); credits are negative. */
  contribution: number;
  scores?: PefScores;
}

/** The contribution-weighted PEF rating over the most relevant contributors. */
export interface PefAggregate {
  /** Weighted DQR of the rated most relevant contributors; null when none is rated. */
  dqr: number | null;
  level: PefQualityLevel | null;
  /** The criteria weighted the same way (their mean is `dqr`). */
  TeR: number | null;
  GR: number | null;
  TiR: number | null;
  P: number | null;
  /** The most relevant contributors: largest |contribution| first, until together ≥ 80 % of Σ |contribution|. */
  mostRelevant: string[];
  /** Of them, those with a rating (the weighted average is over these) and those without. */
  rated: string[];
  missing: string[];
  /** Σ |contribution| of the rated most relevant ones over Σ |contribution| of all. */
  ratedShare: number;
}

/**
 * The PEF data quality of a whole: the most relevant contributors (largest absolute contribution first, until
 * they reach 80 % of the sum of absolute contributions) and the average of their DQRs and criteria weighted by
 * their absolute contributions. Unrated most relevant contributors are listed in `missing`.
 *
 * @example
 * // 0.9 at DQR 1.5 and 0.1 at DQR 3: the first alone reaches 80 % → dqr 1.5
 * pefAggregateDataQuality([{ id: 'a', contribution: 0.9, scores: a }, { id: 'b', contribution: 0.1, scores: b }]).dqr;
 */
export function pefAggregateDataQuality(
  items: readonly PefContribution[],
  options: { mostRelevantShare?: number } = {},
): PefAggregate {
  const cut = options.mostRelevantShare ?? PEF_MOST_RELEVANT_SHARE;
  const sum = items.reduce((s, x) => s + Math.abs(x.contribution), 0);
  const ranked = items
    .filter((x) => x.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const mostRelevant: PefContribution[] = [];
  let reached = 0;
  for (const x of ranked) {
    if (sum === 0 || reached / sum >= cut) break;
    mostRelevant.push(x);
    reached += Math.abs(x.contribution);
  }
  const rated = mostRelevant.filter((x) => x.scores !== undefined);
  let weight = 0;
  const acc = { TeR: 0, GR: 0, TiR: 0, P: 0 };
  for (const x of rated) {
    const s = x.scores as PefScores;
    checkScores(s);
    const w = Math.abs(x.contribution);
    weight += w;
    acc.TeR += w * s.TeR;
    acc.GR += w * s.GR;
    acc.TiR += w * s.TiR;
    acc.P += w * s.P;
  }
  const mean = (v: number) => (weight === 0 ? null : v / weight);
  const criteria = { TeR: mean(acc.TeR), GR: mean(acc.GR), TiR: mean(acc.TiR), P: mean(acc.P) };
  const dqr = weight === 0 ? null : (acc.TeR + acc.GR + acc.TiR + acc.P) / (4 * weight);
  return {
    dqr,
    level: dqr === null ? null : pefQualityLevel(dqr),
    ...criteria,
    mostRelevant: mostRelevant.map((x) => x.id),
    rated: rated.map((x) => x.id),
    missing: mostRelevant.filter((x) => x.scores === undefined).map((x) => x.id),
    ratedShare: sum === 0 ? 0 : weight / sum,
  };
}
