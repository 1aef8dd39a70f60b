// The study routes (verification workflow, signed statements, keys) on servers in this process on the embedded
// PGlite store (in memory). @opencfp/cli runs the same suite against `cfp serve` processes on PGlite and PostgreSQL.
import { openStore } from '@opencfp/store';
import { inProcessHarness } from './test-support/route-harness.js';
import { studyRouteCases } from './test-support/study-route-cases.js';

studyRouteCases(
  'in this process, PGlite (in memory)',
  inProcessHarness(async () => ({ store: await openStore() })),
);
