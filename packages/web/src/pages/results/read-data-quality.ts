import type { CalculationResult } from './read-result';

/** The PEF overall data quality levels, best first (the engine's words: pefQualityLevel). */
export const PEF_LEVELS = ['excellent', 'very good', 'good', 'fair', 'poor'] as const;
export type PefLevel = (typeof PEF_LEVELS)[number];

/** The PACT data quality ratings in the order the PACT methodology lists them. */
export const PACT_DQRS = [
  'technologicalDQR',
  'temporalDQR',
  'geographicalDQR',
  'completenessDQR',
  'reliabilityDQR',
] as const;
export type PactDqr = (typeof PACT_DQRS)[number];

/** One line of the model with what the result says of its data quality. */
export interface DataQualityLine {
  path: string;
  name: string;
  kind: string;
  co2e: number;
  /** Share of the total (0 … 1). */
  share: number;
  source: string | null;
  primary: boolean | null;
  /** The pedigree scores 1 … 5 (null: not applicable), null when the line has none. */
  pedigree: (number | null)[] | null;
  /** Where the pedigree comes from: the model's own scores or the background dataset's exchanges. */
  pedigreeFrom: 'model' | 'dataset' | null;
  pefDqr: number | null;
  pefLevel: PefLevel | null;
}

/** The data quality a result carries when its model states any (docs/data-quality.md, "In the result"). */
export interface ResultDataQuality {
  pef: {
    dqr: number | null;
    level: PefLevel | null;
    /** The criteria weighted like the DQR. */
    criteria: { TeR: number | null; GR: number | null; TiR: number | null; P: number | null };
    mostRelevant: number;
    missing: string[];
    /** Share of the total the rated most relevant lines cover (0 … 1). */
    ratedShare: number | null;
    source: string | null;
  };
  pact: {
    version: string | null;
    /** The DQRs the version has (v3 has no completeness and reliability), in PACT_DQRS order. */
    dqrs: [PactDqr, number | null][];
    /** Share of the total from primary data (0 … 1); null when the result cannot give it. */
    primaryDataShare: number | null;
    /** Version 2: the share of the footprint the assessment covers (0 … 1). */
    coverage: number | null;
    missing: string[];
    unflagged: string[];
    source: string | null;
  };
  lines: DataQualityLine[];
  notes: string[];
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const number = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const texts = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s) => typeof s === 'string') : []);
const level = (x: unknown): PefLevel | null => PEF_LEVELS.find((l) => l === x) ?? null;
/** The engine gives PACT percentages in percent; the pages show shares (0 … 1) through useFormat().percent. */
const fromPercent = (x: unknown): number | null => {
  const n = number(x);
  return n === null ? null : n / 100;
};

function readLine(x: unknown): DataQualityLine | null {
  if (!isObject(x) || typeof x.path !== 'string') return null;
  const pedigree = isObject(x.pedigree) ? x.pedigree : null;
  const pef = isObject(x.pef) ? x.pef : null;
  const from = pedigree ? text(pedigree.from) : null;
  return {
    path: x.path,
    name: text(x.name) ?? x.path,
    kind: text(x.kind) ?? '',
    co2e: number(x.co2e) ?? 0,
    share: number(x.share) ?? 0,
    source: text(x.source),
    primary: typeof x.primary === 'boolean' ? x.primary : null,
    pedigree:
      pedigree && Array.isArray(pedigree.scores) ? pedigree.scores.map((s: unknown) => number(s)) : null,
    pedigreeFrom: from === 'model' || from === 'dataset' ? from : null,
    pefDqr: pef ? number(pef.dqr) : null,
    pefLevel: pef ? level(pef.level) : null,
  };
}

/**
 * The footprint's `dataQuality`, read field by field (the OpenAPI document types the footprint loosely); null when
 * the result carries none — its model states no data quality. Nothing is computed here: every figure is the
 * engine's.
 *
 * @example const quality = readDataQuality(result); quality?.pef.dqr;
 */
export function readDataQuality(result: CalculationResult): ResultDataQuality | null {
  const dq: unknown = (result.footprint as Loose).dataQuality;
  if (!isObject(dq)) return null;
  const pef = isObject(dq.pef) ? dq.pef : {};
  const pact = isObject(dq.pact) ? dq.pact : {};
  const dqi = isObject(pact.dqi) ? pact.dqi : {};
  return {
    pef: {
      dqr: number(pef.dqr),
      level: level(pef.level),
      criteria: { TeR: number(pef.TeR), GR: number(pef.GR), TiR: number(pef.TiR), P: number(pef.P) },
      mostRelevant: texts(pef.mostRelevant).length,
      missing: texts(pef.missing),
      ratedShare: number(pef.ratedShare),
      source: text(pef.source),
    },
    pact: {
      version: text(pact.version),
      dqrs: PACT_DQRS.filter((key) => key in dqi).map((key) => [key, number(dqi[key])]),
      primaryDataShare: fromPercent(pact.primaryDataShare),
      coverage: fromPercent(dqi.coveragePercent),
      missing: texts(pact.missing),
      unflagged: texts(pact.unflagged),
      source: text(pact.source),
    },
    lines: (Array.isArray(dq.lines) ? dq.lines : [])
      .map(readLine)
      .filter((line): line is DataQualityLine => line !== null),
    notes: texts(dq.notes),
  };
}
