// The server's dataset listing and footprint route suite against separate `cfp serve` processes on PostgreSQL server.
import { databaseRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

databaseRouteCases('cfp serve processes, PostgreSQL server', serveProcessHarness('postgres'));
