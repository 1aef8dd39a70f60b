// The server's result names, jobs-by-model and Monte Carlo link suite against separate `cfp serve` processes on PostgreSQL server.
import { resultLinkRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

resultLinkRouteCases('cfp serve processes, PostgreSQL server', serveProcessHarness('postgres'));
