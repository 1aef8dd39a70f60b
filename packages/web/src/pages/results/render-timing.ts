import { useEffect } from 'react';

// Performance marks the benchmarks read from the browser (packages/cli/src/bench/results-page.bench.ts):
// `opencfp:<name>-request` when a request starts, `opencfp:<name>-data` when its answer has arrived and been read,
// and, once the view drawn from that answer has been painted, the measures `opencfp:<name>-render` (data → painted)
// and `opencfp:<name>-total` (request → painted). `detail` names the answer (e.g. the result id), so a measure is
// only taken for the answer actually on screen.

const supported = () => typeof performance !== 'undefined' && typeof performance.mark === 'function';

/** Marks that a request for `key` starts. */
export function markRequest(name: string, key: string): void {
  if (supported()) performance.mark(`opencfp:${name}-request`, { detail: key });
}

/** Marks that the answer for `key` has arrived (call it in the query function, after reading the answer). */
export function markData(name: string, key: string): void {
  if (supported()) performance.mark(`opencfp:${name}-data`, { detail: key });
}

/** The start of the measured answers, per name, so that each arrival is measured once. */
const measured = new Map<string, number>();

function lastMark(name: string, key: string): PerformanceEntry | undefined {
  const last = performance.getEntriesByName(name, 'mark').at(-1);
  return last && (last as PerformanceMark).detail === key ? last : undefined;
}

/**
 * Measures, once per arrival, the time from the answer `key` to the first paint of the view drawn from it. Call it
 * in the component that draws the answer: its effects run after those of its children (the charts, which ECharts
 * draws synchronously), and a frame plus a task later the browser has painted.
 *
 * @example useRenderTiming('result', data?.id ?? null);
 */
export function useRenderTiming(name: string, key: string | null): void {
  useEffect(() => {
    if (key === null || !supported() || typeof requestAnimationFrame !== 'function') return;
    const data = lastMark(`opencfp:${name}-data`, key);
    if (!data || measured.get(name) === data.startTime) return;
    const request = lastMark(`opencfp:${name}-request`, key);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const end = performance.now();
        measured.set(name, data.startTime);
        performance.measure(`opencfp:${name}-render`, { start: data.startTime, end, detail: key });
        if (request && request.startTime <= data.startTime)
          performance.measure(`opencfp:${name}-total`, { start: request.startTime, end, detail: key });
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [name, key]);
}
