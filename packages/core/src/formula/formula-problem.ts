import type { FormulaErrorCode } from './formula-error.js';

/**
 * Codes of {@link FormulaProblem}: those of FormulaError, plus findings that are not failures of one formula.
 * - FORMULA_AMOUNT_MISMATCH: a stored amount or allocation factor differs from what its formula gives.
 * - FORMULA_DUPLICATE_PARAMETER: two parameters of one scope share a name (case-insensitively); the first wins.
 * - FORMULA_OVERRIDE_UNUSED: an override names no parameter.
 * - FORMULA_OVERRIDE_IGNORED: an override names a calculated parameter, or has no finite value.
 */
export type FormulaProblemCode =
  | FormulaErrorCode
  | 'FORMULA_AMOUNT_MISMATCH'
  | 'FORMULA_DUPLICATE_PARAMETER'
  | 'FORMULA_OVERRIDE_UNUSED'
  | 'FORMULA_OVERRIDE_IGNORED';

/**
 * One finding of parameter resolution or amount evaluation, as plain data for reports. `error` means a
 * formula could not be used and `fallback` (the stored value) was used instead; `warning` means the result is
 * usable but probably not what the data's author intended.
 */
export interface FormulaProblem {
  readonly code: FormulaProblemCode;
  readonly severity: 'error' | 'warning';
  /** Says what is wrong, where, and how to fix it. */
  readonly message: string;
  readonly processId?: string;
  /** The parameter concerned, named as in the data. */
  readonly parameter?: string;
  readonly exchangeInternalId?: number;
  /** Index in `Process.allocationFactors`. */
  readonly allocationFactorIndex?: number;
  readonly formula?: string;
  /** 0-based offset in `formula`. */
  readonly position?: number;
  /** Lower-cased names concerned: the unknown name, or the parameters of a cycle in order. */
  readonly names?: readonly string[];
  /** The value stored in the data. */
  readonly stored?: number;
  /** The value the formula gives. */
  readonly computed?: number;
  /** The value used because the formula could not be. */
  readonly fallback?: number;
}
