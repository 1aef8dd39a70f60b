// The server's account route suite against separate `cfp serve` processes on PGlite (a data directory on disk).
import { accountRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

accountRouteCases('cfp serve processes, PGlite (a data directory on disk)', serveProcessHarness('pglite'));
