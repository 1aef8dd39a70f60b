/** Stable codes of {@link FormulaError}; safe to switch on and to show in reports. */
export type FormulaErrorCode =
  | 'FORMULA_SYNTAX'
  | 'FORMULA_UNKNOWN_VARIABLE'
  | 'FORMULA_UNKNOWN_FUNCTION'
  | 'FORMULA_ARITY'
  | 'FORMULA_CYCLE'
  | 'FORMULA_NOT_FINITE'
  | 'FORMULA_TOO_COMPLEX';

/**
 * Thrown when a formula cannot be parsed or evaluated, or when parameters depend on each other in a cycle.
 *
 * `position` is the 0-based character offset in `formula` the error is about (-1 when it is about no single
 * place, e.g. a cycle); the message gives it as a 1-based column and says how to fix the formula.
 *
 * @example
 * try {
 *   evaluateFormula('2 * (3 + x', () => undefined);
 * } catch (e) {
 *   if (e instanceof FormulaError) console.log(e.code, e.position); // FORMULA_SYNTAX 4
 * }
 */
export class FormulaError extends Error {
  readonly code: FormulaErrorCode;
  readonly position: number;
  /** The formula text, when the error is about one formula. */
  readonly formula: string | undefined;
  /** Names concerned, lower-cased: the unknown variable or function, or the parameters of a cycle in order. */
  readonly names: readonly string[];

  constructor(
    code: FormulaErrorCode,
    message: string,
    options: { position?: number; formula?: string; names?: readonly string[] } = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.position = options.position ?? -1;
    this.formula = options.formula;
    this.names = options.names ?? [];
  }
}

/** "at column 5 of `a + * b`", the place of an error in words; columns are 1-based as editors count them. */
export function describePosition(formula: string, position: number): string {
  const shown = formula.length > 80 ? `${formula.slice(0, 77)}…` : formula;
  return `at column ${position + 1} of \`${shown}\``;
}

/**
 * Builds an error whose message reads "<problem> at column N of `formula`: <fix>", so every message says where
 * and how to fix.
 */
export function formulaErrorAt(
  code: FormulaErrorCode,
  formula: string,
  position: number,
  problem: string,
  fix: string,
  names?: readonly string[],
): FormulaError {
  return new FormulaError(code, `${problem} ${describePosition(formula, position)}: ${fix}`, {
    position,
    formula,
    names,
  });
}
