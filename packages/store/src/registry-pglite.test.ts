// The public registry (migration 011) on PGlite.
import { openStore } from './store.js';
import { registryCases } from './test-support/registry-cases.js';

registryCases('PGlite (in memory)', async () => ({ store: await openStore() }));
