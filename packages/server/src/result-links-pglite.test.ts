// Results named as their model document was (scenario, Chinese process names), the jobs list by model, and a
// result's Monte Carlo runs, on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { inProcessHarness } from './test-support/route-harness.js';
import { resultLinkRouteCases } from './test-support/result-link-route-cases.js';

resultLinkRouteCases(
  'PGlite (in memory)',
  inProcessHarness(async () => ({ store: await openStore() })),
);
