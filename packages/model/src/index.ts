export { ModelError, type ModelErrorCode, type ModelProblem } from './errors.js';
export {
  commonUnit,
  commonUnitFactor,
  commonUnitTable,
  COMMON_UNIT_DIMENSIONS,
  type CommonUnitDimension,
} from './common-units.js';
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
  DataQuality,
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
  type ModelDataQuality,
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
export {
  modelBackground,
  type BackgroundSampleOptions,
  type BackgroundSamples,
  type DatasetFootprint,
  type ModelBackground,
} from './model-background.js';
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
  productModelDataQuality,
  applyPedigreeUncertainty,
  type LineDataQuality,
  type LinePedigree,
  type ProductModelDataQuality,
} from './model-data-quality.js';
export {
  amountAt,
  monteCarloProductModel,
  sampleAmount,
  type ModelContributionAnalysis,
  type ModelInputContribution,
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
export {
  validateProductModel,
  MAX_ISSUES,
  type ModelIssue,
  type ValidationOptions,
} from './validate-product-model.js';
export {
  parameterSensitivity,
  type ParameterSensitivity,
  type ParameterSensitivityResult,
  type SensitivityOptions,
} from './parameter-sensitivity.js';
export {
  methodChoices,
  type MethodAspect,
  type MethodChoiceRow,
  type MethodChoicesOptions,
  type MethodChoicesResult,
} from './method-choices.js';
export {
  modelBackgroundFactory,
  type BackgroundChoice,
  type ModelBackgroundFactory,
} from './model-background-factory.js';
