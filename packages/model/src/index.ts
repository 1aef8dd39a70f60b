export { ModelError, type ModelErrorCode, type ModelProblem } from './errors.js';
export { commonUnit, commonUnitFactor } from './common-units.js';
export { productUnitFactor } from './product-unit-factor.js';
export {
  MODEL_SCHEMA_ID,
  ProductModelDocument,
  Amount,
  Uncertainty,
  Parameter,
  Scenario,
  Source,
  Input,
  Emission,
  ForegroundProcess,
  ElectricitySource,
  ElectricityInstrument,
  TransportSource,
  ELECTRICITY_ACCOUNTING,
  INSTRUMENT_KINDS,
  TRANSPORT_MODES,
  type ModelElectricitySource,
  type ModelElectricityInstrument,
  type ModelTransportSource,
  type ProductModelDocumentInput,
  type ModelInput,
  type ModelEmission,
  type ModelSource,
  type ModelParameter,
  type ModelUncertainty,
} from './product-model-document.js';
export { parseProductModel, jsonPointer } from './parse-product-model.js';
export { type ElectricityFactorBasis, type ElectricityFactorProvenance } from './model-electricity.js';
export {
  electricityReference,
  type ElectricityReference,
  type ElectricityReferenceFactor,
  type ElectricityReferenceSource,
  type ElectricityRegion,
} from './electricity-reference.js';
export {
  transportReference,
  type TransportReference,
  type TransportReferenceDataset,
} from './transport-reference.js';
export { modelBackground, type DatasetFootprint, type ModelBackground } from './model-background.js';
export { type ModelNote, type ProductModelOptions } from './prepare-product-model.js';
export {
  calculateProductModel,
  FOOTPRINT_SCHEMA_ID,
  type ModelContribution,
  type ModelElectricityResult,
  type ModelTransportResult,
  type ModelProcessResult,
  type ProductModelFootprint,
} from './calculate-product-model.js';
export {
  monteCarloProductModel,
  sampleAmount,
  type MonteCarloOptions,
  type MonteCarloResult,
} from './monte-carlo-product-model.js';
export {
  productModelSupplyChain,
  ProductModelSupplyChain,
  type SankeyLink,
  type SankeyNode,
  type SupplyChainBackground,
  type SupplyChainOptions,
  type SupplyChainSankey,
  type UpstreamNodeKind,
  type UpstreamTreeNode,
} from './product-model-supply-chain.js';
