import { DataQualityError } from './data-quality-error.js';

/** The PACT versions whose data quality indicators OpenCFP computes. */
export const PACT_VERSIONS = ['2', '3'] as const;
export type PactVersion = (typeof PACT_VERSIONS)[number];

/** Where the PACT data quality rules come from, per version. */
export const PACT_DATA_QUALITY_SOURCES: Readonly<
  Record<PactVersion, { document: string; url: string; year: number; version: string; licence: string }>
> = {
  '2': {
    document:
      'WBCSD PACT, Technical Specifications for PCF Data Exchange (PACT API Specification) 2.3.3: ' +
      'DataQualityIndicators (PACT Methodology v2 section 4.2.3, Appendix B, Table 9) — coveragePercent and the ' +
      'technological, temporal, geographical, completeness and reliability DQRs (1 … 3), each the weighted average ' +
      'of all inputs representing > 5 % of PCF emissions; primaryDataShare (sections 4.2.1, 4.2.2).',
    url: 'https://github.com/wbcsd/data-exchange-protocol',
    year: 2024,
    version: 'Technical Specifications 2.3.3',
    licence:
      'WBCSD licence of the PACT specifications (implementation in software is a separate derivative).',
  },
  '3': {
    document:
      'WBCSD PACT, Technical Specifications for PCF Data Exchange (PACT API Specification) 3.0.3: ' +
      'DataQualityIndicators (PACT Methodology v3 section 4.2.3) — technological, geographical and temporal DQRs ' +
      '(1 … 5), each the weighted average of all inputs; primaryDataShare (section 4.2.2): the share of primary data ' +
      'in the PCF excluding biogenic CO2 uptake.',
    url: 'https://github.com/wbcsd/data-exchange-protocol',
    year: 2025,
    version: 'Technical Specifications 3.0.3',
    licence:
      'WBCSD licence of the PACT specifications (implementation in software is a separate derivative).',
  },
};

/** PACT v2 counts the inputs above this share of the PCF. */
export const PACT_V2_THRESHOLD = 0.05;

/**
 * An input's PACT data quality ratings: 1 (best) … 3 in version 2 (all five needed), 1 … 5 in version 3
 * (technological, geographical and temporal; completeness and reliability are not part of it).
 */
export interface PactScores {
  technological: number;
  temporal: number;
  geographical: number;
  completeness?: number;
  reliability?: number;
}

/** One input of a PCF: its contribution (kg CO2e) and, when known, its ratings and whether it is primary data. */
export interface PactContribution {
  id: string;
  contribution: number;
  scores?: PactScores;
  /** Primary data (measured or calculated from the company's own or its suppliers' activities); false: secondary. */
  primary?: boolean;
}

/** The PCF's data quality indicators in the shape of the version's DataQualityIndicators. */
export interface PactDataQualityIndicators {
  /** Version 2: the percentage of the PCF the assessment covers (inputs > 5 % with ratings). */
  coveragePercent?: number;
  technologicalDQR: number | null;
  temporalDQR: number | null;
  geographicalDQR: number | null;
  completenessDQR?: number | null;
  reliabilityDQR?: number | null;
}

export interface PactDataQuality {
  version: PactVersion;
  dqi: PactDataQualityIndicators;
  /** The inputs the weighted averages are over. */
  assessed: string[];
  /** Inputs that count (version 2: above 5 % of the PCF; version 3: all) but have no (complete) ratings. */
  missing: string[];
  /** Σ |contribution| assessed over Σ |contribution| of all inputs, in percent. */
  coveragePercent: number;
}

const KEYS_V2 = ['technological', 'temporal', 'geographical', 'completeness', 'reliability'] as const;
const KEYS_V3 = ['technological', 'temporal', 'geographical'] as const;

function complete(scores: PactScores | undefined, version: PactVersion): scores is PactScores {
  if (!scores) return false;
  const keys = version === '2' ? KEYS_V2 : KEYS_V3;
  const max = version === '2' ? 3 : 5;
  for (const key of keys) {
    const v = scores[key];
    if (v === undefined) return false;
    if (!(Number.isFinite(v) && v >= 1 && v <= max))
      throw new DataQualityError(
        'INVALID_SCORE',
        `PACT v${version} rates ${key} 1 (best) … ${max}, not ${String(v)}`,
      );
  }
  return true;
}

/**
 * PACT data quality indicators of a PCF from its inputs' ratings: each DQR the average of the inputs' ratings
 * weighted by their contributions — version 2 over the inputs above 5 % of the PCF (`total`), with the coverage
 * in percent; version 3 over all inputs. Inputs that count but lack ratings are listed in `missing`.
 *
 * @example
 * // 60 % at technological 1, 40 % at 2, both above 5 % → technologicalDQR 0.6·1 + 0.4·2 = 1.4
 * pactDataQuality([{ id: 'a', contribution: 6, scores: a }, { id: 'b', contribution: 4, scores: b }], 10, '2');
 */
export function pactDataQuality(
  items: readonly PactContribution[],
  total: number,
  version: PactVersion = '2',
): PactDataQuality {
  if (version !== '2' && version !== '3')
    throw new DataQualityError('INVALID_OPTION', `unknown PACT version '${String(version)}': use '2' or '3'`);
  const counts = (x: PactContribution) =>
    x.contribution !== 0 && (version === '3' || (total > 0 && x.contribution / total > PACT_V2_THRESHOLD));
  const counted = items.filter(counts);
  const assessed = counted.filter((x) => complete(x.scores, version));
  const keys = version === '2' ? KEYS_V2 : KEYS_V3;
  let weight = 0;
  const acc: Record<string, number> = {};
  for (const key of keys) acc[key] = 0;
  for (const x of assessed) {
    const w = Math.abs(x.contribution);
    weight += w;
    for (const key of keys) acc[key] += w * ((x.scores as PactScores)[key] as number);
  }
  const dqr = (key: string) => (weight === 0 ? null : acc[key] / weight);
  const all = items.reduce((s, x) => s + Math.abs(x.contribution), 0);
  const dqi: PactDataQualityIndicators =
    version === '2'
      ? {
          coveragePercent: total > 0 ? (100 * assessed.reduce((s, x) => s + x.contribution, 0)) / total : 0,
          technologicalDQR: dqr('technological'),
          temporalDQR: dqr('temporal'),
          geographicalDQR: dqr('geographical'),
          completenessDQR: dqr('completeness'),
          reliabilityDQR: dqr('reliability'),
        }
      : {
          technologicalDQR: dqr('technological'),
          temporalDQR: dqr('temporal'),
          geographicalDQR: dqr('geographical'),
        };
  return {
    version,
    dqi,
    assessed: assessed.map((x) => x.id),
    missing: counted.filter((x) => !assessed.includes(x)).map((x) => x.id),
    coveragePercent: all === 0 ? 0 : (100 * weight) / all,
  };
}

/** The primary data share of a PCF, with the inputs that do not say whether they are primary. */
export interface PrimaryDataShare {
  /** 100 · Σ contribution of primary inputs / total; null when the total is not positive. */
  percent: number | null;
  primary: string[];
  /** Inputs with a contribution that are flagged neither primary nor secondary (counted as secondary). */
  unflagged: string[];
}

/**
 * PACT's primary data share: the share of the PCF (`total`) that comes from inputs flagged as primary data, in
 * percent. Unflagged inputs count as secondary and are listed.
 *
 * @example
 * primaryDataShare([{ id: 'a', contribution: 3, primary: true }, { id: 'b', contribution: 7, primary: false }], 10).percent; // 30
 */
export function primaryDataShare(items: readonly PactContribution[], total: number): PrimaryDataShare {
  const primary = items.filter((x) => x.primary === true && x.contribution !== 0);
  const sum = primary.reduce((s, x) => s + x.contribution, 0);
  return {
    percent: total > 0 ? (100 * sum) / total : null,
    primary: primary.map((x) => x.id),
    unflagged: items.filter((x) => x.primary === undefined && x.contribution !== 0).map((x) => x.id),
  };
}
