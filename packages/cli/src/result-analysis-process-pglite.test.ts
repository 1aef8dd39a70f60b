// The server's upstream tree, Sankey and dataset detail suite against separate `cfp serve` processes on PGlite (a data directory on disk).
import { resultAnalysisRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

resultAnalysisRouteCases(
  'cfp serve processes, PGlite (a data directory on disk)',
  serveProcessHarness('pglite'),
);
