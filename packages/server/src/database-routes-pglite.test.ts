// Background datasets and footprints in any unit on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { databaseRouteCases } from './test-support/database-route-cases.js';

databaseRouteCases('PGlite (in memory)', async () => ({ store: await openStore() }));
