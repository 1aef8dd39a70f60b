import type { Parameter } from '../model.js';
import { compileFormula, type CompiledFormula, type FormulaScope } from './compile-formula.js';
import { FormulaError, formulaErrorAt } from './formula-error.js';
import { lookupFormulaFunction } from './formula-functions.js';
import type { FormulaProblem } from './formula-problem.js';
import { parseFormula } from './parse-formula.js';

/**
 * Values for formulas, by lower-cased parameter name. Override keys: `name` sets a global input parameter,
 * `processId:name` an input parameter of that process (see {@link parameterOverrideKey}).
 */
export type ParameterOverrides = ReadonlyMap<string, number>;

/** The parameter values one process's formulas see, and what went wrong computing them. */
export interface ParameterResolution {
  /** Visible values by lower-cased name: process parameters shadow global ones. */
  readonly values: ReadonlyMap<string, number>;
  /**
   * Values of the global parameters alone, by lower-cased name. Pass a resolution made without a process as
   * `globals` to later calls, so global formulas are computed (and their problems reported) once.
   */
  readonly globals: ReadonlyMap<string, number>;
  /** `values` as a formula scope. */
  readonly scope: FormulaScope;
  readonly problems: readonly FormulaProblem[];
}

/** Resolves the same parameters repeatedly with different overrides, e.g. once per Monte Carlo iteration. */
export interface ParameterResolver {
  resolve(overrides?: ParameterOverrides): ParameterResolution;
}

/** The part of a process that parameter resolution needs. */
export interface ParameterOwner {
  readonly id?: string;
  readonly parameters: readonly Parameter[];
}

interface Slot {
  readonly param: Parameter;
  readonly key: string;
  readonly isProcess: boolean;
  /** Only for calculated parameters whose formula parsed and whose names all resolve. */
  formula: CompiledFormula | undefined;
  readonly deps: number[];
}

const CONSTANT_NAMES: ReadonlySet<string> = new Set(['pi', 'e', 'true', 'false']);

/**
 * The override key of a parameter: the lower-cased name for a global parameter, `processId:name` for a
 * parameter of a process (process ids contain no ':' in practice; the key is split at its last ':').
 *
 * @example
 * parameterOverrideKey('Concrete', 'b3c1…'); // 'b3c1…:concrete'
 */
export function parameterOverrideKey(name: string, processId?: string): string {
  const key = name.trim().toLowerCase();
  return processId === undefined ? key : `${processId}:${key}`;
}

/**
 * Prepares the resolution of global parameters and, optionally, those of one process: parses every formula,
 * checks every name and orders calculated parameters so that each is computed after those it uses. Problems
 * found here (syntax errors, unknown names, cycles) are reported by every `resolve` call.
 *
 * @param globals global parameters, or the resolution of them made earlier (then only the process's own
 *   parameters are computed, and `name` overrides are not applied again).
 * @example
 * const resolver = compileParameters(db.parameters, process);
 * for (const sample of samples) {
 *   const { scope } = resolver.resolve(sample); // sample: Map<overrideKey, value>
 * }
 */
export function compileParameters(
  globals: readonly Parameter[] | ParameterResolution,
  process?: ParameterOwner,
): ParameterResolver {
  const external = isResolution(globals) ? globals.globals : undefined;
  const processId = process?.id;
  const slots: Slot[] = [];
  const globalIndex = new Map<string, number>();
  const processIndex = new Map<string, number>();
  const staticProblems: FormulaProblem[] = [];

  const label = (p: Parameter, isProcess: boolean) =>
    isProcess
      ? `Parameter '${p.name}'${processId === undefined ? ' of the process' : ` of process ${processId}`}`
      : `Global parameter '${p.name}'`;
  const where = (isProcess: boolean) => (isProcess && processId !== undefined ? { processId } : {});

  const addSlots = (params: readonly Parameter[], index: Map<string, number>, isProcess: boolean) => {
    for (const param of params) {
      const key = param.name.trim().toLowerCase();
      const first = index.get(key);
      if (first !== undefined) {
        staticProblems.push({
          code: 'FORMULA_DUPLICATE_PARAMETER',
          severity: 'warning',
          message:
            `${label(param, isProcess)} has the same name as '${slots[first].param.name}' ` +
            '(names are not case-sensitive); the first one is used: rename or remove the other',
          ...where(isProcess),
          parameter: param.name,
          names: [key],
        });
        continue;
      }
      index.set(key, slots.length);
      slots.push({ param, key, isProcess, formula: undefined, deps: [] });
    }
  };
  if (external === undefined) addSlots(globals as readonly Parameter[], globalIndex, false);
  if (process !== undefined) addSlots(process.parameters, processIndex, true);

  // Parse formulas and link names to the slots they refer to.
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const text = calculatedFormula(slot.param);
    if (text === undefined) continue;
    const fail = (error: FormulaError) =>
      staticProblems.push(
        failure(error, label(slot.param, slot.isProcess), slot.param, where(slot.isProcess)),
      );
    let compiled: CompiledFormula;
    let variables: readonly string[];
    try {
      compiled = compileFormula(text);
      // compileFormula has just parsed the text, so this is a cache hit.
      variables = parseFormula(text).variables;
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      fail(e);
      continue;
    }
    let ok = true;
    for (const name of variables) {
      const dep = slot.isProcess ? (processIndex.get(name) ?? globalIndex.get(name)) : globalIndex.get(name);
      if (dep !== undefined) {
        slot.deps.push(dep);
      } else if (!(external?.has(name) ?? false) && !CONSTANT_NAMES.has(name)) {
        fail(unknownName(text, name, slot.isProcess, processIndex.has(name), processId));
        ok = false;
        break;
      }
    }
    if (ok) slot.formula = compiled;
  }

  const order = orderByDependencies(slots, (component, cycle) => {
    for (const i of component) slots[i].formula = undefined;
    const members = cycle.slice(0, -1).map((i) => slots[i]);
    const names = cycle.map((i) => slots[i].param.name);
    const others = component.filter((i) => !cycle.includes(i)).map((i) => `'${slots[i].param.name}'`);
    const isProcess = members.some((m) => m.isProcess);
    staticProblems.push({
      code: 'FORMULA_CYCLE',
      severity: 'error',
      message:
        `${members.length === 1 ? 'Parameter' : 'Parameters'} ${names.join(' → ')} ` +
        `${members.length === 1 ? 'uses itself' : 'depend on each other in a cycle'}` +
        `${isProcess && processId !== undefined ? ` (process ${processId})` : ''}` +
        `${others.length > 0 ? `, and ${others.join(', ')} take part in it too` : ''}: ` +
        'give one of them a value instead of a formula. Their stored values are used instead.',
      ...where(isProcess),
      parameter: members[0].param.name,
      formula: calculatedFormula(members[0].param),
      names: cycle.map((i) => slots[i].key),
    });
  });

  return {
    resolve(overrides?: ParameterOverrides): ParameterResolution {
      const problems = [...staticProblems];
      const values = new Float64Array(slots.length);
      for (let i = 0; i < slots.length; i++) values[i] = slots[i].param.value;
      if (overrides !== undefined) {
        applyOverrides(overrides, values, problems);
      }
      const lookupGlobal = (name: string): number | undefined => {
        const g = globalIndex.get(name);
        return g !== undefined ? values[g] : external?.get(name);
      };
      const lookupProcess = (name: string): number | undefined => {
        const p = processIndex.get(name);
        return p !== undefined ? values[p] : lookupGlobal(name);
      };
      for (const i of order) {
        const slot = slots[i];
        const formula = slot.formula;
        if (formula === undefined) continue;
        try {
          values[i] = formula(slot.isProcess ? lookupProcess : lookupGlobal);
        } catch (e) {
          if (!(e instanceof FormulaError)) throw e;
          problems.push(failure(e, label(slot.param, slot.isProcess), slot.param, where(slot.isProcess)));
        }
      }
      const globalValues = external ?? new Map<string, number>();
      if (external === undefined) {
        for (const [key, i] of globalIndex) (globalValues as Map<string, number>).set(key, values[i]);
      }
      const visible = new Map(globalValues);
      for (const [key, i] of processIndex) visible.set(key, values[i]);
      return { values: visible, globals: globalValues, scope: (name) => visible.get(name), problems };
    },
  };

  function applyOverrides(overrides: ParameterOverrides, values: Float64Array, problems: FormulaProblem[]) {
    for (const [rawKey, value] of overrides) {
      const colon = rawKey.lastIndexOf(':');
      const forProcess = colon >= 0;
      if (forProcess && rawKey.slice(0, colon) !== processId) continue; // another process's override
      if (!forProcess && external !== undefined) continue; // applied when the globals were resolved
      const name = rawKey
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      const target = (forProcess ? processIndex : globalIndex).get(name);
      const base = { severity: 'warning' as const, ...(forProcess ? where(true) : {}), names: [name] };
      if (target === undefined) {
        const local = !forProcess && processIndex.has(name) && processId !== undefined;
        problems.push({
          ...base,
          code: 'FORMULA_OVERRIDE_UNUSED',
          message: forProcess
            ? `The override '${rawKey}' names no parameter of process ${processId}: check the name`
            : `The override '${rawKey}' names no global parameter: ` +
              (local
                ? `to set the parameter of process ${processId}, use the key '${processId}:${name}'`
                : "check the name; parameters of a process are set with the key 'processId:name'"),
        });
        continue;
      }
      const param = slots[target].param;
      if (calculatedFormula(param) !== undefined) {
        problems.push({
          ...base,
          code: 'FORMULA_OVERRIDE_IGNORED',
          parameter: param.name,
          message:
            `The override '${rawKey}' is ignored: ${label(param, forProcess)} is calculated by the formula ` +
            `\`${param.formula ?? ''}\`; override an input parameter it uses instead`,
        });
        continue;
      }
      if (!Number.isFinite(value)) {
        problems.push({
          ...base,
          code: 'FORMULA_OVERRIDE_IGNORED',
          parameter: param.name,
          message: `The override '${rawKey}' is ignored because its value is ${value}: give a finite number`,
        });
        continue;
      }
      values[target] = value;
    }
  }
}

function isResolution(g: readonly Parameter[] | ParameterResolution): g is ParameterResolution {
  return !Array.isArray(g);
}

/** The formula of a calculated parameter; input parameters (and empty formulas) have none. */
function calculatedFormula(p: Parameter): string | undefined {
  if (p.isInput) return undefined;
  const f = p.formula?.trim();
  return f === undefined || f === '' ? undefined : p.formula;
}

function unknownName(
  text: string,
  name: string,
  isProcess: boolean,
  isProcessParameter: boolean,
  processId: string | undefined,
): FormulaError {
  const pos = findName(text, name);
  const written = pos >= 0 ? text.slice(pos, pos + name.length) : name;
  const fix =
    !isProcess && isProcessParameter
      ? `a global parameter can only use global parameters, and '${written}' belongs to process ${processId ?? ''}`
      : lookupFormulaFunction(name) !== undefined
        ? `'${written}' is a function: call it with parentheses, e.g. ${written}(x)`
        : `define a ${isProcess ? 'process or global' : 'global'} parameter named '${written}', or correct the name (names are not case-sensitive)`;
  return formulaErrorAt(
    'FORMULA_UNKNOWN_VARIABLE',
    text,
    Math.max(pos, 0),
    `Unknown parameter '${written}'`,
    fix,
    [name],
  );
}

/** Offset of `name` as a whole word in `text`, case-insensitively, or -1. */
function findName(text: string, name: string): number {
  const lower = text.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(name, from);
    if (at < 0) return -1;
    const before = at === 0 ? '' : lower[at - 1];
    const after = lower[at + name.length] ?? '';
    if (!/[a-z0-9_]/.test(before) && !/[a-z0-9_]/.test(after)) return at;
    from = at + 1;
  }
}

function failure(
  error: FormulaError,
  label: string,
  param: Parameter,
  where: { processId?: string },
): FormulaProblem {
  return {
    code: error.code,
    severity: 'error',
    message: `${label}: ${error.message}. Its stored value ${param.value} is used instead.`,
    ...where,
    parameter: param.name,
    formula: error.formula ?? param.formula,
    position: error.position,
    names: error.names,
    stored: param.value,
    fallback: param.value,
  };
}

/**
 * Orders calculated slots so that each comes after the slots it uses (Tarjan's strongly connected components,
 * iterative so that a long chain of parameters cannot overflow the stack). Each group of slots that depend on
 * each other is passed to `onCycle` with one closed path through it, `[a, b, …, a]`, and left out of the order.
 */
function orderByDependencies(
  slots: readonly Slot[],
  onCycle: (component: number[], cycle: number[]) => void,
): number[] {
  const n = slots.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const order: number[] = [];
  let counter = 0;
  const active = (i: number) => slots[i].formula !== undefined;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || !active(root)) continue;
    // Each frame: node and the position of the next dependency to visit.
    const frames: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const [v, next] = frame;
      const deps = slots[v].deps;
      if (next < deps.length) {
        frame[1]++;
        const w = deps[next];
        if (!active(w)) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w] === 1) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop() as number;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      if (component.length === 1 && !slots[v].deps.includes(v)) {
        order.push(v);
      } else {
        onCycle(component, cyclePath(slots, component));
      }
    }
  }
  return order;
}

/** A closed path through a strongly connected component, following dependencies: [a, b, c, a]. */
function cyclePath(slots: readonly Slot[], component: readonly number[]): number[] {
  const members = new Set(component);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  let current = Math.min(...component);
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    current = slots[current].deps.find((d) => members.has(d)) as number;
  }
  return [...path.slice(seenAt.get(current)), current];
}
