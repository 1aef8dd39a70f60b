import type { FormulaAst } from './formula-ast.js';
import { parseFormula } from './parse-formula.js';

/**
 * The lower-cased names a formula references, each once, in order of first use. Includes `pi`, `e`, `true`
 * and `false` when used as names, because a parameter of that name takes precedence over the constant.
 * Function names are not included.
 *
 * @example
 * formulaVariables('Concrete * Cement_Fraction + concrete'); // ['concrete', 'cement_fraction']
 */
export function formulaVariables(formula: FormulaAst | string): string[] {
  const ast = typeof formula === 'string' ? parseFormula(formula) : formula;
  return [...ast.variables];
}
