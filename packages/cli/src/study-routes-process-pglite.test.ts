// The server's study route suite (verification workflow, signed statements, keys) against separate `cfp serve`
// processes on PGlite (a data directory on disk; the key secret is made in it).
import { studyRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

studyRouteCases('cfp serve processes, PGlite (a data directory on disk)', serveProcessHarness('pglite'));
