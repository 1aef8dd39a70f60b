// The route suites and their harness, for packages that run them against other servers (@opencfp/cli runs them
// against `cfp serve` processes). Test code only: nothing of the product imports this entry.
export { accountRouteCases } from './account-route-cases.js';
export { databaseRouteCases } from './database-route-cases.js';
export { resultAnalysisRouteCases } from './result-analysis-route-cases.js';
export { resultLinkRouteCases } from './result-link-route-cases.js';
export { modelEditorRouteCases } from './model-editor-route-cases.js';
export { HARNESS_ENV, inProcessHarness, type OpenHarness, type RouteHarness } from './route-harness.js';
export { routeCases } from './route-cases.js';
export { COMPLETE_DECLARATIONS, bracketModel, studyRouteCases } from './study-route-cases.js';
