// Runs jobs the route suites queued (their servers run none: HARNESS_ENV) with the server's own job runner and
// model job handlers, on the harness's store, to their end.
import assert from 'node:assert/strict';
import { jobs, type Store } from '@opencfp/store';
import { CalculatorCache } from '../calculator-cache.js';
import { JobRunner } from '../jobs/job-runner.js';
import { modelJobHandlers } from '../jobs/model-job-handlers.js';
import type { ServerLogger } from '../routing.js';
import type { RouteHarness } from './route-harness.js';

/**
 * Runs the queued jobs `jobIds` of `organisationId` with a JobRunner and every model job handler on the harness's
 * store until each has ended (succeeded, failed or cancelled), and fails when the runner logged anything.
 *
 * @example await runModelJobs(harness, orgId, [queued.id]);
 */
export async function runModelJobs(
  harness: RouteHarness,
  organisationId: string,
  jobIds: string[],
): Promise<void> {
  await harness.withStore(async (store: Store) => {
    const problems: string[] = [];
    const logger: ServerLogger = { error: (m) => problems.push(m), warn: (m) => problems.push(m) };
    const runner = new JobRunner({ store, logger, pollMs: 20, heartbeatMs: 200, staleMs: 60_000 });
    for (const [kind, handler] of Object.entries(modelJobHandlers(new CalculatorCache())))
      runner.register(kind, handler);
    await runner.start();
    try {
      for (const id of jobIds)
        for (;;) {
          const state = await jobs.get(store, organisationId, id);
          if (['succeeded', 'failed', 'cancelled'].includes(state.status)) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
    } finally {
      await runner.close();
    }
    assert.deepEqual(problems, [], 'the job runner logged nothing');
  });
}
