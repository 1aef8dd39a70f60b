import type { FactorFormulaEvaluator } from './allocation.js';
import type { Diagnostic, DiagnosticCode } from './diagnostics.js';
import {
  evaluateProcessAmounts,
  parameterOverrideKey,
  resolveParameters,
  type FormulaProblem,
  type ParameterResolution,
  type ProcessAmounts,
} from './formula/index.js';
import type { Database, Process } from './model.js';

/** A parameter value that replaces the database's: a global parameter, or one of a process (`processId`). */
export interface ParameterOverride {
  name: string;
  value: number;
  processId?: string;
}

/** Exchange amounts (formulas evaluated) and allocation-factor formulas, per process. */
export interface AmountEvaluator {
  /** Amount of each exchange of `process`, by exchange position, in the exchange's own unit. */
  amounts(process: Process): ArrayLike<number>;
  allocationFactor: FactorFormulaEvaluator;
}

/**
 * Evaluates amount and allocation-factor formulas with the database's global and process parameters and the
 * overrides (through the formula module), reporting every problem as a diagnostic: a failing formula falls back
 * to the stored amount (FORMULA_FAILED), a stored amount that disagrees with its formula is reported
 * (FORMULA_AMOUNT_MISMATCH) and the formula's value used. Global parameters are resolved once.
 * Processes without formulas and parameters keep their stored amounts at no cost.
 */
export function createAmountEvaluator(
  db: Database,
  overrides: readonly ParameterOverride[],
  diagnostics: Diagnostic[],
): AmountEvaluator {
  const overrideMap = new Map<string, number>();
  const processIds = new Set(db.processes.map((p) => p.id));
  for (const o of overrides) {
    if (o.processId !== undefined && !processIds.has(o.processId)) {
      diagnostics.push({
        code: 'PARAMETER_PROBLEM',
        severity: 'warning',
        message: `the parameter override '${o.name}' names process ${o.processId}, which is not in the database; it was ignored. Check the process id.`,
        details: { name: o.name, processId: o.processId },
      });
      continue;
    }
    overrideMap.set(parameterOverrideKey(o.name, o.processId), o.value);
  }
  let globals: ParameterResolution | undefined;
  const resolveGlobals = (): ParameterResolution => {
    if (!globals) {
      globals = resolveParameters(db.parameters, undefined, overrideMap);
      for (const p of globals.problems) diagnostics.push(toDiagnostic(p));
    }
    return globals;
  };
  // Unused global overrides are only found by the global resolution: do it even if no formula needs it.
  if (overrideMap.size > 0 || db.parameters.length > 0) resolveGlobals();
  const evaluated = new Map<string, ProcessAmounts>();

  return {
    amounts(process) {
      const hasFormula =
        process.exchanges.some((e) => e.formula !== undefined && e.formula.trim() !== '') ||
        process.allocationFactors.some((f) => f.formula !== undefined && f.formula.trim() !== '');
      if (!hasFormula && process.parameters.length === 0) return process.exchanges.map((e) => e.amount);
      const result = evaluateProcessAmounts(process, resolveGlobals(), { overrides: overrideMap });
      evaluated.set(process.id, result);
      for (const p of result.problems)
        diagnostics.push(toDiagnostic({ ...p, processId: p.processId ?? process.id }));
      return process.exchanges.map((e) =>
        e.formula !== undefined && e.formula.trim() !== ''
          ? (result.exchanges.get(e.internalId) ?? e.amount)
          : e.amount,
      );
    },
    allocationFactor(process, factor) {
      const result = evaluated.get(process.id);
      const index = process.allocationFactors.indexOf(factor);
      return result && index >= 0 ? result.allocationFactors[index] : undefined;
    },
  };
}

function toDiagnostic(p: FormulaProblem): Diagnostic {
  const code: DiagnosticCode =
    p.code === 'FORMULA_AMOUNT_MISMATCH'
      ? 'FORMULA_AMOUNT_MISMATCH'
      : p.exchangeInternalId !== undefined || p.allocationFactorIndex !== undefined
        ? 'FORMULA_FAILED'
        : 'PARAMETER_PROBLEM';
  const details: Record<string, unknown> = { formulaCode: p.code };
  for (const k of [
    'parameter',
    'exchangeInternalId',
    'allocationFactorIndex',
    'formula',
    'position',
    'stored',
    'computed',
    'fallback',
  ] as const)
    if (p[k] !== undefined) details[k] = p[k];
  const d: Diagnostic = { code, severity: p.severity, message: p.message, details };
  if (p.processId !== undefined) d.processId = p.processId;
  return d;
}
