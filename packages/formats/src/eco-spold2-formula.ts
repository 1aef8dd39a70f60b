import { FormulaError, parseFormula } from '@opencfp/core';

/** A formula OpenCFP can evaluate, with the (lower-cased) variables it uses; or why it cannot be used. */
export type EcoSpold2Formula = { formula: string; variables: readonly string[] } | { problem: string };

// Constants of the formula language: variables in the syntax tree, but never undefined.
const CONSTANTS = new Set(['pi', 'e', 'true', 'false']);

/**
 * Checks an EcoSpold 2 `mathematicalRelation` for use as an openLCA-syntax formula.
 *
 * ecoinvent's formulas already use openLCA's syntax for what they share: `+ - * / ^`, parentheses, `;` between
 * function arguments, `IF(c;a;b)`, `ABS SQRT EXP LN LOG MIN MAX SUM …` in any case (the evaluator ignores case).
 * What it cannot evaluate is refused, like openLCA's import does: references to other fields (`Ref('…')`),
 * `LiveLink…` and `UnitConversion(…)` calls, and any comma — EcoSpold 2 separates arguments with ';', so a comma
 * is most likely a decimal comma that would silently change the value. Everything else must parse.
 *
 * @example
 * checkEcoSpold2Formula('IF(a > 1; a^2; LN(b))'); // { formula: 'IF(a > 1; a^2; LN(b))', variables: ['a', 'b'] }
 * checkEcoSpold2Formula("Ref('6d9e…')");          // { problem: 'it refers to another field …' }
 */
export function checkEcoSpold2Formula(text: string): EcoSpold2Formula {
  const formula = text.trim();
  if (/\bref\s*\(/i.test(formula))
    return { problem: "it refers to another field of the dataset (Ref('…')), which OpenCFP cannot resolve" };
  if (/livelink/i.test(formula)) return { problem: 'it is a LiveLink to an external source' };
  if (/unitconversion\s*\(/i.test(formula))
    return { problem: 'it calls UnitConversion(…), which OpenCFP does not have' };
  if (formula.includes(','))
    return {
      problem:
        "it contains ',' which EcoSpold 2 does not use between arguments (';'); as a decimal comma it would change the value",
    };
  try {
    const ast = parseFormula(formula);
    return { formula, variables: ast.variables.filter((v) => !CONSTANTS.has(v)) };
  } catch (e) {
    if (e instanceof FormulaError) return { problem: e.message };
    throw e;
  }
}

/**
 * The formula for the same quantity with its sign turned, written so that turning it twice gives the original
 * (used when an ecoinvent waste exchange is turned round).
 *
 * @example
 * negateFormula('a * 2');        // '-1 * (a * 2)'
 * negateFormula('-1 * (a * 2)'); // 'a * 2'
 */
export function negateFormula(formula: string): string {
  const m = /^-1 \* \((.*)\)$/s.exec(formula);
  if (m) {
    // Only unwrap when the parentheses enclose the whole rest, not '-1 * (a) + (b)'.
    let depth = 0;
    let whole = true;
    for (const c of m[1]) {
      if (c === '(') depth++;
      else if (c === ')' && --depth < 0) {
        whole = false;
        break;
      }
    }
    if (whole && depth === 0) return m[1];
  }
  return `-1 * (${formula})`;
}
