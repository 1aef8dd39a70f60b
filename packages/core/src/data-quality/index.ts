// Public API of the data-quality module; packages/core/src/index.ts re-exports it.
export { DataQualityError, type DataQualityErrorCode } from './data-quality-error.js';
export {
  PEDIGREE_FACTOR_SET_IDS,
  PEDIGREE_FACTOR_SETS,
  PEDIGREE_INDICATORS,
  type PedigreeFactorKind,
  type PedigreeFactorRow,
  type PedigreeFactorSet,
  type PedigreeFactorSetId,
  type PedigreeIndicator,
} from './pedigree-factors.js';
export {
  formatPedigree,
  parsePedigree,
  pedigreeUncertainty,
  type BasicUncertainty,
  type PedigreeEntry,
  type PedigreeScore,
  type PedigreeScores,
  type PedigreeUncertainty,
} from './pedigree-uncertainty.js';
export {
  PEF_DATA_QUALITY_SOURCE,
  PEF_MOST_RELEVANT_SHARE,
  PEF_QUALITY_LEVELS,
  pefAggregateDataQuality,
  pefDataQualityRating,
  pefQualityLevel,
  type PefAggregate,
  type PefContribution,
  type PefQualityLevel,
  type PefRating,
  type PefScores,
} from './pef-data-quality.js';
export {
  PACT_DATA_QUALITY_SOURCES,
  PACT_V2_THRESHOLD,
  PACT_VERSIONS,
  pactDataQuality,
  primaryDataShare,
  type PactContribution,
  type PactDataQuality,
  type PactDataQualityIndicators,
  type PactScores,
  type PactVersion,
  type PrimaryDataShare,
} from './pact-data-quality.js';
