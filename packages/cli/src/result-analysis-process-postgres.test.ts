// The server's upstream tree, Sankey and dataset detail suite against separate `cfp serve` processes on PostgreSQL server.
import { resultAnalysisRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

resultAnalysisRouteCases('cfp serve processes, PostgreSQL server', serveProcessHarness('postgres'));
