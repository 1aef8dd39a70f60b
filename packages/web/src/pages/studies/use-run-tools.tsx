import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { readDataQuality } from '../results/read-data-quality';
import { dataQualityValues, sensitivityValues, uncertaintyValues } from './declarations-from-runs';
import type { StudyFormValues } from './study-form-values';
import { useResultRuns } from './study-queries';

/** A button that takes a statement from an analysis of the result, or what to do when there is none yet. */
function RunTool({
  take,
  label,
  missing,
  runHref,
}: {
  take: (() => void) | null;
  label: string;
  missing: string;
  runHref: string;
}) {
  const { t } = useTranslation();
  return (
    <p className="run-tool">
      {take ? (
        <button type="button" className="button-small" onClick={take}>
          {label}
        </button>
      ) : (
        <span className="muted small">
          {missing} <Link to={runHref}>{t('studies.form.runs.open')}</Link>
        </span>
      )}
    </p>
  );
}

/**
 * The study form's buttons that state what the server ran on the chosen result: its data quality, its newest
 * Monte Carlo run, its one-at-a-time sensitivity and method-choice runs; where a run is missing, a link to the
 * result's page where it is run. Nothing before a result is chosen.
 *
 * @example const tools = useRunTools(orgId, modelId, values.resultId || null, values, setValues); <StudyForm tools={tools} … />
 */
export function useRunTools(
  orgId: string,
  modelId: string,
  resultId: string | null,
  values: StudyFormValues | null,
  onChange: (values: StudyFormValues) => void,
): { dataQuality?: ReactNode; uncertainty?: ReactNode; sensitivity?: ReactNode } {
  const { t } = useTranslation();
  const runs = useResultRuns(orgId, resultId);
  if (resultId === null || values === null || !runs.data) return {};
  const runHref = `/models/${encodeURIComponent(modelId)}/results?result=${encodeURIComponent(resultId)}`;
  const quality = dataQualityValues(readDataQuality(runs.data.calculation));
  const { monteCarlo } = runs.data;
  const sensitivity = sensitivityValues(runs.data.sensitivity, runs.data.methodChoices);
  return {
    dataQuality: (
      <RunTool
        take={quality ? () => onChange({ ...values, ...quality }) : null}
        label={t('studies.form.runs.takeDataQuality')}
        missing={t('studies.form.runs.noDataQuality')}
        runHref={runHref}
      />
    ),
    uncertainty: (
      <RunTool
        take={monteCarlo ? () => onChange({ ...values, ...uncertaintyValues(monteCarlo) }) : null}
        label={t('studies.form.runs.takeMonteCarlo', { iterations: monteCarlo?.iterations ?? 0 })}
        missing={t('studies.form.runs.noMonteCarlo')}
        runHref={runHref}
      />
    ),
    sensitivity: (
      <RunTool
        take={sensitivity ? () => onChange({ ...values, ...sensitivity }) : null}
        label={t('studies.form.runs.takeSensitivity')}
        missing={t('studies.form.runs.noSensitivity')}
        runHref={runHref}
      />
    ),
  };
}
