import { calculateProductModel } from './calculate-product-model.js';
import { ModelError, type ModelErrorCode } from './errors.js';
import type { ModelBackground } from './model-background.js';
import { jsonPointer } from './parse-product-model.js';
import type { ProductModelOptions } from './prepare-product-model.js';
import { Emission, Input, ProductModelDocument } from './product-model-document.js';

/** A problem a calculation of the model would raise: where (JSON pointer), the ModelError code and its message. */
export interface ModelIssue {
  path: string;
  code: ModelErrorCode | string;
  message: string;
  /** Raised only when this scenario is calculated (the base case calculates without it). */
  scenarioId?: string;
}

/** Options of a validation: those of a calculation (without the scenario: every one is checked) and a limit. */
export interface ValidationOptions extends Omit<ProductModelOptions, 'scenarioId'> {
  /** Stop after this many issues (default 100). */
  maxIssues?: number;
}

/** The most issues a validation gathers unless told otherwise. */
export const MAX_ISSUES = 100;

/**
 * Every problem a calculation of a product-model document would raise, without storing anything: the document's
 * schema (all its issues at once, code INVALID_MODEL), then the calculation itself — for the base case and for each
 * scenario — on the background (dataset footprints come from its cache, as a calculation takes them). A calculation
 * stops at its first problem; to find the next ones, the part at fault is set aside (an input or emission replaced
 * by an empty one, a formula by 0, a stage or a scenario value dropped) and the model calculated again, so each
 * issue is exactly what a calculation would raise once the ones before it are fixed. Problems no part can be set
 * aside for (a foreground that cannot be solved, the options) end the search. The foreground is small, so solving it
 * costs next to nothing; it is the only way to find loops that take back more than they make.
 *
 * @example
 * const issues = validateProductModel(json, background);
 * issues[0]; // { path: '/processes/0/inputs/1/unit', code: 'UNIT_MISMATCH', message: "input 'steel' is in 'kWh', …" }
 */
export function validateProductModel(
  value: unknown,
  background: ModelBackground | undefined,
  options: ValidationOptions = {},
): ModelIssue[] {
  const { maxIssues = MAX_ISSUES, ...calculation } = options;
  const parsed = ProductModelDocument.safeParse(value);
  if (!parsed.success)
    return parsed.error.issues.slice(0, maxIssues).map((i) => ({
      path: jsonPointer(i.path),
      code: 'INVALID_MODEL',
      message: i.message,
    }));

  const issues: ModelIssue[] = [];
  const seen = new Set<string>();
  const keyOf = (i: { path: string; code: string; message: string }) => `${i.path}\0${i.code}\0${i.message}`;
  // The base case first, repairing as it goes; each scenario then starts from the base case's repaired document.
  const base = structuredClone(parsed.data);
  const runs: (string | undefined)[] = [undefined, ...parsed.data.scenarios.map((s) => s.id)];
  for (const scenarioId of runs) {
    const document = scenarioId === undefined ? base : structuredClone(base);
    let previous = '';
    while (issues.length < maxIssues) {
      let problem: ModelIssue;
      try {
        calculateProductModel(document, background, { ...calculation, scenarioId });
        break;
      } catch (e) {
        problem = issueOf(e);
      }
      const key = keyOf(problem);
      if (!seen.has(key)) {
        seen.add(key);
        issues.push(scenarioId === undefined ? problem : { ...problem, scenarioId });
      }
      // A repair that changes nothing would find the same problem again.
      if (key === previous || !setAside(document, problem.path)) break;
      previous = key;
    }
  }
  return issues;
}

/** The issue of an error a calculation raised: a ModelError's, or an engine error's code at the document's root. */
function issueOf(e: unknown): ModelIssue {
  if (e instanceof ModelError) return { path: e.path, code: e.code, message: e.message };
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code))
    return { path: '', code, message: e.message };
  throw e;
}

const decode = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** An input that adds nothing and cannot fail: a supplier footprint of 0 kg CO2e per kg, 0 kg of it. */
const emptyInput = (name: string) =>
  Input.parse({
    name,
    amount: 0,
    unit: 'kg',
    source: { kind: 'supplier', pcfExcludingBiogenic: 0, unit: 'kg' },
  });
const emptyEmission = () => Emission.parse({ gas: 'CO2', amount: 0, unit: 'kg' });

/**
 * Sets aside the part of the document at `path` so that a calculation can go past it; false when there is no part
 * to set aside (the problem is the whole foreground's, or the options').
 */
function setAside(document: ProductModelDocument, path: string): boolean {
  const parts = path.split('/').slice(1).map(decode);
  const index = (k: number) => (/^\d+$/.test(parts[k] ?? '') ? Number(parts[k]) : -1);
  if (parts[0] === 'parameters') {
    const parameter = document.parameters[index(1)];
    if (!parameter) return false;
    if (parts[2] === 'uncertainty' && parameter.uncertainty) delete parameter.uncertainty;
    else if (parameter.formula !== undefined && parameter.formula !== '0') parameter.formula = '0';
    else return false;
    return true;
  }
  if (parts[0] === 'scenarios' && parts[2] === 'parameters' && parts.length === 4) {
    const values = document.scenarios[index(1)]?.parameters;
    if (!values || !(parts[3] in values)) return false;
    delete values[parts[3]];
    return true;
  }
  if (parts[0] !== 'processes') return false;
  const process = document.processes[index(1)];
  if (!process) return false;
  if (parts.length === 3 && parts[2] === 'stage' && process.stage !== undefined) {
    delete process.stage;
    return true;
  }
  if (parts[2] === 'output' && parts[3] === 'amount') {
    if (process.output.amount === 1) return false;
    process.output.amount = 1;
    return true;
  }
  if (parts[2] !== 'inputs' && parts[2] !== 'emissions') return false;
  const k = index(3);
  const line = parts[2] === 'inputs' ? process.inputs[k] : process.emissions[k];
  if (!line) return false;
  const field = parts.slice(4).join('/');
  if (field === 'stage' && line.stage !== undefined) delete line.stage;
  else if (field === 'uncertainty' && line.uncertainty !== undefined) delete line.uncertainty;
  else if (field === 'amount' && line.amount !== 0) line.amount = 0;
  else if (parts[2] === 'inputs') {
    const empty = emptyInput(process.inputs[k].name);
    if (JSON.stringify(process.inputs[k]) === JSON.stringify(empty)) return false;
    process.inputs[k] = empty;
  } else {
    const empty = emptyEmission();
    if (JSON.stringify(process.emissions[k]) === JSON.stringify(empty)) return false;
    process.emissions[k] = empty;
  }
  return true;
}
