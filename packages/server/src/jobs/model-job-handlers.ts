import type { CalculatorCache } from '../calculator-cache.js';
import type { JobHandler } from './job-runner.js';
import { METHOD_CHOICES, SENSITIVITY, methodChoicesJob, sensitivityJob } from './model-analysis-jobs.js';
import { MODEL_CALCULATION, MONTE_CARLO, modelCalculationJob, monteCarloJob } from './model-jobs.js';

/**
 * The handlers of every job kind POST …/models/{id}/jobs queues, by kind, on one calculator cache: what a server
 * registers on its job runner (and what the route suites run their queued jobs with).
 *
 * @example for (const [kind, handler] of Object.entries(modelJobHandlers(cache))) runner.register(kind, handler);
 */
export function modelJobHandlers(cache: CalculatorCache): Record<string, JobHandler> {
  return {
    [MODEL_CALCULATION]: modelCalculationJob(cache),
    [MONTE_CARLO]: monteCarloJob(cache),
    [SENSITIVITY]: sensitivityJob(cache),
    [METHOD_CHOICES]: methodChoicesJob(cache),
  };
}
