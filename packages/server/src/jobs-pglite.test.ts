// Jobs and database uploads on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { jobRouteCases } from './test-support/job-route-cases.js';

jobRouteCases('PGlite (in memory)', async () => ({ store: await openStore() }));
