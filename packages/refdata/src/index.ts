export { RefdataError, type RefdataErrorCode } from './errors.js';
export {
  DEFAULT_GWP_SET_ID,
  gwpSet,
  gwpSets,
  gwpValue,
  type ClimateMetric,
  type GwpFactor,
  type GwpSet,
} from './gwp-sets.js';
export {
  ghgLikeButUnmapped,
  gwpFactorOf,
  gwpImpactMethod,
  looksLikeGhg,
  mapGreenhouseGas,
  normaliseCas,
  PREAGGREGATED_SPECIES,
  type GhgKind,
  type GhgMapping,
} from './ghg-mapping.js';
export { GHG_BASE_NAMES, GHG_CAS, GHG_CODE_ALIASES, GHG_FULL_NAMES, GHG_QUALIFIERS } from './ghg-names.js';
export {
  carbonFootprint,
  carbonFootprintPerColumn,
  carbonFootprintEntryWeights,
  completeSplit,
  emptyCarbonFootprintSplit,
  pactFields,
  CFP_TAGS,
  LIFE_CYCLE_STAGES,
  stageInScheme,
  type BiogenicApproach,
  type CarbonFootprint,
  type CarbonFootprintNote,
  type CarbonFootprintOptions,
  type CarbonFootprintSplit,
  type GasEntry,
  type PactCarbonFootprintFields,
  type ProcessContribution,
  type StageDefinition,
  type StageEntry,
  type StageScheme,
} from './carbon-footprint.js';
export * from './china-electricity.js';
export * from './grid-model.js';
export * from './electricity-accounting.js';
export * from './factor-registry.js';
export * from './starter-database/index.js';
export * from './rule-sets/index.js';
