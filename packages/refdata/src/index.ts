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
  gwpImpactMethod,
  looksLikeGhg,
  mapGreenhouseGas,
  normaliseCas,
  type GhgKind,
  type GhgMapping,
} from './ghg-mapping.js';
export { GHG_BASE_NAMES, GHG_CAS, GHG_CODE_ALIASES, GHG_QUALIFIERS } from './ghg-names.js';
