// The model editor's routes (units, lookups by id and unit, validation, who saved) on the embedded PGlite store (in
// memory).
import { openStore } from '@opencfp/store';
import { modelEditorRouteCases } from './test-support/model-editor-route-cases.js';
import { inProcessHarness } from './test-support/route-harness.js';

modelEditorRouteCases(
  'PGlite (in memory)',
  inProcessHarness(async () => ({ store: await openStore() })),
);
