/**
 * @opencfp/core — the LCA model and calculation (no I/O).
 *
 * @example
 * import { Calculator } from '@opencfp/core';
 * const result = new Calculator(db).calculate({ processId: 'p-frame' });
 */
export * from './model.js';
export * from './errors.js';
export * from './diagnostics.js';
export { UnitIndex, referenceFactor } from './units.js';
export type { ConversionProblem, ReferenceUnit } from './units.js';
export { ALLOCATION_OPTIONS, planAllocation } from './allocation.js';
export type { AllocationOption, AllocationPlan, FactorFormulaEvaluator } from './allocation.js';
export type { ParameterOverride } from './process-amounts.js';
export { buildMatrices, PROVIDER_LINKING_OPTIONS } from './product-system.js';
export type {
  BuildOptions,
  MatrixEntryTracer,
  CutoffRow,
  ElementaryRow,
  LcaMatrices,
  LinkKind,
  ProcessProduct,
  ProviderLinking,
  TechLink,
} from './product-system.js';
export { impactMatrix } from './impact-matrix.js';
export type { ImpactMatrix, ImpactFormulaEvaluator } from './impact-matrix.js';
export { Calculator, defaultSolver } from './calculator.js';
export type { CalculationOptions, Demand } from './calculator.js';
export { LciResult } from './lci-result.js';
export type {
  Contribution,
  CutoffEntry,
  DemandInfo,
  FlowContribution,
  ImpactEntry,
  InventoryEntry,
  LciResultJson,
  ScalingEntry,
  TagGroup,
  Target,
} from './lci-result.js';
export { UpstreamTree } from './upstream-tree.js';
export type { UpstreamNode, UpstreamNodeJson } from './upstream-tree.js';
export { negativeScalingDiagnostics } from './negative-scaling.js';
export { reachableColumns } from './supply-chain.js';
export { processProductIndex, searchWords } from './process-product-index.js';
export type { ProcessProductEntry, ProcessProductIndex } from './process-product-index.js';
export * from './formula/index.js';
export * from './uncertainty/index.js';
export * from './data-quality/index.js';
// Test support (no I/O, no node:assert): build small databases in code, here and in other packages' tests.
export { DatabaseBuilder, ProcessBuilder } from './test-support/database-builder.js';
export type { ExchangeOptions, FlowOptions, ProcessOptions } from './test-support/database-builder.js';
