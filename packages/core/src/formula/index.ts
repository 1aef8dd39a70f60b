// Public API of the formula module; packages/core/src/index.ts re-exports it.
export { FormulaError, type FormulaErrorCode } from './formula-error.js';
export type {
  FormulaAst,
  FormulaNode,
  NumberNode,
  VariableNode,
  UnaryNode,
  UnaryOperator,
  BinaryNode,
  BinaryOperator,
  CallNode,
} from './formula-ast.js';
export { parseFormula, clearFormulaCache, FORMULA_LIMITS } from './parse-formula.js';
export { compileFormula, type CompiledFormula, type FormulaScope } from './compile-formula.js';
export { evaluateFormula } from './evaluate-formula.js';
export { formulaVariables } from './formula-variables.js';
export { lookupFormulaFunction, formulaFunctionNames, type FormulaFunction } from './formula-functions.js';
export type { FormulaProblem, FormulaProblemCode } from './formula-problem.js';
export { resolveParameters } from './resolve-parameters.js';
export {
  compileParameters,
  parameterOverrideKey,
  type ParameterOverrides,
  type ParameterResolution,
  type ParameterResolver,
  type ParameterOwner,
} from './compile-parameters.js';
export {
  evaluateProcessAmounts,
  type ProcessAmounts,
  type ProcessAmountsOptions,
} from './evaluate-process-amounts.js';
