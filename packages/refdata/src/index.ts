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
