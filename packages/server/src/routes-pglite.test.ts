// The /v1 routes on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { routeCases } from './test-support/route-cases.js';

routeCases('PGlite (in memory)', async () => ({ store: await openStore() }));
