// What a study can state from the analyses the server ran on its result — the data quality the result carries, the
// newest Monte Carlo run, the one-at-a-time sensitivity run and the totals under alternative method choices — as
// values of the study form. Nothing is computed here but unit changes: every number is the server's.
import type { Schema } from '@opencfp/client';
import type { ResultDataQuality } from '../results/read-data-quality';
import type { DqrIndicator, StudyFormValues } from './study-form-values';

/** A number in machine format for a text field. */
const numberText = (n: number) => String(n);
/** A share 0 … 1 as the percentage the form takes. */
const percentText = (share: number) => String(Number((share * 100).toPrecision(12)));

const PACT_INDICATORS: Record<string, DqrIndicator> = {
  technologicalDQR: 'technological',
  temporalDQR: 'temporal',
  geographicalDQR: 'geographical',
  completenessDQR: 'completeness',
  reliabilityDQR: 'reliability',
};

/**
 * The data-quality statement of a result that carries data quality: the PACT DQRs (with the primary data share and
 * coverage) when the result has them, else the PEF criteria (TeR, GR, TiR, P as technological, geographical,
 * temporal and precision ratings); null when the result rates nothing.
 *
 * @example const values = dataQualityValues(readDataQuality(result)); if (values) setValues({ ...form, ...values });
 */
export function dataQualityValues(
  quality: ResultDataQuality | null,
): Pick<
  StudyFormValues,
  'dataQualityMethod' | 'primaryDataSharePercent' | 'coveragePercent' | 'ratings'
> | null {
  if (!quality) return null;
  const ratings: StudyFormValues['ratings'] = {
    technological: '',
    geographical: '',
    temporal: '',
    completeness: '',
    reliability: '',
    precision: '',
  };
  const pact = quality.pact.dqrs.filter(([, value]) => value !== null);
  if (pact.length > 0) {
    for (const [key, value] of pact) {
      const indicator = PACT_INDICATORS[key];
      if (indicator && value !== null) ratings[indicator] = numberText(value);
    }
    return {
      dataQualityMethod: quality.pact.version ? `pact-dqr (PACT ${quality.pact.version})` : 'pact-dqr',
      primaryDataSharePercent:
        quality.pact.primaryDataShare === null ? '' : percentText(quality.pact.primaryDataShare),
      coveragePercent: quality.pact.coverage === null ? '' : percentText(quality.pact.coverage),
      ratings,
    };
  }
  const { TeR, GR, TiR, P } = quality.pef.criteria;
  if (TeR === null && GR === null && TiR === null && P === null) return null;
  if (TeR !== null) ratings.technological = numberText(TeR);
  if (GR !== null) ratings.geographical = numberText(GR);
  if (TiR !== null) ratings.temporal = numberText(TiR);
  if (P !== null) ratings.precision = numberText(P);
  return {
    dataQualityMethod: 'pef-dqr',
    primaryDataSharePercent:
      quality.pact.primaryDataShare === null ? '' : percentText(quality.pact.primaryDataShare),
    coveragePercent: quality.pef.ratedShare === null ? '' : percentText(quality.pef.ratedShare),
    ratings,
  };
}

/**
 * The uncertainty statement of a Monte Carlo run of the result: iterations, mean, standard deviation and the
 * percentiles (kg CO₂e per declared unit).
 *
 * @example setValues({ ...values, ...uncertaintyValues(run) });
 */
export function uncertaintyValues(
  run: Schema<'MonteCarloOutput'>,
): Pick<StudyFormValues, 'uncertaintyMethod' | 'iterations' | 'mean' | 'standardDeviation' | 'percentiles'> {
  return {
    uncertaintyMethod: `monte-carlo (seed ${run.seed})`,
    iterations: numberText(run.iterations),
    mean: numberText(run.mean),
    standardDeviation: numberText(run.sd),
    percentiles: { ...run.percentiles },
  };
}

/**
 * The sensitivity statement of the result's runs: each parameter of the one-at-a-time run with its swing (kg CO₂e
 * between its low and its high value), and each alternative method choice with its difference from the result
 * (choices the model cannot express are left out); null when neither run has any.
 *
 * @example sensitivityValues(sensitivity, methodChoices)?.sensitivityEntries
 */
export function sensitivityValues(
  sensitivity: Schema<'SensitivityOutput'> | null,
  methodChoices: Schema<'MethodChoicesOutput'> | null,
): Pick<StudyFormValues, 'sensitivityMethod' | 'sensitivityEntries'> | null {
  const entries: StudyFormValues['sensitivityEntries'] = [];
  const methods: string[] = [];
  if (sensitivity) {
    const rows = sensitivity.parameters.filter((p) => p.swing !== null);
    if (rows.length > 0)
      methods.push(`one-at-a-time (±${Number((sensitivity.relativeChange * 100).toPrecision(6))} %)`);
    for (const p of rows) entries.push({ name: p.parameter, effect: numberText(p.swing ?? 0) });
  }
  if (methodChoices) {
    const rows = methodChoices.rows.filter((r) => !r.base && r.difference !== null);
    if (rows.length > 0) methods.push('method-choices');
    for (const r of rows)
      entries.push({ name: `${r.aspect}: ${r.label}`, effect: numberText(r.difference ?? 0) });
  }
  if (entries.length === 0) return null;
  return { sensitivityMethod: methods.join(' + '), sensitivityEntries: entries };
}
