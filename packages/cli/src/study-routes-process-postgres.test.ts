// The server's study route suite (verification workflow, signed statements, keys) against separate `cfp serve`
// processes on a PostgreSQL server.
import { studyRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

studyRouteCases('cfp serve processes, PostgreSQL server', serveProcessHarness('postgres'));
