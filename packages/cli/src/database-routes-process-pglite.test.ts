// The server's dataset listing and footprint route suite against separate `cfp serve` processes on PGlite (a data directory on disk).
import { databaseRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

databaseRouteCases('cfp serve processes, PGlite (a data directory on disk)', serveProcessHarness('pglite'));
