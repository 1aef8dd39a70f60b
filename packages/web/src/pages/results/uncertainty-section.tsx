import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { ChartCard } from './chart-card';
import { fileName } from './download';
import { histogramOption } from './histogram-option';
import { JobProgress } from './job-progress';
import type { MonteCarloRun } from './monte-carlo';
import { plainNote, type PlainNote } from './monte-carlo-notes';
import type { ResultData } from './read-result';
import { useResultNames } from './result-names';
import { useMonteCarloUnderWay, useResultMonteCarlo } from './results-queries';
import { useJob, type Job } from './use-job';

/**
 * The uncertainty of a result: the latest Monte Carlo run of its inputs (the same model version, scenario and
 * options, as the server matches them) — its histogram with P5, P50 and P95, and its statistics — and a form that
 * starts a new run (iterations, seed) as a background job with its progress, or follows one of the model still
 * under way.
 */
export function UncertaintySection({
  data,
  orgId,
  title,
}: {
  data: ResultData;
  orgId: string;
  title: string;
}) {
  const { t } = useTranslation();
  const latest = useResultMonteCarlo(orgId, data.id);
  const run = latest.data ?? null;
  return (
    <>
      <section className="card card-wide" aria-labelledby="uncertainty-heading">
        <h2 id="uncertainty-heading">{t('results.uncertainty.title')}</h2>
        {latest.isPending ? (
          <Loading />
        ) : latest.error ? (
          <ErrorMessage error={latest.error} />
        ) : run ? (
          <RunFacts run={run} data={data} />
        ) : (
          <p className="muted">{t('results.uncertainty.none')}</p>
        )}
        <MonteCarloForm data={data} orgId={orgId} />
      </section>
      {run && <HistogramCard run={run} title={title} />}
    </>
  );
}

function RunFacts({ run, data }: { run: MonteCarloRun; data: ResultData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const p = run.percentiles;
  const rows: [string, number][] = [
    [t('results.uncertainty.deterministic'), run.deterministic],
    [t('results.uncertainty.mean'), run.mean],
    [t('results.uncertainty.sd'), run.sd],
    [t('results.uncertainty.min'), run.min],
    [t('results.uncertainty.percentile', { p: format.number(2.5) }), p.p2_5],
    [t('results.uncertainty.percentile', { p: format.number(5) }), p.p5],
    [t('results.uncertainty.percentile', { p: format.number(25) }), p.p25],
    [t('results.uncertainty.median'), p.p50],
    [t('results.uncertainty.percentile', { p: format.number(75) }), p.p75],
    [t('results.uncertainty.percentile', { p: format.number(95) }), p.p95],
    [t('results.uncertainty.percentile', { p: format.number(97.5) }), p.p97_5],
    [t('results.uncertainty.max'), run.max],
  ];
  // The engine's notes in plain words where the catalogues know them; "nothing uncertain" is said above already.
  const notes = run.notes.map((text) => ({ text, plain: plainNote(text) }));
  const plain = notes.filter(
    (note): note is { text: string; plain: PlainNote } =>
      note.plain !== null && note.plain.key !== 'nothingUncertain',
  );
  const unknown = notes.filter((note) => note.plain === null);
  const background = run.sampled.backgroundExchanges ?? 0;
  return (
    <>
      <p className="big-figure uncertainty-range">
        {t('results.uncertainty.range', { p5: format.number(p.p5), p95: format.number(p.p95) })}
      </p>
      <p className="muted small">
        {t('results.uncertainty.about', {
          iterations: format.integer(run.iterations),
          seed: run.seed,
          date: run.finishedAt ? format.dateTime(run.finishedAt) : '—',
        })}
      </p>
      {Math.abs(run.deterministic - data.total) > 1e-9 * Math.max(1, Math.abs(data.total)) && (
        <p className="message message-error">{t('results.uncertainty.differs')}</p>
      )}
      <div className="table-scroll">
        <table className="compact-table">
          <caption className="visually-hidden">{t('results.uncertainty.statistics')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.uncertainty.statistic')}</th>
              <th scope="col" className="numeric">
                {t('units.kgCo2e')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="numeric">{format.number(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('results.uncertainty.sampled')}</h3>
      {run.sampled.parameters.length + run.sampled.lines.length + background === 0 ? (
        <p className="muted small">{t('results.uncertainty.nothingSampled')}</p>
      ) : (
        <ul className="plain-list small sampled-list">
          {run.sampled.parameters.map((name) => (
            <li key={`p:${name}`}>{t('results.uncertainty.parameter', { name })}</li>
          ))}
          {run.sampled.lines.map((path) => {
            // the line as the result names it (its name and its process), never its place in the document
            const line = data.lines.find((l) => l.path === path);
            return (
              <li key={`l:${path}`}>
                {line
                  ? t('results.uncertainty.line', {
                      name: line.name,
                      process: names.local(line.processName, line.processNameZh),
                    })
                  : t('results.uncertainty.lineUnnamed')}
              </li>
            );
          })}
          {background > 0 && <li>{t('results.uncertainty.backgroundExchanges', { count: background })}</li>}
        </ul>
      )}
      {plain.length > 0 && (
        <ul className="plain-list small muted uncertainty-notes">
          {plain.map(({ text, plain: note }) => (
            <li key={text}>{t(`results.uncertainty.notes.${note.key}`, note.values)}</li>
          ))}
        </ul>
      )}
      {unknown.length > 0 && (
        <details className="disclosure">
          <summary>{t('results.uncertainty.engineNotes')}</summary>
          <ul className="plain-list small muted">
            {unknown.map(({ text }) => (
              <li key={text} lang="en">
                {text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function HistogramCard({ run, title }: { run: MonteCarloRun; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo(
    () =>
      histogramOption(
        run,
        {
          iterations: t('results.uncertainty.iterations'),
          co2e: t('units.kgCo2e'),
          deterministic: t('results.uncertainty.deterministic'),
        },
        format,
      ),
    [run, t, format],
  );
  const width =
    run.histogram.counts.length > 0
      ? (run.histogram.to - run.histogram.from) / run.histogram.counts.length
      : 0;
  return (
    <ChartCard
      title={t('results.uncertainty.histogram')}
      option={option}
      file={fileName(title, t('results.uncertainty.histogram'))}
      height={340}
      wide
    >
      <details className="disclosure">
        <summary>{t('results.uncertainty.bins')}</summary>
        <div className="table-scroll">
          <table className="compact-table">
            <caption className="visually-hidden">{t('results.uncertainty.bins')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.uncertainty.bin')}</th>
                <th scope="col" className="numeric">
                  {t('results.uncertainty.iterations')}
                </th>
              </tr>
            </thead>
            <tbody>
              {run.histogram.counts.map((count, i) => (
                <tr key={i}>
                  <th scope="row">
                    {format.number(run.histogram.from + i * width)} –{' '}
                    {format.number(run.histogram.from + (i + 1) * width)}
                  </th>
                  <td className="numeric">{format.integer(count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </ChartCard>
  );
}

/**
 * Starts a Monte Carlo run of the result's model with the result's options and follows it; a run of the model
 * still under way (started before the page was left) is followed the same way.
 */
function MonteCarloForm({ data, orgId }: { data: ResultData; orgId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const iterationsId = useId();
  const seedId = useId();
  const [iterations, setIterations] = useState('1000');
  const [seed, setSeed] = useState('1');
  const start = useMutation({
    mutationFn: async (): Promise<Job> =>
      (
        await api.POST('/v1/orgs/{orgId}/models/{id}/jobs', {
          params: { path: { orgId, id: data.modelId } },
          body: { ...data.request, kind: 'monte-carlo', iterations: Number(iterations), seed: Number(seed) },
        })
      ).data,
  });
  const underWay = useMonteCarloUnderWay(orgId, data.modelId);
  const { job, error } = useJob(orgId, start.data ?? underWay.data ?? null);
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  const status = job?.status;
  useEffect(() => {
    if (status !== 'succeeded' && status !== 'failed' && status !== 'cancelled') return;
    void queries.invalidateQueries({ queryKey: ['results', 'monte-carlo-jobs', orgId, data.modelId] });
    if (status === 'succeeded')
      void queries.invalidateQueries({ queryKey: ['results', 'monte-carlo', orgId, data.id] });
  }, [status, queries, orgId, data.modelId, data.id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <form className="monte-carlo-form" onSubmit={submit}>
      <h3>{t('results.uncertainty.run')}</h3>
      <p className="muted small">{t('results.uncertainty.runIntro')}</p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={iterationsId}>{t('results.uncertainty.iterations')}</label>
          <input
            id={iterationsId}
            type="number"
            min={1}
            max={100000}
            step={1}
            required
            className="input-narrow"
            value={iterations}
            onChange={(event) => setIterations(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={seedId}>{t('results.uncertainty.seed')}</label>
          <input
            id={seedId}
            type="number"
            min={0}
            max={2147483647}
            step={1}
            required
            className="input-narrow"
            value={seed}
            onChange={(event) => setSeed(event.target.value)}
          />
        </div>
        <div className="field">
          <button
            type="submit"
            className="button-primary button-inline"
            disabled={start.isPending || running}
          >
            {t('results.uncertainty.start')}
          </button>
        </div>
      </div>
      {start.error && <ErrorMessage error={start.error} />}
      {error !== null && error !== undefined && <ErrorMessage error={error} />}
      {job && <JobProgress orgId={orgId} job={job} label={t('results.uncertainty.progress')} />}
    </form>
  );
}
