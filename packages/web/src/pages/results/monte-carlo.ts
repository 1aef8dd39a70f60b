import type { Schema } from '@opencfp/client';

export type Job = Schema<'Job'>;

/** The output of a succeeded Monte Carlo job (docs/product-models.md, Monte Carlo). */
export interface MonteCarloRun {
  jobId: string;
  finishedAt: string | null;
  modelId: string;
  modelVersion: number;
  iterations: number;
  seed: number;
  /** The footprint with every amount at its stated value. */
  deterministic: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  percentiles: {
    p2_5: number;
    p5: number;
    p25: number;
    p50: number;
    p75: number;
    p95: number;
    p97_5: number;
  };
  histogram: { from: number; to: number; counts: number[] };
  sampled: { parameters: string[]; lines: string[] };
  /** The scenario's id (null: the base case). */
  scenario: string | null;
  /** The calculation options it ran with (scenarioId, method …). */
  request: Record<string, unknown>;
  notes: string[];
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const strings = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];

const PERCENTILES = ['p2_5', 'p5', 'p25', 'p50', 'p75', 'p95', 'p97_5'] as const;

/**
 * A Monte Carlo job's distribution, or null when the job has none (not a succeeded Monte Carlo job, or an output
 * of another shape: nothing is guessed).
 *
 * @example const run = readMonteCarlo(job); if (run) run.percentiles.p95;
 */
export function readMonteCarlo(job: Job): MonteCarloRun | null {
  const out = job.output;
  if (job.status !== 'succeeded' || !isObject(out)) return null;
  const { percentiles, histogram } = out;
  if (!isObject(percentiles) || !PERCENTILES.every((p) => isNumber(percentiles[p]))) return null;
  if (!isObject(histogram) || !isNumber(histogram.from) || !isNumber(histogram.to)) return null;
  if (!Array.isArray(histogram.counts) || !histogram.counts.every(isNumber)) return null;
  for (const key of ['iterations', 'seed', 'deterministic', 'mean', 'sd', 'min', 'max', 'modelVersion'])
    if (!isNumber(out[key])) return null;
  const sampled = isObject(out.sampled) ? out.sampled : {};
  return {
    jobId: job.id,
    finishedAt: job.finishedAt,
    modelId: typeof out.modelId === 'string' ? out.modelId : '',
    modelVersion: out.modelVersion as number,
    iterations: out.iterations as number,
    seed: out.seed as number,
    deterministic: out.deterministic as number,
    mean: out.mean as number,
    sd: out.sd as number,
    min: out.min as number,
    max: out.max as number,
    percentiles: Object.fromEntries(
      PERCENTILES.map((p) => [p, percentiles[p] as number]),
    ) as MonteCarloRun['percentiles'],
    histogram: { from: histogram.from, to: histogram.to, counts: histogram.counts as number[] },
    sampled: { parameters: strings(sampled.parameters), lines: strings(sampled.lines) },
    scenario: typeof out.scenario === 'string' ? out.scenario : null,
    request: isObject(out.request) ? out.request : {},
    notes: strings(out.notes),
  };
}

/** The options of a result that a Monte Carlo run must share to describe it. */
export interface RunMatch {
  modelId: string;
  modelVersion: number;
  request: Schema<'CalculationRequest'>;
}

/** Options absent from a stored request take the server's defaults (CalculationRequest). */
const DEFAULTS: Record<string, unknown> = {
  method: 'ipcc-ar6-gwp100',
  biogenicApproach: '-1/+1',
  stageScheme: 'iso-14067',
};
const OPTIONS = ['scenarioId', 'method', 'biogenicApproach', 'stageScheme', 'defaultStage'] as const;

/**
 * Whether a Monte Carlo run is of the same model version, scenario and calculation options as a result: only then
 * is its distribution that result's uncertainty.
 *
 * @example runs.filter((run) => describes(run, result))
 */
export function describes(run: MonteCarloRun, result: RunMatch): boolean {
  if (run.modelId !== result.modelId || run.modelVersion !== result.modelVersion) return false;
  const request = result.request as Record<string, unknown>;
  return OPTIONS.every((key) => (run.request[key] ?? DEFAULTS[key]) === (request[key] ?? DEFAULTS[key]));
}
