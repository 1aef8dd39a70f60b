import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { ErrorMessage } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import type { Job } from './use-job';

/**
 * A background job while it runs: its status and progress (a progress bar, announced politely), a button that
 * cancels it, and why it failed when it did (the server's code, and its message as it wrote it).
 *
 * @example <JobProgress orgId={orgId} job={job} label={t('results.calculate.progress')} />
 */
export function JobProgress({ orgId, job, label }: { orgId: string; job: Job; label: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const cancel = useMutation({
    mutationFn: async () =>
      (await api.POST('/v1/orgs/{orgId}/jobs/{jobId}/cancel', { params: { path: { orgId, jobId: job.id } } }))
        .data,
  });
  const running = job.status === 'queued' || job.status === 'running';
  const path = job.error?.details?.path;
  return (
    <div className="job-progress">
      <div className="job-progress-bar">
        <progress aria-label={label} max={1} value={job.progress} />
        <span role="status" aria-live="polite">
          <span className={`status status-${job.status}`}>{t(`jobs.statuses.${job.status}`)}</span>{' '}
          {format.percent(job.progress)}
        </span>
        {running && (
          <button
            type="button"
            className="button-secondary button-small"
            disabled={cancel.isPending || job.cancelRequested}
            onClick={() => cancel.mutate()}
          >
            {job.cancelRequested ? t('results.job.cancelling') : t('results.job.cancel')}
          </button>
        )}
      </div>
      {cancel.error && <ErrorMessage error={cancel.error} />}
      {job.status === 'failed' && job.error && (
        <div className="message message-error" role="alert">
          <p>{t('results.job.failed', { code: job.error.code })}</p>
          <p className="small" lang="en">
            {job.error.message}
          </p>
          {typeof path === 'string' && <p className="small mono">{path}</p>}
        </div>
      )}
    </div>
  );
}
