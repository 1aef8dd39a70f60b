// The server's model editor route suite (units, lookups, validation, who saved) against separate `cfp serve`
// processes on a PostgreSQL server.
import { modelEditorRouteCases } from '@opencfp/server/test-support';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

modelEditorRouteCases('cfp serve processes, PostgreSQL server', serveProcessHarness('postgres'));
