import type { Schema } from '@opencfp/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { ErrorMessage } from '../../components/query-state';
import { CalculationOptions, DEFAULT_CHOICE, type CalculationChoice } from './calculation-options';
import { JobProgress } from './job-progress';
import { useResultNames } from './result-names';
import { useJob, type Job } from './use-job';

/** The select's value of the base case (no scenario). */
export const BASE_CASE = '';

/**
 * Calculates a model as a background job: the scenario and options, a button, the job's progress with a cancel
 * button, and when it succeeded `onCalculated` with the stored result's id (a new one, or the result of equal inputs
 * calculated before). With `startOnArrival` it starts the base case at once (the editor's one-press Calculate).
 *
 * @example <CalculatePanel orgId={orgId} model={model} onCalculated={(id) => open(id)} />
 */
export function CalculatePanel({
  orgId,
  model,
  onCalculated,
  startOnArrival = false,
  onStartedOnArrival,
}: {
  orgId: string;
  model: Schema<'ProductModel'>;
  onCalculated(resultId: string): void;
  /** Start calculating the base case with the default options as soon as the panel is shown (once). */
  startOnArrival?: boolean;
  /** Told when that calculation was asked for (e.g. to drop `?calculate=1` from the URL). */
  onStartedOnArrival?(): void;
}) {
  const { t } = useTranslation();
  const names = useResultNames();
  const api = useApi();
  const queries = useQueryClient();
  const scenarioId = useId();
  const [scenario, setScenario] = useState(BASE_CASE);
  const [choice, setChoice] = useState<CalculationChoice>(DEFAULT_CHOICE);
  const start = useMutation({
    mutationFn: async (): Promise<Job> =>
      (
        await api.POST('/v1/orgs/{orgId}/models/{id}/jobs', {
          params: { path: { orgId, id: model.id } },
          body: {
            kind: 'calculation',
            ...choice,
            ...(scenario === BASE_CASE ? {} : { scenarioId: scenario }),
          },
        })
      ).data,
  });
  // one start per arrival, also when React runs the effect twice (development's StrictMode) or re-renders before
  // the URL has lost its parameter
  const startedOnArrival = useRef(false);
  useEffect(() => {
    if (!startOnArrival || startedOnArrival.current) return;
    startedOnArrival.current = true;
    start.mutate();
    onStartedOnArrival?.();
    // asked once, on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startOnArrival]);
  const { job, error } = useJob(orgId, start.data ?? null);
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  const resultId =
    job?.status === 'succeeded' && typeof job.output?.resultId === 'string' ? job.output.resultId : null;

  useEffect(() => {
    if (resultId === null) return;
    void queries.invalidateQueries({ queryKey: ['results', 'list', orgId, model.id] });
    void queries.invalidateQueries({ queryKey: ['calculations', orgId, model.id] });
    onCalculated(resultId);
    // reported once per result
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resultId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  const scenarios = model.model.scenarios ?? [];
  return (
    <form onSubmit={submit} aria-labelledby="calculate-heading">
      <h2 id="calculate-heading">{t('results.calculate.title')}</h2>
      <div className="toolbar">
        <div className="field field-grow">
          <label htmlFor={scenarioId}>{t('results.total.scenario')}</label>
          <select id={scenarioId} value={scenario} onChange={(event) => setScenario(event.target.value)}>
            <option value={BASE_CASE}>{t('results.baseCase')}</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {names.scenario(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <details className="disclosure">
        <summary>{t('results.calculate.options')}</summary>
        <CalculationOptions value={choice} onChange={setChoice} />
      </details>
      <button type="submit" className="button-primary button-inline" disabled={start.isPending || running}>
        {running ? t('results.calculate.running') : t('results.calculate.submit')}
      </button>
      {start.error && <ErrorMessage error={start.error} />}
      {error !== null && error !== undefined && <ErrorMessage error={error} />}
      {job && <JobProgress orgId={orgId} job={job} label={t('results.calculate.progress')} />}
      {job?.status === 'succeeded' && job.output?.reused === true && (
        <p className="muted small" role="status">
          {t('results.calculate.reused')}
        </p>
      )}
    </form>
  );
}
