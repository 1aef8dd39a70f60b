import type { Schema } from '@opencfp/client';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';

export type Job = Schema<'Job'>;

/** How often a job is asked for when the browser has no EventSource (or the stream failed). */
const POLL_MS = 500;

const finished = (job: Job) =>
  job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';

/**
 * Follows a background job until it ends: its Server-Sent Events (GET …/jobs/{jobId}/events, same origin, the
 * session cookie) — `state`, `progress` …, `done` — each carrying the job; without EventSource, or when the stream
 * cannot be opened, it asks GET …/jobs/{jobId} every half second instead. Returns the latest state of the job
 * (starting from `initial`, e.g. the 202 answer) and an error when neither way reaches it.
 *
 * @example const { job } = useJob(orgId, started); if (job?.status === 'succeeded') …
 */
export function useJob(orgId: string, initial: Job | null): { job: Job | null; error: unknown } {
  const api = useApi();
  // what the events told of the job `id`; a new job starts from its own first state
  const [state, setState] = useState<{ id: string | null; job: Job | null; error: unknown }>({
    id: null,
    job: null,
    error: null,
  });
  const jobId = initial?.id ?? null;

  useEffect(() => {
    if (!initial || finished(initial)) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | undefined;
    const update = (job: Job) => {
      if (!stopped) setState({ id: job.id, job, error: null });
      if (finished(job)) stop();
    };
    const stop = () => {
      stopped = true;
      source?.close();
      if (timer !== undefined) clearTimeout(timer);
    };
    const poll = async () => {
      if (stopped) return;
      try {
        const { data } = await api.GET('/v1/orgs/{orgId}/jobs/{jobId}', {
          params: { path: { orgId, jobId: initial.id } },
        });
        update(data);
      } catch (error) {
        if (!stopped)
          setState((s) => ({ id: initial.id, job: s.id === initial.id ? s.job : initial, error }));
        stop();
        return;
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    if (typeof EventSource === 'undefined') void poll();
    else {
      source = new EventSource(
        `/v1/orgs/${encodeURIComponent(orgId)}/jobs/${encodeURIComponent(initial.id)}/events`,
      );
      const onEvent = (event: MessageEvent<string>) => update(JSON.parse(event.data) as Job);
      for (const name of ['state', 'progress', 'done'])
        source.addEventListener(name, onEvent as EventListener);
      // EventSource reconnects by itself after a dropped connection; a refused one (CLOSED) falls back to polling
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          void poll();
        }
      };
    }
    return stop;
    // the job is followed from its first state; later renders pass the same job id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, orgId, jobId]);

  return state.id === jobId && jobId !== null
    ? { job: state.job, error: state.error }
    : { job: initial, error: null };
}
