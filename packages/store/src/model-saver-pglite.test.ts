// Who saved a product model, and who saved the newer version in a conflict, on PGlite.
import { openStore } from './store.js';
import { modelSaverCases } from './test-support/model-saver-cases.js';

modelSaverCases('PGlite (in memory)', async () => ({ store: await openStore() }));
