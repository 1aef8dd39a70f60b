import type { Parameter } from '../model.js';
import {
  compileParameters,
  type ParameterOverrides,
  type ParameterOwner,
  type ParameterResolution,
} from './compile-parameters.js';

/**
 * Resolves the parameters of the global scope and, when given, of one process: input parameters take their
 * value (or an override), calculated ones are computed in dependency order; process parameters shadow global
 * ones of the same name. Never throws for bad data: a parameter whose formula fails keeps its stored value and
 * the failure is listed in `problems`.
 *
 * @param overrides by override key: `name` for a global input parameter, `processId:name` for one of the
 *   process (see {@link parameterOverrideKey}); keys of other processes are skipped.
 * @example
 * const { values, problems } = resolveParameters(db.parameters, process, new Map([['concrete', 8e6]]));
 * values.get('portland_cement');
 */
export function resolveParameters(
  globals: readonly Parameter[] | ParameterResolution,
  process?: ParameterOwner,
  overrides?: ParameterOverrides,
): ParameterResolution {
  return compileParameters(globals, process).resolve(overrides);
}
