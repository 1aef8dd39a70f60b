import type { Schema } from '@opencfp/client';

/** A succeeded Monte Carlo job as GET …/calculations/{resultId}/monte-carlo answers it. */
export type MonteCarloJob = Schema<'MonteCarloJob'>;

/**
 * The distribution of a Monte Carlo run (the job's `MonteCarloOutput`: docs/product-models.md, Monte Carlo) with
 * the job it came from.
 */
export type MonteCarloRun = Schema<'MonteCarloOutput'> & {
  jobId: string;
  finishedAt: string | null;
};

/**
 * The run of a Monte Carlo job the server found for a result (same model document, background version and options:
 * the server matched the result's inputs hash, so nothing is checked again here).
 *
 * @example const run = monteCarloRun(job); run.percentiles.p95;
 */
export function monteCarloRun(job: MonteCarloJob): MonteCarloRun {
  return { ...job.output, jobId: job.id, finishedAt: job.finishedAt };
}
