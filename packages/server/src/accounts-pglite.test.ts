// The account routes on the embedded PGlite store (in memory).
import { openStore } from '@opencfp/store';
import { accountRouteCases } from './test-support/account-route-cases.js';

accountRouteCases('PGlite (in memory)', async () => ({ store: await openStore() }));
