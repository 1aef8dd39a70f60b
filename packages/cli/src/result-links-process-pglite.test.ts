// The server's result names, jobs-by-model and Monte Carlo link suite against separate `cfp serve` processes on PGlite (a data directory on disk).
import { resultLinkRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

resultLinkRouteCases('cfp serve processes, PGlite (a data directory on disk)', serveProcessHarness('pglite'));
