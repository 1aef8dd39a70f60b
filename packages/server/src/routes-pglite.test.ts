// The /v1 routes on servers in this process on the embedded PGlite store (in memory). @opencfp/cli runs the same
// suite against `cfp serve` processes on PGlite and on PostgreSQL (routes-process-*.test.ts).
import { openStore } from '@opencfp/store';
import { inProcessHarness } from './test-support/route-harness.js';
import { routeCases } from './test-support/route-cases.js';

routeCases(
  'in this process, PGlite (in memory)',
  inProcessHarness(async () => ({ store: await openStore() })),
);
