// Background datasets and footprints in any unit on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { inProcessHarness } from './test-support/route-harness.js';
import { databaseRouteCases } from './test-support/database-route-cases.js';

databaseRouteCases(
  'PGlite (in memory)',
  inProcessHarness(async () => ({ store: await openStore() })),
);
