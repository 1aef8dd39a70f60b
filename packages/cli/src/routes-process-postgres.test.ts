// The server's /v1 route suite against separate `cfp serve` processes on PostgreSQL server.
import { routeCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

routeCases('cfp serve processes, PostgreSQL server', serveProcessHarness('postgres'));
