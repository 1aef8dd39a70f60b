// The server's /v1 route suite against separate `cfp serve` processes on PGlite (a data directory on disk).
import { routeCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

routeCases('cfp serve processes, PGlite (a data directory on disk)', serveProcessHarness('pglite'));
