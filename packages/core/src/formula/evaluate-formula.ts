import { compileFormula, type FormulaScope } from './compile-formula.js';
import type { FormulaAst } from './formula-ast.js';

const emptyScope: FormulaScope = () => undefined;

/**
 * Evaluates a formula (text or parsed tree) with the values of a scope: a function from lower-cased name to
 * value, or a map keyed by lower-cased names. Parsing and compiling are cached, so calling this repeatedly with
 * the same text is cheap; in a hot loop, keep the function from {@link compileFormula} instead.
 *
 * @throws FormulaError when the formula is malformed, uses an unknown name, or gives NaN or ±Infinity.
 * @example
 * evaluateFormula('2 * Mass + 1', new Map([['mass', 3]])); // 7
 * evaluateFormula('if(x > 0; 1; -1)', (name) => (name === 'x' ? -5 : undefined)); // -1
 */
export function evaluateFormula(
  formula: FormulaAst | string,
  scope: FormulaScope | ReadonlyMap<string, number> = emptyScope,
): number {
  const compiled = compileFormula(formula);
  if (typeof scope === 'function') return compiled(scope);
  return compiled((name) => scope.get(name));
}
