// The account routes on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { inProcessHarness } from './test-support/route-harness.js';
import { accountRouteCases } from './test-support/account-route-cases.js';

accountRouteCases(
  'PGlite (in memory)',
  inProcessHarness(async () => ({ store: await openStore() })),
);
