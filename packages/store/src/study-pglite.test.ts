// Studies, their verification and signed statements (migration 008) on PGlite.
import { openStore } from './store.js';
import { studyCases } from './test-support/study-cases.js';

studyCases('PGlite (in memory)', async () => ({ store: await openStore() }));
