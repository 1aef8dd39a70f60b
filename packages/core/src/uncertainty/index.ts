// Public API of the uncertainty module (Monte Carlo); packages/core/src/index.ts re-exports it.
export { CounterRandom, counterUniform, triple32 } from './counter-random.js';
export {
  DISTRIBUTION_CODE,
  distributionMoments,
  encodeUncertainty,
  normalQuantile,
  sampleEncoded,
  sampleUncertainty,
  type EncodedDistribution,
} from './sample-distribution.js';
export {
  sortedQuantile,
  summarizeSamples,
  type SampleSummary,
  type SamplePercentiles,
} from './sample-summary.js';
export {
  rankContributions,
  type ContributionAnalysis,
  type ContributionInputs,
  type InputContribution,
} from './rank-contributions.js';
export {
  BackgroundMonteCarlo,
  impactTargets,
  rowTargetWeights,
  type MonteCarloAnalysis,
  type MonteCarloOutput,
  type MonteCarloOutputSummary,
  type MonteCarloQuery,
  type MonteCarloRun,
  type MonteCarloRunOptions,
  type MonteCarloSolverReport,
  type MonteCarloTarget,
  type NamedContribution,
  type UncertainInput,
} from './background-monte-carlo.js';
