// The upstream tree, the Sankey diagram and dataset details on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { inProcessHarness } from './test-support/route-harness.js';
import { resultAnalysisRouteCases } from './test-support/result-analysis-route-cases.js';

resultAnalysisRouteCases(
  'PGlite (in memory)',
  inProcessHarness(async () => ({ store: await openStore() })),
);
