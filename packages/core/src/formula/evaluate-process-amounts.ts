import type { Parameter, Process } from '../model.js';
import { compileFormula } from './compile-formula.js';
import type { ParameterOverrides, ParameterResolution } from './compile-parameters.js';
import type { FormulaScope } from './compile-formula.js';
import { resolveParameters } from './resolve-parameters.js';
import { FormulaError } from './formula-error.js';
import type { FormulaProblem } from './formula-problem.js';

export interface ProcessAmountsOptions {
  /** Override values of input parameters; see `resolveParameters`. Ignored when `parameters` is given. */
  overrides?: ParameterOverrides;
  /**
   * The process's parameters, already resolved (e.g. by a resolver in a Monte Carlo loop). Their problems are
   * then not repeated in the result.
   */
  parameters?: ParameterResolution;
  /** Relative difference above which a stored value is reported as disagreeing with its formula; 1e-6. */
  tolerance?: number;
  /**
   * Report stored values that disagree with their formulas (default true). Turn off when the parameters are
   * deliberately changed, as in Monte Carlo or scenarios, where every such value would disagree.
   */
  reportMismatches?: boolean;
}

/** The amounts of one process after evaluating its formulas. */
export interface ProcessAmounts {
  readonly processId: string;
  /** Amount of every exchange by internal id: its formula's value, or the stored amount without a formula. */
  readonly exchanges: ReadonlyMap<number, number>;
  /** Value of every allocation factor, in the order of `process.allocationFactors`. */
  readonly allocationFactors: readonly number[];
  readonly parameters: ParameterResolution;
  /** Parameter problems (unless `options.parameters` was given), then exchange and allocation ones. */
  readonly problems: readonly FormulaProblem[];
}

/**
 * Evaluates the formulas of a process's exchange amounts and allocation factors with its parameters. A formula
 * that fails falls back to the stored value and is reported as an error; a stored value that disagrees with its
 * formula by more than `tolerance` (relative) is reported as FORMULA_AMOUNT_MISMATCH, and the formula's value
 * is used, as openLCA does.
 *
 * @example
 * const { exchanges, problems } = evaluateProcessAmounts(process, db.parameters);
 * const amount = exchanges.get(exchange.internalId);
 */
export function evaluateProcessAmounts(
  process: Process,
  globals: readonly Parameter[] | ParameterResolution,
  options: ProcessAmountsOptions = {},
): ProcessAmounts {
  const tolerance = options.tolerance ?? 1e-6;
  const reportMismatches = options.reportMismatches ?? true;
  const parameters = options.parameters ?? resolveParameters(globals, process, options.overrides);
  const problems: FormulaProblem[] = options.parameters === undefined ? [...parameters.problems] : [];
  const scope = parameters.scope;
  const processId = process.id;

  const evaluate = (
    formula: string,
    stored: number,
    what: string,
    place: { exchangeInternalId: number } | { allocationFactorIndex: number },
  ): number => {
    let computed: number;
    try {
      computed = run(formula, scope);
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      problems.push({
        code: e.code,
        severity: 'error',
        message: `${what} of process ${processId}: ${e.message}. Its stored value ${stored} is used instead.`,
        processId,
        ...place,
        formula,
        position: e.position,
        names: e.names,
        stored,
        fallback: stored,
      });
      return stored;
    }
    if (reportMismatches && relativeDifference(stored, computed) > tolerance) {
      problems.push({
        code: 'FORMULA_AMOUNT_MISMATCH',
        severity: 'warning',
        message:
          `${what} of process ${processId}: the stored value ${stored} differs from its formula ` +
          `\`${formula}\` = ${computed}; the formula's value is used. Update the stored value or the formula ` +
          'so that they agree.',
        processId,
        ...place,
        formula,
        stored,
        computed,
      });
    }
    return computed;
  };

  const exchanges = new Map<number, number>();
  for (const exchange of process.exchanges) {
    const formula = nonEmpty(exchange.formula);
    exchanges.set(
      exchange.internalId,
      formula === undefined
        ? exchange.amount
        : evaluate(formula, exchange.amount, `The amount of exchange ${exchange.internalId}`, {
            exchangeInternalId: exchange.internalId,
          }),
    );
  }
  const allocationFactors = process.allocationFactors.map((factor, index) => {
    const formula = nonEmpty(factor.formula);
    if (formula === undefined) return factor.value;
    const target =
      factor.exchangeInternalId !== undefined
        ? `, exchange ${factor.exchangeInternalId}`
        : factor.exchangeFlowId !== undefined
          ? `, flow ${factor.exchangeFlowId}`
          : '';
    return evaluate(
      formula,
      factor.value,
      `The ${factor.method} allocation factor ${index} (product ${factor.productId}${target})`,
      { allocationFactorIndex: index },
    );
  });
  return { processId, exchanges, allocationFactors, parameters, problems };
}

function run(formula: string, scope: FormulaScope): number {
  return compileFormula(formula)(scope);
}

function nonEmpty(formula: string | undefined): string | undefined {
  return formula === undefined || formula.trim() === '' ? undefined : formula;
}

/** |a − b| relative to the larger magnitude; 0 when both are 0. */
function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
