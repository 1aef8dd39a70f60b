// The server's account route suite against separate `cfp serve` processes on PostgreSQL server.
import { accountRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

accountRouteCases('cfp serve processes, PostgreSQL server', serveProcessHarness('postgres'));
