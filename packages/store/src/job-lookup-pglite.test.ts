// The jobs of one model and the Monte Carlo runs of one calculation's inputs (migration 007) on PGlite.
import { openStore } from './store.js';
import { jobLookupCases } from './test-support/job-lookup-cases.js';

jobLookupCases('PGlite (in memory)', async () => ({ store: await openStore() }));
